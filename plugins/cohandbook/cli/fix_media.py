"""`cohandbook validate --fix-media`: convert phone media in module folders before validating.

For operators: HEIC photos become JPEG, oversize photos are scaled down, location data is removed, a photo
whose name lies about its type (a JPEG called `.png`) gets the right extension, MOV videos become MP4 (with
ffmpeg), and index.md, handbook.yml and the people's files follow the renames (edited in place: every other
byte is kept). Module folders with their subfolders, each handbook's cover and resources, and the avatars. Each result is written beside its
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
    """Fix every module folder, every handbook's own files (cover, resources) and the avatars; one line per
    file touched or left alone for a reason."""
    report: list[str] = []
    for folder in sorted(root.glob(module_folder("*", "*") + "/")):
        if folder.is_dir() and not folder.is_symlink():
            report += _fix_folder(root, folder, [folder / MODULE_FILE])
    for blueprint in sorted((root / "handbooks").glob("*/handbook.yml")):
        report += _fix_folder(root, blueprint.parent, [blueprint], skip="modules")
    people = root / "contributors"
    if people.is_dir():
        report += _fix_folder(root, people, sorted(people.glob("*.yml")), skip="squads")
    return report


def _media_files(folder: Path, skip: str) -> list[Path]:
    """Files in the folder and its subfolders (photos in an `images/` folder too), never through a link."""
    found: list[Path] = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.is_symlink() or path.name in (MODULE_FILE, skip):
            continue
        if path.is_dir():
            found += _media_files(path, "")
        elif path.is_file() and path.suffix.lower() not in (".md", ".yml", ".yaml"):
            found.append(path)
    return found


def _fix_folder(root: Path, folder: Path, referrers: list[Path], skip: str = "") -> list[str]:
    report: list[str] = []
    renames: dict[str, str] = {}  # paths relative to the folder, as index.md or the YAML names them
    for path in _media_files(folder, skip):
        line, new_name = _fix_file(path)
        if line:
            report.append(f"{path.relative_to(root)}：{line}")
        if new_name and new_name != path.name:
            renames[path.relative_to(folder).as_posix()] = path.with_name(new_name).relative_to(folder).as_posix()
    for referrer in referrers if renames else []:
        if referrer.is_file() and not referrer.is_symlink():
            text = referrer.read_bytes().decode("utf-8")  # not read_text: Windows line ends stay as they are
            updated = rename_references(text, renames)
            if updated != text:
                _write(referrer, updated.encode("utf-8"))
                report.append(f"{referrer.relative_to(root)}：文件名改了，引用跟着改好了")
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
    changes = fix.changes or ("文件名和内容对不上，改了扩展名",)
    return "；".join(changes) + (f" → {fix.new_name}" if target != path else ""), fix.new_name


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
