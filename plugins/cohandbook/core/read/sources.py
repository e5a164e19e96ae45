"""Where repository files come from: the working tree, or one git revision.

The reader sees only this interface, so `validate` (working tree) and `check-pr` (the pull request's head,
read from git, never from disk) apply the same rules. Symbolic links are listed but never followed or read.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

from ..domain.layout import CONTRIBUTORS, HANDBOOKS
from .limits import PR_READ_BYTES

Kind = Literal["file", "symlink", "other"]

# Only these top-level folders hold contributed data; nothing else is ever read.
DATA_ROOTS = (HANDBOOKS, CONTRIBUTORS)


@dataclass(frozen=True, slots=True)
class Entry:
    path: str  # repository-relative, POSIX separators
    size: int
    kind: Kind = "file"


class Source(Protocol):
    def entries(self) -> list[Entry]: ...

    def read(self, path: str) -> bytes: ...

    def read_head(self, path: str, size: int) -> bytes | None:
        """The first `size` bytes; None when this source leaves a file's content unjudged."""
        ...


class FsSource:
    """The working tree under `root`; `roots` narrows the walk (the private notes live under contributors/)."""

    def __init__(self, root: Path, roots: tuple[str, ...] = DATA_ROOTS) -> None:
        self.root = Path(root)
        self.roots = tuple(r for r in roots if r in DATA_ROOTS)

    def entries(self) -> list[Entry]:
        found: list[Entry] = []
        for top in self.roots:
            path = self.root / top
            if path.is_symlink():
                found.append(Entry(top, 0, "symlink"))  # reported, never followed
            elif path.is_dir():
                found.extend(self._walk(str(path), top))
        return sorted(found, key=lambda e: e.path)

    def _walk(self, folder: str, prefix: str) -> Iterator[Entry]:
        """Every entry below `folder`; links are listed, never entered (scandir's types come from lstat)."""
        with os.scandir(folder) as scan:
            items = sorted(scan, key=lambda item: item.name)
        for item in items:
            rel = f"{prefix}/{item.name}"
            if item.is_symlink():
                yield Entry(rel, 0, "symlink")
            elif item.is_dir(follow_symlinks=False):
                yield from self._walk(item.path, rel)
            elif item.is_file(follow_symlinks=False):
                yield Entry(rel, item.stat(follow_symlinks=False).st_size, "file")
            else:
                yield Entry(rel, 0, "other")

    def read(self, path: str) -> bytes:
        return self.read_head(path, -1)

    def read_head(self, path: str, size: int) -> bytes:
        """The first bytes of a file (its type is judged by them); a link is never opened."""
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
        descriptor = os.open(self.root / path, flags)
        with os.fdopen(descriptor, "rb") as file:
            return file.read(size)


