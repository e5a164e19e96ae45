"""A module's state, derived from the blueprint, its folder and today's date."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .model import Handbook, ModuleSpec, ModuleWork, State

TODAY_VARIABLE = "COHANDBOOK_TODAY"
DEFAULT_TIMEZONE = "Asia/Shanghai"

# The groups of states that rules ask about, named once: the board, profiles, casting and credits share them.
HELD_STATES: tuple[State, ...] = ("claimed", "overdue")  # someone holds the module and has not handed it in
PENDING_STATES: tuple[State, ...] = ("open", *HELD_STATES)  # not handed in: the deadline still matters
NEEDED_STATES: tuple[State, ...] = ("open", "overdue")  # wants someone (new) to make it
CREDITED_STATES: tuple[State, ...] = ("submitted", "accepted")  # work is on the site under its makers' names


def parse_date(value: Any) -> date | None:
    """A calendar date from YAML (already a date) or text written as YYYY-MM-DD; None for anything else."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


class TodayError(ValueError):
    """An override that is not a date, or a timezone name that does not exist."""


def resolve_today(
    override: str | None = None,
    environ: Mapping[str, str] | None = None,
    timezone: str = DEFAULT_TIMEZONE,
    now: datetime | None = None,
    pinned: str | None = None,
) -> date:
    """`--today` wins, then $COHANDBOOK_TODAY, then the plugin's pinned `today:`, then the calendar date in
    the configured timezone.

    Deadlines are calendar days in the brand's timezone, not in the build machine's (CI runs in UTC, which
    would make a Beijing deadline flip eight hours late).
    """
    candidates = ((override, "--today"), ((environ or {}).get(TODAY_VARIABLE), TODAY_VARIABLE), (pinned, "today:"))
    for value, origin in candidates:
        if value:
            parsed = parse_date(value.strip())
            if parsed is None:
                raise TodayError(f"{origin} 的值“{value}”不是日期，请写成 2026-12-31 这样的格式。")
            return parsed
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise TodayError(f"时区“{timezone}”不存在，请写成 Asia/Shanghai 这样的名字。") from None
    return (now or datetime.now(zone)).astimezone(zone).date()


def module_state(handbook: Handbook, spec: ModuleSpec, work: ModuleWork | None, today: date) -> State:
    if work is None or work.status == "open":
        return "open"
    if work.status in ("submitted", "accepted"):
        return work.status  # type: ignore[return-value]
    deadline = handbook.deadline_of(spec, work)
    return "overdue" if deadline is not None and today > deadline else "claimed"


def visible_on_site(handbook: Handbook, state: State) -> bool:
    """A published handbook shows finished work only; a drafting one shows everything, placeholders too."""
    return state == "accepted" if handbook.published else True
