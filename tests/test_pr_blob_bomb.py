"""A small pull request naming one large blob under thousands of paths: bounded work, fail closed."""

from __future__ import annotations

import json
import subprocess
import time
import tracemalloc

import pytest
from gitrepo import GitRepo, git

from cohandbook.core.read import sources
from cohandbook.core.read.limits import PR_PATHS
from cohandbook.core.read.sources import GitSource, ReadBudgetExceeded
from conftest import Repo

OPERATOR = "xinghe-community"
BLOB = ("- 一行清单\n" * 20_000).encode()  # about 300 KB of valid-looking text


def _pr_with_paths(repo: Repo, count: int, name: str = "note{}.md") -> GitRepo:
    """`count` paths in one module folder, all one blob, written straight into git's index."""
    pr = GitRepo(repo).start()
    sha = (
        subprocess.run(
            ["git", "-C", str(pr.root), "hash-object", "-w", "--stdin"], input=BLOB, capture_output=True, check=True
        )
        .stdout.decode()
        .strip()
    )
    folder = "handbooks/guide/modules/open-one"
    info = "".join(f"100644 {sha}\t{folder}/{name.format(i)}\n" for i in range(count))
    subprocess.run(["git", "-C", str(pr.root), "update-index", "--index-info"], input=info.encode(), check=True)
    git(pr.root, "commit", "-q", "-m", "many paths")
    git(pr.root, "checkout", "-q", "-f", "pr")
    return pr


def test_thousands_of_paths_are_refused_before_reading(repo: Repo) -> None:
    pr = _pr_with_paths(repo, PR_PATHS + 500)
    started = time.perf_counter()
    result = pr.check(OPERATOR, "--format", "json")
    assert time.perf_counter() - started < 30
    assert result.exit_code == 1
    found = json.loads(result.output)
    assert [f["code"] for f in found] == ["pr-too-big"]
    assert "一次提交最多改 2000 个文件" in found[0]["message"]


def test_one_blob_under_many_paths_is_read_once(repo: Repo) -> None:
    pr = _pr_with_paths(repo, 1_500)
    source = GitSource(pr.root, pr.rev("pr"))
    paths = [e.path for e in source.entries() if e.path.endswith(".md") and "note" in e.path]
    assert len(paths) == 1_500
    tracemalloc.start()
    source.read_many(paths)
    for path in paths:
        assert source.read(path) is source.read(paths[0])  # one copy, shared
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 20 * len(BLOB)
    assert source.budget == sources.PR_READ_BYTES - len(BLOB)


def test_past_the_read_budget_the_check_fails_closed(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    pr = _pr_with_paths(repo, 3, name="part{}.yml")
    small = GitSource(pr.root, pr.rev("pr"), budget=1000)
    small.entries()
    with pytest.raises(ReadBudgetExceeded):
        small.read_many(["handbooks/guide/modules/open-one/part0.yml", "contributors/li-na.yml"])
    monkeypatch.setattr(sources, "PR_READ_BYTES", 100)  # less than the talent pool itself
    result = pr.check(OPERATOR, "--format", "json")
    assert result.exit_code == 1
    assert [f["code"] for f in json.loads(result.output)] == ["pr-too-big"]
