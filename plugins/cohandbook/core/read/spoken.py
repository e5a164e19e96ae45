"""What people type, read the way they mean it: video page links and durations.

A car owner pastes the Bilibili page they watch (or the app's share text around it), and says how long a
video is as people say it: `2分30秒`, `两分半`, `2:30`, `150秒`, `150`. These readers take those forms and return
the value the handbook stores (a BV id, a YouTube id, seconds), or a problem saying what to type instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from .durations import HINT, DurationProblem, seconds_of

BV_ID = re.compile(r"^BV[0-9A-Za-z]{10}$")
YOUTUBE_ID = re.compile(r"^[0-9A-Za-z_-]{11}$")
_URL = re.compile(r"https?://[^\s<>\"'，。、）)】]+", re.IGNORECASE)
_BV_IN_PATH = re.compile(r"/video/(BV[0-9A-Za-z]{10})(?:[/?#]|$)")
_BILIBILI_HOSTS = frozenset({"www.bilibili.com", "bilibili.com", "m.bilibili.com"})
_YOUTUBE_HOSTS = frozenset({"www.youtube.com", "youtube.com", "m.youtube.com", "music.youtube.com"})
_SHORT_HOSTS = frozenset({"b23.tv", "bili2233.cn"})
LINK_HINT = "打开视频页面，复制浏览器地址栏里的网址，例如 https://www.bilibili.com/video/BV1Xx411c7mD/"


@dataclass(frozen=True, slots=True)
class VideoLink:
    site: str  # bilibili | youtube
    id: str


class SpokenProblem(ValueError):
    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def video_link(text: str) -> VideoLink:
    """A Bilibili or YouTube video from a bare id, a page URL or an app's share text around one."""
    text = text.strip()
    if BV_ID.match(text):
        return VideoLink("bilibili", text)
    match = _URL.search(text)
    if match is None:
        if YOUTUBE_ID.match(text):
            return VideoLink("youtube", text)
        raise SpokenProblem(f"{_short(text)} 不是 B 站或 YouTube 的视频网址。", LINK_HINT)
    return _from_url(match.group(0))


def _from_url(url: str) -> VideoLink:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host in _SHORT_HOSTS:
        raise SpokenProblem(
            f"{host} 是 B 站的分享短链接，要打开后才知道是哪个视频。",
            "在浏览器里打开这个短链接，等视频页面出来后，复制地址栏里以 https://www.bilibili.com/video/BV 开头的网址。",
        )
    if host in _BILIBILI_HOSTS:
        if found := _BV_IN_PATH.search(parts.path + "/"):
            return VideoLink("bilibili", found.group(1))
        raise SpokenProblem("这个 B 站网址里没有视频的 BV 号。", LINK_HINT)
    if host in _YOUTUBE_HOSTS or host == "youtu.be":
        if (video := _youtube_id(host, parts.path, parts.query)) and YOUTUBE_ID.match(video):
            return VideoLink("youtube", video)
        raise SpokenProblem(
            "这个 YouTube 网址里没有视频编号。", "复制视频页面的网址，例如 https://www.youtube.com/watch?v=dQw4w9WgXcQ"
        )
    raise SpokenProblem(f"网站 {host or url} 不支持，只能用 B 站或 YouTube 的视频。", LINK_HINT)


def _youtube_id(host: str, path: str, query: str) -> str:
    if host == "youtu.be":
        return path.strip("/").split("/")[0]
    for prefix in ("/shorts/", "/embed/", "/live/"):
        if path.startswith(prefix):
            return path[len(prefix) :].split("/")[0]
    return (parse_qs(query).get("v") or [""])[0]


def duration(value: object) -> int:
    """Seconds from `150`, `150秒`, `2:30`, `2分30秒`, `两分半`, `2.5分钟`, `约2分30秒` (see durations.py)."""
    if isinstance(value, bool) or value is None or isinstance(value, float):
        raise _duration_problem(value, "")
    try:  # a whole number too: its range is judged once, with the reason said (至少 1 秒, 最长 24 小时)
        return seconds_of(str(value))
    except DurationProblem as problem:
        raise _duration_problem(value, problem.message) from None


def _duration_problem(value: object, why: str) -> SpokenProblem:
    return SpokenProblem(f"时长 {_short(str(value))} 看不懂。{why}", HINT)


def _short(text: str) -> str:
    """Someone's answer inside our message: one line, short, as code, so no link, image or @mention works."""
    flat = " ".join(text.replace("`", "'").split())
    return f"`{flat[:40]}{'…' if len(flat) > 40 else ''}`" if flat else "（空）"
