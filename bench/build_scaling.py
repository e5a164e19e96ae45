"""Build cost of cohandbook against plain Material on the same Markdown, at several handbook sizes.

For each size N this synthesizes a handbook repository with N modules (mixed formats, about N/8
contributors), then builds it twice per round in fresh processes:

* ours:  `mkdocs build` with the project's mkdocs.yml (cohandbook and every other plugin);
* plain: the same module Markdown files copied into a docs folder, the same theme, Markdown extensions and
  other plugins, no cohandbook, with a nav of the same shape.

Rounds interleave the two builds so machine noise hits both alike. Reported: the build's CPU time (the
`build()` call, excluding interpreter start-up; the minimum over rounds, since noise only adds), the ratio
ours/plain, the median wall-time ratio beside it, the time per module (flat when growth is linear) and
peak memory. Usage: `python bench/build_scaling.py [--sizes 200,400,800] [--rounds 3]`.
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
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parent.parent
FORMATS = ("article", "article", "checklist", "gallery", "video")
PARAGRAPH = (
    "新车到手后的头几周，最要紧的是养成好习惯：出门前绕车一圈，看看轮胎和灯光；"
    "上车后先调好座椅和后视镜，再系好安全带。冬天记得提前预热电池，热泵空调会更省电；"
    "胎压监测报警时不要慌，先找安全的地方停车检查。"
)
TINY_JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9")

BUILD_SNIPPET = """
import json, os, resource, sys, time
os.environ["NO_MKDOCS_2_WARNING"] = "1"
import logging
logging.disable(logging.WARNING)
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(sys.argv[1], site_dir=sys.argv[2])
config.plugins.on_startup(command="build", dirty=False)
started, cpu_started = time.perf_counter(), time.process_time()
build(config)
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
config.plugins.on_shutdown()
print(json.dumps({"seconds": seconds, "cpu": cpu, "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def synthesize(root: Path, modules: int) -> list[tuple[str, list[tuple[str, str]]]]:
    """Write a repository with one handbook of `modules` modules; return its chapters for the plain nav."""
    people = [f"p{i:04d}" for i in range(max(4, modules // 8))]
    write(root / "contributors/skills.yml", dump({"writing": "文字", "photography": "摄影"}))
    for handle in people:
        write(root / f"contributors/{handle}.yml", dump({"name": f"车主{handle}", "skills": ["writing"]}))
    chapters, outline = [], []
    for c in range(0, modules, 20):
        specs = [_spec(i) for i in range(c, min(c + 20, modules))]
        chapters.append({"id": f"c{c // 20:03d}", "title": f"第 {c // 20 + 1} 章", "modules": specs})
        outline.append((f"第 {c // 20 + 1} 章", [(s["title"], s["id"]) for s in specs]))
    write(
        root / "handbooks/bench/handbook.yml",
        dump({"title": "压力测试手册", "brand": "星河汽车", "chapters": chapters}),
    )
    for i in range(modules):
        _module(root / f"handbooks/bench/modules/m{i:04d}", i, people[i % len(people)])
    return outline


def _spec(i: int) -> dict[str, object]:
    return {"id": f"m{i:04d}", "title": f"模块 {i}：用车小知识", "format": FORMATS[i % len(FORMATS)]}


def _module(folder: Path, i: int, handle: str) -> None:
    front: dict[str, object] = {"status": "accepted", "contributors": [handle], "claimed": "2026-11-01"}
    fmt = FORMATS[i % len(FORMATS)]
    body = f"## 要点\n\n{PARAGRAPH * 3}\n\n## 细节\n\n{PARAGRAPH * 2}\n"
    if fmt == "checklist":
        body += "".join(f"- [ ] 检查第 {k} 项：{PARAGRAPH[:20]}\n" for k in range(8))
    elif fmt == "gallery":
        front["gallery"] = [{"file": f"{k}.jpg", "alt": f"第 {k} 张图"} for k in range(4)]
        for k in range(4):
            write(folder / f"{k}.jpg", TINY_JPEG)
    elif fmt == "video":
        front["video"] = {"bilibili": f"BV1Xx4{i:06d}", "duration": 100, "poster": "poster.jpg"}
        write(folder / "poster.jpg", TINY_JPEG)
    write(folder / "index.md", f"---\n{dump(front)}---\n{body}")


def project_config() -> dict[str, object]:
    config = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["custom_dir"] = str(PROJECT / "theme")
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and isinstance(plugin.get("search"), dict):
            for key in ("jieba_dict", "jieba_dict_user"):
                if key in plugin["search"]:
                    plugin["search"][key] = str(PROJECT / plugin["search"][key])
    return config


def ours_config(root: Path) -> Path:
    config = project_config()
    config["plugins"] = [
        {"cohandbook": {**(p["cohandbook"] or {}), "today": "2026-11-22"}} if _ours(p) else p for p in config["plugins"]
    ]
    write(root / "mkdocs.yml", dump(config))
    return root / "mkdocs.yml"


def plain_config(root: Path, outline: list[tuple[str, list[tuple[str, str]]]]) -> Path:
    """The same Markdown and assets, the same theme, extensions and other plugins; no cohandbook."""
    shutil.copytree(root / "handbooks/bench/modules", root / "plain-docs/bench/modules")
    write(root / "plain-docs/index.md", "# 压力测试手册\n")
    config = project_config()
    config["docs_dir"] = "plain-docs"
    config["plugins"] = [p for p in config["plugins"] if not _ours(p)]
    chapters = [{title: [{t: f"bench/modules/{m}/index.md"} for t, m in modules]} for title, modules in outline]
    config["nav"] = [{"手册库": "index.md"}, {"压力测试手册": chapters}]
    write(root / "plain.yml", dump(config))
    return root / "plain.yml"


def _ours(plugin: object) -> bool:
    return plugin == "cohandbook" or (isinstance(plugin, dict) and "cohandbook" in plugin)


def timed_build(config: Path, site: Path) -> dict[str, float]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(PROJECT / "plugins")}
    result = subprocess.run(
        [sys.executable, "-c", BUILD_SNIPPET, str(config), str(site)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"build of {config.name} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def measure(modules: int, rounds: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix=f"cohandbook-bench-{modules}-") as tmp:
        root = Path(tmp)
        outline = synthesize(root, modules)
        ours, plain = ours_config(root), plain_config(root, outline)
        runs: dict[str, list[dict[str, float]]] = {"ours": [], "plain": []}
        for _ in range(rounds):
            runs["plain"].append(timed_build(plain, root / "site-plain"))
            runs["ours"].append(timed_build(ours, root / "site-ours"))
        pages = sum(1 for _ in (root / "site-ours").rglob("index.html"))
    # The minimum over rounds: the workload is deterministic, so noise (other processes, a VM's neighbours)
    # only ever adds time. CPU time is the primary figure; wall time is reported beside it.
    ours_s = min(r["cpu"] for r in runs["ours"])
    plain_s = min(r["cpu"] for r in runs["plain"])
    ours_wall = statistics.median(r["seconds"] for r in runs["ours"])
    plain_wall = statistics.median(r["seconds"] for r in runs["plain"])
    return {
        "wall_ratio": ours_wall / plain_wall,
        "modules": modules,
        "pages": pages,
        "ours_s": ours_s,
        "plain_s": plain_s,
        "ratio": ours_s / plain_s,
        "ours_ms_per_module": 1000 * ours_s / modules,
        "ours_peak_mb": max(r["maxrss_mb"] for r in runs["ours"]),
        "plain_peak_mb": max(r["maxrss_mb"] for r in runs["plain"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,400,800")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args()
    rows = [measure(int(n), args.rounds) for n in args.sizes.split(",")]
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(
        "| modules | pages built | ours CPU (s) | plain Material CPU (s) | ratio | wall-time ratio "
        "| ours ms/module | peak MB ours/plain |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['modules']} | {r['pages']} | {r['ours_s']:.2f} | {r['plain_s']:.2f} | {r['ratio']:.3f} "
            f"| {r['wall_ratio']:.3f} "
            f"| {r['ours_ms_per_module']:.1f} | {r['ours_peak_mb']:.0f}/{r['plain_peak_mb']:.0f} |"
        )
    first, last = rows[0], rows[-1]
    growth = (last["ours_s"] / first["ours_s"]) / (last["modules"] / first["modules"])
    print(
        f"\ngrowth {first['modules']}→{last['modules']} modules: time x{last['ours_s'] / first['ours_s']:.2f} "
        f"for x{last['modules'] / first['modules']:.0f} modules (1.00 = linear: {growth:.2f})"
    )


if __name__ == "__main__":
    main()
