"""Phone videos made playable in every browser: `.mov` becomes `.mp4`, with ffmpeg where it is installed.

An iPhone `.mov` usually holds H.264 or HEVC video. H.264 only needs a new container (a remux: fast,
lossless); HEVC plays in few browsers, so it is transcoded to H.264. Either way the metadata goes, with the
place where the video was shot. Without ffmpeg, the advice is to post the video on Bilibili instead.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .sniff import HEAD_BYTES, sniff

BILIBILI_ADVICE = "把视频传到 B 站（bilibili.com），再把视频网址贴在提交表单的“视频链接”里。"
PLAYABLE_CODECS = frozenset({"h264"})
TIMEOUT = 15 * 60  # seconds; a three-minute phone video transcodes in well under that on a CI runner
# The one demuxer each sniffed kind is read with. Left to guess, ffmpeg reads a playlist (HLS, DASH, concat)
# named `.mov` as what it says it is and follows it to other files on the machine, which would then be
# published; forced, a playlist is just a broken video. Only the `file` protocol, only this one path.
DEMUXERS = {"mov": "mov", "mp4": "mov", "webm": "matroska"}
NOT_A_VIDEO = "这个文件不是能转换的视频（只收 iPhone 的 .mov、MP4 或 WebM）。"


@dataclass(frozen=True, slots=True)
class VideoResult:
    path: Path
    changes: tuple[str, ...]


class VideoProblem(ValueError):
    """The video could not be made playable; the message says what to do instead."""


def find_ffmpeg() -> str | None:
    return shutil.which("ffmpeg")


def make_playable(src: Path, dst: Path, ffmpeg: str | None) -> VideoResult:
    """Write `src` as an MP4 at `dst` (which must not exist yet); `src` is left untouched."""
    if ffmpeg is None:
        raise VideoProblem("这台机器上没有视频转换工具 ffmpeg，不能转换 .mov 视频。" + BILIBILI_ADVICE)
    if dst.exists():
        raise VideoProblem(f"{dst.name} 已经存在，没有覆盖它。")
    demuxer = input_demuxer(src)
    codec = video_codec(src, ffmpeg)
    remux = codec in PLAYABLE_CODECS
    command = convert_command(src, dst, ffmpeg, remux=remux, demuxer=demuxer)
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        dst.unlink(missing_ok=True)
        raise VideoProblem("视频转换失败。" + BILIBILI_ADVICE) from exc
    done = "视频换成了网页都能播放的 MP4" + ("" if remux else "（重新编码为 H.264）")
    return VideoResult(dst, (done, "去掉了视频里的拍摄地点等信息"))


def input_demuxer(src: Path) -> str:
    """The demuxer for this file's sniffed kind; anything that is not a video by its bytes is refused."""
    with src.open("rb") as file:
        kind = sniff(file.read(HEAD_BYTES))
    if kind not in DEMUXERS:
        raise VideoProblem(NOT_A_VIDEO + BILIBILI_ADVICE)
    return DEMUXERS[kind]


def input_options(src: Path, demuxer: str) -> list[str]:
    """Read exactly this file, as this format: no other protocol, no file named inside it, no `-` tricks."""
    options = ["-protocol_whitelist", "file", "-f", demuxer]
    if demuxer == "mov":
        options += ["-enable_drefs", "0"]  # a QuickTime data reference may point at another file
    return [*options, "-i", "file:" + str(src.absolute())]


def convert_command(src: Path, dst: Path, ffmpeg: str, *, remux: bool, demuxer: str = "mov") -> list[str]:
    """The ffmpeg call: copy the streams when the browser can play them, else encode H.264 + AAC."""
    encode = ["-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p", "-c:a", "aac"]
    codecs = ["-c", "copy"] if remux else encode
    return [
        ffmpeg,
        *("-nostdin", "-hide_banner", "-loglevel", "error", *input_options(src, demuxer)),
        *("-map", "0:v:0", "-map", "0:a:0?", "-map_metadata", "-1", "-map_chapters", "-1"),
        *codecs,
        *("-movflags", "+faststart", "-f", "mp4", "file:" + str(dst.absolute())),
    ]


def video_codec(src: Path, ffmpeg: str) -> str | None:
    """The first video stream's codec name (h264, hevc, …) by ffprobe, which ships with ffmpeg."""
    ffprobe = str(Path(ffmpeg).with_name("ffprobe"))
    command = [ffprobe, "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=codec_name"]
    try:
        source = input_options(src, input_demuxer(src))
        done = subprocess.run([*command, "-of", "csv=p=0", *source], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired, VideoProblem):
        return None
    return done.stdout.strip() or None


def video_seconds(src: Path, ffmpeg: str, container: str = "mp4") -> int | None:
    """The file's own length in whole seconds (rounded, at least 1) by ffprobe; None when it cannot tell.

    The container is named (`-f`) and no protocol but the file itself is allowed: a "video" that is really a
    playlist or a concat list must not make ffprobe open other files.
    """
    ffprobe = str(Path(ffmpeg).with_name("ffprobe"))
    command = [ffprobe, "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0"]
    command += input_options(src, DEMUXERS.get(container, container))
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = done.stdout.strip()[:32]
    try:
        seconds = float(text)
    except ValueError:
        return None
    return max(1, round(seconds)) if 0 < seconds < 10**7 else None
