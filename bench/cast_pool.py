"""Time squad casting on a realistic pool: 3,000 people, 15 of 30 tags each, 6-8 needs.

Run from the repository root: ``PYTHONPATH=plugins python bench/cast_pool.py``.
Prints the median wall time per ``cast`` call over several runs with different needs.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import date, timedelta

from cohandbook.core.casting.search import Candidate, cast

TODAY = date(2024, 6, 1)
VOCAB = [f"tag{i:02d}" for i in range(30)]
PEOPLE = 3000
RUNS = 21


def build_pool(rng: random.Random) -> list[Candidate]:
    """Loads 0-4 and a squad history for about half the people, like a busy community."""
    pool = []
    for i in range(PEOPLE):
        skills = frozenset(rng.sample(VOCAB, 15))
        days = None if rng.random() < 0.5 else rng.randint(0, 365)
        last = None if days is None else TODAY - timedelta(days=days)
        pool.append(Candidate(f"user{i:04d}", skills, rng.randint(0, 4), last))
    return pool


def main() -> None:
    rng = random.Random(20240601)
    pool = build_pool(rng)
    timings = []
    for _ in range(RUNS):
        needs = rng.sample(VOCAB, rng.randint(6, 8))
        start = time.perf_counter()
        proposals = cast(pool, needs, today=TODAY)
        timings.append((time.perf_counter() - start) * 1000)
        assert len(proposals) == 3
    median = statistics.median(timings)
    print(f"cast: {PEOPLE} people, {RUNS} runs, median {median:.1f} ms, max {max(timings):.1f} ms")


if __name__ == "__main__":
    main()
