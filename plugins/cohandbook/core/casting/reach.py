"""Which coverage a few more people can still reach, answered exactly with bitsets over need masks."""

from __future__ import annotations

from collections.abc import Sequence


def irredundant(sigs: Sequence[int]) -> bool:
    """True when every signature covers a need that no other signature in ``sigs`` covers."""
    once = twice = 0
    for sig in sigs:
        twice |= once & sig
        once |= sig
    alone = once & ~twice
    return all(sig & alone for sig in sigs)


class Reach:
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
