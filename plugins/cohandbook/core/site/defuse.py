"""A module body made safe for Python-Markdown's raw-HTML reader, which is quadratic on unclosed tags.

Python-Markdown finds raw HTML with `html.parser`, which, for each `<` that opens a tag with no `>` before
the next `<`, rescans the rest of the text: 48 KB of `<a <a <a …` take 20 s, a 256 KB body minutes. Such a
`<` is text to Markdown anyway (it renders as `&lt;`), so writing it as `&lt;` changes nothing a reader
sees. Only bodies with many of them are touched (a real page has none or a handful: an unclosed `<` in
prose, a tag whose attributes continue on the next line), and code is left alone: fenced blocks and code
spans, where `&lt;` would show as typed.
"""

from __future__ import annotations

from ..check.markup import without_inline_code
from ..read.markdown import CLOSING_FENCE, CODE_FENCE

MANY = 200  # unclosed openers in one body before any is rewritten; real pages have a handful at most


def defused(body: str) -> str:
    if body.count("<") < MANY:  # every page of a real book: nothing to rewrite, and no scan in Python
        return body
    lines = body.split("\n")
    spots = _unclosed_openers(lines)
    if sum(len(s) for s in spots.values()) < MANY:
        return body
    for number, positions in spots.items():
        line = lines[number]
        for position in reversed(positions):
            line = line[:position] + "&lt;" + line[position + 1 :]
        lines[number] = line
    return "\n".join(lines)


def _unclosed_openers(lines: list[str]) -> dict[int, list[int]]:
    """Outside fenced code and code spans: positions of `<` + letter or `/` whose next `<` or `>` (on this
    line or a later one: a tag may go on over lines) is a `<`, by line."""
    prose = _prose(lines)
    found: dict[int, list[int]] = {}
    next_angle = ""
    for number in sorted(prose, reverse=True):
        text, positions = prose[number], []
        for index in range(len(text) - 1, -1, -1):
            char = text[index]
            if char == "<":
                opens = index + 1 < len(text) and (text[index + 1].isalpha() or text[index + 1] == "/")
                if opens and next_angle in ("<", ""):
                    positions.append(index)
                next_angle = "<"
            elif char == ">":
                next_angle = ">"
        if positions:
            found[number] = positions[::-1]
    return found


def _prose(lines: list[str]) -> dict[int, str]:
    """The lines outside fenced code, code spans blanked (a fence counts only with a closer after it)."""
    closers = [i for i, line in enumerate(lines) if CLOSING_FENCE.fullmatch(line)]
    prose: dict[int, str] = {}
    fence_end, next_closer = -1, 0
    for number, line in enumerate(lines):
        if number <= fence_end:
            continue
        if CODE_FENCE.match(line):
            while next_closer < len(closers) and closers[next_closer] <= number:
                next_closer += 1
            if next_closer < len(closers):
                fence_end = closers[next_closer]
                continue
        prose[number] = without_inline_code(line)
    return prose
