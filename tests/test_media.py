"""Media that phones make: types by content, HEIC to JPEG, oversize photos scaled, location removed, MOV to MP4."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from media_files import ffmpeg, has_gps, heic, jpeg, mov, needs_ffmpeg
from PIL import Image

from cohandbook.core.media.photos import PhotoProblem, publishable
from cohandbook.core.media.sniff import sniff
from cohandbook.core.media.video import VideoProblem, make_playable, video_codec

MIB = 1024 * 1024


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"\xff\xd8\xff\xe1\x00\x10Exif", "jpeg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "png"),
        (b"GIF89a\x01\x00", "gif"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "webp"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00", "heic"),
        (b"\x00\x00\x00\x18ftypmif1\x00\x00\x00\x00", "heic"),
        (b"\x00\x00\x00\x14ftypqt  \x00\x00\x02\x00", "mov"),
        (b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00", "mp4"),
        (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81", "webm"),
        (b"<html><script>alert(1)</script>", None),
        (b"MZ\x90\x00", None),
    ],
)
def test_kinds_are_judged_by_content(head: bytes, kind: str | None) -> None:
    assert sniff(head) == kind


def test_a_heic_photo_becomes_a_jpeg() -> None:
    photo = publishable(heic(), 10 * MIB)
    assert photo.ext == "jpg" and sniff(photo.data) == "jpeg"
    assert "iPhone 的 HEIC 照片转成了 JPEG" in photo.changes
    assert Image.open(io.BytesIO(photo.data)).size == (64, 48)


def test_location_is_removed_and_no_other_metadata_kept() -> None:
    original = jpeg(gps=True)
    assert has_gps(original)
    photo = publishable(original, 10 * MIB)
    assert not has_gps(photo.data)
    assert 0x010F not in Image.open(io.BytesIO(photo.data)).getexif()  # the camera's make goes too
    assert photo.changes == ("去掉了照片里的拍摄地点（GPS）",)


def test_an_oversize_photo_with_a_location_is_scaled_under_the_limit() -> None:
    original = jpeg((1600, 1200), gps=True, noise=True, quality=100)
    limit = len(original) // 3
    photo = publishable(original, limit, max_side=1200)
    assert len(photo.data) <= limit and not has_gps(photo.data)
    assert max(Image.open(io.BytesIO(photo.data)).size) <= 1200
    assert set(photo.changes) == {"照片太大，缩小了尺寸", "去掉了照片里的拍摄地点（GPS）"}


def test_a_clean_photo_comes_back_byte_for_byte() -> None:
    original = jpeg(camera=False)
    assert publishable(original, 10 * MIB).data == original


@pytest.mark.parametrize("data", [b"<svg onload=alert(1)>", b"\xff\xd8\xff\xe0 broken", b""])
def test_what_is_not_a_photo_is_refused(data: bytes) -> None:
    with pytest.raises(PhotoProblem):
        publishable(data, 10 * MIB)


@needs_ffmpeg
def test_an_iphone_mov_becomes_an_mp4_without_its_location(tmp_path: Path) -> None:
    src = tmp_path / "IMG_0001.mov"
    src.write_bytes(mov(tmp_path))
    assert sniff(src.read_bytes()[:64]) == "mov"
    result = make_playable(src, tmp_path / "video.mp4", ffmpeg())
    out = (tmp_path / "video.mp4").read_bytes()
    assert sniff(out[:64]) == "mp4" and src.exists()  # the original stays until the caller drops it
    assert video_codec(result.path, ffmpeg() or "") == "h264"
    probe = subprocess.run(["ffprobe", "-v", "error", "-show_format", str(result.path)], capture_output=True, text=True)
    assert "location" not in probe.stdout


@needs_ffmpeg
def test_an_existing_result_is_never_overwritten(tmp_path: Path) -> None:
    src, dst = tmp_path / "a.mov", tmp_path / "a.mp4"
    src.write_bytes(mov(tmp_path))
    dst.write_bytes(b"earlier")
    with pytest.raises(VideoProblem):
        make_playable(src, dst, ffmpeg())
    assert dst.read_bytes() == b"earlier"


def test_without_ffmpeg_the_advice_is_bilibili(tmp_path: Path) -> None:
    with pytest.raises(VideoProblem, match="B 站"):
        make_playable(tmp_path / "a.mov", tmp_path / "a.mp4", None)


def test_fix_media_converts_a_phone_gallery_and_keeps_validate_honest(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from cohandbook.cli.main import cli
    from conftest import Repo

    repo = Repo(tmp_path / "repo")
    repo.person("li-na", name="李娜")
    spec = {"id": "trunk", "title": "后备箱", "format": "gallery"}
    repo.handbook("guide", chapters=[{"id": "c", "title": "第一章", "modules": [spec]}])
    names = ["IMG_0001.HEIC", "IMG_0002.heic", "IMG_0003.jpg", "IMG_0004.jpg"]
    photos = [{"file": n, "alt": f"第 {i} 张"} for i, n in enumerate(names)]
    front = {"status": "submitted", "contributors": ["li-na"], "claimed": "2026-11-20", "gallery": photos}
    repo.module("guide", "trunk", front, "看 IMG_0001.HEIC 这张。\n")
    folder = repo.root / "handbooks/guide/modules/trunk"
    (folder / "IMG_0001.HEIC").write_bytes(heic())
    (folder / "IMG_0002.heic").write_bytes(heic())
    (folder / "IMG_0002.jpg").write_bytes(b"someone else's file")  # a name the conversion must not take
    (folder / "IMG_0003.jpg").write_bytes(jpeg(gps=True))
    (folder / "IMG_0004.jpg").write_bytes(jpeg(camera=False))
    clean = (folder / "IMG_0004.jpg").read_bytes()

    result = CliRunner().invoke(cli, ["--root", str(repo.root), "validate", "--fix-media", "--today", "2026-11-22"])

    assert not (folder / "IMG_0001.HEIC").exists() and sniff((folder / "IMG_0001.jpg").read_bytes()) == "jpeg"
    assert (folder / "IMG_0002.heic").exists() and (folder / "IMG_0002.jpg").read_bytes() == b"someone else's file"
    assert not has_gps((folder / "IMG_0003.jpg").read_bytes())
    assert (folder / "IMG_0004.jpg").read_bytes() == clean
    index = (folder / "index.md").read_text(encoding="utf-8")
    assert "IMG_0001.jpg" in index and "IMG_0001.HEIC" not in index and "IMG_0002.heic" in index
    assert "已经存在，不覆盖" in result.output
    assert "IMG_0002.heic" in result.output and "HEIC" in result.output  # still reported, once, with the advice
    assert result.exit_code == 1
