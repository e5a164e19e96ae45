"""Cast a temporary squad of a few people from a skill-tagged talent pool.

An operator names the skills a demanding task needs; ``cast`` proposes the best few squads, each with the
facts that justify its place in the ranking. Squads are ranked lexicographically, best first:

1. more needed skills covered (the exact optimum over every squad within the size bounds, not a greedy guess);
2. fewer members;
3. lower total current load (active claims + active squads);
4. lower total recency penalty, so people who were just in a squad get a rest (see ``recency_penalty``);
5. the sorted tuple of handles, so the answer never depends on the order of the pool.

A member who adds no needed skill (every need they cover is covered by someone else in the squad) is only
allowed in a squad of the minimum size: there they are padding, and the ranking itself makes the padding the
least-loaded, least-recently-squadded people available. A bigger squad must be irredundant, otherwise the
same squad minus that member would be strictly better and the extra person would only cost load.

How it stays fast on thousands of people
----------------------------------------
Coverage depends only on a person's *signature*: the set of needs they cover, a bitmask of at most 16 bits.

* Dominance pruning. Call ``q`` a dominator of ``p`` when ``q``'s signature contains ``p``'s and ``q`` comes
  strictly earlier in the person order (load, recency penalty, handle). Swapping ``p`` for a dominator ``q``
  outside a squad gives a squad that is strictly better: coverage can only grow, and with equal coverage the
  size is unchanged while load/recency/handles improve. If the swap leaves a bigger-than-minimum squad with
  a useless member, dropping useless members (never ``q``, which alone covers what ``p`` alone covered)
  yields an admissible squad that is better still; different ``q`` give different squads, since each keeps
  its own ``q``. A squad holds at most ``max_size - 1`` dominators besides ``p``, so a person with at least
  ``top + max_size - 1`` dominators has ``top`` strictly better squads beating every squad they are in, and
  can be dropped without changing the answer. Typically a few hundred of 3,000 people remain. (This also
  implies the "top ``top + max_size`` people per signature group suffice" rule: same-signature people
  dominate each other.)
* Classes. Coverage and size lead the ranking, so squads are searched one (coverage, size) class at a time,
  best class first, until ``top`` squads are found. Which coverage ``k`` people can reach is known exactly
  from bitsets over all 2**len(needs) need masks (see ``_Reach``), which both names the best class and
  cuts every branch that can no longer reach its class's coverage.
* Additive tie-breaks. Within a class all squads have the same size, so load, recency and the handle
  tie-break fold into one additive integer per person (see ``_values``): a squad's value is the sum of its
  members' values, and a smaller value is a better squad. A depth-first search over people in value order
  keeps the class's best ``want`` squads in a heap and cuts a branch as soon as the cheapest possible
  completion cannot beat the worst kept squad, or the needed coverage is out of reach. The search is exact:
  only branches that provably cannot enter the kept set are cut.

Long because it is one algorithm with its correctness argument; the search internals could move out.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import accumulate

RECENCY_WINDOW_DAYS = 90
MAX_NEEDS = 16


@dataclass(frozen=True, slots=True)
class Candidate:
    """One person in the talent pool, as casting sees them."""

    handle: str
    skills: frozenset[str]
    #: active claims + active squads right now
    load: int = 0
    #: date the person's most recent squad formed (None = never)
    last_squad: date | None = None


@dataclass(frozen=True, slots=True)
class Proposal:
    """One proposed squad, with the facts that put it where it is in the ranking."""

    #: handles, sorted
    members: tuple[str, ...]
    #: (need, sorted handles covering it) for each covered need, in needs order
    covers: tuple[tuple[str, tuple[str, ...]], ...]
    #: needs nobody in the squad covers, in needs order
    missing: tuple[str, ...]
    #: higher is better; never rises down the ranking (ties only where handles decide)
    score: int
    #: short Chinese sentences explaining the ranking, in ranking-criteria order
    reasons: tuple[str, ...]


def recency_penalty(last_squad: date | None, today: date) -> int:
    """Cost of putting someone in a new squad: 90 if their last squad formed today, 0 after 90 days.

    Linear so that a squad formed a month ago costs less than one formed last week; never-squadded
    people cost nothing. A date after ``today`` counts as today rather than as a bonus.
    """
    if last_squad is None:
        return 0
    days = (_as_day(today) - _as_day(last_squad)).days
    return RECENCY_WINDOW_DAYS - min(max(days, 0), RECENCY_WINDOW_DAYS)


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
    low, high = _check_size(size)
    _check_top(top)
    wanted = _dedupe_needs(needs)
    _check_pool(pool)
    if len(pool) < low:
        return []
    high = min(high, len(pool))
    coverable = _coverable(pool, wanted)
    entries = sorted(_Entry.of(person, coverable, today) for person in pool)
    full = (1 << len(coverable)) - 1
    survivors = _drop_dominated(entries, full, top + high - 1)
    squads = _Search(survivors, len(coverable), low, high).best(top)
    scale = _Scale.of(pool, high)
    return [_proposal(squad, wanted, coverable, low, scale) for squad in squads]


# --- validation -------------------------------------------------------------------------------------------


def _check_size(size: tuple[int, int]) -> tuple[int, int]:
    """Accept only an explicit (minimum, maximum) pair of positive integers, minimum first."""
    if not isinstance(size, tuple | list) or len(size) != 2 or not all(_is_int(bound) for bound in size):
        raise ValueError(f"size must be a (minimum, maximum) pair of integers, got {size!r}")
    low, high = size
    if low < 1:
        raise ValueError(f"size: the minimum squad size must be at least 1, got {low}")
    if low > high:
        raise ValueError(f"size: the minimum squad size {low} exceeds the maximum {high}")
    return low, high


def _check_top(top: int) -> None:
    """At least one proposal must be asked for, or the call is surely a mistake."""
    if not _is_int(top) or top < 1:
        raise ValueError(f"top must be an integer of at least 1, got {top!r}")


def _dedupe_needs(needs: Sequence[str]) -> tuple[str, ...]:
    """Keep the first occurrence of each need; a bare string is refused (it would be split into letters)."""
    if isinstance(needs, str):
        # ValueError, not TypeError: callers catch ValueError for every bad argument.
        raise ValueError("needs must be a sequence of skill names, not one string")
    for need in needs:
        if not isinstance(need, str) or not need.strip():
            raise ValueError(f"every need must be a non-empty skill name, got {need!r}")
    wanted = tuple(dict.fromkeys(needs))
    if len(wanted) > MAX_NEEDS:
        raise ValueError(f"at most {MAX_NEEDS} distinct needs are supported, got {len(wanted)}")
    return wanted


def _check_pool(pool: Sequence[Candidate]) -> None:
    """Handles identify squads, so they must be unique; a negative load would reward being busy."""
    seen: set[str] = set()
    for person in pool:
        if person.handle in seen:
            raise ValueError(f"duplicate handle in pool: {person.handle!r}")
        if not _is_int(person.load) or person.load < 0:
            raise ValueError(f"load of {person.handle!r} must be a non-negative integer, got {person.load!r}")
        seen.add(person.handle)


def _is_int(value: object) -> bool:
    """True for real integers; ``True`` is not a squad size."""
    return isinstance(value, int) and not isinstance(value, bool)


def _as_day(value: date) -> date:
    """Compare calendar days even if a caller hands in a datetime."""
    return value.date() if isinstance(value, datetime) else value


# --- people -----------------------------------------------------------------------------------------------


def _coverable(pool: Sequence[Candidate], wanted: Sequence[str]) -> tuple[str, ...]:
    """Needs somebody in the pool has; only these get a bit in the signatures."""
    present = set().union(*(person.skills for person in pool))
    return tuple(need for need in wanted if need in present)


@dataclass(frozen=True, slots=True, order=True)
class _Entry:
    """A candidate with the numbers casting ranks by; orders by (load, recency penalty, handle)."""

    load: int
    recency: int
    handle: str
    sig: int = field(compare=False)
    person: Candidate = field(compare=False)

    @classmethod
    def of(cls, person: Candidate, coverable: Sequence[str], today: date) -> _Entry:
        sig = sum(1 << bit for bit, need in enumerate(coverable) if need in person.skills)
        return cls(
            person.load,
            recency_penalty(person.last_squad, today),
            person.handle,
            sig,
            person,
        )


def _drop_dominated(entries: list[_Entry], full: int, limit: int) -> list[_Entry]:
    """Drop people with at least ``limit`` strictly earlier people whose signature contains theirs.

    ``entries`` must be sorted; the module docstring explains why such people are never in the answer.
    """
    seen: dict[int, int] = {}
    kept: list[_Entry] = []
    for entry in entries:
        if _count_supersets(seen, entry.sig, full, limit) < limit:
            kept.append(entry)
        seen[entry.sig] = seen.get(entry.sig, 0) + 1
    return kept


def _count_supersets(seen: dict[int, int], sig: int, full: int, limit: int) -> int:
    """People seen so far whose signature contains ``sig``, counted only as far as ``limit``."""
    free = full & ~sig
    if 1 << free.bit_count() > len(seen):
        return sum(count for other, count in seen.items() if other & sig == sig)
    total, extra = 0, free
    while True:
        total += seen.get(sig | extra, 0)
        if total >= limit or not extra:
            return total
        extra = (extra - 1) & free


def _values(entries: Sequence[_Entry], high: int) -> list[int]:
    """One integer per person such that, for squads of equal size, a smaller sum is a better squad.

    Load and recency fold into a weight ``load * span + recency`` (``span`` exceeds any squad's total
    recency), shifted above one bit per person; subtracting the bit of the person's handle rank (the smallest
    handle owns the highest bit) makes the lexicographically smaller sorted handle tuple win exact ties.
    """
    count = len(entries)
    span = RECENCY_WINDOW_DAYS * high + 1
    order = sorted(range(count), key=lambda index: entries[index].handle)
    rank = {index: position for position, index in enumerate(order)}
    return [((e.load * span + e.recency) << count) - (1 << (count - 1 - rank[i])) for i, e in enumerate(entries)]


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

    def __init__(self, entries: list[_Entry], width: int, low: int, high: int) -> None:
        self.entries = entries
        self.low, self.high = low, high
        self.sigs = [entry.sig for entry in entries]
        self.values = _values(entries, high)
        self.prefix = [0, *accumulate(self.values)]
        self.suffix = [*reversed(list(accumulate(reversed(self.sigs), int.__or__, initial=0)))]
        self.reach = _Reach(self.sigs, width, high)
        self._fits: dict[tuple[int, int], list[int]] = {}

    def best(self, top: int) -> list[list[_Entry]]:
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
        if job.strict and not _irredundant([self.sigs[i] for i in picks] + [self.sigs[index]]):
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
            if job.strict and not _irredundant([self.sigs[i] for i in picks] + [self.sigs[index]]):
                continue
            job.offer(total, (*picks, index))

    def _fitting(self, mask: int, cover: int) -> list[int]:
        """Indices (ascending) of people who complete ``mask`` to exactly ``cover`` needs (memoised)."""
        key = (mask, cover)
        if key not in self._fits:
            self._fits[key] = [i for i, sig in enumerate(self.sigs) if (mask | sig).bit_count() == cover]
        return self._fits[key]


def _irredundant(sigs: Sequence[int]) -> bool:
    """True when every signature covers a need that no other signature in ``sigs`` covers."""
    once = twice = 0
    for sig in sigs:
        twice |= once & sig
        once |= sig
    alone = once & ~twice
    return all(sig & alone for sig in sigs)


class _Reach:
    """Exact answers to "can ``extra`` more people bring a squad to ``cover`` needs?".

    Bit ``m`` of ``levels[k]`` is set when the needs in mask ``m`` can all be covered by at most ``k``
    people. These sets are closed under taking subsets, so building them and answering a query are a few
    shifts of one integer of ``2**width`` bits (8 KiB at 16 needs) instead of a search over people.
    """

    def __init__(self, sigs: Sequence[int], width: int, limit: int) -> None:
        self.width = width
        self.full = (1 << width) - 1
        self.clear = [_clear_pattern(bit, width) for bit in range(width)]
        self.at_least = _popcount_patterns(width)
        self.levels = [1]  # only the empty mask needs nobody
        tops = self._maximal(sigs)
        while len(self.levels) <= min(limit, width):
            grown = self._grow(self.levels[-1], tops)
            if grown == self.levels[-1]:
                break  # saturated: more people cover nothing new
            self.levels.append(grown)
        self._upper: dict[tuple[int, int], int] = {}

    def best(self) -> int:
        """Most needs any squad within the size limit covers."""
        return max(c for c in range(self.width + 1) if self.levels[-1] & self.at_least[c])

    def possible(self, mask: int, extra: int, cover: int) -> bool:
        """True when adding at most ``extra`` people to ``mask`` can cover ``cover`` needs.

        Equivalently, some mask disjoint from ``mask`` with enough needs is coverable by ``extra`` people,
        i.e. the complement of ``mask`` lies in the up-closure of such masks.
        """
        need = cover - mask.bit_count()
        if need <= 0:
            return True
        return bool(self._above(min(extra, len(self.levels) - 1), need) >> (self.full & ~mask) & 1)

    def _above(self, extra: int, need: int) -> int:
        """Masks that contain some ``extra``-coverable mask of at least ``need`` needs (memoised)."""
        key = (extra, need)
        if key not in self._upper:
            self._upper[key] = self._up(self.levels[extra] & self.at_least[need])
        return self._upper[key]

    def _maximal(self, sigs: Sequence[int]) -> list[int]:
        """Signatures not strictly inside another: the others never cover more, so skip them."""
        present = 0
        for sig in set(sigs):
            present |= 1 << sig
        below = 0
        for bit, clear in enumerate(self.clear):
            below |= (present & ~clear) >> (1 << bit)  # each signature minus one of its needs
        below = self._down(below)
        return [sig for sig in set(sigs) if sig and not below >> sig & 1]

    def _grow(self, level: int, tops: Sequence[int]) -> int:
        """Masks coverable by one more person: add any part of a signature to any coverable mask."""
        grown = level
        for sig in tops:
            extended = level
            for bit, clear in enumerate(self.clear):
                if sig >> bit & 1:
                    extended |= (extended & clear) << (1 << bit)
            grown |= extended
        return grown

    def _up(self, masks: int) -> int:
        """Close a set of masks under adding needs."""
        for bit, clear in enumerate(self.clear):
            masks |= (masks & clear) << (1 << bit)
        return masks

    def _down(self, masks: int) -> int:
        """Close a set of masks under removing needs."""
        for bit, clear in enumerate(self.clear):
            masks |= (masks >> (1 << bit)) & clear
        return masks


def _clear_pattern(bit: int, width: int) -> int:
    """Bitset of the masks in ``range(2**width)`` that lack ``bit``."""
    step = 1 << bit
    pattern, span = (1 << step) - 1, 2 * step
    while span < 1 << width:
        pattern |= pattern << span
        span *= 2
    return pattern


def _popcount_patterns(width: int) -> list[int]:
    """``result[c]`` is the bitset of masks in ``range(2**width)`` with at least ``c`` needs."""
    exact = [1]  # over zero bits: only the empty mask, with 0 needs
    for bit in range(width):
        exact = [low | (high << (1 << bit)) for low, high in zip([*exact, 0], [0, *exact], strict=True)]
    at_least = [0] * (width + 2)
    for count in range(width, -1, -1):
        at_least[count] = at_least[count + 1] | exact[count]
    return at_least


# --- explanation ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Scale:
    """Mixed-radix bases that turn the ranking's numeric keys into one score, higher is better."""

    high: int
    load_base: int
    recency_base: int

    @classmethod
    def of(cls, pool: Sequence[Candidate], high: int) -> _Scale:
        heaviest = sum(heapq.nlargest(high, (person.load for person in pool)))
        return cls(high, heaviest + 1, RECENCY_WINDOW_DAYS * high + 1)

    def score(self, covered: int, size: int, load: int, recency: int) -> int:
        score = covered * (self.high + 1) + (self.high - size)
        score = score * self.load_base + (self.load_base - 1 - load)
        return score * self.recency_base + (self.recency_base - 1 - recency)


