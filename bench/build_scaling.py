"""Does a cold build of ours grow linearly, in modules and in people? Whole fresh processes, medians.

Two series, each against plain Material on the same pages: the synthetic handbook at several module counts,
and the book at a fixed 200 pages with several numbers of credited people (each with a profile page).
For each point: the median CPU time and peak memory of `--rounds` fresh `mkdocs build` processes (the build
cache deleted before each), the ratio to plain Material, and the cost per module or per person.

    python bench/build_scaling.py [--modules 200,400,800] [--people 250,500,1000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpora
from build_compare import run_build


def point(write: object, rounds: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="cohandbook-scaling-") as tmp:
        root = Path(tmp)
        outline = write(root)  # type: ignore[operator]
        plain, ours = corpora.plain_site(root, outline), corpora.ours_site(root)
        runs: dict[str, list[dict[str, float]]] = {"plain": [], "ours": []}
        for _ in range(rounds):
            runs["plain"].append(run_build(plain, root / "site-plain"))
            shutil.rmtree(root / ".cache", ignore_errors=True)
            runs["ours"].append(run_build(ours, root / "site-ours"))
    cpu = {k: statistics.median(r["cpu"] for r in v) for k, v in runs.items()}
    return {"ours": cpu["ours"], "plain": cpu["plain"], "peak": max(r["peak_mb"] for r in runs["ours"])}


def series(label: str, sizes: list[int], write: object, rounds: int) -> None:
    print(
        f"| {label} | ours CPU s | plain CPU s | ratio | ours ms per unit | peak MB |\n|---:|---:|---:|---:|---:|---:|"
    )
    for size in sizes:
        r = point(lambda root, size=size: write(root, size), rounds)  # type: ignore[operator]
        print(
            f"| {size} | {r['ours']:.2f} | {r['plain']:.2f} | {r['ours'] / r['plain']:.2f} "
            f"| {1000 * r['ours'] / size:.1f} | {r['peak']:.0f} |",
            flush=True,
        )
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--modules", default="200,400,800")
    parser.add_argument("--people", default="250,500,1000")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    modules = [int(n) for n in args.modules.split(",")]
    people = [int(n) for n in args.people.split(",")]
    series("modules (synthetic)", modules, corpora.synthetic, args.rounds)
    series("people (200-page book)", people, lambda root, n: corpora.book(root, 200, n), args.rounds)


if __name__ == "__main__":
    main()
