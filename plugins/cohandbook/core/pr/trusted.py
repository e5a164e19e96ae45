"""The pull request a trusted check judges, as GitHub describes it (the event or `GET /pulls/{n}`).

The trusted check (`.github/workflows/check.yml`) runs the base branch's code. Everything it needs to know
about the pull request (its number, head commit, author, where the head lives) comes from GitHub's own
`pull_request` object, never from anything the pull request or an earlier run wrote. The object is still
read as hostile input: only the fields below, each checked for its shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .handin import BRANCH_PREFIX, JOIN_PREFIX

SHA = re.compile(r"[0-9a-f]{40}")
LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?")
REPO = re.compile(r"[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}")
NUMBER = re.compile(r"[1-9][0-9]{0,8}")
MAX_REF = 255  # git's own limit on a ref name
# The bot's own branches, one per form issue: hand-ins (core/pr/handin.py) and applications to join.
BOT_BRANCH = re.compile(f"(?:{re.escape(BRANCH_PREFIX)}|{re.escape(JOIN_PREFIX)})([1-9][0-9]{{0,8}})")


class NotAPullRequest(ValueError):
    """GitHub's answer is not shaped like a pull request."""


@dataclass(frozen=True, slots=True)
class PullTarget:
    number: int
    head_sha: str
    base_sha: str
    base_ref: str
    author: str  # the login that opened it (`github-actions[bot]` for a hand-in the bot opened)
    head_repo: str  # owner/name where the head lives ('' when the fork was deleted)
    head_ref: str
    base_repo: str
    open: bool = True

    @property
    def same_repo(self) -> bool:
        return bool(self.head_repo) and self.head_repo.lower() == self.base_repo.lower()

    @property
    def handin_issue(self) -> int | None:
        """The form issue (提交 or 加入) of a pull request the bot opened from it: a `[bot]` author and a branch
        named after the issue *in the repository itself*, as GitHub says (a fork cannot make one)."""
        match = BOT_BRANCH.fullmatch(self.head_ref)
        return int(match[1]) if match and self.same_repo and self.author.endswith("[bot]") else None


def dispatched_number(text: object) -> int:
    """The `pr` input of a dispatched check: digits only (a number typed into a form is text)."""
    if not isinstance(text, str) or not NUMBER.fullmatch(text):
        raise NotAPullRequest("the input pr is not a pull-request number")
    return int(text)


def pull_target(pull: Any) -> PullTarget:
    """The fields of a `pull_request` object (the webhook's or the REST API's: they share the shape)."""
    if not isinstance(pull, dict):
        raise NotAPullRequest("no pull_request object")
    head, base = _dict(pull, "head"), _dict(pull, "base")
    head_repo = head.get("repo")  # null when the fork was deleted
    return PullTarget(
        number=_number(pull.get("number")),
        head_sha=_match(SHA, head.get("sha"), "head.sha"),
        base_sha=_match(SHA, base.get("sha"), "base.sha"),
        base_ref=_ref(base.get("ref")),
        author=_match(LOGIN, _dict(pull, "user").get("login"), "user.login"),
        head_repo=_match(REPO, head_repo.get("full_name"), "head.repo") if isinstance(head_repo, dict) else "",
        head_ref=_ref(head.get("ref")),
        base_repo=_match(REPO, _dict(base, "repo").get("full_name"), "base.repo"),
        open=pull.get("state") == "open",
    )


def _dict(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise NotAPullRequest(f"{key} is missing")
    return value


def _number(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 10**9:
        raise NotAPullRequest("number is not a pull-request number")
    return value


def _match(pattern: re.Pattern[str], value: object, what: str) -> str:
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise NotAPullRequest(f"{what} is malformed")
    return value


def _ref(value: object) -> str:
    if not isinstance(value, str) or not value or len(value) > MAX_REF or any(ord(c) < 0x20 for c in value):
        raise NotAPullRequest("a branch name is malformed")
    return value
