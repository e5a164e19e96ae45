"""`cohandbook people`: the operator's view of the pool, public and hidden, with load and track record.

Operator-facing only: it shows hidden tags and notes, so nothing here may feed a page of the site.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..domain.lifecycle import HELD_STATES, module_state
from ..domain.model import Contributor, Repository
from ..read.history import Lapse
from ..read.private import PersonNotes, PrivateStore
from .record import Handed, TrackRecord, track_records


@dataclass(frozen=True, slots=True)
class Load:
    claims: tuple[str, ...] = ()  # "handbook/module" held right now (claimed or overdue)
    squads: tuple[str, ...] = ()  # active squads, by id

    @property
    def total(self) -> int:
        return len(self.claims) + len(self.squads)


@dataclass(frozen=True, slots=True)
class PersonReport:
    person: Contributor
    hidden_skills: tuple[str, ...]
    notes: PersonNotes | None
    load: Load
    record: TrackRecord

    @property
    def handle(self) -> str:
        return self.person.handle


def current_loads(repo: Repository, today: date) -> dict[str, Load]:
    """What each person is committed to now: modules they hold claimed (any handbook), active squads."""
    claims: dict[str, list[str]] = defaultdict(list)
    for handbook in repo.handbooks:
        for _, spec in handbook.modules():
            work = repo.work(handbook.id, spec.id)
            if work is not None and module_state(handbook, spec, work, today) in HELD_STATES:
                for handle in dict.fromkeys(c.handle for c in work.contributors):
                    claims[handle].append(f"{handbook.id}/{spec.id}")
    squads: dict[str, list[str]] = defaultdict(list)
    for squad in repo.squads.values():
        if squad.active:
            for handle in dict.fromkeys(squad.handles):
                squads[handle].append(squad.id)
    return {h: Load(tuple(claims.get(h, ())), tuple(squads.get(h, ()))) for h in set(claims) | set(squads)}


def people_reports(
    repo: Repository, store: PrivateStore, today: date, lapses: Sequence[Lapse] = (), handed: Handed = None
) -> list[PersonReport]:
    """Everyone in the pool, by handle; `lapses` are released bare claims from the history."""
    loads = current_loads(repo, today)
    records = track_records(repo, today, lapses, handed)
    return [
        PersonReport(
            person,
            tuple(tag for tag in store.hidden_skills(handle) if tag not in person.skills),
            store.people.get(handle),
            loads.get(handle, Load()),
            records.get(handle, TrackRecord()),
        )
        for handle, person in repo.contributors.items()
    ]


def report_json(report: PersonReport, workspaces: dict[str, str] | None = None) -> dict[str, object]:
    record, notes, known = report.record, report.notes, workspaces or {}
    return {
        "handle": report.handle,
        "name": report.person.name,
        "github": report.person.github,
        "skills": list(report.person.skills),
        "hidden_skills": list(report.hidden_skills),
        "notes": notes.notes if notes else "",
        "private": dict(notes.other) if notes else {},
        "load": {"claims": list(report.load.claims), "squads": list(report.load.squads), "total": report.load.total},
        "workspaces": {squad: known[squad] for squad in report.load.squads if squad in known},
        "record": {
            "delivered": record.delivered,
            "on_time": record.count("on-time"),
            "late": record.count("late"),
            "undated": record.count("undated"),
            "lapsed": record.count("lapsed"),
            "overdue": record.count("overdue"),
            "median_days_to_submit": record.median_days,
            "squads_served": list(record.squads),
            "strikes": record.strikes,
            "outcomes": [
                {"module": f"{o.handbook}/{o.module}", "outcome": o.kind, "date": o.ended} for o in record.outcomes
            ],
        },
    }
