"""`cohandbook validate --fix-media`: convert phone media in module folders before validating.

For operators: HEIC photos become JPEG, oversize photos are scaled down, location data is removed, MOV
videos become MP4 (with ffmpeg), and index.md follows the renames. Each result is written beside its
original; the original goes only after the result is in place, and an existing file is never overwritten.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..core.domain.layout import MODULE_FILE, module_folder
from ..core.media.fix import fix_photo, is_phone_video, rename_references, video_name
from ..core.media.video import VideoProblem, find_ffmpeg, make_playable
from ..core.read.files import PHOTO_LIMIT


def fix_media(root: Path) -> list[str]:
    """Fix every module folder under root; one line per file touched or left alone for a reason."""
    report: list[str] = []
    for folder in sorted(root.glob(module_folder("*", "*") + "/")):
        if folder.is_dir() and not folder.is_symlink():
            report += _fix_folder(root, folder)
    return report


def _fix_folder(root: Path, folder: Path) -> list[str]:
    report: list[str] = []
    renames: dict[str, str] = {}
    for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.is_symlink()):
        if path.name == MODULE_FILE or path.name.startswith("."):
            continue
        line, new_name = _fix_file(path)
        if line:
            report.append(f"{path.relative_to(root)}：{line}")
        if new_name and new_name != path.name:
            renames[path.name] = new_name
    index = folder / MODULE_FILE
    if renames and index.is_file() and not index.is_symlink():
        text = index.read_text(encoding="utf-8")
        updated = rename_references(text, renames)
        if updated != text:
            _write(index, updated.encode("utf-8"))
            report.append(f"{index.relative_to(root)}：文件名改了，引用跟着改好了")
    return report


def _fix_file(path: Path) -> tuple[str, str | None]:
    with path.open("rb") as handle:
        head = handle.read(64)
    if is_phone_video(path.name, head):
        return _fix_video(path)
    fix = fix_photo(path.name, path.read_bytes(), PHOTO_LIMIT)
    if fix is None:
        return "", None
    target = path.with_name(fix.new_name)
    if target != path and target.exists():
        return f"没有转换：{fix.new_name} 已经存在，不覆盖", None
    _write(target, fix.data)
    if target != path:
        path.unlink()  # only now: the converted file is in place
    return "；".join(fix.changes) + (f" → {fix.new_name}" if target != path else ""), fix.new_name


def _fix_video(path: Path) -> tuple[str, str | None]:
    target = path.with_name(video_name(path.name))
    try:
        make_playable(path, target, find_ffmpeg())
    except VideoProblem as problem:
        return f"没有转换：{problem}", None
    path.unlink()
    return f"MOV 转成了 MP4 → {target.name}", target.name


def _write(target: Path, data: bytes) -> None:
    """Write beside the target and move into place: a crash never leaves half a file under the real name."""
    temporary = target.with_name(f".{target.name}.cohandbook-tmp")
    temporary.write_bytes(data)
    os.replace(temporary, target)
