"""The trusted check's view of a pull request: who GitHub says it is, and its commits as git objects.

Used by `cohandbook judge` (no write token) and by the bot's report (write token, reads no pull-request
file). The number and head come from GitHub: the `pull_request_target` event, or for a dispatched check
(the bot's own hand-ins, an operator's rerun) `GET /repos/{owner}/{repo}/pulls/{n}`.
"""

from __future__ import annotations

import logging

from ..core.bot.events import PullCheckEvent
from ..core.pr.trusted import NotAPullRequest, PullTarget, pull_target
from .api import GitHub, GitHubError
from .git import Git, GitFailure

log = logging.getLogger("cohandbook.bot")

CHECK_WORKFLOW = "check.yml"  # .github/workflows/check.yml, the trusted check


def resolve_pull(event: PullCheckEvent, github: GitHub, repository: str) -> PullTarget:
    """The pull request this run is about: the event's, or (dispatched) GitHub's answer for its number."""
    target = event.pull or pull_target(github.pull(event.number))
    if target.number != event.number or target.base_repo.lower() != repository.lower():
        raise NotAPullRequest(f"pull request #{event.number} is not one of {repository}")
    return target


def fetch_head(git: Git, target: PullTarget) -> None:
    """The pull request's commits into the object store, under a ref of our own; nothing is checked out."""
    ref = f"refs/cohandbook/pull/{target.number}"
    git.run("fetch", "--no-tags", "--quiet", "origin", f"+refs/pull/{target.number}/head:{ref}")
    if git.run("cat-file", "-e", f"{target.head_sha}^{{commit}}", check=False).returncode != 0:
        raise GitFailure(f"pull request #{target.number} moved on: {target.head_sha[:12]} is not its head any more")


def request_check(github: GitHub, number: int | None, branch: str, ref: str) -> bool:
    """Start the trusted check on the bot's own pull request: one opened or updated with GITHUB_TOKEN starts
    no workflow by itself. True when GitHub took the request (the check then reports on the pull request)."""
    try:
        number = number or github.open_pull_for(branch)
        if number is None:
            return False
        github.dispatch(CHECK_WORKFLOW, ref, {"pr": str(number)})
    except GitHubError as exc:
        log.error("cohandbook bot: could not start the check of %s: %s", branch, exc)
        return False
    return True
