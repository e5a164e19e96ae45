"""Editing a module's front matter in place: the keys we change are rewritten, every other byte stays.

Contributors and operators annotate front matter with comments and put keys in their own order; a YAML round
trip would drop the comments and reorder the keys. These are line edits of top-level keys instead, used by
every command and the bot (claim, release, accept, extend, a hand-in):

* a key whose new value is one plain line (a word, a date, a number) and whose old value sits on its own
  line keeps that line: its spacing, its trailing `# comment`, its line end; only the value changes;
* any other value replaces the key's whole block: its line plus the lines that continue it (indented, or
  list items written flush under it); a comment or blank line at the left margin ends a block and stays;
* None removes the key's block; a new key goes after the first key of `after` that is present, else last.

The byte order mark, the fences, the line ends (CRLF stays CRLF) and the body are never touched, and the
result must parse and hold what was set, or nothing is written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import yaml

from ..domain.findings import YamlProblem
from ..read.markdown import FENCE
from ..read.yamlsafe import YamlMap, load

PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _.:-]*")  # words, dates, numbers: what goes in without quotes
TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|\r?\n|$)")


def edit_front_matter(text: str, changes: Mapping[str, Any], *, after: tuple[str, ...] = ()) -> str:
    """`text` with each key of `changes` set to its value (None removes the key)."""
    lines = text.splitlines(keepends=True)
    end = _closing_fence(lines)
    newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
    for key, value in changes.items():
        span = _block(lines, end, key)
        new = [] if value is None else _dump(key, value, newline)
        if span is None and not new:
            continue
        if span is None:
            span = (at := _insert_at(lines, end, after), at)
        start, stop = span
        if len(new) == 1 and stop == start + 1 and (line := _same_line(lines[start], new[0])) is not None:
            lines[start] = line
            continue
        lines[start:stop] = new
        end += len(new) - (stop - start)
    edited = "".join(lines)
    _check(text, edited, changes)
    return edited


def _closing_fence(lines: list[str]) -> int:
    if not lines or lines[0].removeprefix("\ufeff").strip() != "---":
        raise YamlProblem("frontmatter-missing", 1, "文件开头缺少用 --- 包起来的信息区。")
    for index in range(1, len(lines)):
        if FENCE.match(lines[index].rstrip("\r\n")):
            return index
    raise YamlProblem("frontmatter-unclosed", 1, "开头的 --- 没有配对的结束行。")


def _block(lines: list[str], end: int, key: str) -> tuple[int, int] | None:
    """Where the key's block is: its line and the lines that continue it. Blank lines and comments at the
    margin belong to it when more of it follows (a `|` text with an empty line, a list with a comment
    between items); at its end they stay outside."""
    for start in range(1, end):
        match = TOP_KEY.match(lines[start])
        if match and match.group(1) == key:
            stop = scan = start + 1
            while scan < end and (_continues(lines[scan]) or _between(lines[scan])):
                scan += 1
                if _continues(lines[scan - 1]):
                    stop = scan
            return start, stop
    return None


def _continues(line: str) -> bool:
    return line[:1] in (" ", "\t") or line.startswith("- ") or line.rstrip("\r\n") == "-"


def _between(line: str) -> bool:
    return not line.strip() or line.startswith("#")


def _insert_at(lines: list[str], end: int, after: tuple[str, ...]) -> int:
    for key in after:
        if (span := _block(lines, end, key)) is not None:
            return span[1]
    return end


def _dump(key: str, value: Any, newline: str) -> list[str]:
    if isinstance(value, str) and _plain(value):
        return [f"{key}: {value}{newline}"]  # a date as the house writes it: 2026-11-22, not '2026-11-22'
    text = yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, default_flow_style=False, width=4096)
    return [line + newline for line in text.splitlines()]


def _plain(value: str) -> bool:
    """Whether the word, date or number reads back as this very text when written without quotes."""
    if not PLAIN.fullmatch(value):
        return False
    try:
        data = load(f"v: {value}\n")
    except YamlProblem:
        return False
    return isinstance(data, YamlMap) and data.get("v") == value


def _same_line(old: str, new: str) -> str | None:
    """The old line with the new one-line value in place of its value, or None when the old line has no value
    of its own there (a block under it)."""
    body = old.rstrip("\r\n")
    eol = old[len(body) :]
    head, _, rest = body.partition(":")
    spacing = rest[: len(rest) - len(rest.lstrip())] or " "
    hash_at = _comment_start(rest)
    value = (rest if hash_at is None else rest[:hash_at]).strip()
    if not value:
        return None
    comment = "" if hash_at is None else rest[hash_at:]
    if comment and comment[0] not in " \t":
        comment = " " + comment
    return f"{head}:{spacing}{new.partition(':')[2].strip()}{comment}{eol}"


def _comment_start(rest: str) -> int | None:
    """Where a trailing `# comment` starts, past a quoted value (whose text may hold a `#`)."""
    value = rest.lstrip()
    start = len(rest) - len(value)
    if value[:1] in ("'", '"'):
        close = value.find(value[0], 1)
        if close < 0:
            return None
        start += close + 1
    elif value[:1] in ("[", "{"):
        return None  # a flow collection: replaced as a whole line, comment included
    match = re.compile(r"[ \t]+#").search(rest, start)
    return match.start() if match else None


def _check(text: str, edited: str, changes: Mapping[str, Any]) -> None:
    """The edited front matter must read back as the old one with exactly these changes: no edit may
    corrupt a file or touch a key it was not asked to."""
    try:
        before, after = _front(text), _front(edited)
        expected = dict(before)
        for key, value in changes.items():
            if value is None:
                expected.pop(key, None)
            else:
                expected[key] = _front("---\n" + "".join(_dump(key, value, "\n")) + "---\n")[key]
    except YamlProblem:
        after, expected = None, {}
    if after is None or dict(after) != expected:
        raise YamlProblem("frontmatter-edit", None, "信息区改完后读不出改动，已放弃修改。")


def _front(text: str) -> YamlMap:
    lines = text.splitlines(keepends=True)
    data = load("".join(lines[1 : _closing_fence(lines)]))
    if not isinstance(data, YamlMap):
        raise YamlProblem("frontmatter-edit", None, "信息区不是“字段: 值”的形式。")
    return data
