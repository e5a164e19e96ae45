"""What the working tree cannot be trusted to say, read from the repository's git history: claims that lapsed
without a trace, and the day each module was handed in as the base branch saw it.

Releasing a claim that has no work yet deletes the module folder (see `cohandbook release` and the bot's
release of overdue claims), so the working tree forgets that the claim ever existed. The history does not:
each such release is a commit that deletes `handbooks/<h>/modules/<m>/index.md` while it said
`status: claimed`. One `git log` lists those deletions and one `git cat-file --batch` reads the deleted files,
so the cost stays flat however long the history is. Outside a git repository there is no history: no lapses.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..domain.findings import YamlProblem
from ..domain.layout import module_index, module_of
from .markdown import split_front_matter
from .schema import parse_date
from .yamlsafe import YamlList, YamlMap, load

INDEX_GLOB = module_index("*", "*")


@dataclass(frozen=True, slots=True)
class Lapse:
    handbook: str
    module: str
    handles: tuple[str, ...]
    on: date  # the day of the commit that released it


def lapsed_claims(repo_dir: Path) -> list[Lapse]:
    """Bare claims released in the history of the repository at `repo_dir`, oldest first."""
    log = _git(
        repo_dir,
        "log",
        "--diff-filter=D",
        "--no-renames",
        "--relative",
        "--name-only",
        "-z",
        "--format=%x01%H %cs",
        "--",
        INDEX_GLOB,
    )
    if log is None:
        return []
    deletions = _deletions(log.decode("utf-8", "surrogateescape"))
    if not deletions:
        return []
    request = "".join(f"{commit}^:./{path}\n" for commit, _, path in deletions).encode("utf-8", "surrogateescape")
    blobs = _git(repo_dir, "cat-file", "--batch", stdin=request)
    texts = _batch(blobs or b"", len(deletions))
    found = [_lapse(path, day, text) for (_, day, path), text in zip(deletions, texts, strict=True)]
    return sorted((lapse for lapse in found if lapse), key=lambda x: (x.on, x.handbook, x.module))


def handed_in(repo_dir: Path) -> dict[tuple[str, str], date] | None:
    """The day the base branch saw each module become `submitted`: the commit on the first-parent line (a
    merge made by GitHub, or the bot's own commit) that last set `status: submitted`, never the `submitted:`
    a contributor writes. A module the history does not show handed in is absent; None outside git."""
    log = _git(
        repo_dir,
        "log",
        "--first-parent",
        "--diff-merges=first-parent",
        "--no-renames",
        "--relative",
        "--name-only",
        "-z",
        "-G",
        "^status:[[:space:]]*['\"]?submitted",
        "--format=%x01%H %cs",
        "--",
        INDEX_GLOB,
    )
    if log is None:
        return None
    changes = _deletions(log.decode("utf-8", "surrogateescape"))  # newest first; a status line added or removed
    request = "".join(f"{commit}:./{path}\n" for commit, _, path in changes).encode("utf-8", "surrogateescape")
    texts = _batch(_git(repo_dir, "cat-file", "--batch", stdin=request) or b"", len(changes))
    found: dict[tuple[str, str], date] = {}
    for (_, day, path), text in zip(changes, texts, strict=True):
        if text is not None and _status(text) == "submitted" and (key := module_of(path)):
            found.setdefault(key, day)
    return found


def _status(text: str) -> object:
    front = split_front_matter(text).front
    try:
        data = load(front) if front is not None else None
    except YamlProblem:
        return None
    return data.get("status") if isinstance(data, YamlMap) else None


def _deletions(log: str) -> list[tuple[str, date, str]]:
    """(commit, day, path) for each deleted index.md; `log` is `git log -z --name-only` with \\x01 headers."""
    found = []
    for record in log.split("\x01")[1:]:
        header, *names = record.split("\0")
        commit, _, day = header.partition(" ")
        parsed = parse_date(day.strip())
        for name in names:
            path = name.strip("\n")
            if parsed and (key := module_of(path)) and path == module_index(*key):  # the glob spans folders
                found.append((commit, parsed, path))
    return found


def _batch(out: bytes, count: int) -> list[str | None]:
    """The blobs of `git cat-file --batch`, in request order; None where git had none."""
    texts: list[str | None] = []
    pos = 0
    for _ in range(count):
        end = out.find(b"\n", pos)
        if end < 0:
            texts.append(None)
            continue
        header = out[pos:end].split()
        if len(header) != 3 or header[1] != b"blob":
            texts.append(None)
            pos = end + 1
            continue
        size = int(header[2])
        texts.append(out[end + 1 : end + 1 + size].decode("utf-8", "replace"))
        pos = end + 1 + size + 1
    return texts


def _lapse(path: str, day: date, text: str | None) -> Lapse | None:
    """The claim a deleted index.md held, when it was a bare claim (not finished work being removed)."""
    if text is None:
        return None
    front = split_front_matter(text).front
    try:
        data = load(front) if front is not None else None
    except YamlProblem:
        return None
    if not isinstance(data, YamlMap) or data.get("status") != "claimed":
        return None
    credits = data.get("contributors")
    handles = tuple(h for item in (credits if isinstance(credits, YamlList) else []) if (h := _handle(item)))
    key = module_of(path)
    return Lapse(key[0], key[1], handles, day) if handles and key else None


def _handle(item: object) -> str | None:
    value = item.get("handle") if isinstance(item, YamlMap) else item
    return value if isinstance(value, str) and value else None


def _git(repo_dir: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    try:
        result = subprocess.run(["git", "-C", str(repo_dir), *args], input=stdin, capture_output=True, check=False)
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None
