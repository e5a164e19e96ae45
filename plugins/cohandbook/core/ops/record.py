"""A person's track record, computed from what the repository holds; no separate ledger to keep in sync.

* delivered: modules they are credited on (current contributors) that were handed in (submitted or accepted);
  on time when handed in by the claim's deadline (the claim's own `deadline:` beats the blueprint's), late
  after it, undated when the module has no date to compare;
* lapsed: claims given back (`release`, by hand or by the bot): a claim with work leaves its claimants under
  `former_contributors`; a bare claim's folder is deleted, so those come from the git history (`read.history`);
* overdue now: claims they hold whose deadline has passed;
* days from claim to submission, over the deliveries that have both dates;
* squads served, active or dissolved.

Casting weighs the most recent outcomes (see `strikes`). A release found in the history is dated by its
commit; one found under `former_contributors` just before the module's next claim when there is one, else it
counts as recent (a module that is open again lapsed lately).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..domain.lifecycle import CREDITED_STATES
from ..domain.model import Handbook, ModuleSpec, ModuleWork, Repository
from ..read.history import Lapse

Handed = Mapping[tuple[str, str], date] | None  # (handbook, module) -> the day the base branch saw it handed in
RECORD_WINDOW = 3  # outcomes that casting looks at, most recent first
STRIKE_WEIGHTS = {"on-time": 0, "undated": 0, "late": 1, "overdue": 2, "lapsed": 2}


@dataclass(frozen=True, slots=True)
class Outcome:
    handbook: str
    module: str
    kind: str  # on-time | late | undated | lapsed | overdue
    ended: date | None  # handed in (undated: claimed), released (see module docstring), fell overdue; None: unknown


@dataclass(frozen=True, slots=True)
class TrackRecord:
    outcomes: tuple[Outcome, ...] = ()  # oldest first
    days_to_submit: tuple[int, ...] = ()
    squads: tuple[str, ...] = ()  # every squad served, by id

    def count(self, *kinds: str) -> int:
        return sum(1 for o in self.outcomes if o.kind in kinds)

    @property
    def delivered(self) -> int:
        return self.count("on-time", "late", "undated")

    @property
    def median_days(self) -> float | None:
        return statistics.median(self.days_to_submit) if self.days_to_submit else None

    @property
    def strikes(self) -> int:
        """Weight of the last few outcomes: 0 for someone who delivers on time, 4 after two lapses."""
        return sum(STRIKE_WEIGHTS[o.kind] for o in self.outcomes[-RECORD_WINDOW:])


@dataclass
class _Tally:
    outcomes: list[Outcome] = field(default_factory=list)
    days: list[int] = field(default_factory=list)
    squads: list[str] = field(default_factory=list)


def handed_day(work: ModuleWork, handed: Handed) -> date | None:
    """The day a module was handed in: the day the default branch saw it (`handed`, from its history), or,
    without a history, the front matter's `submitted:`, which the contributor writes."""
    return work.submitted if handed is None else handed.get((work.handbook, work.module))


def track_records(
    repo: Repository, today: date, lapses: Sequence[Lapse] = (), handed: Handed = None
) -> dict[str, TrackRecord]:
    """Every handle that appears anywhere (credits, squads, released claims) with its record.

    `handed`: the day the base branch saw each module handed in (`read.history.handed_in`); with it, the
    `submitted:` a contributor writes is never believed. None (no history): the front matter's date."""
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    planned = {(h.id, spec.id) for h in repo.handbooks for _, spec in h.modules()}
    # A claimed folder deleted along with its module (the operator dropped it from the blueprint) is no lapse.
    for lapse in (x for x in lapses if (x.handbook, x.module) in planned):
        for handle in dict.fromkeys(lapse.handles):
            tallies[handle].outcomes.append(Outcome(lapse.handbook, lapse.module, "lapsed", lapse.on))
    for handbook in repo.handbooks:
        for _, spec in handbook.modules():
            work = repo.work(handbook.id, spec.id)
            if work is not None:
                _tally_work(tallies, handbook, spec, work, today, handed_day(work, handed))
    for squad in repo.squads.values():
        for handle in dict.fromkeys(squad.handles):
            tallies[handle].squads.append(squad.id)
    return {handle: _record(tally) for handle, tally in sorted(tallies.items())}


def _tally_work(
    tallies: dict[str, _Tally], handbook: Handbook, spec: ModuleSpec, work: ModuleWork, today: date, seen: date | None
) -> None:
    deadline = handbook.deadline_of(spec, work)  # the claim's own deadline (`extend`) beats the blueprint's
    current = {c.handle for c in work.contributors}
    if work.status in CREDITED_STATES:  # handed in
        handed = seen or work.accepted
        kind = "undated" if handed is None else _timeliness(handed, deadline)
        for handle in current:
            # An undated delivery was handed in some day after its claim: order it by the claim.
            tallies[handle].outcomes.append(Outcome(handbook.id, spec.id, kind, handed or work.claimed))
            if handed and work.claimed:
                tallies[handle].days.append((handed - work.claimed).days)
    elif work.status == "claimed" and deadline is not None and deadline < today:
        for handle in current:
            tallies[handle].outcomes.append(Outcome(handbook.id, spec.id, "overdue", deadline))
    lapsed_on = work.claimed - timedelta(days=1) if work.claimed else None
    for credit in work.former_contributors:
        if credit.handle not in current:
            tallies[credit.handle].outcomes.append(Outcome(handbook.id, spec.id, "lapsed", lapsed_on))


def _timeliness(handed: date, deadline: date | None) -> str:
    return "late" if deadline is not None and handed > deadline else "on-time"


def _record(tally: _Tally) -> TrackRecord:
    # An undated lapse sorts as the most recent (an open module whose claim lapsed, lapsed lately); an
    # undated delivery as the oldest.
    ordered = sorted(tally.outcomes, key=lambda o: (_when(o), o.handbook, o.module))
    return TrackRecord(tuple(ordered), tuple(tally.days), tuple(sorted(tally.squads)))


def _when(outcome: Outcome) -> date:
    if outcome.ended is not None:
        return outcome.ended
    return date.max if outcome.kind == "lapsed" else date.min
