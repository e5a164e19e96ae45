"""Squads: which handbook each one makes, who may create its modules, and what its honor page shows.

A handbook belongs to a squad when its blueprint says `squad: <id>` or when a squad file says
`handbook: <handbook-id>`. Either side is enough, so `cohandbook squad form --handbook H` takes effect without
rewriting the operator's blueprint; when both sides are written they must agree (validation checks it).
"""

from __future__ import annotations

from dataclasses import dataclass

from .credits import HandbookCredits, WorkCredits
from .model import Handbook, Repository, Squad
from .progress import Progress

SQUAD_SIZE = (3, 5)


def squads_of_handbook(repo: Repository, handbook: Handbook) -> tuple[Squad, ...]:
    """The squads that make `handbook`, the one its blueprint names first."""
    named = repo.squads.get(handbook.squad) if handbook.squad else None
    others = tuple(s for s in repo.squads.values() if s.handbook == handbook.id and s is not named)
    return ((named,) if named else ()) + others


def squad_members_of(repo: Repository, handbook: Handbook) -> frozenset[str] | None:
    """Who may create the modules of a squad handbook; None when the handbook is open to everyone."""
    squads = squads_of_handbook(repo, handbook)
    if not squads:
        return None
    return frozenset(handle for squad in squads for handle in squad.handles)


def squad_handbook(repo: Repository, squad: Squad) -> Handbook | None:
    """What the squad makes: its own `handbook:` line, or the blueprint that names it."""
    if squad.handbook:
        return repo.handbook(squad.handbook)
    return next((h for h in repo.handbooks if h.squad == squad.id), None)


@dataclass(frozen=True, slots=True)
class MemberView:
    handle: str
    name: str
    role: str  # the squad's own words for what this member does
    known: bool


@dataclass(frozen=True, slots=True)
class SquadView:
    """A squad's page: an active squad at work, or, once dissolved, its honor page."""

    squad: Squad
    members: tuple[MemberView, ...]
    handbook: Handbook | None
    works: tuple[WorkCredits, ...]  # the squad handbook's modules with content on the site
    progress: Progress | None

    @property
    def honor_title(self) -> str:
        return f"{self.squad.name} 荣誉出品"

    @property
    def title(self) -> str:
        return self.squad.name if self.squad.active else self.honor_title

    @property
    def status_label(self) -> str:
        return "进行中" if self.squad.active else "已解散"


def squad_view(
    repo: Repository, squad: Squad, credits: dict[str, HandbookCredits], progress: dict[str, Progress]
) -> SquadView:
    """`credits` and `progress` are per handbook id, computed once per build by the caller."""
    members = tuple(
        MemberView(m.handle, repo.name_of(m.handle), m.role, m.handle in repo.contributors) for m in squad.members
    )
    handbook = squad_handbook(repo, squad)
    if handbook is None:
        return SquadView(squad, members, None, (), None)
    works = credits[handbook.id].by_module if handbook.id in credits else ()
    return SquadView(squad, members, handbook, works, progress.get(handbook.id))
