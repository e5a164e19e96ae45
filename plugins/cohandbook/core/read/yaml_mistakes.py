"""The YAML mistakes people make on a Chinese keyboard or a phone, named in words they recognise.

A Chinese input method types `：` instead of `:`, `，` instead of `,`, `－` for a list dash and a full-width
space in front of a line. YAML reads most of these as plain text and fails lines later with an English
message (or not at all: `status：submitted` silently becomes a key-less line of text). So every line of a
YAML text is looked at before parsing, and the first line with such a mistake is the one reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_KEY = r"[A-Za-z_][\w-]*"
# One pass over the whole text finds out whether anything below is worth a closer look.
_SUSPECT = re.compile(r"[：，－　［］｛｝]|^[ \t]*(?:-[ \t]+)?[A-Za-z_][\w-]*:[^\s/]", re.MULTILINE)


_ASCII = str.maketrans(
    {"：": ":", "，": ",", "－": "-", "—": "-", "–": "-", "［": "[", "］": "]", "｛": "{", "｝": "}"}
)


@dataclass(frozen=True, slots=True)
class Mistake:
    line: int  # 1-based, in the YAML text
    message: str  # with {line}: the caller knows the file line
    hint: str


_RULES: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (
        re.compile(rf"^[ \t]*(?:-[ \t]*)?{_KEY}[ \t]*："),
        "第 {line} 行的冒号是中文冒号：，改成英文冒号 :",
        "在英文输入法下输入冒号，冒号后面再加一个空格，例如 status: submitted",
    ),
    (
        re.compile(r"^[ \t]*[－—–][ \t]*"),
        "第 {line} 行开头的横线是中文横线，改成英文减号 -",
        "列表的每一项以英文减号加一个空格开头，例如 - handle: li-na",
    ),
    (
        re.compile(r"^ *\u3000"),
        "第 {line} 行的缩进用了中文全角空格。",
        "删掉行首的空白，重新用英文空格缩进（同一层对齐，通常两个空格）。",
    ),
    (
        re.compile(rf"^[ \t]*(?:-[ \t]+)?{_KEY}:[ \t]*[［｛]"),
        "第 {line} 行用了中文括号。",
        "方括号和花括号要用英文的 [ ] 和 { }。",
    ),
    (
        re.compile(rf"^[ \t]*(?:-[ \t]+)?{_KEY}:[ \t]*[\[{{][^\]}}]*，"),
        "第 {line} 行括号里的逗号是中文逗号，，改成英文逗号 ,",
        "括号里的各项用英文逗号分开，例如 roles: [video, editing]",
    ),
    (
        re.compile(rf"^[ \t]*(?:-[ \t]+)?{_KEY}:[^\s/]"),
        "第 {line} 行的冒号后面少了一个空格。",
        "在冒号后面加一个空格，例如 status: submitted",
    ),
)


def first_mistake(text: str) -> Mistake | None:
    """The first line with a keyboard mistake that breaks or silently changes the YAML, if any."""
    if not _SUSPECT.search(text):
        return None
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("#"):
            continue
        for pattern, message, hint in _RULES:
            if pattern.match(line):
                fixed = corrected(line)
                return Mistake(number, message, f"改成：{fixed.strip()}" if fixed != line else hint)
    return None


def corrected(line: str) -> str:
    """The line as it was meant, for the hint: ASCII punctuation, a space after the key's colon."""
    indent = len(line) - len(line.lstrip(" \u3000"))
    body = line[indent:].translate(_ASCII)
    body = re.sub(r"^-(?=\S)", "- ", body)
    body = re.sub(rf"^((?:- )?{_KEY})[ \t]*:(?=\S)", r"\1: ", body)
    body = re.sub(r"\s*,\s*", ", ", body) if re.search(r"[\[{]", body) else body
    return " " * indent + body


# PyYAML's problems, in the words of someone who has never heard of a "mapping" or a "scalar".
_PROBLEMS = (
    ("mapping values are not allowed", "这一行多了一个冒号，或者上一行没写完整。"),
    ("could not find expected ':'", "这一行缺少冒号。"),
    ("found unexpected end of stream", "引号或括号没有配对。"),
    ("while scanning a quoted scalar", "引号没有配对。"),
    ("found unclosed", "括号没有配对。"),
    ("expected ',' or ']'", "方括号里的内容没有写完整，或少了 ]。"),
    ("expected ',' or '}'", "花括号里的内容没有写完整，或少了 }。"),
    ("did not find expected '-' indicator", "列表的缩进没有对齐。"),
    ("did not find expected key", "缩进没有对齐。"),
    ("expected <block end>", "缩进没有对齐。"),
    ("bad indentation", "缩进没有对齐。"),
)


def plain_problem(problem: str) -> str:
    for english, chinese in _PROBLEMS:
        if english in problem:
            return chinese
    return "这一行的格式不对。"
