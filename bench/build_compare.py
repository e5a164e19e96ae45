"""Ours against plain Material on the same pages: cold and warm builds, whole processes, medians.

For each corpus (see corpora.py) this writes a cohandbook repository and the same Markdown and images as a
plain Material site, then runs rounds of three fresh `mkdocs build` processes each, in an order that rotates
from round to round so that machine noise hits every variant alike:

* plain: plain Material (no cache of any kind exists for it);
* cold:  ours with the build cache deleted first;
* warm:  ours again, the repository unchanged, the cache left by the previous build of ours;
* zensical (after those rounds, when Zensical is installed): one module edited, then `cohandbook export`
  updating the folder it exported before (only changed files are written) and `zensical build` in that
  folder, with the cache Zensical kept from its previous build: the two processes' CPU together. Beside it,
  for scale, Zensical's own warm rebuild of the plain pages (plain.yml) after one of them changed: what the
  successor engine costs with no cohandbook at all.

A figure is the whole process, as a reader of the README runs it: interpreter start-up, imports, the build,
writing the site. CPU time (user + system of the process) is the primary figure because on a shared machine
it moves far less than wall time; wall time and peak memory (max RSS) are printed beside it. Each figure is
the median over rounds; the ratio is ours/plain of those medians. The spread (max-min over median of plain's
runs) shows how noisy the machine was.

    python bench/build_compare.py            # synthetic 800 modules, books of 120 and 460 pages; 5 rounds
    python bench/build_compare.py --quick    # the same corpora, 3 rounds (a few minutes on 2 cores)
    python bench/build_compare.py --corpora book-120 --rounds 7 --json
    python bench/build_compare.py --corpora book-460 --quick --empty-site   # builds into an empty site folder
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpora

CORPORA: dict[str, Callable[[Path], corpora.Outline]] = {
    "synthetic-800": lambda root: corpora.synthetic(root, 800),
    "book-120": lambda root: corpora.book(root, 120, 200),
    "book-460": lambda root: corpora.book(root, 460, 1000),
    # The same books with real photos, which the build turns into web versions (plain Material copies them).
    "book-120-photos": lambda root: corpora.book(root, 120, 200, photos=True),
    "book-460-photos": lambda root: corpora.book(root, 460, 1000, photos=True),
}
VARIANTS = ("plain", "cold", "warm")


def run_build(config: Path, site: Path) -> dict[str, float]:
    """One fresh `mkdocs build` process: its CPU time, wall time and peak memory."""
    return run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)])


def run(command: list[str], cwd: Path | None = None) -> dict[str, float]:
    """One fresh process: its CPU time (user + system), wall time and peak memory."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(corpora.PROJECT / "plugins")}
    # As on a user's machine, Python keeps compiled modules: pip compiled MkDocs' and Material's when it
    # installed them, ours are compiled by the first build. With this set (some CI images set it) only
    # ours would be compiled again by every build, about 0.2 s each.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.perf_counter()
    with subprocess.Popen(command, env=env, cwd=cwd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL) as process:
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        errors = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    wall = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{errors[-3000:]}")
    return {"cpu": usage.ru_utime + usage.ru_stime, "wall": wall, "peak_mb": usage.ru_maxrss / 1024}


def measure(name: str, rounds: int, empty_site: bool = False) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix=f"cohandbook-{name}-") as tmp:
        root = Path(tmp)
        outline = CORPORA[name](root)
        configs = {"plain": corpora.plain_site(root, outline), "ours": corpora.ours_site(root)}
        cache = root / ".cache"
        runs: dict[str, list[dict[str, float]]] = {v: [] for v in VARIANTS}
        run_build(configs["ours"], root / "site-ours")  # fills the cache, warms the OS's file cache
        for r in range(rounds):
            for variant in _order(r):
                if variant == "cold":
                    shutil.rmtree(cache, ignore_errors=True)
                config = configs["plain" if variant == "plain" else "ours"]
                if empty_site:  # as on a fresh checkout: no site folder of an earlier build to replace
                    shutil.rmtree(root / f"site-{variant}", ignore_errors=True)
                runs[variant].append(run_build(config, root / f"site-{variant}"))
        pages = sum(1 for _ in (root / "site-cold").rglob("index.html"))
        plain_pages = sum(1 for _ in (root / "site-plain").rglob("index.html"))
        has_zensical = shutil.which("zensical", path=BIN) is not None
        zensical = _zensical(root, rounds) if has_zensical and not empty_site else []
        plain_zensical = _plain_zensical(root, rounds) if has_zensical and not empty_site else []
    row = {"corpus": name, "pages": pages, "plain_pages": plain_pages, "rounds": rounds, **_summary(runs)}
    if zensical:
        row["zensical_cpu"] = statistics.median(r["cpu"] for r in zensical)
        row["export_cpu"] = statistics.median(r["export"] for r in zensical)
        row["engine_cpu"] = statistics.median(r["engine"] for r in zensical)
        row["zensical_ratio"] = row["zensical_cpu"] / row["plain_cpu"]
        row["plain_zensical_ratio"] = statistics.median(r["cpu"] for r in plain_zensical) / row["plain_cpu"]
    return row


