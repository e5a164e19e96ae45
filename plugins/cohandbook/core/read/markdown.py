"""Reading a module's Markdown without rendering it: front matter, text length, tasks, images."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

FENCE = re.compile(r"^(---|\.\.\.)\s*$")
TASK_ITEM = re.compile(r"^\s*[-*+]\s+\[[ xX]\]\s+\S")
MD_IMAGE = re.compile(r"!\[([^\[\]]*)\]\(\s*<?([^)\s>\[\]]+)>?(?:[ \t]+\"[^\"]*\")?[ \t]*\)")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
CJK_RUN = re.compile(CJK.pattern + "+")  # runs, not characters: a page's text has few runs and many characters
LATIN_WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")
CODE_FENCE = re.compile(r"```")
CLOSING_FENCE = re.compile(r"```\s*")

# What we strip before counting the characters a reader actually reads, after code and comments (which
# `_delimited` finds with plain string search: a pattern with `.*?` rescanned to the end from every opener).
# No repetition below can cross its own opener, so a run of openers that never closes costs linear time.
_MARKUP = [
    (re.compile(r"<[^<>\n]+>"), " "),  # raw HTML tags
    (re.compile(r"!\[[^\[\]]*\]\([^()]*\)"), " "),  # images
    (re.compile(r"\[([^\[\]]*)\]\([^()]*\)"), r"\1"),  # links keep their text
    (re.compile(r"\{[:#.][^{}]*\}"), " "),  # attr_list
    (re.compile(r"^[ \t]{0,3}(#{1,6}|>|[-*+][ \t]+\[[ xX]\]|[-*+]|\d+\.)[ \t]+", re.M), ""),
    (re.compile(r"^[ \t]*(!!!|\?\?\?\+?)[ \t]*\S+([ \t]+\"[^\"\n]*\")?", re.M), " "),  # admonition headers
    (re.compile(r"[*_`~|]+"), ""),
]


@dataclass(frozen=True, slots=True)
class Split:
    front: str | None  # the YAML text, or None when there is no front matter
    body: str
    body_line: int  # 1-based line of the body's first line in the file
    unclosed: bool = False


def split_front_matter(text: str) -> Split:
    """Separate `---` front matter from the body, remembering where the body starts."""
    text = text.removeprefix("\ufeff")
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return Split(None, text, 1)
    for index in range(1, len(lines)):
        if FENCE.match(lines[index]):
            return Split("".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2)
    return Split(None, text, 1, unclosed=True)


@lru_cache(maxsize=4096)
def plain_text(markdown: str) -> str:
    """The text a reader reads (validation and the page header both ask)."""
    markdown = _comments_blanked(_fences_blanked(markdown, keep_lines=False))
    for pattern, replacement in _MARKUP:
        markdown = pattern.sub(replacement, markdown)
    return markdown


def count_chars(markdown: str) -> int:
    """Characters a reader reads: every CJK character counts one, markup and white space count nothing."""
    return len("".join(plain_text(markdown).split()))  # split() drops exactly what isspace() calls space


def reading_minutes(markdown: str) -> int:
    """Chinese readers read about 400 characters a minute; English words at about 200 a minute."""
    text = plain_text(markdown)
    cjk = sum(match.end() - match.start() for match in CJK_RUN.finditer(text))
    words = sum(1 for _ in LATIN_WORD.finditer(CJK_RUN.sub(" ", text)))  # a run or a character: one space
    return max(1, round(cjk / 400 + words / 200))


def task_items(markdown: str) -> int:
    body = without_code(markdown)
    return sum(1 for line in body.splitlines() if TASK_ITEM.match(line))


def markdown_images(markdown: str) -> list[tuple[str, str, int]]:
    """`![alt](src)` images in the body as (alt, src, 0-based line)."""
    found = []
    for number, line in enumerate(without_code(markdown).splitlines()):
        for match in MD_IMAGE.finditer(line):
            found.append((match.group(1).strip(), match.group(2), number))
    return found


def without_code(markdown: str) -> str:
    """Blank out fenced code, keeping line numbers."""
    return _fences_blanked(markdown, keep_lines=True)


def _fences_blanked(markdown: str, *, keep_lines: bool) -> str:
    """Each block from a line starting with three backticks to the next line holding only them, blanked.

    One pass over the lines: the closers are listed first, so an opener with no closer after it ends
    the search (no later opener can close either) instead of rescanning the rest of the text.
    """
    lines = markdown.split("\n")
    closers = [i for i, line in enumerate(lines) if CLOSING_FENCE.fullmatch(line)]
    out: list[str] = []
    index, next_closer = 0, 0
    while index < len(lines):
        if CODE_FENCE.match(lines[index]):
            while next_closer < len(closers) and closers[next_closer] <= index:
                next_closer += 1
            if next_closer == len(closers):
                out += lines[index:]
                break
            end = closers[next_closer]
            out += [""] * (end - index + 1) if keep_lines else [" "]
            index = end + 1
            continue
        out.append(lines[index])
        index += 1
    return "\n".join(out)


def _comments_blanked(markdown: str) -> str:
    """`<!-- … -->` replaced by a space; an unclosed comment is left as text, as Markdown leaves it."""
    parts, pos = [], 0
    while (start := markdown.find("<!--", pos)) != -1 and (end := markdown.find("-->", start + 4)) != -1:
        parts += [markdown[pos:start], " "]
        pos = end + 3
    return "".join(parts) + markdown[pos:]
