"""Hostile files: links out of the repository, playlists posing as videos, JSON nested to the stack's end."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from media_files import ffmpeg, heic, jpeg, needs_ffmpeg

from cohandbook.cli.fix_media import fix_media
from cohandbook.cli.main import cli
from cohandbook.core.bot.world import parse_report
from cohandbook.core.read.bounded_json import JsonRefused, loads_bounded
from conftest import TODAY, Repo


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the repository, full of what --fix-media would convert."""
    folder = tmp_path / "outside"
    (folder / "modules" / "m").mkdir(parents=True)
    for place in (folder, folder / "modules" / "m"):
        (place / "photo.HEIC").write_bytes(heic())
        (place / "gps.jpg").write_bytes(jpeg(gps=True, size=(64, 48)))
        (place / "clip.mov").write_bytes(b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00qt  ")
        (place / "index.md").write_text("---\nstatus: draft\n---\n![a](photo.HEIC)\n", encoding="utf-8")
    return folder


LINKS = {
    "module folder": lambda repo, out: ("handbooks/guide/modules/linked", out),
    "modules folder": lambda repo, out: ("handbooks/other/modules", out / "modules"),
    "handbook folder": lambda repo, out: ("handbooks/third", out),
    "one file": lambda repo, out: ("handbooks/guide/modules/first-1000km/photo.HEIC", out / "photo.HEIC"),
    "index.md": lambda repo, out: ("handbooks/guide/modules/storage/index.md", out / "index.md"),
}


@pytest.mark.parametrize("kind", LINKS)
def test_fix_media_never_writes_through_a_link(repo: Repo, outside: Path, kind: str) -> None:
    repo.write("handbooks/guide/modules/storage/IMG_1.HEIC", heic())  # a real fix beside the link
    link, target = LINKS[kind](repo, outside)
    path = repo.root / link
    if path.is_symlink() or path.exists():
        os.remove(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)
    before = snapshot(outside)
    fix_media(repo.root)
    assert snapshot(outside) == before
    assert path.is_symlink()


def test_a_linked_handbooks_folder_is_left_alone(tmp_path: Path, outside: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "handbooks").symlink_to(outside)
    before = snapshot(outside)
    assert fix_media(root) == []
    assert snapshot(outside) == before


def test_a_link_planted_as_the_temporary_file_is_not_followed(repo: Repo, tmp_path: Path) -> None:
    folder = repo.root / "handbooks/guide/modules/storage"
    repo.write("handbooks/guide/modules/storage/gps.jpg", jpeg(gps=True, size=(64, 48)))
    victim = tmp_path / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    (folder / ".gps.jpg.cohandbook-tmp").symlink_to(victim)
    fix_media(repo.root)
    assert victim.read_text(encoding="utf-8") == "keep"


# ffmpeg reads the one file, as the format its bytes say.
def _secret_video(folder: Path) -> Path:
    secret = folder / "secret.mp4"
    subprocess.run(
        [ffmpeg() or "ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=10:duration=1",
         "-c:v", "libx264", "-pix_fmt", "yuv420p", "-f", "mp4", str(secret)],
        check=True,
    )  # fmt: skip
    return secret


QUICKTIME_HEAD = b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00qt  "
MANIFESTS = {
    "hls": lambda s: f"#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\n{s}\n#EXT-X-ENDLIST\n".encode(),
    "hls as file url": lambda s: f"#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile:{s}\n#EXT-X-ENDLIST\n".encode(),
    "concat": lambda s: f"ffconcat version 1.0\nfile '{s}'\n".encode(),
    "dash": lambda s: (
        '<?xml version="1.0"?><MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static">'
        f'<Period><AdaptationSet><Representation id="1" bandwidth="1"><BaseURL>{s}</BaseURL>'
        "</Representation></AdaptationSet></Period></MPD>"
    ).encode(),
    "hls behind a quicktime head": lambda s: QUICKTIME_HEAD + b"\n" + MANIFESTS["hls"](s),  # type: ignore[no-untyped-call]
    "concat behind a free atom": lambda s: b"\x00\x00\x00\x08free" + MANIFESTS["concat"](s),  # type: ignore[no-untyped-call]
}


@needs_ffmpeg
@pytest.mark.parametrize("kind", MANIFESTS)
def test_a_playlist_posing_as_a_video_publishes_nothing_of_other_files(repo: Repo, tmp_path: Path, kind: str) -> None:
    secret = _secret_video(tmp_path)
    folder = "handbooks/guide/modules/setup-video"
    repo.write(f"{folder}/clip.mov", MANIFESTS[kind](str(secret)))
    report = "\n".join(fix_media(repo.root))
    assert not (repo.root / folder / "clip.mp4").exists(), report
    assert (repo.root / folder / "clip.mov").exists()
    assert "没有转换" in report and ("不是能转换的视频" in report or "视频转换失败" in report)


def test_the_ffmpeg_call_forces_the_format_and_the_file_protocol(tmp_path: Path) -> None:
    from cohandbook.core.media.video import convert_command, input_options

    src = tmp_path / "-i x.mov"
    command = convert_command(src, tmp_path / "out.mp4", "ffmpeg", remux=True, demuxer="mov")
    index = command.index("-i")
    assert command[index + 1] == "file:" + str(src.absolute())
    assert command[index - 6 : index] == ["-protocol_whitelist", "file", "-f", "mov", "-enable_drefs", "0"]
    assert input_options(src, "matroska")[:4] == ["-protocol_whitelist", "file", "-f", "matroska"]


# JSON the bot reads.
@pytest.mark.parametrize("text", [b"[" * 100_000, b'{"a":' * 50_000, b"[" * 40 + b"]" * 40, b"[" * 10_000_000])
def test_deep_or_huge_json_is_refused_plainly(text: bytes) -> None:
    with pytest.raises(JsonRefused):
        loads_bounded(text)
    files = {"number": b"7", "head_sha": b"a" * 40, "findings.json": text}
    with pytest.raises(ValueError):
        parse_report(files)


def test_strings_holding_brackets_do_not_count_as_depth() -> None:
    assert loads_bounded(b'[{"message": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\"[["}]') == [
        {"message": "[" * 40 + '"[['}
    ]


def test_validate_reports_a_linked_module_folder(repo: Repo, outside: Path) -> None:
    (repo.root / "handbooks/guide/modules/linked").symlink_to(outside)
    result = CliRunner().invoke(cli, ["--root", str(repo.root), "validate", "--fix-media", "--today", TODAY])
    assert "linked" in result.output