BIN = str(Path(sys.executable).parent)


def _zensical(root: Path, rounds: int) -> list[dict[str, float]]:
    """Export and a warm Zensical rebuild after one module changed, per round."""
    project, today = root / "zensical", ["--today", corpora.TODAY]
    export, zensical = [f"{BIN}/cohandbook", "export", str(project), *today], [f"{BIN}/zensical", "build"]
    run(export, cwd=root)
    run(zensical, cwd=project)  # Zensical's first build fills its cache
    modules = sorted((root / "handbooks/bench/modules").glob("*/index.md"))
    module = modules[len(modules) // 2]
    results = []
    for n in range(rounds):
        module.write_text(module.read_text(encoding="utf-8") + f"\n改动 {n}\n", encoding="utf-8")
        steps = [run(export, cwd=root), run(zensical, cwd=project)]
        total = {key: sum(s[key] for s in steps) for key in ("cpu", "wall")}
        results.append({**total, "export": steps[0]["cpu"], "engine": steps[1]["cpu"]})
    return results


def _plain_zensical(root: Path, rounds: int) -> list[dict[str, float]]:
    """Zensical on the plain pages alone, warm, after one of them changed."""
    zensical = [f"{BIN}/zensical", "build", "-f", str(root / "plain.yml")]
    run(zensical, cwd=root)
    pages = sorted((root / "plain-docs/bench/modules").glob("*/index.md"))
    page = pages[len(pages) // 2]
    results = []
    for n in range(rounds):
        page.write_text(page.read_text(encoding="utf-8") + f"\n改动 {n}\n", encoding="utf-8")
        results.append(run(zensical, cwd=root))
    return results


def _order(round_number: int) -> tuple[str, ...]:
    """plain, cold, warm; then cold, warm, plain; … A warm build always follows a build of ours."""
    orders = (("plain", "cold", "warm"), ("cold", "warm", "plain"), ("cold", "plain", "warm"))
    return orders[round_number % len(orders)]


def _summary(runs: dict[str, list[dict[str, float]]]) -> dict[str, float]:
    median = {v: {k: statistics.median(r[k] for r in runs[v]) for k in ("cpu", "wall", "peak_mb")} for v in VARIANTS}
    plain_cpu = [r["cpu"] for r in runs["plain"]]
    row: dict[str, float] = {"noise": (max(plain_cpu) - min(plain_cpu)) / median["plain"]["cpu"]}
    for variant in VARIANTS:
        for key, value in median[variant].items():
            row[f"{variant}_{key}"] = value
    for variant in ("cold", "warm"):
        row[f"{variant}_ratio"] = median[variant]["cpu"] / median["plain"]["cpu"]
        row[f"{variant}_wall_ratio"] = median[variant]["wall"] / median["plain"]["wall"]
    return row


def table(rows: list[dict[str, object]]) -> str:
    lines = [
        "| corpus | pages ours/plain | plain CPU s | ours cold CPU s (ratio) | ours warm CPU s (ratio) "
        "| wall ratio cold/warm | peak MB plain/cold/warm | export + warm Zensical CPU s (ratio) | noise |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['corpus']} | {r['pages']}/{r['plain_pages']} | {r['plain_cpu']:.2f} "
            f"| {r['cold_cpu']:.2f} (**{r['cold_ratio']:.2f}x**) | {r['warm_cpu']:.2f} (**{r['warm_ratio']:.2f}x**) "
            f"| {r['cold_wall_ratio']:.2f}/{r['warm_wall_ratio']:.2f} "
            f"| {r['plain_peak_mb']:.0f}/{r['cold_peak_mb']:.0f}/{r['warm_peak_mb']:.0f} "
            f"| {_zensical_cell(r)} | ±{r['noise'] * 50:.0f}% |"
        )
    return "\n".join(lines)


def _zensical_cell(row: dict[str, object]) -> str:
    if "zensical_cpu" not in row:
        return "(not measured: Zensical is not installed, or --empty-site)"
    parts = f"export {row['export_cpu']:.2f} + Zensical {row['engine_cpu']:.2f}"
    parts += f"; plain pages in Zensical alone {row['plain_zensical_ratio']:.2f}x"
    return f"{row['zensical_cpu']:.2f} (**{row['zensical_ratio']:.2f}x**; {parts})"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    default = "synthetic-800,book-120,book-460"  # the photo books take minutes more: ask for them by name
    parser.add_argument("--corpora", default=default, help=f"comma-separated, of {', '.join(CORPORA)}")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="3 rounds: a few minutes on a quiet 2-core machine")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    parser.add_argument(
        "--empty-site",
        action="store_true",
        help="delete each variant's site folder before its build (a fresh checkout), and skip Zensical",
    )
    args = parser.parse_args()
    rounds = 3 if args.quick else args.rounds
    rows = []
    for name in args.corpora.split(","):
        rows.append(measure(name, rounds, args.empty_site))
        print(f"{name}: done", file=sys.stderr)
    print(json.dumps(rows, indent=2) if args.json else table(rows))


if __name__ == "__main__":
    main()
