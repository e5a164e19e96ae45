"""Format contracts: what a submitted module must contain, per format (video, gallery, article, checklist)."""

from __future__ import annotations

from collections.abc import Callable

from ..domain.findings import Finding, error, warning
from ..domain.model import ModuleSpec, ModuleWork, Photo
from ..read.files import IMAGE_TYPES, VIDEO_TYPES, extension, plain_path
from ..read.markdown import count_chars, markdown_images, task_items
from .markup import markup_findings, unsafe_url
from .sanitize import foreign_url


def check_contract(spec: ModuleSpec, work: ModuleWork) -> list[Finding]:
    """Findings for a module whose status says its content is handed in."""
    findings = _check_body_images(work)
    findings += CHECKS[spec.format](spec, work)
    findings += markup_findings(work)
    return findings


def _check_video(spec: ModuleSpec, work: ModuleWork) -> list[Finding]:
    video = work.video
    if video is None:
        return [
            _err(
                work,
                None,
                "video-missing",
                "视频模块的信息区缺少 video。",
                "加一行，例如 video: {bilibili: BV1Xx411c7mD, duration: 118, poster: poster.jpg}",
            )
        ]
    line = video.line
    found: list[Finding] = []
    sources = [s for s in (video.file, video.bilibili, video.youtube) if s]
    if not sources and not video.unreadable & {"bilibili", "youtube", "file"}:
        found.append(
            _err(
                work,
                line,
                "video-source-missing",
                "视频没有来源。",
                "三选一：file: 视频.mp4（放在模块文件夹里）、bilibili: BV 号、youtube: 视频编号。",
            )
        )
    elif len(sources) > 1:
        found.append(
            warning(
                "video-source-ambiguous",
                work.file,
                line,
                "视频写了多个来源，网站只用第一个（文件 > B 站 > YouTube）。",
                "只保留一个来源。",
            )
        )
    if video.file:
        found += _asset(work, line, video.file, VIDEO_TYPES, "视频文件")
    if video.duration is None and "duration" not in video.unreadable:
        found.append(
            _err(
                work,
                line,
                "video-duration-missing",
                "视频缺少时长 duration。",
                "写上视频有多长，例如 duration: 1:58（也可以写 118 或 1分58秒）。",
            )
        )
    elif video.duration is not None and video.duration > spec.limits.max_duration:
        found.append(
            _err(
                work,
                line,
                "video-too-long",
                f"视频长 {video.duration} 秒，超过了本模块 {spec.limits.max_duration} 秒的上限。",
                "剪短一些，或请运营同学调整上限。",
            )
        )
    if not video.poster:
        found.append(
            _err(
                work,
                line,
                "video-poster-missing",
                "视频缺少封面图 poster。",
                "放一张封面图到模块文件夹，并写 poster: poster.jpg。",
            )
        )
    else:
        found += _asset(work, line, video.poster, IMAGE_TYPES, "封面图")
    if video.captions:
        found += _asset(work, line, video.captions, frozenset({"vtt"}), "字幕文件")
    return found


def gallery_photos(work: ModuleWork) -> list[Photo]:
    """Front matter `gallery:` entries first, then `![alt](file)` images in the body."""
    body = [Photo(src, alt, work.body_line + n) for alt, src, n in markdown_images(work.body)]
    listed = {p.file for p in work.gallery}
    return list(work.gallery) + [p for p in body if p.file not in listed]


def _check_gallery(spec: ModuleSpec, work: ModuleWork) -> list[Finding]:
    photos = gallery_photos(work)
    found: list[Finding] = []
    for photo in work.gallery:
        found += _asset(work, photo.line, photo.file, IMAGE_TYPES, "图片")
    for photo in photos:
        if not photo.alt:
            found.append(
                _err(
                    work,
                    photo.line,
                    "gallery-alt-missing",
                    f"图片 {photo.file} 没有文字说明（alt）。",
                    "给每张图写一句说明，例如 alt: 后备箱地板下的隐藏储物格；它也是看不见图片的读者听到的内容。",
                )
            )
    if len(photos) < spec.limits.min_images:
        found.append(
            _err(
                work,
                1,
                "gallery-too-few",
                f"图集只有 {len(photos)} 张图片，至少需要 {spec.limits.min_images} 张。",
                "再补几张图片，放进模块文件夹，并在 gallery: 里逐张列出。",
            )
        )
    return found


def _check_article(spec: ModuleSpec, work: ModuleWork) -> list[Finding]:
    chars = count_chars(work.body)
    if chars < spec.limits.min_chars:
        return [
            _err(
                work,
                work.body_line,
                "article-too-short",
                f"文章正文只有 {chars} 字，至少需要 {spec.limits.min_chars} 字。",
                "把内容写充实一些（标点和空格不计，中文每个字算一个）。",
            )
        ]
    if chars > spec.limits.max_chars:
        return [
            _err(
                work,
                work.body_line,
                "article-too-long",
                f"文章正文有 {chars} 字，超过了 {spec.limits.max_chars} 字的上限。",
                "精简内容，或者和运营同学商量拆成两个模块。",
            )
        ]
    return []


def _check_checklist(spec: ModuleSpec, work: ModuleWork) -> list[Finding]:
    items = task_items(work.body)
    if items < spec.limits.min_items:
        return [
            _err(
                work,
                work.body_line,
                "checklist-too-few",
                f"清单只有 {items} 项，至少需要 {spec.limits.min_items} 项。",
                "每一项单独一行，写成 - [ ] 检查胎压。",
            )
        ]
    return []


def _check_body_images(work: ModuleWork) -> list[Finding]:
    found: list[Finding] = []
    for _alt, src, n in markdown_images(work.body):
        if unsafe_url(src) or foreign_url(src):
            continue  # a javascript: image or one from another host: markup_findings says why the site drops it
        found += _asset(work, work.body_line + n, src, IMAGE_TYPES, "图片")
    return found


def _asset(work: ModuleWork, line: int | None, name: str, types: frozenset[str], what: str) -> list[Finding]:
    if name in work.refused:
        return []  # the file is there but refused (too large, HEIC, …): that finding says what to do
    if not plain_path(name):
        return [
            _err(
                work,
                line,
                "asset-name",
                f"{what} {name} 不是模块文件夹里的文件名。",
                f"把文件放进 {work.folder}/，这里只写它的文件名（例如 poster.jpg）：不要写网址、盘符、反斜杠或 ..。",
            )
        ]
    if extension(name) not in types:
        allowed = "、".join(sorted(types))
        return [_err(work, line, "asset-type", f"{what} {name} 的类型不对。", f"{what}只能是这些类型：{allowed}。")]
    if name not in {a.path for a in work.assets}:
        return [
            _err(
                work,
                line,
                "asset-missing",
                f"找不到{what} {name}。",
                f"把 {name} 放进模块文件夹 {work.folder}/，注意文件名大小写要一致。",
            )
        ]
    return []


def _err(work: ModuleWork, line: int | None, code: str, message: str, hint: str) -> Finding:
    return error(code, work.file, line, message, hint)


CHECKS: dict[str, Callable[[ModuleSpec, ModuleWork], list[Finding]]] = {
    "video": _check_video,
    "gallery": _check_gallery,
    "article": _check_article,
    "checklist": _check_checklist,
}
