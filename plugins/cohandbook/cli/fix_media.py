"""`cohandbook validate --fix-media`: convert phone media in module folders before validating.

For operators: HEIC photos become JPEG, oversize photos are scaled down, location data is removed, a photo
whose name lies about its type (a JPEG called `.png`) gets the right extension, MOV videos become MP4 (with
ffmpeg), and index.md, handbook.yml and the people's files follow the renames (edited in place: every other
byte is kept). Module folders with their subfolders, each handbook's cover and resources, and the avatars.
Each result is written beside its original; the original goes only after the result is in place, and an
existing file is never overwritten.

The files come from the one walker of the data folders (`FsSource`, as `validate`, `check-pr`, `export`
and the board read them), which lists a symbolic link as a link and never enters or opens one. Before
anything is written, renamed or removed, no part of its path below the repository may be a link, and the
temporary file is created exclusively, never through a link left in its place.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..core.domain.layout import MODULE_FILE
from ..core.media.fix import fix_photo, is_phone_video, rename_references, video_name
from ..core.media.video import VideoProblem, find_ffmpeg, make_playable
from ..core.read.files import PHOTO_LIMIT
from ..core.read.sources import FsSource

TEXT_SUFFIXES = (".md", ".yml", ".yaml")


class LinkInPath(OSError):
    """A symbolic link appeared on the way to a file we were about to change."""


@dataclass
class _Group:
    """A folder whose media are fixed together, and the files that name them (index.md, handbook.yml …)."""

    media: list[str] = field(default_factory=list)  # paths relative to the folder
    referrers: list[str] = field(default_factory=list)


def fix_media(root: Path) -> list[str]:
    """Fix every module folder, every handbook's own files (cover, resources) and the avatars; one line per
    file touched or left alone for a reason."""
    report: list[str] = []
    for folder, group in sorted(_groups(root).items()):
        try:
            report += _fix_folder(root, root / folder, group)
        except LinkInPath:
            report.append(f"{folder}：没有转换：文件夹里出现了快捷方式（符号链接），为了安全不改动它。")
    return report


def _groups(root: Path) -> dict[str, _Group]:
    """The data folders' files by group, as the one walker lists them (links are never entered)."""
    groups: dict[str, _Group] = {}
    for entry in FsSource(root).entries():
        parts = entry.path.split("/")
        if entry.kind != "file" or any(part.startswith(".") for part in parts):
            continue
        if parts[0] == "handbooks" and len(parts) >= 5 and parts[2] == "modules":
            folder, rest, referrer = "/".join(parts[:4]), parts[4:], MODULE_FILE
        elif parts[0] == "handbooks" and len(parts) >= 3 and parts[2] != "modules":
            folder, rest, referrer = "/".join(parts[:2]), parts[2:], "handbook.yml"
        elif parts[0] == "contributors" and len(parts) >= 2 and parts[1] != "squads":
            folder, rest, referrer = "contributors", parts[1:], "*.yml"
        else:
            continue
        group = groups.setdefault(folder, _Group())
        name = "/".join(rest)
        if name.lower().endswith(TEXT_SUFFIXES):
            if len(rest) == 1 and (name == referrer or (referrer == "*.yml" and name.endswith(".yml"))):
                group.referrers.append(name)
        else:
            group.media.append(name)
    return groups


def _no_link(root: Path, path: Path) -> Path:
    """`path` when no part of it below `root` (itself included) is a symbolic link; else LinkInPath."""
    relative = path.relative_to(root)
    for part in [relative, *relative.parents][:-1]:
        if (root / part).is_symlink():
            raise LinkInPath(str(part))
    return path


def _fix_folder(root: Path, folder: Path, group: _Group) -> list[str]:
    report: list[str] = []
    renames: dict[str, str] = {}  # paths relative to the folder, as index.md or the YAML names them
    for path in (folder / name for name in sorted(group.media)):
        line, new_name = _fix_file(_no_link(root, path))
        if line:
            report.append(f"{path.relative_to(root)}：{line}")
        if new_name and new_name != path.name:
            renames[path.relative_to(folder).as_posix()] = path.with_name(new_name).relative_to(folder).as_posix()
    for referrer in (folder / name for name in sorted(group.referrers)) if renames else ():
        text = _read(_no_link(root, referrer)).decode("utf-8")  # bytes: Windows line ends stay as they are
        updated = rename_references(text, renames)
        if updated != text:
            _write(referrer, updated.encode("utf-8"))
            report.append(f"{referrer.relative_to(root)}：文件名改了，引用跟着改好了")
    return report


def _fix_file(path: Path) -> tuple[str, str | None]:
    head = _read(path, 64)
    if is_phone_video(path.name, head):
        return _fix_video(path)
    fix = fix_photo(path.name, _read(path), PHOTO_LIMIT)
    if fix is None:
        return "", None
    target = path.with_name(fix.new_name)
    if target != path and os.path.lexists(target):
        return f"没有转换：{fix.new_name} 已经存在，不覆盖", None
    _write(target, fix.data)
    if target != path:
        path.unlink()  # only now: the converted file is in place
    changes = fix.changes or ("文件名和内容对不上，改了扩展名",)
    return "；".join(changes) + (f" → {fix.new_name}" if target != path else ""), fix.new_name


def _fix_video(path: Path) -> tuple[str, str | None]:
    target = path.with_name(video_name(path.name))
    if os.path.lexists(target):
        return f"没有转换：{target.name} 已经存在，不覆盖", None
    try:
        make_playable(path, target, find_ffmpeg())
    except VideoProblem as problem:
        return f"没有转换：{problem}", None
    path.unlink()
    return f"MOV 转成了 MP4 → {target.name}", target.name


def _read(path: Path, size: int = -1) -> bytes:
    with os.fdopen(os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)), "rb") as file:
        return file.read(size)


def _write(target: Path, data: bytes) -> None:
    """Write beside the target and move into place: a crash never leaves half a file under the real name.

    The temporary file is created new (O_EXCL, O_NOFOLLOW): a link planted under its name is refused, not
    followed; `os.replace` then swaps the name itself, never what a link at `target` points to.
    """
    temporary = target.with_name(f".{target.name}.cohandbook-tmp")
    if temporary.is_symlink():
        temporary.unlink()
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    with os.fdopen(os.open(temporary, flags, 0o644), "wb") as file:
        file.write(data)
    os.replace(temporary, target)
