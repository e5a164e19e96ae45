"""Build time of a cohandbook site against plain Material on the same Markdown, as the handbook grows.

Run from the repository root: ``PYTHONPATH=plugins python bench/build_scaling.py [--sizes 100,200,400,800]``.

For each size N it writes one handbook of N accepted modules (articles, checklists, galleries, videos, in
chapters of 20) and, beside it, a plain MkDocs project holding the same N Markdown bodies with the same
theme, extensions and search. Both are built in-process, interleaved, several times; the fastest build of
each is compared.
The cohandbook build does more (validation, covers, placeholders, the print edition, the lightbox); the
target is at most 1.10x plain Material at 800 modules, and time per module that stays flat as N grows.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

PROJECT = Path(__file__).resolve().parent.parent
FORMATS = ("article", "checklist", "gallery", "video")
TARGET_RATIO = 1.10
JPEG = (PROJECT / "handbooks/new-owner-guide/modules/hidden-storage/frunk.jpg").read_bytes()
SENTENCE = "新车头一千公里要温柔驾驶，胎压监测要常看，热泵空调冬天更省电，动能回收先用中档。"


def body(fmt: str, number: int) -> str:
    """Markdown of one module, about the size KOCs hand in (a 600-character article, a 10-item list …)."""
    if fmt == "checklist":
        return "出发前逐项检查。\n\n## 检查\n\n" + "".join(f"- [ ] 第 {i} 项：{SENTENCE}\n" for i in range(10))
    if fmt == "gallery":
        return f"第 {number} 组照片。{SENTENCE * 2}\n"
    if fmt == "video":
        return f"视频说明。{SENTENCE}\n\n## 视频里讲了什么\n\n" + "".join(
            f"- **0{i}:00** {SENTENCE}\n" for i in range(5)
        )
    return "".join(f"## 第 {i} 节\n\n{SENTENCE * 4}\n\n" for i in range(4)) + '!!! tip "小贴士"\n    记下问题。\n'


def front(fmt: str) -> dict[str, Any]:
    data: dict[str, Any] = {"status": "accepted", "contributors": ["li-na"], "claimed": "2026-10-01"}
    if fmt == "gallery":
        data["gallery"] = [{"file": f"p{i}.jpg", "alt": f"第 {i} 张：{SENTENCE[:12]}"} for i in range(4)]
    if fmt == "video":
        data["video"] = {"bilibili": "BV1Xx411c7mD", "duration": 118, "poster": "p0.jpg"}
    return data


def write_handbook(root: Path, size: int) -> None:
    modules = [(f"m{n:04d}", FORMATS[n % len(FORMATS)]) for n in range(size)]
    chapters = [
        {
            "id": f"c{c:03d}",
            "title": f"第 {c} 章",
            "modules": [{"id": m, "title": f"模块 {m}", "format": f} for m, f in modules[c * 20 : c * 20 + 20]],
        }
        for c in range((size + 19) // 20)
    ]
    dump(root / "handbooks/big/handbook.yml", {"title": "大手册", "brand": "星河汽车", "chapters": chapters})
    dump(root / "contributors/skills.yml", {"writing": "文字"})
    dump(root / "contributors/li-na.yml", {"name": "李娜"})
    for module, fmt in modules:
        folder = root / f"handbooks/big/modules/{module}"
        folder.mkdir(parents=True)
        (folder / "index.md").write_text(
            f"---\n{yaml.safe_dump(front(fmt), allow_unicode=True)}---\n{body(fmt, 0)}", encoding="utf-8"
        )
        for i in range(4 if fmt in ("gallery", "video") else 0):
            (folder / f"p{i}.jpg").write_bytes(JPEG)
    config = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["custom_dir"] = str(PROJECT / "theme")
    config["plugins"] = [
        {"cohandbook": {**p["cohandbook"], "today": "2026-11-22"}} if isinstance(p, dict) and "cohandbook" in p else p
        for p in config["plugins"]
    ]
    dump(root / "mkdocs.yml", config)


def write_plain(root: Path, size: int) -> None:
    """The same Markdown as ordinary MkDocs pages, in the same handbook/chapter/module tree, with Material,
    its search and our extensions; nothing of ours."""
    (root / "docs/big").mkdir(parents=True)
    (root / "docs/index.md").write_text("# 手册库\n", encoding="utf-8")
    (root / "docs/big/index.md").write_text("# 大手册\n", encoding="utf-8")
    for n in range(size):
        fmt = FORMATS[n % len(FORMATS)]
        chapter = root / f"docs/big/c{n // 20:03d}"
        chapter.mkdir(exist_ok=True)
        (chapter / f"m{n:04d}.md").write_text(f"# 模块 m{n:04d}\n\n{body(fmt, 0)}", encoding="utf-8")
        for i in range(4 if fmt in ("gallery", "video") else 0):
            (chapter / f"m{n:04d}-p{i}.jpg").write_bytes(JPEG)
    config = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("docs_dir")
    config.pop("extra_css")
    config.pop("extra_javascript", None)
    config["theme"].pop("custom_dir")
    config["plugins"] = ["search"]
    dump(root / "mkdocs.yml", config)


def dump(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def timed_build(root: Path) -> float:
    site = root / "site"
    shutil.rmtree(site, ignore_errors=True)
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
    start = time.perf_counter()
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    return time.perf_counter() - start


def best_of(ours: Path, plain: Path, runs: int) -> tuple[float, float]:
    """Interleaved builds, fastest of each: other work on a shared machine only ever adds time."""
    times: dict[Path, list[float]] = {ours: [], plain: []}
    for _ in range(runs):
        for root in (plain, ours):
            times[root].append(timed_build(root))
    return min(times[ours]), min(times[plain])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,200,400,800", help="module counts, comma-separated")
    parser.add_argument("--runs", type=int, default=5, help="builds per measurement (the fastest counts)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.disable(logging.WARNING)  # MkDocs' INFO lines would drown the table
    print(f"{'modules':>8} {'plain s':>9} {'ours s':>9} {'ratio':>7} {'ours ms/module':>15}")
    ratio = 0.0
    with tempfile.TemporaryDirectory(prefix="cohandbook-bench-") as scratch:
        for size in sizes:
            ours, plain = Path(scratch) / f"ours-{size}", Path(scratch) / f"plain-{size}"
            write_handbook(ours, size)
            write_plain(plain, size)
            timed_build(ours)  # warm-up: imports, jieba's dictionary, template caches
            timed_build(plain)
            ours_s, plain_s = best_of(ours, plain, args.runs)
            ratio = ours_s / plain_s
            print(f"{size:>8} {plain_s:>9.2f} {ours_s:>9.2f} {ratio:>6.2f}x {1000 * ours_s / size:>15.2f}")
    print(f"target: at most {TARGET_RATIO:.2f}x at the largest size -> {'OK' if ratio <= TARGET_RATIO else 'TOO SLOW'}")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
