"""Finding, in a module's Markdown source, the markup that the sanitizer will remove from the page.

The sanitizer works on rendered HTML, where line numbers are gone; a KOC needs "line 12: the onclick goes",
so this reads the source instead: raw HTML tags, attr_list blocks (`{ onclick=… }`) and link targets. It
judges them by the sanitizer's own allowlist, so what it reports is what the site removes. Code (fenced
blocks and `inline code`) is left alone: showing markup there is fine, it is escaped.

Long because the scanners are small parsers, not patterns (code spans, attr_list tokens, start tags: each
linear on text that never closes), and they stay beside the messages for what they find.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from dataclasses import dataclass

from ..domain.findings import Finding, error, warning
from ..domain.model import ModuleWork
from ..read.markdown import without_code
from .sanitize import (
    ATTRIBUTES,
    ID_ATTRIBUTES,
    INPUT_TYPES,
    RESOURCE_ATTRIBUTES,
    STYLE_PROPERTIES,
    TAGS,
    URL_SCHEMES,
    allowed_class,
    foreign_url,
    safe_id,
)

TAG_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
# A start tag as HTML reads it, found without html.parser (quadratic on `<a <a <a …`): no `<` inside, so a
# run of openers that never close costs one pass. Attributes are then read inside the tag alone.
# The name is read as html.parser reads it (`<https://…>` is named `https:`, and TAG_NAME then says it
# is an autolink); possessive, so it never trades characters with the attributes after it.
START_TAG = re.compile(r"<([A-Za-z][^\s/<>\x00]*+)([^<>]*)>")
TAG_ATTRIBUTE = re.compile(r"""([^\s/>"'=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
BACKTICKS = re.compile(r"`+")
# An attr_list block `{: .class #id key=value }`: braces on one line with no brace between them. Its tokens
# are read one by one at fixed positions (`_tokens`), never by a repeated group, which backtracked
# exponentially on a block that never closes.
ATTR_BLOCK = re.compile(r"\{:?[ \t]*+([^{}\n]*)\}")  # possessive: the blanks are not the content's to share
ATTR_TOKEN = re.compile(
    r"""#(?P<id>[^\s{}]+)|\.(?P<cls>[^\s{}]+)|(?<![^\s{])(?P<key>[^\s{}="']+)=(?P<value>"[^"\n]*"|'[^'\n]*'|[^\s{}]+)"""
)
MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")
# Alt text holds no brackets: a repetition that could cross the next `![` rescanned to the end from each.
_ALT = r"[^\[\]\n]*"
MD_IMAGE = re.compile(rf"!\[{_ALT}\]\(\s*<?([^)\s>]+)")
MD_IMAGE_REFERENCE = re.compile(rf"!\[({_ALT})\](?:\[([^\[\]\n]*)\])?(?![(\[])")
REFERENCE = re.compile(r"^[ \t]{0,3}\[([^\[\]\n]+)\]:[ \t]*<?([^\s>]+)", re.M)
SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
URL_ATTRIBUTES = frozenset({"href", "src"})
ANY_TAG_ATTRIBUTES = frozenset(name for names in ATTRIBUTES.values() for name in names) | {"type"}


@dataclass(frozen=True, slots=True, order=True)
class Removal:
    line: int  # 0-based line of the body
    kind: str  # script | iframe | tag | handler | url | foreign | style | attribute | class | id | name
    what: str  # the tag, attribute or URL as the contributor wrote it


def scan(body: str) -> list[Removal]:
    """Everything in `body` that the sanitizer will drop or rename, in source order."""
    text = without_inline_code(without_code(body))
    found = _html_tags(text) + _attr_lists(text) + _markdown_links(text)
    return sorted(set(found))


def without_inline_code(text: str) -> str:
    """Blank out `code spans`: a run of backticks up to the next run of the same length on its line.

    Linear: each run is looked at once, and the next run of each length is found from a table built
    backwards, instead of a back-reference that rescanned the line from every backtick.
    """
    return "\n".join(_blank_spans(line) for line in text.split("\n"))


def _blank_spans(line: str) -> str:
    if "`" not in line:
        return line
    runs = [(m.start(), m.end()) for m in BACKTICKS.finditer(line)]
    following: list[int | None] = [None] * len(runs)
    seen: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        following[index] = seen.get(length)
        seen[length] = index
    parts, kept, index = [], 0, 0
    while index < len(runs):
        closer = following[index]
        if closer is None:
            index += 1
            continue
        start, end = runs[index][0], runs[closer][1]
        parts += [line[kept:start], " " * (end - start)]
        kept, index = end, closer + 1
    return "".join(parts) + line[kept:]


def _html_tags(text: str) -> list[Removal]:
    text = _without_comments(text)
    starts = [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]
    found = []
    for tag in START_TAG.finditer(text):
        attrs = [(m.group(1).lower(), _value(m.group(2))) for m in TAG_ATTRIBUTE.finditer(tag.group(2))]
        found += check_tag(tag.group(1).lower(), attrs, bisect_right(starts, tag.start()) - 1)
    return found


def _value(raw: str | None) -> str | None:
    if raw is None:
        return None
    return html.unescape(raw[1:-1] if raw[:1] in "\"'" else raw)


def _without_comments(text: str) -> str:
    """Comments blanked (line breaks kept); an unclosed one hides the rest, as it does in HTML."""
    parts, pos = [], 0
    while (start := text.find("<!--", pos)) != -1:
        end = text.find("-->", start + 4)
        stop = len(text) if end == -1 else end + 3
        parts += [text[pos:start], "\n" * text.count("\n", start, stop)]
        pos = stop
    return "".join(parts) + text[pos:]


def check_tag(tag: str, attrs: list[tuple[str, str | None]], line: int) -> list[Removal]:
    if not TAG_NAME.match(tag):
        return []  # not a tag: an autolink like <https://…>, which Markdown turns into a link
    if tag not in TAGS:
        return [Removal(line, tag if tag in ("script", "iframe") else "tag", f"<{tag}>")]
    allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set()) | set(INPUT_TYPES.get(tag, {}))
    found = _unused_name(line, dict(attrs)) if tag == "a" else []
    for name, value in attrs:
        if name in ID_ATTRIBUTES and not value:
            continue  # a bare `<a name>` or `<p id>` names nothing: dropping it leaves the page as it was
        if name == "class":
            found += [Removal(line, "class", c) for c in (value or "").split() if not allowed_class(c)]
        elif name != "markdown" and (kind := _attribute_problem(tag, name, value or "", allowed)):
            found.append(Removal(line, kind, _shown(name, value, kind)))
    return found


def _unused_name(line: int, attrs: dict[str, str | None]) -> list[Removal]:
    """`<a id="x" name="y">`: the page keeps the id, so a link to `#y` would no longer reach it."""
    name, id_ = attrs.get("name"), attrs.get("id")
    return [Removal(line, "name", name)] if name and id_ and safe_id(name) != safe_id(id_) else []


def _attribute_problem(tag: str, name: str, value: str, allowed: set[str] | frozenset[str]) -> str | None:
    if name.startswith("on"):
        return "handler"
    if name == "style":
        return None if tag in ("td", "th") and _only_alignment(value) else "style"
    if name not in allowed or (name == "type" and value not in INPUT_TYPES.get(tag, {}).get("type", ())):
        return "attribute"
    if name in URL_ATTRIBUTES and unsafe_url(value):
        return "url"
    if name in RESOURCE_ATTRIBUTES and foreign_url(value):
        return "foreign"
    if name in ID_ATTRIBUTES and safe_id(value) != value:
        return "id"
    return None


def _only_alignment(style: str) -> bool:
    names = {part.split(":", 1)[0].strip().lower() for part in style.split(";") if part.strip()}
    return names <= STYLE_PROPERTIES


def _shown(name: str, value: str | None, kind: str) -> str:
    """Attributes by name, ids and foreign addresses by value, URLs by their scheme (`javascript:`): what the
    contributor recognises."""
    if kind == "url":
        return url_scheme(value or "") + ":"
    return (value or "") if kind in ("id", "foreign") else name


def url_scheme(url: str) -> str:
    """The scheme as a browser reads it: entities decoded, tabs and spaces inside ignored; '' when relative."""
    match = SCHEME.match(re.sub(r"[\x00-\x20]", "", html.unescape(url)).lower())
    return match.group(1) if match else ""


def unsafe_url(url: str) -> bool:
    """True for a URL whose scheme the sanitizer refuses (javascript:, data:, vbscript: …)."""
    scheme = url_scheme(url)
    return bool(scheme) and scheme not in URL_SCHEMES


def _attr_lists(text: str) -> list[Removal]:
    found = []
    for number, line in enumerate(text.splitlines()):
        for block in ATTR_BLOCK.finditer(line):
            for token in _tokens(block.group(1)) or ():
                if (removal := _attr_token(token, number)) is not None:
                    found.append(removal)
    return found


def _tokens(content: str) -> list[re.Match[str]] | None:
    """The block's tokens, or None when anything between them is not a token (then it is not attr_list)."""
    tokens, pos = [], 0
    while pos < len(content):
        if content[pos] in " \t":
            pos += 1
            continue
        token = ATTR_TOKEN.match(content, pos)
        if token is None or (token.end() < len(content) and content[token.end()] not in " \t"):
            return None
        tokens.append(token)
        pos = token.end()
    return tokens or None


def _attr_token(token: re.Match[str], line: int) -> Removal | None:
    if token.group("id") is not None:
        value = token.group("id")
        return Removal(line, "id", value) if safe_id(value) != value else None
    if token.group("cls") is not None:
        value = token.group("cls")
        return None if allowed_class(value) else Removal(line, "class", value)
    name, value = token.group("key").lower(), token.group("value").strip("\"'")
    kind = _attribute_problem("*", name, value, ANY_TAG_ATTRIBUTES)
    return Removal(line, kind, _shown(name, value, kind)) if kind else None


def _markdown_links(text: str) -> list[Removal]:
    lines = text.splitlines()
    found = []
    for number, line in enumerate(lines):
        found += [
            Removal(number, "url", _shown("", m.group(1), "url"))
            for m in MD_LINK.finditer(line)
            if unsafe_url(m.group(1))
        ]
        found += [
            Removal(number, "foreign", m.group(1))
            for m in MD_IMAGE.finditer(line)
            if foreign_url(m.group(1)) and not unsafe_url(m.group(1))
        ]
    references: dict[str, str] = {}
    for match in REFERENCE.finditer(text):
        references.setdefault(_label(match.group(1)), match.group(2))
        if unsafe_url(match.group(2)):
            found.append(Removal(text.count("\n", 0, match.start(2)), "url", _shown("", match.group(2), "url")))
    return found + _reference_images(lines, references)


def _label(text: str) -> str:
    """A reference label as Markdown matches it: case and runs of white space do not matter."""
    return " ".join(text.split()).lower()


def _reference_images(lines: list[str], references: dict[str, str]) -> list[Removal]:
    """`![alt][ref]`, `![ref][]` and `![ref]` whose definition points at another host, at the image's line."""
    found = []
    for number, line in enumerate(lines):
        for match in MD_IMAGE_REFERENCE.finditer(line):
            url = references.get(_label(match.group(2) or match.group(1)))
            if url is not None and foreign_url(url) and not unsafe_url(url):
                found.append(Removal(number, "foreign", url))
    return found


MESSAGES = {
    "script": ("{what} 会在网站上被删掉：手册页面不运行投稿里的脚本。", "删掉这段代码；想要互动效果请联系运营同学。"),
    "iframe": (
        "{what} 会在网站上被删掉：只有信息区 video 里写的 B 站或 YouTube 视频才会嵌入页面。",
        "删掉 <iframe>，在信息区写 video: {{bilibili: BV 号, duration: 秒数, poster: 封面.jpg}}。",
    ),
    "tag": (
        "{what} 会在网站上被删掉：手册页面只保留文字、图片、表格、清单这类排版。",
        "删掉这个标签，用 Markdown 写同样的内容。",
    ),
    "handler": ("{what} 属性会在网站上被删掉：页面不运行投稿里的事件代码。", "删掉 {what}=… 这一段。"),
    "url": (
        "“{what}”链接会在网站上被删掉：只允许 https://、http://、mailto: 和模块文件夹里的文件。",
        "换成普通网址；图片请存成文件放进模块文件夹，再写 ![说明](图片.jpg)。",
    ),
    "style": (
        "style 属性会在网站上被删掉：版式由手册统一设计。",
        "删掉 style=…；需要强调时用 **加粗** 或提示框 !!! tip。",
    ),
    "foreign": (
        "图片 {what} 来自外部网站，网站上不会显示：读者打开页面时不该去别的网站取图片，而且那张图审核后还可能被换掉。",
        "把图片下载下来放进模块文件夹，再写 ![说明](图片.jpg)。",
    ),
    "attribute": ("{what} 属性会在网站上被删掉。", "删掉 {what}=… 这一段。"),
    "name": (
        "锚点名“{what}”会在网站上被删掉：同一个标签已经有 id，网站只保留 id。",
        "把指向 #{what} 的链接改成指向这个 id，再删掉 name=…。",
    ),
    "class": (
        "样式名“{what}”会在网站上被删掉：只能用手册格式自带的样式（提示框、清单、标签页等）。",
        "删掉 .{what}；需要强调时用 **加粗** 或提示框 !!! tip。",
    ),
    "id": (
        "id“{what}”会在网站上被改名为“{renamed}”：两个下划线开头或带特殊符号的 id 留给网站自己用。",
        "换一个只用字母、数字和 - _ 的名字，不要以 __ 开头。",
    ),
}


def markup_findings(work: ModuleWork) -> list[Finding]:
    """One warning per removal, at the line of the module's index.md where the contributor wrote it."""
    findings = []
    for removal in scan(work.body):
        message, hint = MESSAGES[removal.kind]
        line = work.body_line + removal.line
        words = {"what": removal.what, "renamed": safe_id(removal.what)}
        # A picture from another host is not shown at all: the module is not what its maker sees.
        report, code = (error, "image-external") if removal.kind == "foreign" else (warning, "markup-removed")
        findings.append(report(code, work.file, line, message.format(**words), hint.format(**words)))
    return findings
