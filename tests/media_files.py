"""Phone media made in the tests themselves: HEIC with pillow-heif, JPEG with a location, MOV with ffmpeg."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

GPS_IFD = 0x8825


def jpeg(
    size: tuple[int, int] = (64, 48),
    *,
    gps: bool = False,
    noise: bool = False,
    quality: int = 90,
    colour: tuple[int, int, int] = (200, 30, 30),
    camera: bool = True,
) -> bytes:
    image = Image.effect_noise(size, 80).convert("RGB") if noise else Image.new("RGB", size, colour)
    exif = Image.Exif()
    if camera:
        exif[0x010F] = "Apple"  # Make: metadata that does not stay either
    if gps:
        exif[GPS_IFD] = {1: "N", 2: (31.0, 14.0, 0.0), 3: "E", 4: (121.0, 28.0, 0.0)}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, exif=exif.tobytes())
    return buffer.getvalue()


def heic(size: tuple[int, int] = (64, 48)) -> bytes:
    import pillow_heif

    pillow_heif.register_heif_opener()
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 120, 200)).save(buffer, "HEIF", quality=60)
    return buffer.getvalue()


def has_gps(data: bytes) -> bool:
    return bool(Image.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD))


def ffmpeg() -> str | None:
    return shutil.which("ffmpeg")


def mov(folder: Path, codec: str = "libx264") -> bytes:
    """A one-second QuickTime movie with a location tag, as an iPhone writes one."""
    target = folder / "clip.mov"
    subprocess.run(
        [ffmpeg() or "ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=10:duration=1",
         "-c:v", codec, "-pix_fmt", "yuv420p", "-metadata", "location=+31.2304+121.4737/",
         "-f", "mov", str(target)],
        check=True,
    )  # fmt: skip
    return target.read_bytes()


# Without ffmpeg the MOV tests cannot run; on CI that must fail loudly rather than skip quietly.
needs_ffmpeg = pytest.mark.skipif(
    ffmpeg() is None and os.environ.get("CI") != "true", reason="ffmpeg is not installed (apt-get install ffmpeg)"
)
