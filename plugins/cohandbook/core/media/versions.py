"""Web-sized versions of a contributed photo: which widths, under which names, and their bytes.

A phone photo is 4000 px wide and a few MB; a phone screen shows it at 390 CSS px (about 1200 device px).
The site publishes a few widths in WebP and lets the browser pick (`srcset`); the original stays in the
repository and is never shipped.

Why WebP and not AVIF: every current browser reads WebP (Safari since 14), so no JPEG fallback is needed
and an `<img srcset>` is enough; Pillow encodes WebP about ten times faster than AVIF, which matters for a
cold build of a book with hundreds of photos; and libwebp with fixed settings gives the same bytes every
time, so two builds stay byte-identical.

Only orientation (applied to the pixels) and the colour profile survive: no EXIF, no location, no XMP.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

from PIL import Image, ImageOps

WIDTHS = (480, 960, 1440, 2048)  # the largest is also what the lightbox opens and the print edition uses
SOURCE_TYPES = frozenset({"jpg", "jpeg", "png", "webp"})  # GIFs keep their frames; SVGs are already small
QUALITY = 78
METHOD = 2  # libwebp's effort (0-6, default 4): 2 encodes about 45% faster for about 5% more bytes
MAX_PIXELS = 80_000_000  # as photos.py: a decompression bomb is refused before any pixel is decoded
_ROTATED = frozenset({5, 6, 7, 8})  # EXIF orientations that swap width and height


@dataclass(frozen=True, slots=True)
class Picture:
    """What a page needs to know of a photo: its upright size and the widths published."""

    width: int
    height: int
    widths: tuple[int, ...]

    def height_at(self, width: int) -> int:
        return max(1, round(self.height * width / self.width))

    @property
    def largest(self) -> int:
        return self.widths[-1]


def widths_for(width: int) -> tuple[int, ...]:
    """The widths to publish: the standard widths well below the photo's own, and the photo's (never upscaled).

    A standard width within 15% of the photo's own is left out: it would cost an encoding and save no bytes."""
    smaller = tuple(w for w in WIDTHS[:-1] if w < width * 0.85)
    return (*smaller, min(width, WIDTHS[-1]))


def version_name(name: str, width: int) -> str:
    """`IMG_1.JPG` at 960 px → `IMG_1.JPG.960w.webp`, beside the original, so relative links stay relative.

    The whole name stays in it: `a.jpg` and `a.png` in one folder must not share a version."""
    return f"{name}.{width}w.webp"


def probe(data: bytes) -> Picture | None:
    """The photo's upright size from its header alone (no pixels decoded), or None if it is not readable."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            orientation = image.getexif().get(0x0112, 1)
    except Exception:  # Pillow raises many kinds for a damaged file; any of them means "not usable"
        return None
    if width * height > MAX_PIXELS or width < 1 or height < 1:
        return None
    if orientation in _ROTATED:
        width, height = height, width
    return Picture(width, height, widths_for(width))


def encode(data: bytes, widths: tuple[int, ...]) -> dict[int, bytes]:
    """The photo upright at each width, as WebP with its colour profile and nothing else; decoded once."""
    with Image.open(io.BytesIO(data)) as image:
        _draft(image, max(widths))
        icc = image.info.get("icc_profile")
        upright = ImageOps.exif_transpose(image) or image
        mode = "RGBA" if upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info else "RGB"
        pixels = upright.convert(mode)
    options = {"icc_profile": icc} if icc else {}
    return {width: _webp(_resized(pixels, width), options) for width in sorted(widths)}


def _draft(image: Image.Image, width: int) -> None:
    """JPEG: decode at a half, quarter or eighth of the size when that is still at least `width` wide."""
    scale = width / (image.height if image.getexif().get(0x0112, 1) in _ROTATED else image.width)
    if scale < 1:
        image.draft("RGB", (math.ceil(image.width * scale), math.ceil(image.height * scale)))


def _resized(pixels: Image.Image, width: int) -> Image.Image:
    if pixels.width <= width:
        return pixels
    return pixels.resize((width, max(1, round(pixels.height * width / pixels.width))), Image.Resampling.LANCZOS)


def _webp(pixels: Image.Image, options: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    pixels.save(buffer, "WEBP", quality=QUALITY, method=METHOD, **options)
    return buffer.getvalue()
