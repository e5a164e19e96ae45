"""A published photo keeps no metadata but its colour profile: every format, every kind of block.

Each sample carries a location and a secret word in every place its format has for metadata: EXIF (GPS and
a description), XMP, IPTC, comments, PNG text chunks. After `publishable` (the one function both
`validate --fix-media` and the hand-in use), the raw bytes hold none of them.
"""

from __future__ import annotations

import io
import struct
import time
import zlib

import pytest
from PIL import Image, PngImagePlugin

from cohandbook.core.media.gif_clean import gif_without_metadata
from cohandbook.core.media.photos import GPS_IFD, PhotoProblem, publishable

MIB = 1024 * 1024
SECRETS = (b"SECRET", b"31.2304", b"121.4737")
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description exif:GPSLatitude="31.2304" note="SECRETXMP"/></x:xmpmeta>'
ICC_MARK = b"ICC-SECRET-FREE"


def _exif() -> bytes:
    exif = Image.Exif()
    exif[0x010E] = "SECRETDESCRIPTION 31.2304,121.4737"
    exif[0x010F] = "SECRETCAMERA"
    exif[0x0112] = 6  # rotated: orientation is applied, not lost
    exif[GPS_IFD] = {1: "N", 2: (31.0, 14.0, 0.0), 3: "E", 4: (121.0, 28.0, 0.0), 27: "SECRETAREA"}
    return exif.tobytes()


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def _image() -> Image.Image:
    return Image.new("RGB", (40, 20), (200, 30, 30))


def jpeg_sample() -> bytes:
    buffer = io.BytesIO()
    _image().save(buffer, "JPEG", exif=_exif(), comment=b"SECRETCOMMENT")
    data = buffer.getvalue()
    iptc = b"\x1c\x02\x78" + struct.pack(">H", 10) + b"SECRETIPTC"
    photoshop = b"Photoshop 3.0\x008BIM\x04\x04\x00\x00" + struct.pack(">I", len(iptc)) + iptc
    extra = _segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + XMP) + _segment(0xED, photoshop)
    extra += _segment(0xEB, b"SECRET-APP11") + _segment(0xFE, b"SECRET second comment")
    return data[:2] + extra + data[2:]


def png_sample() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "SECRETCOMMENT")
    info.add_text("Location", "SECRET 31.2304", zip=True)
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    buffer = io.BytesIO()
    _image().save(buffer, "PNG", pnginfo=info, exif=_exif())
    return buffer.getvalue()


def webp_sample() -> bytes:
    buffer = io.BytesIO()
    _image().save(buffer, "WEBP", exif=_exif(), xmp=XMP)
    return buffer.getvalue()


def gif_sample() -> bytes:
    buffer = io.BytesIO()
    frames = [Image.new("RGB", (8, 8), (80 * i, 0, 0)) for i in range(3)]
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], loop=0, comment=b"SECRETCOMMENT")
    data = buffer.getvalue()
    xmp = b"\x21\xff\x0bXMP DataXMP" + b"".join(
        bytes([len(c)]) + c for c in (XMP[i : i + 200] for i in range(0, len(XMP), 200))
    )
    return data[:-1] + xmp + b"\x00" + b"\x21\xfe\x0eSECRET 31.2304\x00" + b"\x3b"


SAMPLES = {"jpeg": jpeg_sample, "png": png_sample, "webp": webp_sample, "gif": gif_sample}


@pytest.mark.parametrize("kind", SAMPLES)
def test_no_metadata_survives(kind: str) -> None:
    original = SAMPLES[kind]()
    assert all(secret in original for secret in (b"SECRET",)), "the sample carries its secrets"
    photo = publishable(original, 10 * MIB)
    assert not [s for s in SECRETS if s in photo.data], photo.data[:200]
    published = Image.open(io.BytesIO(photo.data))
    assert not published.getexif().get_ifd(GPS_IFD)
    assert not {"xmp", "XML:com.adobe.xmp", "comment"} & set(published.info)
    assert photo.changes


def test_orientation_is_applied_to_the_pixels() -> None:
    published = Image.open(io.BytesIO(publishable(jpeg_sample(), 10 * MIB).data))
    assert published.size == (20, 40)  # orientation 6: turned upright
    assert 0x0112 not in published.getexif()


def test_the_colour_profile_stays() -> None:
    from PIL import ImageCms

    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buffer = io.BytesIO()
    _image().save(buffer, "JPEG", icc_profile=profile, exif=_exif())
    published = Image.open(io.BytesIO(publishable(buffer.getvalue(), 10 * MIB).data))
    assert published.info.get("icc_profile") == profile


def test_a_gif_keeps_its_frames_and_loop() -> None:
    clean = gif_without_metadata(gif_sample())
    assert clean is not None and b"NETSCAPE2.0" in clean and b"SECRET" not in clean
    assert getattr(Image.open(io.BytesIO(clean)), "n_frames", 1) == 3


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png_header(width: int, height: int) -> bytes:
    """A 100-byte PNG that declares its size and holds almost no pixels."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", ihdr)
        + _chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + _chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("size", [(9_000, 9_000), (20_000, 20_000), (100_000, 100_000), (1, 2**31 - 1)])
def test_huge_dimensions_are_refused_from_the_header(size: tuple[int, int]) -> None:
    started = time.perf_counter()
    with pytest.raises(PhotoProblem, match="像素太多"):
        publishable(_png_header(*size), 10 * MIB)
    assert time.perf_counter() - started < 1.0
