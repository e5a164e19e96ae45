"""Squads: which handbook each one makes, who may create its modules, and what its honor page shows.

The blueprint decides: a handbook whose `handbook.yml` says `squad: <id>` is made by that squad's members
only (claims, pull requests and validation all ask `squad_members_of`). The squad file's `handbook:` says what
the squad makes, for its pages; while the squad is active the two must agree, and `cohandbook squad form
--handbook` writes both sides.
"""

from __future__ import annotations

from dataclasses import dataclass

from .credits import HandbookCredits, WorkCredits
from .findings import Level
from .model import Credit, Handbook, ModuleWork, Repository, Squad
from .progress import Progress

SQUAD_SIZE = (3, 5)


def active_squad_of(repo: Repository, handbook: Handbook) -> Squad | None:
    """The squad that makes `handbook` now: the one its blueprint names, while it is active. The one rule
    behind "only members may claim" (claims, the claim cap, check-pr, validation, the board): once the squad
    is dissolved the handbook is open to the whole pool again, though its blueprint still names the squad."""
    squad = repo.squads.get(handbook.squad) if handbook.squad else None
    return squad if squad is not None and squad.active else None


def squad_members_of(repo: Repository, handbook: Handbook) -> frozenset[str] | None:
    """Who may be credited on a squad handbook's modules; None when the handbook is open to everyone.

    The active squad the blueprint names, plus earlier squads whose file names this handbook: work that a
    previous season's squad made stays theirs when a new squad takes over. Claiming new modules is for the
    current squad only (see `claims`).
    """
    squad = active_squad_of(repo, handbook)
    if squad is None:
        return None
    earlier = (s.handles for s in repo.squads.values() if s.handbook == handbook.id)
    return frozenset(squad.handles).union(*earlier)


def outsider_level(repo: Repository, handbook: Handbook, work: ModuleWork, credit: Credit) -> Level | None:
    """How wrong it is that `credit` names someone outside the squad that makes `handbook`; None when fine.

    The squad rule is about new work. Finished (accepted) work keeps its makers whoever they are, and so does
    a claim made before the squad took the handbook over: it was valid when made (`squad form` names such
    claims so the operator can settle them). Released claimants (former contributors) were checked when their
    work was merged.
    """
    members = squad_members_of(repo, handbook)
    if members is None or credit.handle in members or credit not in work.contributors:
        return None
    if work.status == "accepted":
        return None
    squad = repo.squads[handbook.squad or ""]
    if squad.formed and work.claimed and work.claimed <= squad.formed:  # the day it formed: not yet its rule
        return None
    return "error"


def outsiders_at_work(repo: Repository, handbook: Handbook, handles: tuple[str, ...]) -> list[tuple[str, str]]:
    """(module id, handle) of unfinished modules held by people outside `handles`: what a new squad inherits."""
    found = []
    for _, spec in handbook.modules():
        work = repo.work(handbook.id, spec.id)
        if work is not None and work.status in ("claimed", "submitted"):
            found += [(spec.id, c.handle) for c in work.contributors if c.handle not in handles]
    return found


def members_in_other_squads(repo: Repository, handles: tuple[str, ...], squad_id: str) -> list[str]:
    """Who of `handles` is already in another active squad: allowed, but the operator should know."""
    return [h for h in handles if any(s.active and s.id != squad_id and h in s.handles for s in repo.squads.values())]


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
    works: tuple[WorkCredits, ...]  # modules of its handbook with content on the site that credit a member
    progress: Progress | None
    finished: int = 0  # how many of `works` are accepted

    @property
    def honored(self) -> bool:
        """A dissolved squad earns its "荣誉出品" page with finished work, not by merely having existed."""
        return not self.squad.active and self.finished > 0

    @property
    def honor_title(self) -> str:
        return f"{self.squad.name} 荣誉出品"

    @property
    def title(self) -> str:
        return self.honor_title if self.honored else self.squad.name

    @property
    def status_label(self) -> str:
        return "进行中" if self.squad.active else "已解散" if self.honored else "已解散，没有完成的作品"


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
    every = credits[handbook.id].by_module if handbook.id in credits else ()
    # Work by an earlier squad, or by the community before the squad took over or after it dissolved, is not
    # this squad's.
    ours = {spec.id for _, spec in handbook.modules() if made_by(squad, repo.work(handbook.id, spec.id))}
    works = tuple(w for w in every if w.spec.id in ours)
    return SquadView(squad, members, handbook, works, progress.get(handbook.id), finished_work(repo, squad))


def finished_work(repo: Repository, squad: Squad) -> int:
    """Accepted modules of the squad's handbook that credit one of its members: what earns an honor page."""
    handbook = squad_handbook(repo, squad)
    if handbook is None:
        return 0
    works = (repo.work(handbook.id, spec.id) for _, spec in handbook.modules())
    return sum(1 for work in works if work is not None and work.status == "accepted" and made_by(squad, work))


def made_by(squad: Squad, work: ModuleWork | None) -> bool:
    """Whether `work` is the squad's: it credits a member and was claimed while the squad was active (from
    the day it formed to the day it dissolved). Work made before the squad existed is not its honour."""
    if work is None or not any(c.handle in squad.handles for c in work.credits):
        return False
    if work.claimed is None:
        return squad.formed is None
    after_forming = squad.formed is None or work.claimed >= squad.formed
    before_end = squad.dissolved is None or work.claimed <= squad.dissolved
    return after_forming and before_end
