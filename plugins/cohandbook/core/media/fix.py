"""What `validate --fix-media` does to one file in a module folder, decided from its name and bytes.

Pure decisions: the command line reads the folders and converts, `edits.media_fix` plans the result (new
files, then the originals' deletions) and the one writer applies it. A file that needs nothing is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .photos import PhotoProblem, publishable
from .sniff import EXTENSIONS, sniff

JPEG_NAMES = ("jpg", "jpeg")


@dataclass(frozen=True, slots=True)
class PhotoFix:
    name: str  # the file's name now
    new_name: str  # the name it is written under (the same, or with the extension its content has)
    data: bytes
    changes: tuple[str, ...]


def fix_photo(name: str, data: bytes, limit: int) -> PhotoFix | None:
    """The publishable version of a photo, or None when it is fine as it is (or is not a photo)."""
    kind = sniff(data[:64])
    if kind not in ("jpeg", "png", "webp", "heic"):
        return None
    try:
        photo = publishable(data, limit)
    except PhotoProblem:
        return None  # validate reports it; guessing at a broken file is not a fix
    new_name = renamed(name, photo.ext)
    if photo.data == data and new_name == name:
        return None
    return PhotoFix(name, new_name, photo.data, photo.changes)


def renamed(name: str, ext: str) -> str:
    """`IMG_1.HEIC` → `IMG_1.jpg`; a `.jpeg` or `.JPG` that holds a JPEG keeps its name."""
    stem, dot, current = name.rpartition(".")
    if not dot:
        return f"{name}.{ext}"
    if current.lower() == ext or (ext == "jpg" and current.lower() in JPEG_NAMES):
        return name
    return f"{stem}.{ext}"


def is_phone_video(name: str, head: bytes) -> bool:
    return sniff(head) == "mov" or name.lower().endswith(".mov")


def video_name(name: str) -> str:
    return renamed(name, EXTENSIONS["mp4"])


def rename_references(text: str, renames: dict[str, str]) -> str:
    """index.md with every reference to a renamed file (a whole file name, not a part of one) updated."""
    for old, new in sorted(renames.items()):
        text = re.sub(rf"(?<![\w./-]){re.escape(old)}(?![\w.-])", new.replace("\\", "\\\\"), text)
    return text
