"""People as the search sees them: need signatures, the person order, dominance pruning, additive values."""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from .model import RECENCY_WINDOW_DAYS, Candidate, recency_penalty


def coverable_needs(pool: Sequence[Candidate], wanted: Sequence[str]) -> tuple[str, ...]:
    """Needs somebody in the pool has; only these get a bit in the signatures."""
    present = set().union(*(person.skills for person in pool))
    return tuple(need for need in wanted if need in present)


@dataclass(frozen=True, slots=True, order=True)
class Entry:
    """A candidate with the numbers casting ranks by; orders by (record, load, recency penalty, handle)."""

    record: int
    load: int
    recency: int
    handle: str
    sig: int = field(compare=False)
    person: Candidate = field(compare=False)

    @classmethod
    def of(cls, person: Candidate, coverable: Sequence[str], today: date) -> Entry:
        sig = sum(1 << bit for bit, need in enumerate(coverable) if need in person.skills)
        return cls(
            person.record,
            person.load,
            recency_penalty(person.last_squad, today),
            person.handle,
            sig,
            person,
        )


def drop_dominated(entries: list[Entry], full: int, limit: int) -> list[Entry]:
    """Drop people with at least ``limit`` strictly earlier people whose signature contains theirs.

    ``entries`` must be sorted; the module docstring explains why such people are never in the answer.
    """
    seen: dict[int, int] = {}
    kept: list[Entry] = []
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


def person_values(entries: Sequence[Entry], high: int) -> list[int]:
    """One integer per person such that, for squads of equal size, a smaller sum is a better squad.

    Record, load and recency fold into a weight ``(record * loads + load) * span + recency`` (``loads``
    exceeds any squad's total load, ``span`` any squad's total recency), shifted above one bit per person;
    subtracting the bit of the person's handle rank (the smallest handle owns the highest bit) makes the
    lexicographically smaller sorted handle tuple win exact ties.
    """
    count = len(entries)
    span = RECENCY_WINDOW_DAYS * high + 1
    loads = sum(heapq.nlargest(high, (e.load for e in entries))) + 1
    order = sorted(range(count), key=lambda index: entries[index].handle)
    rank = {index: position for position, index in enumerate(order)}
    weights = [(e.record * loads + e.load) * span + e.recency for e in entries]
    return [(weight << count) - (1 << (count - 1 - rank[i])) for i, weight in enumerate(weights)]
