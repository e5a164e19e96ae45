"""Each module's row (state, claimants, deadline) and each handbook's progress, computed once per build."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .lifecycle import module_state
from .model import Chapter, Handbook, ModuleSpec, ModuleWork, Repository, State


@dataclass(frozen=True, slots=True)
class ModuleRow:
    handbook: Handbook
    chapter: Chapter
    spec: ModuleSpec
    work: ModuleWork | None
    state: State
    today: date

    @property
    def deadline(self) -> date | None:
        return self.handbook.deadline_of(self.spec, self.work)

    @property
    def days_left(self) -> int | None:
        return (self.deadline - self.today).days if self.deadline else None

    @property
    def contributors(self) -> tuple[str, ...]:
        return tuple(c.handle for c in self.work.contributors) if self.work else ()


def module_rows(repo: Repository, handbook: Handbook, today: date) -> list[ModuleRow]:
    """One row per blueprint module, in blueprint order."""
    rows = []
    for chapter, spec in handbook.modules():
        work = repo.work(handbook.id, spec.id)
        rows.append(ModuleRow(handbook, chapter, spec, work, module_state(handbook, spec, work, today), today))
    return rows


@dataclass(frozen=True, slots=True)
class Progress:
    total: int
    required: int
    counts: tuple[tuple[str, int], ...]  # state -> modules, in lifecycle order
    done_required: int

    @property
    def percent(self) -> int:
        """Accepted required modules out of all required ones: what stands between a draft and publishing."""
        return round(100 * self.done_required / self.required) if self.required else 100

    def count(self, state: str) -> int:
        return dict(self.counts).get(state, 0)


def progress(rows: list[ModuleRow]) -> Progress:
    states = ("open", "claimed", "overdue", "submitted", "accepted")
    required = [r for r in rows if not r.spec.optional]
    return Progress(
        total=len(rows),
        required=len(required),
        counts=tuple((s, sum(1 for r in rows if r.state == s)) for s in states),
        done_required=sum(1 for r in required if r.state == "accepted"),
    )
