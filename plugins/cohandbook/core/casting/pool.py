"""The talent pool as casting sees it: each person's skills, current load and most recent squad.

Load counts what a person is committed to right now: modules they hold claimed (claimed or overdue, in any
handbook) plus the active squads they are in. A dissolved squad no longer counts, which is what puts its
members back in the pool. `last_squad` is the formed date of their most recent squad, active or not, so
casting can give people who just finished a squad a rest.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from ..domain.lifecycle import HELD_STATES, NEEDED_STATES
from ..domain.model import Handbook, Repository
from ..domain.progress import ModuleRow, module_rows
from .search import Candidate

# Modules whose skills `--handbook` asks for: the work nobody is doing (open) or that stalled (overdue).


def talent_pool(repo: Repository, today: date) -> list[Candidate]:
    rows = [row for handbook in repo.handbooks for row in module_rows(repo, handbook, today)]
    load = claim_counts(rows) + active_squad_counts(repo)
    last = last_squads(repo)
    return [
        Candidate(handle, frozenset(person.skills), load[handle], last.get(handle))
        for handle, person in repo.contributors.items()
    ]


def claim_counts(rows: list[ModuleRow]) -> Counter[str]:
    return Counter(handle for row in rows if row.state in HELD_STATES for handle in set(row.contributors))


def active_squad_counts(repo: Repository) -> Counter[str]:
    return Counter(handle for squad in repo.squads.values() if squad.active for handle in set(squad.handles))


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
