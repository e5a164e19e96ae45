"""Editing a module's front matter in place: one line per changed key, every other byte kept.

Operators annotate front matter with comments and put keys in their own order; `accept` and `extend` change
a date or a word and must leave all of that, and the body, exactly as it was.
"""

from __future__ import annotations

import re

from ..domain.findings import YamlProblem
from ..read.markdown import FENCE
from ..read.yamlsafe import YamlMap, load

SCALAR = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.:-]*$")  # what we write: words, dates, numbers


def set_fields(text: str, values: dict[str, str], *, after: tuple[str, ...] = ()) -> str:
    """`text` with each top-level `key: value` of the front matter set.

    An existing key keeps its line, its spacing and its trailing comment; only the value changes. A missing
    key gets a new line after the first of `after` that is present (else at the end of the front matter).
    """
    lines = text.splitlines(keepends=True)
    end = _closing_fence(lines)
    newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
    for key, value in values.items():
        if not SCALAR.match(value):
            raise ValueError(f"not a plain scalar: {value!r}")
        index = _key_line(lines, end, key)
        if index is not None:
            lines[index] = _replace_value(lines, index, end, key, value)
            continue
        at = next((i + 1 for k in after if (i := _key_line(lines, end, k)) is not None), end)
        at = _after_block(lines, at, end) if at < end else end
        lines.insert(at, f"{key}: {value}{newline}")
        end += 1
    edited = "".join(lines)
    _check(edited, values)
    return edited


def _closing_fence(lines: list[str]) -> int:
    if not lines or lines[0].removeprefix("\ufeff").strip() != "---":
        raise YamlProblem("frontmatter-missing", 1, "文件开头缺少用 --- 包起来的信息区。")
    for index in range(1, len(lines)):
        if FENCE.match(lines[index].rstrip("\r\n")):
            return index
    raise YamlProblem("frontmatter-unclosed", 1, "开头的 --- 没有配对的结束行。")


def _key_line(lines: list[str], end: int, key: str) -> int | None:
    pattern = re.compile(rf"^{re.escape(key)}[ \t]*:(?:[ \t]|\r?\n|$)")
    return next((i for i in range(1, end) if pattern.match(lines[i])), None)


def _replace_value(lines: list[str], index: int, end: int, key: str, value: str) -> str:
    line = lines[index]
    body = line.rstrip("\r\n")
    eol = line[len(body) :]
    head, _, rest = body.partition(":")
    spacing = rest[: len(rest) - len(rest.lstrip())] or " "
    old = rest.strip()
    comment = ""
    if (hash_at := _comment_start(rest)) is not None:
        comment = rest[hash_at:]
        old = rest[:hash_at].strip()
    if not old and index + 1 < end and lines[index + 1][:1] in (" ", "\t", "-"):
        raise YamlProblem("frontmatter-block", index + 1, f"{key} 写成了多行，没法只改这一行。")
    return f"{head}:{spacing}{value}{_pad(comment)}{eol}"


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
        return None  # a flow collection: never ours to edit with a comment after it
    match = re.compile(r"[ \t]+#").search(rest, start)
    return match.start() if match else None


def _pad(comment: str) -> str:
    return comment if not comment or comment[0] in " \t" else " " + comment


def _after_block(lines: list[str], at: int, end: int) -> int:
    """Past the indented lines that belong to the key before `at` (a list or map under it)."""
    while at < end and lines[at][:1] in (" ", "\t", "-"):
        at += 1
    return at


def _check(text: str, values: dict[str, str]) -> None:
    """The edited front matter must still parse and hold what was set: no edit may corrupt a file."""
    lines = text.splitlines(keepends=True)
    data = load("".join(lines[1 : _closing_fence(lines)]))
    if not isinstance(data, YamlMap) or any(str(data.get(k)) != v for k, v in values.items()):
        raise YamlProblem("frontmatter-edit", None, "信息区改完后读不出改动，已放弃修改。")