def _proposal(
    squad: Sequence[_Entry],
    wanted: Sequence[str],
    coverable: Sequence[str],
    low: int,
    scale: _Scale,
) -> Proposal:
    """Describe one squad: who covers what, what is missing, its score and the reasons behind it."""
    members = sorted(squad, key=lambda entry: entry.handle)
    holders = {need: tuple(e.handle for e in members if need in e.person.skills) for need in wanted}
    covers = tuple((need, who) for need, who in holders.items() if who)
    missing = tuple(need for need, who in holders.items() if not who)
    load = sum(entry.load for entry in members)
    recency = sum(entry.recency for entry in members)
    reasons = (
        *_coverage_reasons(len(covers), wanted, missing, coverable),
        _size_reason(members, low),
        f"当前任务量合计 {load}",
        _recency_reason(members, recency),
    )
    return Proposal(
        members=tuple(entry.handle for entry in members),
        covers=covers,
        missing=missing,
        score=scale.score(len(covers), len(members), load, recency),
        reasons=reasons,
    )


def _coverage_reasons(
    covered: int,
    wanted: Sequence[str],
    missing: Sequence[str],
    coverable: Sequence[str],
) -> list[str]:
    """Coverage first, as it leads the ranking; say apart what the squad lacks and what nobody has."""
    if not wanted:
        return ["未指定所需技能"]
    reasons = [f"覆盖 {covered}/{len(wanted)} 项技能"]
    lacking = [need for need in missing if need in coverable]
    if lacking:
        reasons.append(f"未覆盖：{'、'.join(lacking)}")
    if len(coverable) < len(wanted):
        absent = [need for need in wanted if need not in coverable]
        reasons.append(f"人才库中无人具备：{'、'.join(absent)}")
    return reasons


