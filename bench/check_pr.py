"""How fast `cohandbook check-pr` answers on a big repository: 1,000 modules, a 20-file pull request.

Synthesizes a handbook repository in a temporary folder (10 handbooks of 100 modules, 200 contributors,
every format and state, content that passes validation), commits it as `main`, then a branch on which one
contributor claims and hands in two gallery modules with nine photos each (20 files). It times the check
in-process (click's CliRunner, as the tests run it) and as a subprocess (as the GitHub workflow runs it),
and prints the figures. The target: under 2 seconds.

    python bench/check_pr.py [--modules 1000] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from cohandbook.cli.main import cli  # noqa: E402

TODAY = "2026-11-22"
FORMATS = ("article", "checklist", "gallery", "video")
STATES = ("open", "claimed", "submitted", "accepted")
JPEG = b"\xff\xd8\xff\xe0" + bytes(2000)
ESSAY = "新车前一千公里要温柔驾驶，胎压监测要常看，热泵空调冬天更省电。" * 12
GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "b@example.com"}
GIT_ENV |= {"GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "b@example.com", "GIT_CONFIG_NOSYSTEM": "1"}


def write(root: Path, path: str, content: str | bytes) -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "commit.gpgsign=false", "-C", str(root), *args], check=True, env=GIT_ENV)


def synthesize(root: Path, modules: int) -> None:
    """The base: people, skills, blueprints and module folders in every state."""
    write(root, "mkdocs.yml", dump({"site_name": "bench", "plugins": [{"cohandbook": {"operators": ["ops"]}}]}))
    write(root, "contributors/skills.yml", dump({"writing": "文字写作", "photography": "摄影"}))
    for n in range(200):
        write(root, f"contributors/p{n}.yml", dump({"name": f"车主{n}", "github": f"gh-p{n}", "skills": ["writing"]}))
    per_handbook = 100
    for h in range(max(1, modules // per_handbook)):
        specs = [{"id": f"m{m}", "title": f"模块 {m}", "format": FORMATS[m % 4]} for m in range(per_handbook)]
        chapters = [{"id": f"c{c}", "title": f"第 {c} 章", "modules": specs[c * 10 : c * 10 + 10]} for c in range(10)]
        write(
            root,
            f"handbooks/h{h}/handbook.yml",
            dump({"title": f"手册 {h}", "brand": "星河汽车", "chapters": chapters}),
        )
        for m, spec in enumerate(specs):
            state = STATES[(m // 4) % 4]
            if state != "open":
                module(root, f"h{h}", spec["id"], spec["format"], state, f"p{(h * per_handbook + m) % 150}")


def module(root: Path, handbook: str, module_id: str, fmt: str, state: str, handle: str) -> None:
    folder = f"handbooks/{handbook}/modules/{module_id}"
    front: dict[str, object] = {"status": state, "contributors": [handle], "claimed": "2026-11-01"}
    body = {"article": ESSAY, "checklist": "".join(f"- [ ] 第 {i} 项\n" for i in range(6))}.get(fmt, "简介。")
    if fmt == "gallery":
        front["gallery"] = [{"file": f"p{i}.jpg", "alt": f"第 {i} 张"} for i in range(4)]
        for i in range(4):
            write(root, f"{folder}/p{i}.jpg", JPEG)
    if fmt == "video":
        front["video"] = {"bilibili": "BV1Xx411c7mD", "duration": 100, "poster": "poster.jpg"}
        write(root, f"{folder}/poster.jpg", JPEG)
    write(root, f"{folder}/index.md", f"---\n{dump(front)}---\n{body}\n")


def pull_request(root: Path) -> int:
    """A contributor without claims takes two open gallery modules and hands them in: 20 files."""
    files = 0
    for module_id in ("m2", "m18"):  # open galleries in handbook h0
        folder = f"handbooks/h0/modules/{module_id}"
        photos = [{"file": f"photo{i}.jpg", "alt": f"储物格 {i}"} for i in range(9)]
        front = {
            "status": "submitted",
            "contributors": ["p199"],
            "claimed": TODAY,
            "submitted": TODAY,
            "gallery": photos,
        }
        write(root, f"{folder}/index.md", f"---\n{dump(front)}---\n车里的储物空间。\n")
        for i in range(9):
            write(root, f"{folder}/photo{i}.jpg", JPEG)
        files += 10
    return files


def timed(runs: int, action) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--modules", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        synthesize(root, args.modules)
        git(root, "init", "-q", "-b", "main")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "base")
        git(root, "checkout", "-q", "-b", "pr")
        files = pull_request(root)
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "pull request")
        command = [
            "--root",
            temp,
            "check-pr",
            "--base",
            "main",
            "--head",
            "pr",
            "--author",
            "gh-p199",
            "--today",
            TODAY,
        ]

        def in_process() -> None:
            result = CliRunner().invoke(cli, command)
            assert result.exit_code == 0, result.output

        launcher = [sys.executable, "-c", "from cohandbook.cli.main import main; main()"]
        env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}

        def as_subprocess() -> None:
            subprocess.run([*launcher, *command], check=True, env=env, capture_output=True)

        tracked = len(subprocess.run(["git", "-C", temp, "ls-files"], capture_output=True, text=True).stdout.split())
        print(f"repository: {args.modules} modules, {tracked} files; pull request: {files} files")
        for label, action in (("in-process", in_process), ("subprocess", as_subprocess)):
            times = timed(args.runs, action)
            median, best = statistics.median(times), min(times)
            print(f"check-pr {label:>10}: median {median:.2f} s, best {best:.2f} s ({args.runs} runs)")


if __name__ == "__main__":
    main()
