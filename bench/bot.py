"""Time one `cohandbook bot` run, as GitHub Actions starts it, on a 1,000-module repository.

Ten handbooks of 100 modules, half of them claimed with an issue (the daily round looks at each), 200
people; a real git repository with a bare remote to push to, and a stand-in for GitHub's REST API on
127.0.0.1. Two worst days too: every claim due a reminder, every claim lapsed. Each run is a fresh `cohandbook bot` process: Python's start, the imports, reading the
repository, deciding, committing, pushing and commenting. Run from the repository root:
``PYTHONPATH=plugins python bench/bot.py``.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HANDBOOKS, MODULES, PEOPLE = 10, 100, 200
TODAY = "2026-11-22"
PLUGINS = Path(__file__).resolve().parent.parent / "plugins"


class FakeGitHub(BaseHTTPRequestHandler):
    """Answers the bot's calls: no comments yet, every post accepted."""

    protocol_version = "HTTP/1.1"  # keep-alive, as GitHub's API does
    disable_nagle_algorithm = True  # headers and body go out as two writes; Nagle would hold the second

    def _answer(self, status: int, body: object) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        self._answer(200, [])

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self._answer(201, {"id": 1})

    do_PATCH = do_POST

    def log_message(self, format: str, *args: object) -> None:
        pass


def git(root: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "b",
        "GIT_AUTHOR_EMAIL": "b@e",
        "GIT_COMMITTER_NAME": "b",
        "GIT_COMMITTER_EMAIL": "b@e",
    }
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def write_repository(root: Path) -> None:
    (root / "contributors").mkdir(parents=True)
    for p in range(PEOPLE):
        (root / "contributors" / f"user{p:03d}.yml").write_text(
            f"name: 用户{p}\ngithub: login{p:03d}\n", encoding="utf-8"
        )
    (root / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - cohandbook:\n      claim_cap: 10\n", encoding="utf-8")
    for h in range(HANDBOOKS):
        folder = root / "handbooks" / f"book{h}"
        modules = "".join(
            f"      - {{id: m{m:03d}, title: 模块{m}, format: article, brief: 写一写第{m}件事}}\n"
            for m in range(MODULES)
        )
        (folder / "modules").mkdir(parents=True)
        (folder / "handbook.yml").write_text(
            f"title: 手册{h}\nbrand: 星河汽车\ndeadline: 2026-12-31\nchapters:\n  - id: c\n    title: 章\n    modules:\n{modules}",
            encoding="utf-8",
        )
        for m in range(0, MODULES, 2):
            who = f"user{(h * MODULES + m) % PEOPLE:03d}"
            index = folder / "modules" / f"m{m:03d}" / "index.md"
            index.parent.mkdir()
            issue = h * MODULES + m + 1
            index.write_text(
                f"---\nstatus: claimed\ncontributors: [{who}]\nclaimed: 2026-11-01\nissue: {issue}\n---\n正文。\n",
                encoding="utf-8",
            )


def claim_event(number: int, module: str) -> dict[str, object]:
    body = f"### 手册编号\n\nbook9\n\n### 模块编号\n\n{module}\n\n### 你在人才库里的用户名\n\n_No response_"
    issue = {
        "number": number,
        "title": "认领：",
        "body": body,
        "user": {"login": "login199", "type": "User"},
        "labels": [{"name": "认领"}],
    }
    return {"action": "opened", "issue": issue}


def run_bot(root: Path, event: dict[str, object], name: str, api: str, today: str = TODAY) -> float:
    path = root.parent / "event.json"
    path.write_text(json.dumps(event, ensure_ascii=False), encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONPATH": str(PLUGINS),
        "GITHUB_TOKEN": "t",
        "GITHUB_REPOSITORY": "o/r",
        "GITHUB_API_URL": api,
        "COHANDBOOK_TODAY": today,
    }
    code = "from cohandbook.cli.main import main; main()"
    command = [sys.executable, "-c", code, "--root", str(root), "bot", "--event", str(path), "--event-name", name]
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    assert result.returncode == 0, result.stderr
    return elapsed


def main() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeGitHub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    api = f"http://127.0.0.1:{server.server_address[1]}"
    with tempfile.TemporaryDirectory() as folder:
        root, remote = Path(folder) / "repo", Path(folder) / "origin.git"
        write_repository(root)
        git(root, "init", "-q", "-b", "main")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "base")
        git(Path(folder), "init", "-q", "--bare", "-b", "main", str(remote))
        git(root, "remote", "add", "origin", str(remote))
        git(root, "push", "-q", "origin", "main")
        claims = [run_bot(root, claim_event(5000 + i, f"m{i * 2 + 1:03d}"), "issues", api) for i in range(5)]
        rounds = [run_bot(root, {"schedule": "17 1 * * *"}, "schedule", api) for _ in range(5)]
        # The worst day: every one of the 500 claims is due a reminder (500 issues read and commented) …
        reminders = run_bot(root, {"schedule": "17 1 * * *"}, "schedule", api, today="2026-12-29")
        # … or has lapsed: 500 releases in one commit, and a comment on each issue.
        releases = run_bot(root, {"schedule": "17 1 * * *"}, "schedule", api, today="2027-01-20")
    server.shutdown()
    modules = HANDBOOKS * MODULES
    print(f"{modules} modules, {modules // 2} claimed: one bot run, as a fresh process, commit and push included")
    print(f"claim by form: median {statistics.median(claims):.2f} s, max {max(claims):.2f} s over {len(claims)} runs")
    print(f"daily round:   median {statistics.median(rounds):.2f} s, max {max(rounds):.2f} s over {len(rounds)} runs")
    print(f"daily round, 500 reminders due: {reminders:.2f} s; 500 claims lapsed and released: {releases:.2f} s")


if __name__ == "__main__":
    main()
