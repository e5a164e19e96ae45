"""What a module's header and format block show, computed once and shared by its page and the print edition.

Every module, whoever made it, gets the same header: chapter, format with its one telling number (a video's
duration, a gallery's photo count, an article's reading time, a checklist's items), title, contributors.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..check.contracts import gallery_photos
from ..domain.credits import ModuleCredit, module_credits
from ..domain.model import ModuleWork, Photo, Repository, Video
from ..domain.progress import ModuleRow
from ..read.markdown import markdown_images, reading_minutes, task_items

# The players load only after the reader presses play on our poster, so they may start at once.
BILIBILI_PLAYER = "https://player.bilibili.com/player.html?bvid={id}&autoplay=1&high_quality=1"
BILIBILI_PAGE = "https://www.bilibili.com/video/{id}"
YOUTUBE_PLAYER = "https://www.youtube-nocookie.com/embed/{id}?autoplay=1"  # nocookie: no tracking cookies
YOUTUBE_PAGE = "https://www.youtube.com/watch?v={id}"


@dataclass(frozen=True, slots=True)
class VideoLinks:
    embed: str | None  # the allowlisted player for an <iframe>; None for a file in the folder
    page: str | None  # where to watch it outside the handbook
    site: str  # "B 站" or "YouTube"; '' for a file

    @property
    def watch_label(self) -> str:
        """'在 B 站观看', '在 YouTube 观看': a space between Chinese and Latin, none inside 'B 站观看'."""
        return f"在 {self.site}观看" if self.site.endswith("站") else f"在 {self.site} 观看"


@dataclass(frozen=True, slots=True)
class ModuleView:
    row: ModuleRow
    credits: tuple[ModuleCredit, ...]
    chapter_number: int
    fact: str  # the format's telling number, in words
    photos: tuple[Photo, ...] = ()
    video: Video | None = None
    links: VideoLinks | None = None

    @property
    def anchor(self) -> str:
        return f"m-{self.row.spec.id}"


def module_view(repo: Repository, row: ModuleRow) -> ModuleView:
    work = row.work
    assert work is not None, "only modules with content have a view"
    video = listed_video(work.video, work) if work.video else None
    return ModuleView(
        row=row,
        credits=module_credits(repo, row.spec, work),
        chapter_number=row.handbook.chapters.index(row.chapter) + 1,
        fact=_fact(row),
        photos=tuple(p for p in work.gallery if _listed(p.file, work)) if row.spec.format == "gallery" else (),
        video=video,
        links=video_links(video) if video else None,
    )


def _listed(name: str | None, work: ModuleWork) -> bool:
    """A name from front matter is written into the page only when it is a file of the folder's listing,
    which the file rules have already judged: a name like `javascript:alert(1).png` never reaches a page."""
    return name is not None and any(asset.path == name for asset in work.assets)


def listed_video(video: Video, work: ModuleWork) -> Video:
    """The video with every file name that is not in the folder left out (validate reports each)."""
    names = [n if _listed(n, work) else None for n in (video.file, video.poster, video.captions)]
    return replace(video, file=names[0], poster=names[1], captions=names[2])


def has_images(work: ModuleWork) -> bool:
    """Photos in the gallery list, Markdown images or <img> tags in the body."""
    return bool(work.gallery or markdown_images(work.body) or "<img" in work.body.lower())


def video_links(video: Video) -> VideoLinks:
    """File first, then Bilibili, then YouTube: the order the video contract documents."""
    if video.file:
        return VideoLinks(None, None, "")
    if video.bilibili:
        return VideoLinks(BILIBILI_PLAYER.format(id=video.bilibili), BILIBILI_PAGE.format(id=video.bilibili), "B 站")
    if video.youtube:
        return VideoLinks(YOUTUBE_PLAYER.format(id=video.youtube), YOUTUBE_PAGE.format(id=video.youtube), "YouTube")
    return VideoLinks(None, None, "")


def clock(seconds: int) -> str:
    """118 -> '1:58'; an hour or more -> '1:02:03'."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _fact(row: ModuleRow) -> str:
    work = row.work
    assert work is not None
    if row.spec.format == "video":
        return f"时长 {clock(work.video.duration)}" if work.video and work.video.duration else ""
    if row.spec.format == "gallery":
        return f"{len(gallery_photos(work))} 张图"
    if row.spec.format == "article":
        return f"阅读约 {reading_minutes(work.body)} 分钟"
    return f"{task_items(work.body)} 项"
