"""The claim board: what is open, who holds what until when, who is at the claim cap, which skills are wanted.

One set of values feeds the `/board/` page and the `board` command, so the site and the terminal agree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..domain.claims import active_claims
from ..domain.layout import module_form_link
from ..domain.lifecycle import HELD_STATES, PENDING_STATES
from ..domain.model import Handbook, ModuleWork, Repository, Squad
from ..domain.progress import ModuleRow, Progress, module_rows, progress
from ..domain.settings import Settings
from ..domain.squads import active_squad_of


@dataclass(frozen=True, slots=True)
class BoardSection:
    """One handbook on the board."""

    handbook: Handbook
    squad: Squad | None
    rows: tuple[ModuleRow, ...]
    progress: Progress

    @property
    def open_rows(self) -> tuple[ModuleRow, ...]:
        return tuple(r for r in self.rows if r.state == "open")

    @property
    def active_rows(self) -> tuple[ModuleRow, ...]:
        return tuple(r for r in self.rows if r.state in HELD_STATES)

    def open_by_chapter(self) -> list[tuple[str, list[ModuleRow]]]:
        grouped: dict[str, list[ModuleRow]] = {}
        for row in self.open_rows:
            grouped.setdefault(row.chapter.title, []).append(row)
        return list(grouped.items())


def board_sections(repo: Repository, today: date, handbook_id: str | None = None) -> list[BoardSection]:
    chosen = [h for h in repo.handbooks if handbook_id in (None, h.id)]
    return [board_section(repo, h, module_rows(repo, h, today)) for h in chosen]


def board_section(repo: Repository, handbook: Handbook, rows: Sequence[ModuleRow]) -> BoardSection:
    """A handbook's board from rows already computed (the site planner has them for every handbook)."""
    squad = active_squad_of(repo, handbook)  # a dissolved squad's handbook is open to everyone
    return BoardSection(handbook, squad, tuple(rows), progress(list(rows)))


@dataclass(frozen=True, slots=True)
class Load:
    """How many modules one person holds against the cap."""

    handle: str
    name: str
    works: tuple[ModuleWork, ...]
    cap: int

    @property
    def full(self) -> bool:
        return len(self.works) >= self.cap

    @property
    def over(self) -> bool:
        return len(self.works) > self.cap


def claim_loads(repo: Repository, cap: int) -> list[Load]:
    """Everyone holding an active claim, the busiest first."""
    loads = [Load(h, repo.name_of(h), tuple(w), cap) for h, w in active_claims(repo).items()]
    return sorted(loads, key=lambda load: (-len(load.works), load.handle))


def wanted_skills(repo: Repository, sections: list[BoardSection]) -> list[tuple[str, str, int]]:
    """(tag, label, open modules needing it), the most wanted first: whom to invite next."""
    counts = Counter(tag for s in sections for row in s.open_rows for tag in row.spec.skills)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [(tag, repo.skills.get(tag, tag), count) for tag, count in ranked]


def claim_url(settings: Settings, row: ModuleRow) -> str | None:
    """The GitHub issue form for claiming, prefilled; None without a repository to send people to."""
    if not settings.repo_url:
        return None
    handbook, spec = row.handbook, row.spec
    return module_form_link(settings.repo_url, settings.issue_template, "认领", handbook.id, spec.id, spec.title)


def row_dict(row: ModuleRow) -> dict[str, object]:
    """One module as the `board --format json` contract spells it, plus days_left, skills and optional."""
    return {
        "handbook": row.handbook.id,
        "chapter": row.chapter.id,
        "module": row.spec.id,
        "title": row.spec.title,
        "format": row.spec.format,
        "state": row.state,
        "contributors": list(row.contributors),
        "deadline": row.deadline.isoformat() if row.deadline else None,
        "days_left": row.days_left if row.state in PENDING_STATES else None,
        "skills": list(row.spec.skills),
        "optional": row.spec.optional,
    }
