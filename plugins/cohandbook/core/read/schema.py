"""Typed access to one YAML map, turning every mismatch into a finding that names the key and line.

Readers ask for the type they need (`text`, `ident`, `date`, ...). A wrong value never raises: it becomes a
finding and the field falls back to a default, so one typo does not hide the rest of the file's problems.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..domain.findings import Finding, error, warning
from ..domain.lifecycle import parse_date
from ..domain.model import ID_PATTERN
from .yamlsafe import YamlList, YamlMap

FIELD_LABELS = {
    "title": "标题",
    "brand": "品牌",
    "name": "名字",
    "id": "编号",
    "format": "形式",
    "handle": "用户名",
    "status": "状态",
    "deadline": "截止日期",
    "claimed": "认领日期",
    "submitted": "提交日期",
    "accepted": "验收日期",
    "duration": "时长",
    "poster": "封面图",
    "alt": "图片说明",
    "file": "文件",
}

ID_HINT = "编号只能用小写英文字母、数字和连字符（-），以字母或数字开头，最长 63 个字符，例如 first-day。"


def describe(key: str) -> str:
    label = FIELD_LABELS.get(key)
    return f"{key}（{label}）" if label else key


class Fields:
    """Reads the keys of one map in `file`; `offset` turns YAML lines into file lines (front matter)."""

    def __init__(self, data: YamlMap, file: str, findings: list[Finding], offset: int = 0) -> None:
        self.data = data
        self.file = file
        self.findings = findings
        self.offset = offset

    def line(self, key: str | None = None) -> int:
        return (self.data.line_of(key) if key is not None else self.data.line) + self.offset

    def error(self, code: str, key: str | None, message: str, hint: str = "") -> None:
        self.findings.append(error(code, self.file, self.line(key), message, hint))

    def warn(self, code: str, key: str | None, message: str, hint: str = "") -> None:
        self.findings.append(warning(code, self.file, self.line(key), message, hint))

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def missing(self, key: str, example: str) -> None:
        self.error("field-missing", None, f"缺少必填字段 {describe(key)}。", f"加一行，例如 {example}")

    def text(self, key: str, *, required: str = "", default: str = "") -> str:
        value = self.data.get(key)
        if value is None:
            if required:
                self.missing(key, required)
            return default
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.error("field-type", key, f"{describe(key)} 应该是一段文字。", f"写成 {key}: 文字内容")
            return default
        if not isinstance(value, str):
            return str(value)
        return value.strip()

    def ident(self, key: str, *, required: str = "") -> str | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self.missing(key, required)
            return None
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            self.error("id-invalid", key, f"{describe(key)} 的值“{value}”不是合法的编号。", ID_HINT)
            return None
        return value

    def date(self, key: str) -> date | None:
        value = self.data.get(key)
        if value is None:
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.error(
                "date-invalid",
                key,
                f"{describe(key)} 的值“{value}”不是有效日期。",
                "日期写成 年-月-日，例如 2026-12-31（月和日都用两位数）。",
            )
        return parsed

    def integer(self, key: str, *, minimum: int = 0) -> int | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.error("field-type", key, f"{describe(key)} 应该是不小于 {minimum} 的整数。", f"例如 {key}: 120")
            return None
        return value

    def boolean(self, key: str, *, default: bool = False) -> bool:
        value = self.data.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.error("field-type", key, f"{describe(key)} 只能是 true 或 false。", f"例如 {key}: false")
            return default
        return value

    def text_list(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.error("field-type", key, f"{describe(key)} 应该是一个列表。", f"写成 {key}: [甲, 乙]")
            return ()
        return tuple(v.strip() for v in value)

    def mapping(self, key: str) -> YamlMap | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, YamlMap):
            self.error("field-type", key, f"{describe(key)} 应该是“键: 值”的形式。", f"例如 {key}: {{...}}")
            return None
        return value

    def items(self, key: str) -> list[tuple[Any, int]]:
        """The items of a list with their file lines; a wrong shape is reported once."""
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, YamlList):
            self.error("field-type", key, f"{describe(key)} 应该是一个列表（每项一行，以 - 开头）。")
            return []
        return [(item, value.line_of(i) + self.offset) for i, item in enumerate(value)]

    def sub(self, data: YamlMap) -> Fields:
        return Fields(data, self.file, self.findings, self.offset)

    def check_keys(self, allowed: frozenset[str]) -> None:
        """Unknown keys are usually typos (`contributers:`); say so instead of silently ignoring them."""
        for key in self.data:
            if key not in allowed:
                known = "、".join(sorted(allowed))
                self.warn("field-unknown", key, f"不认识的字段“{key}”，它会被忽略。", f"检查拼写。可用的字段：{known}")
