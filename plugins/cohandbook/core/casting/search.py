"""Cast a temporary squad of a few people from a skill-tagged talent pool.

An operator names the skills a demanding task needs; ``cast`` proposes the best few squads, each with the
facts that justify its place in the ranking. Squads are ranked lexicographically, best first:

1. more needed skills covered (the exact optimum over every squad within the size bounds, not a greedy guess);
2. fewer members;
3. fewer strikes on the members' track records (recent lapsed, overdue or late claims; ``Candidate.record``);
4. lower total current load (active claims + active squads);
5. lower total recency penalty, so people who were just in a squad get a rest (see ``recency_penalty``);
6. the sorted tuple of handles, so the answer never depends on the order of the pool. Proposals equal on
   1-5 are reported as tied (``Proposal.rank``, ``Proposal.tied``): the handles decide only their order.

A member who adds no needed skill (every need they cover is covered by someone else in the squad) is only
allowed in a squad of the minimum size: there they are padding, and the ranking itself makes the padding the
most reliable, least-loaded, least-recently-squadded people available. A bigger squad must be irredundant,
otherwise the same squad minus that member would be strictly better and the extra person would only cost load.

How it stays fast on thousands of people
----------------------------------------
Coverage depends only on a person's *signature*: the set of needs they cover, a bitmask of at most 16 bits.

* Dominance pruning (``entries.drop_dominated``). Call ``q`` a dominator of ``p`` when ``q``'s signature
  contains ``p``'s and ``q`` comes strictly earlier in the person order (record, load, recency penalty,
  handle). Swapping ``p`` for a dominator ``q`` outside a squad gives a squad that is strictly better:
  coverage can only grow, and with equal coverage the size is unchanged while the sums of record, load and
  recency and then the handles improve lexicographically. If the swap leaves a bigger-than-minimum squad with
  a useless member, dropping useless members (never ``q``, which alone covers what ``p`` alone covered)
  yields an admissible squad that is better still; different ``q`` give different squads, since each keeps
  its own ``q``. A squad holds at most ``max_size - 1`` dominators besides ``p``, so a person with at least
  ``top + max_size - 1`` dominators has ``top`` strictly better squads beating every squad they are in, and
  can be dropped without changing the answer. Typically a few hundred of 3,000 people remain. (This also
  implies the "top ``top + max_size`` people per signature group suffice" rule: same-signature people
  dominate each other.)
* Classes. Coverage and size lead the ranking, so squads are searched one (coverage, size) class at a time,
  best class first, until ``top`` squads are found. Which coverage ``k`` people can reach is known exactly
  from bitsets over all 2**len(needs) need masks (see ``reach.Reach``), which both names the best class and
  cuts every branch that can no longer reach its class's coverage.
* Additive tie-breaks. Within a class all squads have the same size, so record, load, recency and the handle
  tie-break fold into one additive integer per person (see ``entries.person_values``): a squad's value is the sum of its
  members' values, and a smaller value is a better squad. A depth-first search over people in value order
  keeps the class's best ``want`` squads in a heap and cuts a branch as soon as the cheapest possible
  completion cannot beat the worst kept squad, or the needed coverage is out of reach. The search is exact:
  only branches that provably cannot enter the kept set are cut.

The pieces: ``model`` (candidates, proposals, argument checks), ``entries`` (signatures, pruning, values),
``reach`` (coverage bitsets), this module (the search), ``explain`` (scores, reasons, ties), ``pool`` (the
talent pool read from a repository).
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate

from .entries import Entry, coverable_needs, drop_dominated, person_values
from .explain import Scale, describe, mark_ties
from .model import (
    MAX_NEEDS,
    RECENCY_WINDOW_DAYS,
    Candidate,
    Proposal,
    check_pool,
    check_size,
    check_top,
    dedupe_needs,
    recency_penalty,
)
from .reach import Reach, irredundant

__all__ = ["MAX_NEEDS", "RECENCY_WINDOW_DAYS", "Candidate", "Proposal", "cast", "recency_penalty"]


def cast(
    pool: Sequence[Candidate],
    needs: Sequence[str],
    *,
    size: tuple[int, int] = (3, 5),
    top: int = 3,
    today: date,
) -> list[Proposal]:
    """Return the ``top`` best distinct squads (best first) for ``needs`` from ``pool``.

    ``size`` is the inclusive (minimum, maximum) squad size; a maximum beyond the pool is capped to the pool,
    and a pool smaller than the minimum yields ``[]``. Needs are deduplicated; a need nobody in the pool has
    is reported as missing in every proposal. Raises ``ValueError`` on malformed arguments.
    """
    low, high = check_size(size)
    check_top(top)
    wanted = dedupe_needs(needs)
    check_pool(pool)
    if len(pool) < low:
        return []
    high = min(high, len(pool))
    coverable = coverable_needs(pool, wanted)
    entries = sorted(Entry.of(person, coverable, today) for person in pool)
    full = (1 << len(coverable)) - 1
    # One squad more than asked for tells whether the last one shown ties with one left out.
    survivors = drop_dominated(entries, full, top + high)
    squads = _Search(survivors, len(coverable), low, high).best(top + 1)
    scale = Scale.of(pool, high)
    return mark_ties([describe(squad, wanted, coverable, low, scale) for squad in squads], top)


# --- search -----------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Class:
    """The best ``want`` squads found so far with exactly ``cover`` needs covered and ``size`` members."""

    cover: int
    size: int
    #: bigger than the minimum size, so every member must add a need
    strict: bool
    want: int
    #: max-heap of (-value, picks), the worst kept squad on top
    heap: list[tuple[int, tuple[int, ...]]] = field(default_factory=list)

    @property
    def full(self) -> bool:
        return len(self.heap) >= self.want

    @property
    def bar(self) -> int:
        """Value a new squad must stay below once the class is full."""
        return -self.heap[0][0]

    def offer(self, value: int, picks: tuple[int, ...]) -> None:
        if not self.full:
            heapq.heappush(self.heap, (-value, picks))
        elif value < self.bar:
            heapq.heapreplace(self.heap, (-value, picks))

    def ranked(self) -> list[tuple[int, ...]]:
        return [picks for _, picks in sorted(self.heap, reverse=True)]


class _Search:
    """Exact branch-and-bound over the surviving people, one (coverage, size) class at a time."""

    def __init__(self, entries: list[Entry], width: int, low: int, high: int) -> None:
        self.entries = entries
        self.low, self.high = low, high
        self.sigs = [entry.sig for entry in entries]
        self.values = person_values(entries, high)
        self.prefix = [0, *accumulate(self.values)]
        self.suffix = [*reversed(list(accumulate(reversed(self.sigs), int.__or__, initial=0)))]
        self.reach = Reach(self.sigs, width, high)
        self._fits: dict[tuple[int, int], list[int]] = {}

    def best(self, top: int) -> list[list[Entry]]:
        """The ``top`` best squads overall: classes are visited best first until enough are found."""
        found: list[tuple[int, ...]] = []
        for cover, size in self._classes():
            job = _Class(cover, size, size > self.low, top - len(found))
            self._extend(job, 0, 0, [], 0)
            found.extend(job.ranked())
            if len(found) >= top:
                break
        return [[self.entries[index] for index in picks] for picks in found[:top]]

    def _classes(self) -> Iterator[tuple[int, int]]:
        """(coverage, size) classes in ranking order; a bigger-than-minimum squad needs one new need each."""
        for cover in range(self.reach.best(), -1, -1):
            for size in range(self.low, max(self.low, min(self.high, cover)) + 1):
                yield cover, size

    def _extend(self, job: _Class, start: int, mask: int, picks: list[int], value: int) -> None:
        """Pick the next member (indices increase, so each squad is met once) and recurse."""
        left = job.size - len(picks)
        if left == 1:
            self._finish(job, start, mask, picks, value)
            return
        for index in range(start, len(self.sigs) - left + 1):
            if job.full and value + self.prefix[index + left] - self.prefix[index] >= job.bar:
                return  # values are sorted, so every later start is at least as expensive
            grown = mask | self.sigs[index]
            if self._viable(job, grown, index, left - 1, picks):
                picks.append(index)
                self._extend(job, index + 1, grown, picks, value + self.values[index])
                picks.pop()

    def _viable(self, job: _Class, grown: int, index: int, left: int, picks: list[int]) -> bool:
        """Could a squad starting with ``picks + [index]`` still land in the class?"""
        if grown.bit_count() > job.cover:
            return False
        if job.strict and not irredundant([self.sigs[i] for i in picks] + [self.sigs[index]]):
            return False  # a useless member stays useless as the squad grows
        if (grown | self.suffix[index + 1]).bit_count() < job.cover:
            return False
        return self.reach.possible(grown, left, job.cover)

    def _finish(self, job: _Class, start: int, mask: int, picks: list[int], value: int) -> None:
        """Choose the last member among the people who bring coverage to exactly the class's level."""
        fits = self._fitting(mask, job.cover)
        for index in fits[bisect_left(fits, start) :]:
            total = value + self.values[index]
            if job.full and total >= job.bar:
                return
            if job.strict and not irredundant([self.sigs[i] for i in picks] + [self.sigs[index]]):
                continue
            job.offer(total, (*picks, index))

    def _fitting(self, mask: int, cover: int) -> list[int]:
        """Indices (ascending) of people who complete ``mask`` to exactly ``cover`` needs (memoised)."""
        key = (mask, cover)
        if key not in self._fits:
            self._fits[key] = [i for i, sig in enumerate(self.sigs) if (mask | sig).bit_count() == cover]
        return self._fits[key]