class GitSource:
    """One revision of a git repository, read with `git ls-tree` and `git cat-file`."""

    def __init__(self, repo: Path, rev: str, budget: int | None = None) -> None:
        self.repo = Path(repo)
        self.rev = rev
        self._blobs: dict[str, str] = {}
        self._cache: dict[str, bytes] = {}
        self._by_id: dict[str, bytes] = {}  # one copy of a blob, however many paths name it
        self._entries: list[Entry] | None = None
        self.budget = (
            PR_READ_BYTES if budget is None else budget
        )  # distinct bytes this source may read out of git; past it, ReadBudgetExceeded

    def _blob(self, sha: str, data: bytes) -> bytes:
        """Count a blob against the budget once, and keep one copy of it."""
        if sha not in self._by_id:
            self.budget -= len(data)
            if self.budget < 0:
                raise ReadBudgetExceeded(sha)
            self._by_id[sha] = data
        return self._by_id[sha]

    def _keep(self, path: str, sha: str | None, data: bytes) -> bytes:
        self._cache[path] = self._blob(sha or f"{self.rev}:{path}", data)
        return self._cache[path]

    def entries(self) -> list[Entry]:
        # Listed once: the pull-request check asks for the same revision's entries several times.
        if self._entries is None:
            out = self._git("ls-tree", "-r", "-l", "-z", "--full-tree", self.rev, "--", *DATA_ROOTS)
            found = []
            for record in out.split(b"\0"):
                if record:
                    found.append(self._parse(record.decode("utf-8", "surrogateescape")))
            self._entries = sorted(found, key=lambda e: e.path)
        return list(self._entries)

    def _parse(self, record: str) -> Entry:
        meta, path = record.split("\t", 1)
        mode, kind, sha, size = meta.split()
        self._blobs[path] = sha
        if mode == "120000":
            return Entry(path, 0, "symlink")
        if kind != "blob":
            return Entry(path, 0, "other")
        return Entry(path, int(size), "file")

    def read(self, path: str) -> bytes:
        if path not in self._cache:
            sha = self._blobs.get(path)
            if sha is not None and sha in self._by_id:
                return self._keep(path, sha, self._by_id[sha])
            return self._keep(path, sha, self._git("cat-file", "blob", sha or f"{self.rev}:{path}"))
        return self._cache[path]

    def read_head(self, path: str, size: int) -> bytes:
        """The first bytes of a blob, without reading a 100 MB video into memory."""
        if path in self._cache:
            return self._cache[path][:size]
        sha = self._blobs.get(path) or f"{self.rev}:{path}"
        with subprocess.Popen(
            ["git", "-C", str(self.repo), "cat-file", "blob", sha], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        ) as process:
            assert process.stdout is not None
            head = process.stdout.read(size)
            process.kill()
        return head

    def read_optional(self, path: str) -> bytes | None:
        """A file anywhere in the revision (mkdocs.yml, say), or None when the revision has no such file."""
        try:
            return self._git("cat-file", "blob", f"{self.rev}:{path}")
        except GitError:
            return None

    def read_many(self, paths: list[str]) -> None:
        """Fetch many blobs in one `git cat-file --batch` call; reading file by file is slow on big PRs."""
        wanted = [p for p in paths if p not in self._cache and p in self._blobs]
        ids = sorted({self._blobs[p] for p in wanted} - set(self._by_id))
        if ids:
            out = self._git("cat-file", "--batch", stdin="".join(i + "\n" for i in ids).encode())
            pos = 0
            for sha in ids:
                header_end = out.index(b"\n", pos)
                size = int(out[pos:header_end].split()[2])
                self._blob(sha, out[header_end + 1 : header_end + 1 + size])
                pos = header_end + 1 + size + 1
        for path in wanted:
            self._keep(path, self._blobs[path], self._by_id[self._blobs[path]])

    def changes_since(self, base: str) -> list[Change]:
        """Every path this revision changed since it left `base`: a pull request's three-dot diff.

        Diffing from the merge base, not from the base's tip, keeps work merged into the base after the
        branch started from showing up as the pull request's own changes.
        """
        try:
            fork = self._git("merge-base", base, self.rev).decode().strip()
        except GitError:  # unrelated histories: compare with the base itself
            fork = base
        out = self._git("diff-tree", "-r", "-z", "--no-renames", "--raw", fork, self.rev)
        fields = out.decode("utf-8", "surrogateescape").split("\0")
        found = []
        for meta, path in zip(fields[0::2], fields[1::2], strict=False):
            old_mode, new_mode, _, _, status = meta.lstrip(":").split()
            found.append(Change(path, status[0], old_mode, new_mode))
        return sorted(found, key=lambda c: c.path)

    def first_message_since(self, base: str) -> str:
        """The message of the first commit on this revision's side since it left `base` ('' if none)."""
        commits = self._git("rev-list", "--reverse", "--first-parent", f"{base}..{self.rev}").split()
        return self._git("log", "-1", "--format=%B", commits[0].decode()).decode("utf-8", "replace") if commits else ""

    def _git(self, *args: str, stdin: bytes | None = None) -> bytes:
        result = subprocess.run(["git", "-C", str(self.repo), *args], input=stdin, capture_output=True, check=False)
        if result.returncode != 0:
            raise GitError(result.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
        return result.stdout


class GitError(RuntimeError):
    """git could not answer: an unknown revision, or not a repository."""


class ReadBudgetExceeded(RuntimeError):
    """A pull request asked for more distinct bytes than one check reads (limits.PR_READ_BYTES)."""


def resolve_revision(repo: Path, rev: str) -> str:
    """The commit a revision names, checked before git sees it as anything else.

    A revision comes from the command line or a workflow: `--output=FILE` would be an option to git, so
    anything that starts with `-` or holds a control character is refused, and `--end-of-options` keeps
    git from reading the rest as one. What git then returns is a plain commit id.
    """
    if not rev or rev.startswith("-") or any(ord(ch) < 0x20 or ch == "\x7f" for ch in rev):
        raise GitError(f"“{rev}”不是一个版本名（分支名、标签或提交号）。")
    result = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"],
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        where = "" if (Path(repo) / ".git").exists() else f"（{repo} 不是 git 仓库）"
        raise GitError(f"找不到版本“{rev}”{where}：请写一个存在的分支名、标签或提交号。")
    return result.stdout.decode("ascii").strip()


@dataclass(frozen=True, slots=True)
class Change:
    """One path that differs between two revisions, as `git diff-tree --raw` reports it."""

    path: str
    status: str  # A added, M modified, D deleted, T type changed (file <-> symbolic link)
    old_mode: str
    new_mode: str

    @property
    def deleted(self) -> bool:
        return self.status == "D"

    @property
    def kind(self) -> Kind:
        """What the path is after the change (for a deletion: what it was)."""
        mode = self.old_mode if self.deleted else self.new_mode
        return "symlink" if mode == "120000" else "file" if mode.startswith("100") else "other"
