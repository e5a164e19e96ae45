"""Who is credited for what, from the declared front matter (never from git history).

Git authorship is wrong for this: squash merges, operator uploads for people without GitHub accounts and
co-created modules all hide the real creators. The front matter says who did what, so credit comes from it.

Order of the collective credit line: people appear in the order of the first module they worked on, in
blueprint order (chapter by chapter); within one module, in the order the module lists them. This follows
the handbook's reading order and never changes unless the handbook itself changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .lifecycle import CREDITED_STATES, module_state, visible_on_site
from .model import DEFAULT_ROLE, ROLE_LABELS, Chapter, Credit, Handbook, ModuleSpec, ModuleWork, Repository
from .progress import ModuleRow


@dataclass(frozen=True, slots=True)
class ModuleCredit:
    handle: str
    name: str
    roles: tuple[str, ...]  # role ids; labels via ROLE_LABELS
    known: bool  # False when the handle is not in the talent pool (validation reports it)

    @property
    def role_labels(self) -> tuple[str, ...]:
        return tuple(ROLE_LABELS.get(r, r) for r in self.roles)


def effective_roles(credit: Credit, spec: ModuleSpec) -> tuple[str, ...]:
    return credit.roles or (DEFAULT_ROLE[spec.format],)


def module_credits(repo: Repository, spec: ModuleSpec, work: ModuleWork) -> tuple[ModuleCredit, ...]:
    return tuple(
        ModuleCredit(c.handle, repo.name_of(c.handle), effective_roles(c, spec), c.handle in repo.contributors)
        for c in work.credits
    )


def credited_modules(repo: Repository, handbook: Handbook, today: date) -> list[tuple[ModuleSpec, ModuleWork]]:
    """Modules whose content is on the site, in blueprint order: these earn their makers a credit."""
    found = []
    for _, spec in handbook.modules():
        work = repo.work(handbook.id, spec.id)
        state = module_state(handbook, spec, work, today)
        if work is not None and state in CREDITED_STATES and visible_on_site(handbook, state):
            found.append((spec, work))
    return found


def credited_handles(repo: Repository, handbook: Handbook, today: date) -> list[str]:
    ordered: dict[str, None] = {}
    for _, work in credited_modules(repo, handbook, today):
        for credit in work.credits:
            ordered.setdefault(credit.handle, None)
    return list(ordered)


def credit_line(brand: str, names: list[str]) -> str:
    """ "由 星河汽车 与社区用户 李娜、周凯共同创作"; before anyone has contributed, the brand alone."""
    if not names:
        return f"由 {brand} 创作"
    return f"由 {brand} 与社区用户 {'、'.join(names)}共同创作"


def is_credited(row: ModuleRow) -> bool:
    """The same rule as `credited_modules`, for rows that already carry their state."""
    return row.work is not None and row.state in CREDITED_STATES and visible_on_site(row.handbook, row.state)


@dataclass(frozen=True, slots=True)
class RoleCredits:
    """One role on the credits page: who did it, and on which modules."""

    role: str
    people: tuple[tuple[ModuleCredit, tuple[ModuleSpec, ...]], ...]

    @property
    def label(self) -> str:
        return ROLE_LABELS.get(self.role, self.role)


@dataclass(frozen=True, slots=True)
class WorkCredits:
    chapter: Chapter
    spec: ModuleSpec
    credits: tuple[ModuleCredit, ...]


@dataclass(frozen=True, slots=True)
class HandbookCredits:
    """A handbook's credits page: by role (vocabulary order), then by module (blueprint order)."""

    by_role: tuple[RoleCredits, ...]
    by_module: tuple[WorkCredits, ...]


def handbook_credits(repo: Repository, rows: Iterable[ModuleRow]) -> HandbookCredits:
    by_module = tuple(
        WorkCredits(row.chapter, row.spec, module_credits(repo, row.spec, row.work))
        for row in rows
        if is_credited(row) and row.work is not None
    )
    return HandbookCredits(_by_role(by_module), by_module)


def _by_role(works: tuple[WorkCredits, ...]) -> tuple[RoleCredits, ...]:
    """People within a role keep credit-line order (first credited module), not their order in that role."""
    table: dict[str, dict[str, tuple[ModuleCredit, list[ModuleSpec]]]] = {role: {} for role in ROLE_LABELS}
    order: dict[str, int] = {}
    for work in works:
        for credit in work.credits:
            order.setdefault(credit.handle, len(order))
            for role in credit.roles:
                table.setdefault(role, {}).setdefault(credit.handle, (credit, []))[1].append(work.spec)
    return tuple(
        RoleCredits(
            role, tuple((c, tuple(specs)) for c, specs in sorted(people.values(), key=lambda p: order[p[0].handle]))
        )
        for role, people in table.items()
        if people
    )
