"""GitHub webhook payloads, read into small frozen values. Every payload field is hostile text.

Only the fields the bot acts on are read; anything malformed raises `EventError`, which the runner logs and
answers with exit code 0, so a broken event never turns into a retry storm.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..pr.trusted import NotAPullRequest, PullTarget, dispatched_number, pull_target
from ..read.limits import ISSUE_BODY_CHARS


class EventError(ValueError):
    """The payload is not shaped like the GitHub event it claims to be."""


@dataclass(frozen=True, slots=True)
class Actor:
    login: str
    is_bot: bool


@dataclass(frozen=True, slots=True)
class IssueEvent:
    """`issues`: an issue opened or edited (a claim form, a submission form)."""

    action: str
    number: int
    title: str
    body: str
    author: Actor
    labels: tuple[str, ...]
    label: str = ""  # the label just added (action "labeled")
    open: bool = True


@dataclass(frozen=True, slots=True)
class CommentEvent:
    """`issue_comment`: a comment on an issue or a pull request."""

    action: str
    number: int
    comment_id: int
    body: str
    author: Actor
    labels: tuple[str, ...]
    on_pull_request: bool
    issue_body: str = ""  # the issue's own text (a form: `/验收` on the 提交 issue, the answers on a 组队 issue)
    issue_author: str = ""


@dataclass(frozen=True, slots=True)
class ScheduleEvent:
    """`schedule` or `workflow_dispatch`: the daily round of reminders."""

    name: str


@dataclass(frozen=True, slots=True)
class PullCheckEvent:
    """The trusted check of a pull request: `pull_request_target`, or `workflow_dispatch` with input `pr`."""

    name: str
    number: int
    pull: PullTarget | None  # GitHub's own description; None when dispatched (the runner asks GitHub)


@dataclass(frozen=True, slots=True)
class Ignored:
    """An event the bot has nothing to do with."""

    name: str


Event = IssueEvent | CommentEvent | ScheduleEvent | PullCheckEvent | Ignored


def parse_event(name: str, payload: Any) -> Event:
    if not isinstance(payload, dict):
        raise EventError("the event file does not hold a JSON object")
    if name == "issues":
        return _issue_event(payload)
    if name == "issue_comment":
        return _comment_event(payload)
    if name in ("pull_request_target", "workflow_dispatch") and _asks_for_a_check(name, payload):
        return _pull_check(name, payload)
    if name in ("schedule", "workflow_dispatch"):
        return ScheduleEvent(name)
    return Ignored(name)


def _issue_event(payload: dict[str, Any]) -> IssueEvent:
    issue = _dict(payload, "issue")
    return IssueEvent(
        action=_str(payload, "action"),
        number=_int(issue, "number"),
        title=_str(issue, "title", optional=True),
        body=_str(issue, "body", optional=True),
        author=_actor(_dict(issue, "user")),
        labels=_labels(issue),
        label=_label_added(payload),
        open=issue.get("state", "open") == "open",
    )


def _label_added(payload: dict[str, Any]) -> str:
    label = payload.get("label")
    name = label.get("name") if isinstance(label, dict) else None
    return name if isinstance(name, str) else ""


def _comment_event(payload: dict[str, Any]) -> CommentEvent:
    issue, comment = _dict(payload, "issue"), _dict(payload, "comment")
    return CommentEvent(
        action=_str(payload, "action"),
        number=_int(issue, "number"),
        comment_id=_int(comment, "id"),
        body=_str(comment, "body", optional=True),
        author=_actor(_dict(comment, "user")),
        labels=_labels(issue),
        on_pull_request=isinstance(issue.get("pull_request"), dict),
        issue_body=_str(issue, "body", optional=True),
        issue_author=_login(issue.get("user")),
    )


def _asks_for_a_check(name: str, payload: dict[str, Any]) -> bool:
    inputs = payload.get("inputs")
    return name == "pull_request_target" or (isinstance(inputs, dict) and "pr" in inputs)


def _pull_check(name: str, payload: dict[str, Any]) -> PullCheckEvent:
    try:
        if name == "pull_request_target":
            pull = pull_target(payload.get("pull_request"))
            return PullCheckEvent(name, pull.number, pull)
        return PullCheckEvent(name, dispatched_number(_dict(payload, "inputs").get("pr")), None)
    except NotAPullRequest as exc:
        raise EventError(str(exc)) from None


def _login(user: Any) -> str:
    return _str(user, "login", optional=True) if isinstance(user, dict) else ""


def _actor(user: dict[str, Any]) -> Actor:
    login = _str(user, "login")
    return Actor(login, user.get("type") == "Bot" or login.lower().endswith("[bot]"))


def _labels(issue: dict[str, Any]) -> tuple[str, ...]:
    labels = issue.get("labels") or []
    if not isinstance(labels, list):
        raise EventError("issue.labels is not a list")
    names = (label.get("name") if isinstance(label, dict) else label for label in labels)
    return tuple(sorted(n for n in names if isinstance(n, str)))


def _dict(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise EventError(f"{key} is missing or not an object")
    return value


def _str(data: dict[str, Any], key: str, *, optional: bool = False) -> str:
    value = data.get(key)
    if value is None and optional:
        return ""
    if not isinstance(value, str):
        raise EventError(f"{key} is missing or not text")
    if len(value) > ISSUE_BODY_CHARS:
        raise EventError(f"{key} is longer than GitHub allows")
    return value


def _int(data: dict[str, Any], key: str) -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise EventError(f"{key} is missing or not a positive number")
    return value
