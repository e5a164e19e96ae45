"""Problems come back as values: every check returns findings instead of raising.

A finding names the file and line a contributor has to open, says in plain words what is wrong and how to
fix it. The plugin turns findings into log records, the CLI into text, JSON or GitHub annotations.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning"]

LEVEL_LABELS = {"error": "错误", "warning": "警告"}


@dataclass(frozen=True, slots=True)
class Finding:
    level: Level
    code: str
    file: str
    line: int | None
    message: str
    hint: str = ""

    @property
    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.file, self.line or 0, self.code, self.message)

    @property
    def is_error(self) -> bool:
        return self.level == "error"

    def location(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    def as_dict(self) -> dict[str, object]:
        return {
            "level": self.level,
            "code": self.code,
            "file": self.file,
            "line": self.line,
            "message": self.message,
            "hint": self.hint,
        }


def error(code: str, file: str, line: int | None, message: str, hint: str = "") -> Finding:
    return Finding("error", code, file, line, message, hint)


def warning(code: str, file: str, line: int | None, message: str, hint: str = "") -> Finding:
    return Finding("warning", code, file, line, message, hint)


def sorted_findings(findings: list[Finding]) -> list[Finding]:
    """One canonical order, so reports and logs are stable between runs."""
    return sorted(set(findings), key=lambda f: f.sort_key)


def has_errors(findings: list[Finding]) -> bool:
    return any(f.is_error for f in findings)


class YamlProblem(Exception):
    """Raised inside the YAML loader; turned into a finding by whoever reads the file."""

    def __init__(self, code: str, line: int | None, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.line = line
        self.message = message
        self.hint = hint

    def finding(self, file: str, line_offset: int = 0) -> Finding:
        line = self.line + line_offset if self.line else None
        # A message may name its line ("第 {line} 行…"): the line in the file, not in the YAML block.
        message = self.message.replace("{line}", str(line or "?"))
        return error(self.code, file, line, message, self.hint)
