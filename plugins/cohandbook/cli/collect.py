"""`cohandbook collect-previews`: put the trusted check's previews of open pull requests into the site.

Run from a full checkout of the default branch (a run counts only if its workflow file came from a commit
in that history) by the site deploy (`.github/workflows/deploy.yml`) after the strict build, with a
token that may read pull requests and Actions artifacts and nothing else. Previews go under `--into`
(`site/pr-preview`), one folder `pr-<number>/` each; a closed pull request's preview is simply not placed.
Exit 0 (a preview that cannot be placed is logged and left out); 2: no token or repository.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..github.api import GitHub, GitHubError
from ..github.previews import collect, on_branch
from ..github.run import Misconfigured, Setup
from . import github_log
from .common import EXIT_OK, EXIT_USAGE, Context, stderr


@click.command("collect-previews")
@click.option("--into", required=True, type=click.Path(file_okay=False, path_type=Path), help="预览放进这个文件夹。")
@click.pass_obj
def collect_previews(ctx: Context, into: Path) -> None:
    """把可信检查生成的网页预览（仅限打开中的 Pull Request）放进网站，发布在 pr-preview/pr-编号/ 下。"""
    github_log.configure_logging()
    try:
        setup = Setup.from_env(ctx.root, os.environ)
    except Misconfigured as exc:
        stderr(f"cohandbook collect-previews: {exc}")
        raise SystemExit(EXIT_USAGE) from None
    github = GitHub(setup.api_url, setup.repository, setup.token)
    try:
        placed = collect(github, setup.repository, into, on_branch(ctx.root))
    except GitHubError as exc:  # the list of pull requests itself: the site goes out without previews
        stderr(f"cohandbook collect-previews: {exc}")
        placed = []
    finally:
        github.close()
    stderr(f"网页预览：{', '.join(f'#{n}' for n in placed) or '没有'}")
    raise SystemExit(EXIT_OK)
