"""ProperDocs, the maintained fork of MkDocs 1.x, runs the plugin unchanged: `properdocs build` and `serve`.

ProperDocs installs beside MkDocs (its own package and command) and, when its command runs, redirects every
`mkdocs.*` import to itself for the rest of that process. So it only ever runs in a subprocess here: inside
the test process it would swap MkDocs out from under the other tests.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

from conftest import Repo, Site

PROPERDOCS = Path(sys.executable).parent / "properdocs"
SEARCH_INDEX = "search/search_index.json"
ZWSP = "\u200b"  # jieba's word break in the search index
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def properdocs(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(PROPERDOCS), *args], cwd=cwd, capture_output=True, text=True, check=False, env=ENV)


ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def files(site: Path) -> dict[str, bytes]:
    """Every output file but the compressed sitemap (gzip stamps it), the generator's name taken out. Word
    breaks leave the search index: jieba's dictionary is process-wide, and earlier tests in this process
    taught it other words."""
    found = {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file() and p.suffix != ".gz"}
    found[SEARCH_INDEX] = json.dumps(json.loads(found[SEARCH_INDEX]), ensure_ascii=False).replace(ZWSP, "").encode()
    return {path: GENERATOR.sub(b"", data) for path, data in found.items()}


def test_properdocs_builds_the_example_site_byte_for_byte(example_site: Site, tmp_path: Path) -> None:
    repo_root = example_site.root.parent  # mkdocs.yml of the build, today pinned
    result = properdocs("build", "--strict", "-f", "mkdocs.yml", "-d", str(tmp_path / "site"), cwd=repo_root)
    assert result.returncode == 0, result.stderr
    ours, theirs = files(example_site.root), files(tmp_path / "site")
    assert sorted(theirs) == sorted(ours)
    assert len([p for p in ours if p.endswith("index.html")]) > 25
    assert [path for path in ours if theirs[path] != ours[path]] == []


def test_properdocs_strict_build_fails_on_a_finding_with_its_file_and_line(repo: Repo) -> None:
    repo.module("guide", "daily-check", {"status": "accepted", "contributors": ["li-na"]}, "- [ ] 只有一项\n")
    repo.write_config()
    result = properdocs("build", "--strict", "-f", "mkdocs.yml", cwd=repo.root)
    assert result.returncode == 1
    assert "handbooks/guide/modules/daily-check/index.md" in result.stderr
    assert "清单只有 1 项" in result.stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch_until(url: str, wanted: str, seconds: float = 30) -> str:
    deadline, text = time.monotonic() + seconds, ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                text = response.read().decode("utf-8")
            if wanted in text:
                return text
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed {wanted!r}")


def test_properdocs_serve_shows_an_edited_module(repo: Repo) -> None:
    config = repo.write_config()
    port = free_port()
    base = urlparse(repo.config["site_url"]).path
    url = f"http://127.0.0.1:{port}{base}guide/first-1000km/"
    command = [str(PROPERDOCS), "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=repo.root, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        fetch_until(url, "首个一千公里")
        module = repo.root / "handbooks/guide/modules/first-1000km/index.md"
        module.write_text(module.read_text(encoding="utf-8") + "\n刚刚改过的一句话。\n", encoding="utf-8")
        fetch_until(url, "刚刚改过的一句话")
    finally:
        server.terminate()
        server.wait(timeout=10)
