"""`cohandbook doctor`: the set-up an operator is responsible for, checked, with what to do in Chinese."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import click

from ..core.ops.setup import (
    EXAMPLE_PATHS,
    FORMS,
    UNSAFE_WORKFLOWS,
    WORKFLOWS,
    LocalFacts,
    Problem,
    github_problems,
    github_slug,
    local_problems,
)
from ..core.read.site_config import config_at
from ..github.api import GitHubError
from .common import EXIT_INPUT, EXIT_OK, Context
from .doctor_github import SettingsReader


@click.command()
@click.option(
    "--token",
    envvar="GITHUB_TOKEN",
    help="GitHub 令牌（默认读环境变量 GITHUB_TOKEN）：有了它还会检查标签、Pages、分支保护和工作流权限。",
)
@click.pass_obj
def doctor(ctx: Context, token: str | None) -> None:
    """检查运营要做的设置（mkdocs.yml、CODEOWNERS、工作流和表单、ffmpeg，给了令牌还查 GitHub 上的设置），说明怎么改。"""
    settings = ctx.settings()
    facts = _local_facts(ctx.root, settings.operators)
    problems = local_problems(facts)
    problems += _github(facts, token) if token else []
    click.echo(_report(problems, checked_github=bool(token)))
    raise SystemExit(EXIT_INPUT if any(p.blocks for p in problems) else EXIT_OK)


def _local_facts(root: Path, operators: tuple[str, ...]) -> LocalFacts:
    github = root / ".github"
    wanted = [
        *(f"workflows/{n}" for n in ("check.yml", *UNSAFE_WORKFLOWS, *WORKFLOWS)),
        *(f"ISSUE_TEMPLATE/{n}" for n in FORMS),
    ]
    examples = [path for path in EXAMPLE_PATHS if (root / path).exists()]
    codeowners = github / "CODEOWNERS"
    return LocalFacts(
        config=config_at(root),  # settings were checked already: a broken file stopped the doctor there
        operators=operators,
        codeowners=codeowners.read_text(encoding="utf-8") if codeowners.is_file() else None,
        remote=_git(root, "remote", "get-url", "origin"),
        remote_branch=_remote_branch(root),
        present=frozenset(p for p in wanted if (github / p).is_file()),
        example_paths=tuple(examples),
        ffmpeg=shutil.which("ffmpeg") is not None,
    )


def _git(root: Path, *args: str) -> str | None:
    """What git says, or None (no git, not a repository, no such remote)."""
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False)
    except OSError:
        return None
    return (done.stdout.strip() or None) if done.returncode == 0 else None


def _remote_branch(root: Path) -> str | None:
    head = _git(root, "symbolic-ref", "--quiet", "refs/remotes/origin/HEAD")  # set by git clone
    return head.removeprefix("refs/remotes/origin/") if head else None


def _github(facts: LocalFacts, token: str) -> list[Problem]:
    slug = github_slug(facts.config.get("repo_url")) or github_slug(facts.remote)
    if slug is None:
        return [Problem(False, "GitHub", "不知道是哪个 GitHub 仓库（先改好 repo_url），没有检查 GitHub 上的设置。", "")]
    reader = SettingsReader(os.environ.get("GITHUB_API_URL", "https://api.github.com"), slug, token)
    try:
        return github_problems(reader.facts())
    except GitHubError as exc:
        return [
            Problem(
                True, "GitHub", f"连不上 GitHub，没有检查 GitHub 上的设置（{exc}）。", "检查网络和令牌后再运行一次。"
            )
        ]
    finally:
        reader.close()


def _report(problems: list[Problem], checked_github: bool) -> str:
    lines = []
    for problem in problems:
        mark = "✗ 要改" if problem.blocks else "! 建议"
        lines.append(f"{mark}｜{problem.topic}：{problem.message}")
        if problem.fix:
            lines.append(f"    怎么改：{problem.fix}")
    blocking = sum(p.blocks for p in problems)
    if not checked_github:
        lines.append("（没有给 GitHub 令牌，GitHub 网页上的设置没有检查：GITHUB_TOKEN=… cohandbook doctor）")
    if blocking:
        lines.append(f"有 {blocking} 处要改：改好以前，车主的认领和交稿会出问题。")
    else:
        lines.append("都设置好了。" + (f"还有 {len(problems)} 条建议。" if problems else ""))
    return "\n".join(lines)
