"""One event in, one plan out: which handler answers which event.

To teach the bot a new event, add a (wants, handler) pair to HANDLERS, e.g.
`(issue_with_label("提交"), submission_form)`; the first pair that wants the event handles it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .claiming import CLAIM_LABEL, claim_form
from .comments import comment_command
from .events import CommentEvent, Event, IssueEvent, ScheduleEvent
from .gated import gated
from .joining import JOIN_LABEL, join_form
from .plan import Plan
from .schedule import daily_round
from .squad_invite import SQUAD_LABEL
from .squads import squad_comment, squad_issue, wants_comment
from .submission import SUBMIT_LABEL, submission_form
from .world import World

Handler = Callable[[Any, World], Plan]


def issue_with_label(label: str) -> Callable[[Event], bool]:
    def wants(event: Event) -> bool:
        # "labeled" only for this label: an operator tidying labels on an old issue must not claim again.
        return (
            isinstance(event, IssueEvent)
            and event.open
            and not event.author.is_bot
            and label in event.labels
            and (event.action in ("opened", "edited", "reopened") or (event.action, event.label) == ("labeled", label))
        )

    return wants


HANDLERS: list[tuple[Callable[[Event], bool], Handler]] = [
    (issue_with_label(CLAIM_LABEL), claim_form),
    (issue_with_label(SUBMIT_LABEL), submission_form),
    (issue_with_label(JOIN_LABEL), join_form),
    (issue_with_label(SQUAD_LABEL), squad_issue),
    (wants_comment, squad_comment),
    (lambda e: isinstance(e, CommentEvent), comment_command),
    (lambda e: isinstance(e, ScheduleEvent), daily_round),
]


def decide(event: Event, world: World) -> Plan:
    """The first handler that wants the event decides; its file changes pass the gate (see `gated`)."""
    for wants, handle in HANDLERS:
        if wants(event):
            return gated(handle(event, world), world)
    return Plan(log=(f"{type(event).__name__}: nothing to do",))
