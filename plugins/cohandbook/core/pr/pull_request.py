"""A pull request as the rules see it: both revisions as read from git objects, and what changed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..domain.model import Repository
from ..read.reader import FileRules
from ..read.sources import Change, Entry


@dataclass(frozen=True, slots=True)
class Revision:
    """One side of a pull request: what was read from it, and a way to read more."""

    repo: Repository
    entries: dict[str, Entry]
    read: Callable[[str], bytes]


@dataclass(frozen=True, slots=True)
class PullRequest:
    handles: frozenset[str]  # the author's handles in the talent pool (on the base)
    base: Revision
    head: Revision
    changes: tuple[Change, ...]
    cap: int
    rules: FileRules = field(default_factory=FileRules)
