"""`cohandbook validate --fix-media`: convert phone media in module folders before validating.

For operators: HEIC photos become JPEG, oversize photos are scaled down, location data is removed, a photo
whose name lies about its type (a JPEG called `.png`) gets the right extension, MOV videos become MP4 (with
ffmpeg), and index.md, handbook.yml and the people's files follow the renames. Module folders with their
subfolders, each handbook's cover and resources, and the avatars.

This adapter reads and converts; the core (`edits.media_fix`) turns the results into one plan, and the one
writer (`writer.apply_plan`) judges it with the gate and writes it: new files first, the originals only
after, nothing over a file that exists or changed, nothing through a symbolic link. The files come from the
one walker of the data folders (`FsSource`), which lists a link as a link and never enters or opens one;
each file is opened without following a link, and ffmpeg writes into a folder of its own outside the
repository.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from ..core.edits.media_fix import Conversion, MediaGroup, MediaPlan, joined, media_groups, media_plan, taken
from ..core.media.fix import fix_photo, is_phone_video, video_name
from ..core.media.video import VideoProblem, find_ffmpeg, make_playable
from ..core.read.files import PHOTO_LIMIT
from ..core.read.sources import FsSource
from .common import Context
from .writer import apply_plan


def fix_media(root: Path, today: date | None = None) -> list[str]:
    """Fix every group and write the result as one gated plan; one line per file touched or left alone."""
    ctx = Context(root)
    plan = plan_fixes(root)
    if plan.changes:
        apply_plan(ctx, plan.changes, today or ctx.today(None))
    return list(plan.report)


def plan_fixes(root: Path) -> MediaPlan:
    """Read and convert every group's media, then plan (nothing is written here)."""
    entries = FsSource(root).entries()
    existing = frozenset(e.path for e in entries)
    return joined([_plan_group(root, group, existing) for group in media_groups(entries)])


def _plan_group(root: Path, group: MediaGroup, existing: frozenset[str]) -> MediaPlan:
    conversions = []
    for path in group.media:
        try:
            conversions.append(_convert(root, path, existing))
        except OSError:
            conversions.append(
                Conversion(path, b"", "", None, ("没有转换：文件读不了，或者变成了快捷方式（符号链接）",))
            )
    referrers = {}
    for path in group.referrers:
        try:
            referrers[path] = _read(root / path)
        except OSError:
            return MediaPlan((), (f"{group.folder}：没有转换：{path} 读不了，为了安全不改动这个文件夹。",))
    return media_plan(group, conversions, referrers, existing)


def _convert(root: Path, path: str, existing: frozenset[str]) -> Conversion:
    name = path.rpartition("/")[2]
    data = _read(root / path)
    if is_phone_video(name, data[:64]):
        return _convert_video(root / path, path, data, existing)
    fix = fix_photo(name, data, PHOTO_LIMIT)
    if fix is None:
        return Conversion(path, data, name, None)
    return Conversion(path, data, fix.new_name, fix.data, fix.changes)


def _convert_video(source: Path, path: str, data: bytes, existing: frozenset[str]) -> Conversion:
    new_name = video_name(source.name)
    if refusal := taken(path, new_name, existing):
        return Conversion(path, data, new_name, None, (refusal,))
    with tempfile.TemporaryDirectory(prefix="cohandbook-video-") as folder:
        try:
            result = make_playable(source, Path(folder) / new_name, find_ffmpeg())
        except VideoProblem as problem:
            return Conversion(path, data, new_name, None, (f"没有转换：{problem}",))
        converted = _read(result.path)
    return Conversion(path, data, new_name, converted, ("MOV 转成了 MP4",))


def _read(path: Path) -> bytes:
    with os.fdopen(os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)), "rb") as file:
        return file.read()
