"""Parsing a module folder's `index.md`: the claim, the credits, and format data in front matter."""

from __future__ import annotations

import re

from ..domain.findings import Finding, YamlProblem, error
from ..domain.model import ROLE_LABELS, Asset, Credit, ModuleWork, Photo, Video
from .markdown import split_front_matter
from .schema import Fields
from .yamlsafe import YamlMap, load

MODULE_KEYS = frozenset(
    {
        "status",
        "contributors",
        "former_contributors",
        "claimed",
        "submitted",
        "accepted",
        "deadline",
        "issue",
        "video",
        "gallery",
        "title",
    }
)
VIDEO_KEYS = frozenset({"file", "src", "bilibili", "youtube", "duration", "poster", "captions"})
STATUSES = ("open", "claimed", "submitted", "accepted")
BV_ID = re.compile(r"^BV[0-9A-Za-z]{10}$")
YOUTUBE_ID = re.compile(r"^[0-9A-Za-z_-]{11}$")
CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})$")

FRONT_MATTER_EXAMPLE = "---\nstatus: claimed\ncontributors:\n  - handle: 你的用户名\nclaimed: 2026-11-20\n---"


def parse_module(
    handbook: str, module: str, file: str, text: str, assets: tuple[Asset, ...], findings: list[Finding]
) -> ModuleWork | None:
    split = split_front_matter(text)
    if split.unclosed:
        findings.append(
            error(
                "frontmatter-unclosed", file, 1, "开头的 --- 没有配对的结束行。", "在信息区最后加一行 ---，再写正文。"
            )
        )
        return None
    if split.front is None:
        findings.append(
            error(
                "frontmatter-missing",
                file,
                1,
                "文件开头缺少用 --- 包起来的信息区。",
                f"文件开头应是：\n{FRONT_MATTER_EXAMPLE}",
            )
        )
        return None
    try:
        data = load(split.front)
    except YamlProblem as problem:
        findings.append(problem.finding(file, line_offset=1))
        return None
    if not isinstance(data, YamlMap):
        findings.append(
            error("frontmatter-invalid", file, 2, "信息区应该是“键: 值”的形式。", f"参考：\n{FRONT_MATTER_EXAMPLE}")
        )
        return None
    return _work(handbook, module, file, Fields(data, file, findings, offset=1), split.body, split.body_line, assets)


def _work(
    handbook: str, module: str, file: str, fields: Fields, body: str, body_line: int, assets: tuple[Asset, ...]
) -> ModuleWork:
    fields.check_keys(MODULE_KEYS)
    status = fields.text("status", required="status: claimed")
    if status and status not in STATUSES:
        fields.error(
            "status-invalid",
            "status",
            f"状态“{status}”无效。",
            "只能写 claimed（已认领）、submitted（已提交）或 accepted（已验收）。",
        )
    return ModuleWork(
        handbook=handbook,
        module=module,
        file=file,
        status=status if status in STATUSES else "claimed",
        contributors=_credits(fields, "contributors"),
        former_contributors=_credits(fields, "former_contributors"),
        claimed=fields.date("claimed"),
        submitted=fields.date("submitted"),
        accepted=fields.date("accepted"),
        deadline=fields.date("deadline"),
        issue=fields.integer("issue", minimum=1),
        video=_video(fields),
        gallery=_gallery(fields),
        body=body,
        body_line=body_line,
        assets=assets,
    )


def _credits(fields: Fields, key: str) -> tuple[Credit, ...]:
    credits: list[Credit] = []
    for item, line in fields.items(key):
        if isinstance(item, str):
            item = _single(item, "handle", line - fields.offset)
        if not isinstance(item, YamlMap):
            fields.findings.append(error("field-type", fields.file, line, "贡献者要写成 - handle: 用户名。"))
            continue
        sub = fields.sub(item)
        sub.check_keys(frozenset({"handle", "roles"}))
        handle = sub.ident("handle", required="handle: li-na")
        roles = sub.text_list("roles")
        for role in roles:
            if role not in ROLE_LABELS:
                labels = "、".join(f"{k}（{v}）" for k, v in ROLE_LABELS.items())
                sub.error("role-invalid", "roles", f"分工“{role}”不在分工列表里。", f"可用的分工：{labels}")
        if handle and handle not in {c.handle for c in credits}:
            credits.append(Credit(handle, tuple(r for r in roles if r in ROLE_LABELS), line))
    return tuple(credits)


def _video(fields: Fields) -> Video | None:
    data = fields.mapping("video")
    if data is None:
        return None
    sub = fields.sub(data)
    sub.check_keys(VIDEO_KEYS)
    return Video(
        file=sub.text("file") or sub.text("src") or None,
        bilibili=_checked(sub, "bilibili", BV_ID, "B 站视频号是 BV 开头的 12 位，例如 BV1Xx411c7mD。"),
        youtube=_checked(sub, "youtube", YOUTUBE_ID, "YouTube 视频编号是网址里 v= 后面的 11 位。"),
        duration=_duration(sub),
        poster=sub.text("poster") or None,
        captions=sub.text("captions") or None,
        line=fields.line("video"),
    )


def _checked(fields: Fields, key: str, pattern: re.Pattern[str], hint: str) -> str | None:
    value = fields.text(key)
    if value and not pattern.match(value):
        fields.error("video-source-invalid", key, f"{key} 的值“{value}”格式不对。", hint)
        return None
    return value or None


def _duration(fields: Fields) -> int | None:
    value = fields.data.get("duration")
    if isinstance(value, str) and (match := CLOCK.match(value.strip())):
        hours, minutes, seconds = (int(g or 0) for g in match.groups())
        return hours * 3600 + minutes * 60 + seconds
    return fields.integer("duration", minimum=1)


def _gallery(fields: Fields) -> tuple[Photo, ...]:
    photos = []
    for item, line in fields.items("gallery"):
        if isinstance(item, str):
            item = _single(item, "file", line - fields.offset)
        if not isinstance(item, YamlMap):
            fields.findings.append(
                error("field-type", fields.file, line, "图集的每一项要写成 - {file: 图片.jpg, alt: 图片说明}。")
            )
            continue
        sub = fields.sub(item)
        sub.check_keys(frozenset({"file", "alt"}))
        file = sub.text("file", required="file: 图片.jpg")
        if file:
            photos.append(Photo(file, sub.text("alt"), line))
    return tuple(photos)


def _single(value: str, key: str, line: int) -> YamlMap:
    """`- li-na` is short for `- handle: li-na`; accept it rather than scold."""
    item = YamlMap(line)
    item[key] = value
    item.key_lines[key] = line
    return item
