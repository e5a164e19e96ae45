"""How long `mkdocs serve` takes to show an edit of one module of a big handbook.

Does what `mkdocs serve` does, in one process: the first build, then, after one module's index.md changed,
the rebuild its file watcher triggers (a fresh configuration, the same plugin instances, the serve URL).
Prints the rebuild's wall and CPU time, for `mkdocs serve` and `mkdocs serve --dirty`, and checks that the
edit is on the module's page and in the print edition, and (plain `mkdocs serve`) that after the last edit
the served site is byte for byte what a full build of the same repository writes.

    python bench/serve_edit.py [--modules 800] [--edits 3]
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

import corpora
from mkdocs.commands.build import build
from mkdocs.config import load_config

SERVE_URL = "http://127.0.0.1:8000/"


def rebuild(config_file: Path, site: Path, dirty: bool) -> tuple[float, float]:
    started, cpu = time.perf_counter(), time.process_time()
    config = load_config(str(config_file), site_dir=str(site))
    config.site_url = SERVE_URL
    build(config, serve_url=SERVE_URL, dirty=dirty)
    return time.perf_counter() - started, time.process_time() - cpu


def session(modules: int, edits: int, dirty: bool) -> list[tuple[float, float]]:
    with tempfile.TemporaryDirectory(prefix="cohandbook-serve-") as tmp:
        root, site = Path(tmp), Path(tmp) / "served"
        corpora.synthetic(root, modules)
        config_file = corpora.ours_site(root)
        first = load_config(str(config_file), site_dir=str(site))
        first.plugins.on_startup(command="serve", dirty=dirty)
        rebuild(config_file, site, dirty)  # the first build, when serve starts
        times = []
        for n in range(edits):
            module = root / f"handbooks/bench/modules/m{(modules // 2 + 5 * n):04d}/index.md"
            time.sleep(0.01)  # a later modification time than the pages written by the last build
            module.write_text(module.read_text(encoding="utf-8") + f"\n改动{n}号\n", encoding="utf-8")
            times.append(rebuild(config_file, site, dirty))
            page = (site / "bench" / module.parent.name / "index.html").read_text(encoding="utf-8")
            printed = (site / "bench/print/index.html").read_text(encoding="utf-8")
            assert f"改动{n}号" in page and f"改动{n}号" in printed, "the edit is not on the site"
            missing = [m for m in range(modules) if f'id="m-m{m:04d}"' not in printed]
            assert not missing, f"the print edition lacks {len(missing)} modules"
        if not dirty:
            assert_like_a_full_build(config_file, site, Path(tmp) / "full")
        first.plugins.on_shutdown()
        return times


def assert_like_a_full_build(config_file: Path, site: Path, full: Path) -> None:
    config = load_config(str(config_file), site_dir=str(full))
    config.site_url = SERVE_URL
    build(config, serve_url=SERVE_URL)
    served, built = files(site), files(full)
    assert served.keys() == built.keys(), f"files differ: {sorted(served.keys() ^ built.keys())[:5]}"
    differ = sorted(name for name in built if served[name] != built[name])
    assert not differ, f"{len(differ)} served files differ from a full build: {differ[:5]}"


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--modules", type=int, default=800)
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    for dirty in (False, True):
        times = session(args.modules, args.edits, dirty)
        wall = statistics.median(t[0] for t in times)
        cpu = statistics.median(t[1] for t in times)
        label = "mkdocs serve --dirty" if dirty else "mkdocs serve"
        print(f"{label}: one module of {args.modules} edited, rebuild median {wall:.2f} s wall, {cpu:.2f} s CPU")


if __name__ == "__main__":
    main()
