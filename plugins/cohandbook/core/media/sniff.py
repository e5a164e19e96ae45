"""What a file is, judged by its first bytes (its magic number), never by its name.

A phone names a HEIC photo `IMG_0001.JPG` when it "converts" on sharing, a chat app renames a `.mov` to
`.mp4`, and a hostile upload can call anything `photo.jpg`. The name is a claim; the bytes are the fact.
"""

from __future__ import annotations

PHOTO_KINDS = frozenset({"jpeg", "png", "webp", "gif", "heic"})
VIDEO_KINDS = frozenset({"mp4", "mov", "webm"})
# The extension a file of each kind is written with once it is published.
EXTENSIONS = {"jpeg": "jpg", "png": "png", "webp": "webp", "gif": "gif", "mp4": "mp4", "webm": "webm"}
# ISO base media brands (bytes 8..12 after `ftyp`): HEIF stills from phones, QuickTime, and MP4 proper.
_HEIF_BRANDS = frozenset({b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"})
_QUICKTIME_BRANDS = frozenset({b"qt  "})
HEAD_BYTES = 64


def sniff(head: bytes) -> str | None:
    """The kind of a file from its first bytes: jpeg, png, gif, webp, heic, mp4, mov, webm, or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm"
    if head[4:8] == b"ftyp":
        return _iso_kind(head[8:12])
    if head[4:8] in (b"moov", b"mdat", b"wide", b"free"):
        return "mov"  # old QuickTime files start with an atom other than ftyp
    return None


def _iso_kind(brand: bytes) -> str:
    if brand in _HEIF_BRANDS:
        return "heic"
    if brand in _QUICKTIME_BRANDS:
        return "mov"
    return "mp4"


def is_photo(kind: str | None) -> bool:
    return kind in PHOTO_KINDS


def is_video(kind: str | None) -> bool:
    return kind in VIDEO_KINDS
