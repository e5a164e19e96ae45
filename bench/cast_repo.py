"""Time `cohandbook cast` end to end on a 3,000-person repository written to disk.

`bench/cast_pool.py` times the casting algorithm on ready-made candidates; this one adds what the command
does around it: reading and parsing 3,000 contributor files, building the pool (load from claims and squads,
last squad dates) and rendering the answer. Run from the repository root:
``PYTHONPATH=plugins python bench/cast_repo.py``.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from cohandbook.core.casting.pool import talent_pool
from cohandbook.core.casting.search import cast
from cohandbook.core.read.reader import read_repository
from cohandbook.core.read.sources import FsSource

TODAY = date(2026, 11, 22)
VOCAB = [f"tag{i:02d}" for i in range(30)]
PEOPLE = 3000
SQUADS = 300
RUNS = 11


def write_repository(root: Path, rng: random.Random) -> None:
    people = root / "contributors"
    (people / "squads").mkdir(parents=True)
    (people / "skills.yml").write_text("".join(f"{tag}: 技能{tag}\n" for tag in VOCAB), encoding="utf-8")
    for i in range(PEOPLE):
        skills = ", ".join(rng.sample(VOCAB, 15))
        (people / f"user{i:04d}.yml").write_text(f"name: 用户{i}\nskills: [{skills}]\n", encoding="utf-8")
    for s in range(SQUADS):
        members = "".join(f"  - {{handle: user{i:04d}}}\n" for i in rng.sample(range(PEOPLE), 4))
        dissolved = "" if s % 3 else f"dissolved: 2026-{rng.randint(6, 11):02d}-01\n"
        formed = f"formed: 2026-{rng.randint(1, 5):02d}-01\n"
        (people / "squads" / f"squad-{s}.yml").write_text(
            f"name: 组{s}\nmembers:\n{members}{formed}{dissolved}", encoding="utf-8"
        )


def main() -> None:
    rng = random.Random(20261122)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_repository(root, rng)
        started = time.perf_counter()
        repo, _ = read_repository(FsSource(root))
        read = time.perf_counter() - started
        started = time.perf_counter()
        pool = talent_pool(repo, TODAY)
        adapt = time.perf_counter() - started
    timings = []
    for _ in range(RUNS):
        needs = rng.sample(VOCAB, rng.randint(6, 8))
        started = time.perf_counter()
        assert len(cast(pool, needs, today=TODAY)) == 3
        timings.append(time.perf_counter() - started)
    print(f"read {PEOPLE} people + {SQUADS} squads: {read * 1000:.0f} ms; pool adapter: {adapt * 1000:.1f} ms")
    print(f"cast: median {statistics.median(timings) * 1000:.1f} ms, max {max(timings) * 1000:.1f} ms over {RUNS} runs")


if __name__ == "__main__":
    main()