def _size_reason(members: Sequence[_Entry], low: int) -> str:
    """Name the padding members, so nobody wonders why a person without a needed skill is there."""
    padding = _padding(members)
    if not padding:
        return f"成员 {len(members)} 人"
    names = "、".join(entry.handle for entry in padding)
    return f"成员 {len(members)} 人，其中 {len(padding)} 人为补足最少 {low} 人的补位（{names}）"


def _padding(members: Sequence[_Entry]) -> list[_Entry]:
    """Members left over once useless members are dropped, least attractive (by load, recency) first."""
    core = sorted(members)
    for entry in sorted(members, reverse=True):
        rest = [other for other in core if other is not entry]
        if _union(rest) == _union(core):
            core = rest
    return [entry for entry in members if entry not in core]


def _union(entries: Sequence[_Entry]) -> int:
    """Needs (as a bitmask) covered by ``entries`` together."""
    covered = 0
    for entry in entries:
        covered |= entry.sig
    return covered


def _recency_reason(members: Sequence[_Entry], recency: int) -> str:
    """Who was squadded recently, and the penalty that costs the squad."""
    recent = [entry.handle for entry in members if entry.recency]
    if not recent:
        return f"成员近 {RECENCY_WINDOW_DAYS} 天内均未组队"
    return f"近 {RECENCY_WINDOW_DAYS} 天内组过队：{'、'.join(recent)}（新近度罚分合计 {recency}）"
