"""Parsing a module folder's `index.md`: the claim, the credits, and format data in front matter."""

from __future__ import annotations

import re
from dataclasses import replace

from ..domain.findings import Finding, YamlProblem, error, warning
from ..domain.model import ROLE_LABELS, Asset, Credit, ModuleWork, Photo, Video
from .markdown import split_front_matter
from .schema import Fields
from .spoken import SpokenProblem, duration, video_link
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

FRONT_MATTER_EXAMPLE = "---\nstatus: claimed\ncontributors:\n  - handle: 你的用户名\nclaimed: 2026-11-20\n---"


def parse_module(
    handbook: str,
    module: str,
    file: str,
    text: str,
    assets: tuple[Asset, ...],
    findings: list[Finding],
    refused: frozenset[str] = frozenset(),
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
    findings += body_start_findings(file, split.body, split.body_line)
    work = _work(handbook, module, file, Fields(data, file, findings, offset=1), split.body, split.body_line, assets)
    return replace(work, refused=refused)


# What MkDocs would take for page meta at the top of a body: a `---` block or `key: value` lines.
META_LINE = re.compile(r"^[ ]{0,3}[A-Za-z0-9_-]+:")


def body_start_findings(file: str, body: str, body_line: int) -> list[Finding]:
    """A body that starts like front matter: a second `---` block, or `key: value` on its first line.

    The site shows it as text (the page's meta is ours alone), which is never what the contributor meant.
    """
    lines = body.splitlines()
    blank = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    if blank < len(lines) and lines[blank].strip() in ("---", "..."):
        return [
            error(
                "frontmatter-twice",
                file,
                body_line + blank,
                "信息区只能有一个：正文开头又有一行 ---，下面的内容会当成正文显示。",
                "把这里的键值合并到文件开头的信息区里，再删掉多余的 --- 行。",
            )
        ]
    if lines and META_LINE.match(lines[0]):
        return [
            warning(
                "body-looks-like-meta",
                file,
                body_line,
                "正文第一行写成了“名称: 内容”的样子，它不会进入信息区，只会当成正文显示。",
                "信息写在文件开头两行 --- 之间；如果这就是正文，在它前面空一行或换个写法。",
            )
        ]
    return []


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
    bilibili, youtube, seconds = _source(sub, "bilibili"), _source(sub, "youtube"), _duration(sub)
    read = {"bilibili": bilibili, "youtube": youtube, "duration": seconds}
    return Video(
        file=sub.text("file") or sub.text("src") or None,
        bilibili=bilibili,
        youtube=youtube,
        duration=seconds,
        poster=sub.text("poster") or None,
        captions=sub.text("captions") or None,
        line=fields.line("video"),
        unreadable=frozenset(key for key, value in read.items() if value is None and sub.has(key)),
    )


def _source(fields: Fields, site: str) -> str | None:
    """A BV id, a YouTube id, or the page URL people copy from their browser (its id is taken)."""
    value = fields.text(site)
    if not value:
        return None
    try:
        link = video_link(value)
    except SpokenProblem as problem:
        fields.error("video-source-invalid", site, f"{site} 的值有问题：{problem.message}", problem.hint)
        return None
    if link.site != site:
        other = "B 站" if link.site == "bilibili" else "YouTube"
        fields.error(
            "video-source-invalid", site, f"{site} 这一行写的是{other}的视频。", f"改成 {link.site}: {link.id}"
        )
        return None
    return link.id


def _duration(fields: Fields) -> int | None:
    value = fields.data.get("duration")
    if value is None:
        return None
    try:
        return duration(value)
    except SpokenProblem as problem:
        fields.error("video-duration-invalid", "duration", problem.message, problem.hint)
        return None


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
