"""The plan `validate --fix-media` writes: converted photos and videos, the originals they replace, renames.

Which folders are fixed together and which files name their media (`media_groups`) are decided from the one
walker's listing; the conversion itself (Pillow, ffmpeg) happens before planning, in `media/` and the
command line. `media_plan` then turns what was read and converted into file changes: a result under a new
name is a new file (it must not exist yet) and the original's deletion (it must still be what was read); a
result under the same name replaces the original; index.md, handbook.yml and the people's files follow the
renames, edited in place (every other byte kept). Applied through the one writer, new files go first and
the originals only after, and the whole plan passes the gate first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..domain.changes import ABSENT, FileChange, digest
from ..domain.layout import CONTRIBUTORS, handbook_folder, module_folder
from ..media.fix import rename_references
from ..read.files import Place, place_of
from ..read.sources import Entry

TEXT_SUFFIXES = (".md", ".yml", ".yaml")
RENAMED_ONLY = "文件名和内容对不上，改了扩展名"


@dataclass(frozen=True, slots=True)
class MediaGroup:
    """A folder whose media are fixed together, and the files in it that name them (index.md, handbook.yml …)."""

    folder: str
    media: tuple[str, ...]  # repository-relative paths
    referrers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Conversion:
    """One media file as read and converted: `data` under `new_name` beside it, or None (`done` says why)."""

    path: str  # the original, repository-relative
    original: bytes
    new_name: str
    data: bytes | None
    done: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MediaPlan:
    changes: tuple[FileChange, ...]
    report: tuple[str, ...]  # one line per file touched or left alone for a reason


def media_groups(entries: Sequence[Entry]) -> list[MediaGroup]:
    """Module folders (with subfolders), each handbook's own files (cover, resources) and the avatars, each
    with the files that may name its media (index.md, handbook.yml, the profiles)."""
    groups: dict[str, tuple[list[str], list[str]]] = {}
    for entry in entries:
        if entry.kind != "file" or any(part.startswith(".") for part in entry.path.split("/")):
            continue
        place = place_of(entry.path)
        if (folder := _group_of(place)) is None:
            continue
        media, referrers = groups.setdefault(folder, ([], []))
        if place.kind in REFERRERS and entry.path.endswith((".yml", ".md")):  # a profile's `.txt` names nothing
            referrers.append(entry.path)
        elif not entry.path.lower().endswith(TEXT_SUFFIXES):
            media.append(entry.path)
    return [MediaGroup(f, tuple(sorted(m)), tuple(sorted(r))) for f, (m, r) in sorted(groups.items())]


REFERRERS = frozenset({"module", "blueprint", "person", "skills"})


def _group_of(place: Place) -> str | None:
    """The folder whose media are fixed together, by the layout's own places (None: not fixed here)."""
    if place.kind in ("module", "module-asset"):
        return module_folder(place.handbook, place.module)
    if place.kind in ("blueprint", "handbook-asset"):
        return handbook_folder(place.handbook)
    return CONTRIBUTORS if place.kind in ("person", "skills", "avatar") else None


def beside(path: str, name: str) -> str:
    """The path of a file called `name` in `path`'s folder."""
    folder, _, _ = path.rpartition("/")
    return f"{folder}/{name}" if folder else name


def taken(path: str, new_name: str, existing: frozenset[str]) -> str:
    """Why a result cannot go under `new_name` (a file of that name is there), or ""."""
    target = beside(path, new_name)
    return f"没有转换：{new_name} 已经存在，不覆盖" if target != path and target in existing else ""


def media_plan(
    group: MediaGroup, conversions: Sequence[Conversion], referrers: Mapping[str, bytes], existing: frozenset[str]
) -> MediaPlan:
    """The changes for one group: results, replaced originals, referrers that follow the renames."""
    changes: list[FileChange] = []
    report: list[str] = []
    renames: dict[str, str] = {}  # relative to the folder, as index.md or the YAML names them
    claimed = set(existing)
    for item in conversions:
        target = beside(item.path, item.new_name)
        refusal = taken(item.path, item.new_name, frozenset(claimed))
        if item.data is None or refusal:
            report += [f"{item.path}：{refusal or '；'.join(item.done)}"] if refusal or item.done else []
            continue
        claimed.add(target)
        renamed = target != item.path
        expect = ABSENT if renamed else digest(item.original)
        changes.append(FileChange(target, None, expect, data=item.data))
        if renamed:
            changes.append(FileChange(item.path, None, digest(item.original)))
            renames[_relative(item.path, group.folder)] = _relative(target, group.folder)
        report.append(f"{item.path}：" + "；".join(item.done or (RENAMED_ONLY,)) + (f" → {item.new_name}" * renamed))
    for path in group.referrers if renames else ():
        old = referrers[path]
        text = old.decode("utf-8")  # bytes: Windows line ends stay as they are
        updated = rename_references(text, renames)
        if updated != text:
            changes.append(FileChange(path, updated, digest(old)))
            report.append(f"{path}：文件名改了，引用跟着改好了")
    return MediaPlan(tuple(changes), tuple(report))


def joined(plans: Sequence[MediaPlan]) -> MediaPlan:
    return MediaPlan(tuple(c for p in plans for c in p.changes), tuple(r for p in plans for r in p.report))


def _relative(path: str, folder: str) -> str:
    return path[len(folder) + 1 :]
