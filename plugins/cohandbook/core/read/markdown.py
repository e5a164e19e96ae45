"""Reading a module's Markdown without rendering it: front matter, text length, tasks, images."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

FENCE = re.compile(r"^(---|\.\.\.)\s*$")
TASK_ITEM = re.compile(r"^\s*[-*+]\s+\[[ xX]\]\s+\S")
MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
CJK_RUN = re.compile(CJK.pattern + "+")  # runs, not characters: a page's text has few runs and many characters
LATIN_WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")

# What we strip before counting the characters a reader actually reads.
_MARKUP = [
    (re.compile(r"^```.*?^```\s*$", re.S | re.M), " "),  # fenced code: not prose
    (re.compile(r"<!--.*?-->", re.S), " "),
    (re.compile(r"<[^>\n]+>"), " "),  # raw HTML tags
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), " "),  # images
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links keep their text
    (re.compile(r"\{[:#.][^}]*\}"), " "),  # attr_list
    (re.compile(r"^\s{0,3}(#{1,6}|>|[-*+]\s+\[[ xX]\]|[-*+]|\d+\.)\s+", re.M), ""),
    (re.compile(r"^\s*(!!!|\?\?\?\+?)\s*\S+(\s+\"[^\"]*\")?", re.M), " "),  # admonition headers
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
    """The text a reader reads (nine regular expressions: validation and the page header both ask)."""
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
    return _MARKUP[0][0].sub(lambda m: "\n" * m.group(0).count("\n"), markdown)
