"""What casting takes and gives: candidates from the talent pool, proposed squads, and argument checks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

RECENCY_WINDOW_DAYS = 90
MAX_NEEDS = 16


@dataclass(frozen=True, slots=True)
class Candidate:
    """One person in the talent pool, as casting sees them."""

    handle: str
    skills: frozenset[str]
    #: active claims + active squads right now
    load: int = 0
    #: date the person's most recent squad formed (None = never)
    last_squad: date | None = None
    #: strikes from the track record: recent lapsed, overdue or late claims (0 = delivers on time)
    record: int = 0


@dataclass(frozen=True, slots=True)
class Proposal:
    """One proposed squad, with the facts that put it where it is in the ranking."""

    #: handles, sorted
    members: tuple[str, ...]
    #: (need, sorted handles covering it) for each covered need, in needs order
    covers: tuple[tuple[str, tuple[str, ...]], ...]
    #: needs nobody in the squad covers, in needs order
    missing: tuple[str, ...]
    #: higher is better; never rises down the ranking (ties only where handles decide)
    score: int
    #: short Chinese sentences explaining the ranking, in ranking-criteria order
    reasons: tuple[str, ...]
    #: 1-based place; proposals that tie on every criterion share it (only handles tell them apart)
    rank: int = 1
    #: True when another proposal has the same rank
    tied: bool = False
    #: the ranking's keys: (needs covered, members, record strikes, load, recency penalty); see explain.place_text
    criteria: tuple[int, int, int, int, int] = (0, 0, 0, 0, 0)


def recency_penalty(last_squad: date | None, today: date) -> int:
    """Cost of putting someone in a new squad: 90 if their last squad formed today, 0 after 90 days.

    Linear so that a squad formed a month ago costs less than one formed last week; never-squadded
    people cost nothing. A date after ``today`` counts as today rather than as a bonus.
    """
    if last_squad is None:
        return 0
    days = (as_day(today) - as_day(last_squad)).days
    return RECENCY_WINDOW_DAYS - min(max(days, 0), RECENCY_WINDOW_DAYS)


def check_size(size: tuple[int, int]) -> tuple[int, int]:
    """Accept only an explicit (minimum, maximum) pair of positive integers, minimum first."""
    if not isinstance(size, tuple | list) or len(size) != 2 or not all(is_int(bound) for bound in size):
        raise ValueError(f"size must be a (minimum, maximum) pair of integers, got {size!r}")
    low, high = size
    if low < 1:
        raise ValueError(f"size: the minimum squad size must be at least 1, got {low}")
    if low > high:
        raise ValueError(f"size: the minimum squad size {low} exceeds the maximum {high}")
    return low, high


def check_top(top: int) -> None:
    """At least one proposal must be asked for, or the call is surely a mistake."""
    if not is_int(top) or top < 1:
        raise ValueError(f"top must be an integer of at least 1, got {top!r}")


def dedupe_needs(needs: Sequence[str]) -> tuple[str, ...]:
    """Keep the first occurrence of each need; a bare string is refused (it would be split into letters)."""
    if isinstance(needs, str):
        # ValueError, not TypeError: callers catch ValueError for every bad argument.
        raise ValueError("needs must be a sequence of skill names, not one string")
    for need in needs:
        if not isinstance(need, str) or not need.strip():
            raise ValueError(f"every need must be a non-empty skill name, got {need!r}")
    wanted = tuple(dict.fromkeys(needs))
    if len(wanted) > MAX_NEEDS:
        raise ValueError(f"at most {MAX_NEEDS} distinct needs are supported, got {len(wanted)}")
    return wanted


def check_pool(pool: Sequence[Candidate]) -> None:
    """Handles identify squads, so they must be unique; a negative load or record would reward being busy."""
    seen: set[str] = set()
    for person in pool:
        if person.handle in seen:
            raise ValueError(f"duplicate handle in pool: {person.handle!r}")
        if not is_int(person.load) or person.load < 0:
            raise ValueError(f"load of {person.handle!r} must be a non-negative integer, got {person.load!r}")
        if not is_int(person.record) or person.record < 0:
            raise ValueError(f"record of {person.handle!r} must be a non-negative integer, got {person.record!r}")
        seen.add(person.handle)


def is_int(value: object) -> bool:
    """True for real integers; ``True`` is not a squad size."""
    return isinstance(value, int) and not isinstance(value, bool)


def as_day(value: date) -> date:
    """Compare calendar days even if a caller hands in a datetime."""
    return value.date() if isinstance(value, datetime) else value
