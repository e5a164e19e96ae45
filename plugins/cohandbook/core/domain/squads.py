"""Squads: which handbook each one makes, who may create its modules, and what its honor page shows.

The blueprint decides: a handbook whose `handbook.yml` says `squad: <id>` is made by that squad's members
only (claims, pull requests and validation all ask `squad_members_of`). The squad file's `handbook:` says what
the squad makes, for its pages; while the squad is active the two must agree, and `cohandbook squad form
--handbook` writes both sides.
"""

from __future__ import annotations

from dataclasses import dataclass

from .credits import HandbookCredits, WorkCredits
from .model import Handbook, Repository, Squad
from .progress import Progress

SQUAD_SIZE = (3, 5)


def squad_members_of(repo: Repository, handbook: Handbook) -> frozenset[str] | None:
    """Who may be credited on a squad handbook's modules; None when the handbook is open to everyone.

    The squad the blueprint names, plus earlier squads whose file names this handbook: work that a previous
    season's squad made stays theirs when a new squad takes over. Claiming new modules is for the current
    squad only (see `claims`).
    """
    squad = repo.squads.get(handbook.squad) if handbook.squad else None
    if squad is None:
        return None
    earlier = (s.handles for s in repo.squads.values() if s.handbook == handbook.id)
    return frozenset(squad.handles).union(*earlier)


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
