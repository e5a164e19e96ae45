"""Time `cohandbook people` end to end on a 3,000-person repository with history, written to disk.

History: 60 handbooks of 50 modules (3,000 modules): accepted, submitted, claimed and released ones, each
credited to one or two people, a third of them with earlier claimants; 300 squads; a private store with
notes and hidden tags for a third of the pool. Times the whole command through click (read the repository,
read the private store, track records, render), text and JSON; CPU time too, which a busy machine disturbs
less than the wall clock. Run from the repository root:
``PYTHONPATH=plugins python bench/people.py``.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner

from cohandbook.cli.main import cli

PEOPLE, SQUADS, HANDBOOKS, MODULES = 3000, 300, 60, 50
VOCAB = [f"tag{i:02d}" for i in range(30)]
RUNS = 5
CHECKLIST = "".join(f"- [ ] 第 {i} 项\n" for i in range(6))


def write_people(root: Path, rng: random.Random) -> None:
    people = root / "contributors"
    (people / "squads").mkdir(parents=True)
    (people / "skills.yml").write_text("".join(f"{tag}: 技能{tag}\n" for tag in VOCAB), encoding="utf-8")
    for i in range(PEOPLE):
        skills = ", ".join(rng.sample(VOCAB, 5))
        (people / f"user{i:04d}.yml").write_text(f"name: 用户{i}\nskills: [{skills}]\n", encoding="utf-8")
    for s in range(SQUADS):
        members = "".join(f"  - {{handle: user{i:04d}}}\n" for i in rng.sample(range(PEOPLE), 4))
        dissolved = "" if s % 3 else f"dissolved: 2026-{rng.randint(6, 11):02d}-01\n"
        (people / "squads" / f"squad-{s}.yml").write_text(
            f"name: 组{s}\nmembers:\n{members}formed: 2026-{rng.randint(1, 5):02d}-01\n{dissolved}", encoding="utf-8"
        )


def write_handbooks(root: Path, rng: random.Random) -> None:
    for h in range(HANDBOOKS):
        folder = root / "handbooks" / f"book-{h}"
        modules = "".join(f"      - {{id: m{m}, title: 模块{m}, format: checklist}}\n" for m in range(MODULES))
        folder.mkdir(parents=True)
        (folder / "handbook.yml").write_text(
            f"title: 手册{h}\nbrand: 星河\ndeadline: 2026-10-15\nchapters:\n  - id: c\n    title: 章\n    modules:\n{modules}",
            encoding="utf-8",
        )
        for m in range(MODULES):
            write_module(folder / "modules" / f"m{m}", rng)


def write_module(folder: Path, rng: random.Random) -> None:
    status = rng.choice(["accepted", "accepted", "submitted", "claimed", "open"])
    people = [f"user{i:04d}" for i in rng.sample(range(PEOPLE), 3)]
    front = [f"status: {status}"]
    if status != "open":
        front += ["contributors:", *(f"  - handle: {p}" for p in people[: rng.randint(1, 2)])]
        front.append(f"claimed: 2026-09-{rng.randint(1, 28):02d}")
    if status in ("accepted", "submitted"):
        front.append(f"submitted: 2026-10-{rng.randint(1, 28):02d}")
    if status == "open" or rng.random() < 0.3:
        front += ["former_contributors:", f"  - handle: {people[2]}"]
    folder.mkdir(parents=True)
    (folder / "index.md").write_text("---\n" + "\n".join(front) + "\n---\n" + CHECKLIST, encoding="utf-8")


def write_store(store: Path, rng: random.Random) -> None:
    (store / "people").mkdir(parents=True)
    for i in range(0, PEOPLE, 3):
        tags = ", ".join(rng.sample(VOCAB, 2))
        (store / "people" / f"user{i:04d}.yml").write_text(f"notes: 备注{i}\nskills: [{tags}]\n", encoding="utf-8")


def main() -> None:
    rng = random.Random(20261202)
    with tempfile.TemporaryDirectory() as folder:
        root, store = Path(folder) / "repo", Path(folder) / "store"
        write_people(root, rng)
        write_handbooks(root, rng)
        write_store(store, rng)
        env = {**os.environ, "COHANDBOOK_PRIVATE": str(store)}
        for fmt in ("text", "json"):
            timings, cpu = [], []
            for _ in range(RUNS):
                started, started_cpu = time.perf_counter(), time.process_time()
                result = CliRunner().invoke(
                    cli, ["--root", str(root), "people", "--format", fmt, "--today", "2026-11-22"], env=env
                )
                timings.append(time.perf_counter() - started)
                cpu.append(time.process_time() - started_cpu)
                assert result.exit_code == 0, result.output[-2000:]
            print(
                f"people --format {fmt}: {PEOPLE} people, {HANDBOOKS * MODULES} modules, {SQUADS} squads: "
                f"median {statistics.median(timings) * 1000:.0f} ms wall, {statistics.median(cpu) * 1000:.0f} ms CPU "
                f"(max {max(timings) * 1000:.0f} ms wall) over {RUNS} runs"
            )


if __name__ == "__main__":
    main()
