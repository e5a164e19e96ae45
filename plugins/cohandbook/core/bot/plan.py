"""What the bot decided: files to change (one commit), comments to post or edit, labels to add.

Every comment carries a hidden marker, `<!-- cohandbook:… -->`. The runner reads the issue's comments back
before it writes: a comment whose marker is already there is edited in place (`once=False`) or left alone
(`once=True`, for notices), so a rerun never repeats itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.changes import FileChange

if TYPE_CHECKING:
    from .draft import Submission

__all__ = ["NOTHING", "Comment", "FileChange", "Plan", "Proposal", "marker_of", "reply"]

MARKER = re.compile(r"<!-- (cohandbook:[^\s>]+) -->")


@dataclass(frozen=True, slots=True)
class Comment:
    issue: int
    marker: str  # e.g. "cohandbook:claim:guide/kids-seat"; unique per thing said
    body: str
    once: bool = False  # True: post once and never touch again (notices); False: edit the earlier one

    @property
    def text(self) -> str:
        return f"<!-- {self.marker} -->\n{self.body}"


@dataclass(frozen=True, slots=True)
class Proposal:
    """Files to propose on a branch of the repository as a pull request, for an operator to merge."""

    branch: str  # the bot's own, e.g. cohandbook/join-7
    changes: tuple[FileChange, ...]
    message: str  # the commit message
    title: str
    body: str


@dataclass(frozen=True, slots=True)
class Plan:
    changes: tuple[FileChange, ...] = ()
    message: str = ""  # the commit message when there are changes
    comments: tuple[Comment, ...] = ()
    labels: tuple[tuple[int, str], ...] = ()  # (issue, label) pairs to add
    closes: tuple[int, ...] = ()  # issues whose work is done (an accepted module's claim issue)
    log: tuple[str, ...] = ()  # lines for the workflow log (operator-facing)
    failure_issue: int | None = None  # where to say so when carrying out the plan fails
    submission: Submission | None = None  # a hand-in to fetch, convert and open as a pull request
    merge: tuple[int, str] | None = None  # (pull request, head commit) to merge before `changes` are committed
    proposal: Proposal | None = None  # files to open as a pull request (a join), not to commit to the branch

    def __add__(self, other: Plan) -> Plan:
        messages = [m for m in (self.message, other.message) if m]
        return Plan(
            self.changes + other.changes,
            "\n".join(messages),
            self.comments + other.comments,
            self.labels + other.labels,
            self.closes + other.closes,
            self.log + other.log,
            self.failure_issue or other.failure_issue,
            self.submission or other.submission,
            self.merge or other.merge,
            self.proposal or other.proposal,
        )


NOTHING = Plan()


def marker_of(text: str) -> str | None:
    """The marker of a comment the bot wrote earlier, if it has one."""
    match = MARKER.match(text)
    return match[1] if match else None


def reply(issue: int, marker: str, body: str, *, log: str = "") -> Plan:
    """A plan that only answers."""
    return Plan(comments=(Comment(issue, marker, body),), log=(log,) if log else (), failure_issue=issue)
