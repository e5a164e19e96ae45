"""Photos made publishable: HEIC becomes JPEG, oversize photos are scaled down, metadata is removed.

A published photo keeps no metadata but its colour profile (orientation is applied to the pixels): no
EXIF (GPS, camera serials), no XMP, no IPTC, no comments, in every format. GIFs keep their frames and lose
their comment and non-animation application blocks byte by byte (gif_clean.py).

Bytes in, bytes out: the caller decides where the result goes (the bot into a new module folder,
`validate --fix-media` next to the original). A photo that needs nothing comes back byte for byte.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from .gif_clean import gif_without_metadata
from .sniff import EXTENSIONS, sniff

GPS_IFD = 0x8825  # the EXIF block that holds where a photo was taken
MAX_SIDE = 4096  # longer side of a published photo: sharp on any screen, a few MB as JPEG
QUALITIES = (88, 80, 72, 64)
# A decompression bomb (a tiny file that unpacks to gigapixels) is refused before any pixel is decoded.
MAX_PIXELS = 80_000_000  # width × height from the header (docs/pages/dev/hostile-input.md, "Caps")
ORIENTATION = 0x0112
# What Pillow reads into `info` from metadata blocks: XMP, IPTC/Photoshop, comments, EXIF, PNG text.
# EXIF counts by its tags (an empty EXIF block says nothing); JPEG's APPn blocks are judged one by one.
METADATA_INFO = frozenset({"xmp", "XML:com.adobe.xmp", "comment", "photoshop", "iptc"})
HARMLESS_BLOCKS = frozenset({"APP0", "APP2", "APP14"})  # JFIF, ICC profile, Adobe colour transform


@dataclass(frozen=True, slots=True)
class Photo:
    """A publishable photo: its bytes, the extension it is saved with, what was done in plain words."""

    data: bytes
    ext: str
    changes: tuple[str, ...] = ()


class PhotoProblem(ValueError):
    """The bytes are not a photo we can publish; the message says so in plain Chinese."""


def publishable(data: bytes, limit: int, max_side: int = MAX_SIDE) -> Photo:
    """The photo as the site may publish it, within `limit` bytes and without location data."""
    kind = sniff(data[:64])
    if kind not in {"jpeg", "png", "webp", "gif", "heic"}:
        raise PhotoProblem("这个文件不是照片（JPEG、PNG、WebP、GIF 或 iPhone 的 HEIC）。")
    if kind == "gif":  # animations would lose their frames; a GIF carries no EXIF
        return _gif(data, limit)
    image = _open(data, kind)
    changes = _needed_changes(image, kind, len(data), limit, max_side)
    if not changes:
        return Photo(data, EXTENSIONS[kind])
    return _reencode(image, kind, limit, max_side, tuple(changes))


def _gif(data: bytes, limit: int) -> Photo:
    if len(data) > limit:
        raise PhotoProblem("动图（GIF）太大了，不能自动缩小。")
    clean = gif_without_metadata(data)
    if clean is None:
        raise PhotoProblem("动图（GIF）文件损坏了，打不开。")
    return Photo(clean, "gif", () if clean == data else (METADATA_CHANGE,))


def _open(data: bytes, kind: str) -> Image.Image:
    if kind == "heic":
        import pillow_heif  # imported on demand: only phone photos need libheif

        pillow_heif.register_heif_opener()
    try:
        with warnings.catch_warnings():  # the size is read from the header; nothing is decoded yet
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
        if image.width * image.height > MAX_PIXELS:
            raise PhotoProblem(too_many_pixels(image.width, image.height))
        image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise PhotoProblem(too_many_pixels(0, 0)) from exc
    except (UnidentifiedImageError, OSError) as exc:
        raise PhotoProblem("照片文件损坏了，打不开。") from exc
    return image


def too_many_pixels(width: int, height: int) -> str:
    size = f"（{width}×{height}）" if width else ""
    return f"照片的像素太多{size}，最多 {MAX_PIXELS // 10_000} 万像素。请在手机上把照片缩小（或截图）后再传。"


METADATA_CHANGE = "去掉了照片里的拍摄地点、相机等附带信息"


def has_metadata(image: Image.Image) -> bool:
    """Anything but orientation and colour profile: EXIF tags, XMP, IPTC, comments, PNG text chunks."""
    if any(tag != ORIENTATION for tag in image.getexif()):
        return True
    if METADATA_INFO & set(image.info) or getattr(image, "text", None):
        return True
    blocks = getattr(image, "applist", [])
    return any(m not in HARMLESS_BLOCKS and not (m == "APP1" and b.startswith(b"Exif\0")) for m, b in blocks)


def has_location(image: Image.Image) -> bool:
    return bool(image.getexif().get_ifd(GPS_IFD))


def _needed_changes(image: Image.Image, kind: str, size: int, limit: int, max_side: int) -> list[str]:
    changes = []
    if kind == "heic":
        changes.append("iPhone 的 HEIC 照片转成了 JPEG")
    if size > limit or max(image.size) > max_side:
        changes.append("照片太大，缩小了尺寸")
    if has_location(image):
        changes.append("去掉了照片里的拍摄地点（GPS）")
    elif has_metadata(image):
        changes.append(METADATA_CHANGE)
    return changes


def _reencode(image: Image.Image, kind: str, limit: int, max_side: int, changes: tuple[str, ...]) -> Photo:
    icc = image.info.get("icc_profile")
    # Turn the pixels upright, so no viewer rotates the photo twice; then no metadata at all is written.
    upright = (ImageOps.exif_transpose(image) or image).copy()
    upright.info = {"icc_profile": icc} if icc else {}
    upright.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    out_kind = "jpeg" if kind in ("heic", "jpeg") else kind
    for scale in (1.0, 0.75, 0.5, 0.35):
        sized = _scaled(upright, scale)
        sized.info = dict(upright.info)
        for quality in QUALITIES:
            data = _encode(sized, out_kind, quality, icc)
            if len(data) <= limit:
                return Photo(data, EXTENSIONS[out_kind], changes)
    raise PhotoProblem("照片压缩后仍然太大。")


def _scaled(image: Image.Image, scale: float) -> Image.Image:
    if scale == 1.0:
        return image
    size = (max(1, int(image.width * scale)), max(1, int(image.height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS)


def _encode(image: Image.Image, kind: str, quality: int, icc: bytes | None) -> bytes:
    buffer = io.BytesIO()
    profile = {"icc_profile": icc} if icc else {}
    if kind == "jpeg":
        rgb = image if image.mode in ("RGB", "L") else image.convert("RGB")
        rgb.info = {}
        rgb.save(buffer, "JPEG", quality=quality, optimize=True, **profile)
    elif kind == "webp":
        image.save(buffer, "WEBP", quality=quality, **profile)
    else:
        image.save(buffer, "PNG", optimize=True, **profile)
    return buffer.getvalue()
