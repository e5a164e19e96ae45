"""`cohandbook bot`: handle one GitHub event, as GitHub Actions hands it over.

The event comes from $GITHUB_EVENT_PATH and $GITHUB_EVENT_NAME (or --event, --event-name); the repository
from $GITHUB_REPOSITORY, the API from $GITHUB_API_URL, the token from $GITHUB_TOKEN.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..core.domain.lifecycle import TodayError
from ..core.domain.settings import SettingsError
from ..github.git import GitFailure
from ..github.run import EXIT_MISCONFIGURED, Misconfigured, Setup, run
from . import github_log
from .common import Context


@click.command()
@click.option(
    "--event",
    "event_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="GitHub 事件的 JSON 文件（默认：$GITHUB_EVENT_PATH）。",
)
@click.option("--event-name", help="事件名，例如 issues（默认：$GITHUB_EVENT_NAME）。")
@click.pass_obj
def bot(ctx: Context, event_path: Path | None, event_name: str | None) -> None:
    """贡献机器人：回应一个 GitHub 事件（认领、留言命令、提醒、合并请求的检查结果）。在 GitHub Actions 里运行。"""
    github_log.configure_logging()
    env = os.environ
    path = event_path or (Path(env["GITHUB_EVENT_PATH"]) if env.get("GITHUB_EVENT_PATH") else None)
    name = event_name or env.get("GITHUB_EVENT_NAME", "")
    try:
        if path is None or not name:
            raise Misconfigured("no event: pass --event and --event-name, or run inside GitHub Actions")
        outcome = run(name, path, Setup.from_env(ctx.root, env), env)
    except (Misconfigured, SettingsError, TodayError, GitFailure) as exc:
        click.echo(github_log.line(f"cohandbook bot: {exc}"), err=True)
        raise SystemExit(EXIT_MISCONFIGURED) from None
    _write_output(env.get("GITHUB_OUTPUT", ""), outcome.pushed)
    raise SystemExit(outcome.code)


def _write_output(path: str, pushed: str) -> None:
    """Tell the workflow whether to rebuild the site: pushes by GITHUB_TOKEN start no other workflow."""
    if path:
        with open(path, "a", encoding="utf-8") as output:
            output.write(f"pushed={'true' if pushed else 'false'}\nsha={pushed}\n")
