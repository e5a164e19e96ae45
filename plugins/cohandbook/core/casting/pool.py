"""The talent pool as casting sees it: each person's skills, track record, current load and most recent squad.

Skills are the public ones plus the hidden tags operators keep in the private store: they count exactly
alike. The track record's strikes (see `ops.record`) rank a person who let recent claims lapse below one who
delivers on time.

Load counts what a person is committed to right now: modules they hold claimed (claimed or overdue, in any
handbook) plus the active squads they are in. A dissolved squad no longer counts, which is what puts its
members back in the pool. `last_squad` is the formed date of their most recent squad, active or not, so
casting can give people who just finished a squad a rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ..domain.lifecycle import NEEDED_STATES
from ..domain.model import Handbook, Repository
from ..domain.progress import module_rows
from ..ops.people import current_loads
from ..ops.record import Handed, track_records
from ..read.history import Lapse
from ..read.private import PrivateStore
from .search import Candidate


def talent_pool(
    repo: Repository,
    today: date,
    store: PrivateStore | None = None,
    lapses: Sequence[Lapse] = (),
    handed: Handed = None,
) -> list[Candidate]:
    """`store` adds hidden tags; `lapses` (released bare claims, from the history) count on track records."""
    loads = current_loads(repo, today)  # the same load `cohandbook people` shows
    last = last_squads(repo)
    records = track_records(repo, today, lapses, handed)
    hidden = store or PrivateStore()
    return [
        Candidate(
            handle,
            frozenset(person.skills) | frozenset(hidden.hidden_skills(handle)),
            loads[handle].total if handle in loads else 0,
            last.get(handle),
            records[handle].strikes if handle in records else 0,
        )
        for handle, person in repo.contributors.items()
    ]


def last_squads(repo: Repository) -> dict[str, date]:
    last: dict[str, date] = {}
    for squad in repo.squads.values():
        for handle in squad.handles:
            if squad.formed and (handle not in last or squad.formed > last[handle]):
                last[handle] = squad.formed
    return last


def handbook_needs(repo: Repository, handbook: Handbook, today: date) -> tuple[str, ...]:
    """Skills of the handbook's modules still waiting for someone (open or overdue), in blueprint order.

    Modules already handed in need nobody, and a module someone is making on time is covered by them; the
    squad is cast for the rest.
    """
    rows = module_rows(repo, handbook, today)
    return tuple(dict.fromkeys(tag for row in rows if row.state in NEEDED_STATES for tag in row.spec.skills))
