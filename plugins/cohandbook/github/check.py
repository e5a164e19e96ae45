"""The report job of the trusted check: the commit status and the report comment, nothing committed.

The pull request is GitHub's (the event, or `GET /pulls/{n}` for a dispatched check); the verdict is the
judge job's artifact of the same run, read from `$COHANDBOOK_PR_VERDICT` as hostile data; whether the
preview job succeeded comes from `$COHANDBOOK_PREVIEW` (`needs.preview.result`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from pathlib import Path

from ..core.bot.check_report import check_report
from ..core.bot.events import PullCheckEvent
from ..core.bot.plan import Comment
from ..core.bot.world import PrReport, parse_report
from ..core.read.site_config import settings_at
from .api import GitHub, GitHubError
from .trusted import resolve_pull

log = logging.getLogger("cohandbook.bot")
Post = Callable[[GitHub, tuple[Comment, ...]], None]


def report_check(event: PullCheckEvent, root: Path, repository: str, github: GitHub, env: Mapping[str, str],
                 post: Post) -> bool:  # fmt: skip
    """Set the status and post the report; False when GitHub could not be told (the run then fails)."""
    try:
        target = resolve_pull(event, github, repository)
        if not target.open:
            log.info("cohandbook bot: #%s is closed; no report", target.number)
            return True
        settings = settings_at(root)
        previewed = env.get("COHANDBOOK_PREVIEW", "") == "success"
        said = check_report(target, read_verdict(env.get("COHANDBOOK_PR_VERDICT", "")), previewed,
                            run_url(env, repository), settings)  # fmt: skip
        status = said.status
        github.create_status(status.sha, status.state, status.context, status.description, status.target_url)
        post(github, said.plan.comments)
    except (GitHubError, ValueError) as exc:
        log.error("cohandbook bot: no report on #%s: %s", event.number, exc)
        return False
    for line in said.plan.log:
        log.info("cohandbook bot: %s", line)
    return True


def run_url(env: Mapping[str, str], repository: str) -> str:
    server = env.get("GITHUB_SERVER_URL", "").strip().rstrip("/") or "https://github.com"
    run_id = env.get("GITHUB_RUN_ID", "").strip()
    where = f"{server}/{repository}"
    return f"{where}/actions/runs/{run_id}" if run_id.isdigit() else where


def read_verdict(folder: str) -> PrReport | None:
    """The judge's files (`number`, `head_sha`, `findings.json`, `pages`), capped; None when unreadable."""
    if not folder:
        return None
    try:
        files = {name: _read(Path(folder) / name, 1_000_000) for name in ("number", "head_sha", "findings.json")}
        pages = Path(folder) / "pages"  # optional: the module pages the pull request changes, for previews
        if pages.is_file() and not pages.is_symlink():
            files["pages"] = _read(pages, 100_000)
        return parse_report(files)
    except (OSError, ValueError, RecursionError) as exc:
        log.error("cohandbook bot: the trusted check's verdict in %s is unreadable: %s", folder, exc)
        return None


def _read(path: Path, cap: int) -> bytes:
    with path.open("rb") as file:
        return file.read(cap)
