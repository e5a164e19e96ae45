"""Slash commands in a comment: the first line that starts with `/` is the command."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..domain.layout import module_id_named
from ..read.schema import parse_date

COMMAND = re.compile(r"^[ \t]*/(\S+)(.*)$", re.M)
NAMES = {
    "认领": "claim",
    "claim": "claim",
    "放弃": "release",
    "release": "release",
    "验收": "accept",
    "accept": "accept",
    "延期": "extend",
    "extend": "extend",
}

HELP = """可以在评论里用这些命令（每条单独一行，以 / 开头）：

- `/认领 手册编号/模块编号`：认领一个待认领的模块，例如 `/认领 new-owner-guide/kids-seat`
- `/放弃`：放弃这个 Issue 认领的模块，让给别人（认领人或运营同学）
- `/验收`：验收这个 Issue 的模块（只限运营同学）
- `/延期 2026-12-31`：把这个 Issue 的模块的截止日期改到这一天（只限运营同学）

也可以在 `/放弃`、`/验收`、`/延期 日期` 后面写上 `手册编号/模块编号`，指明是哪个模块。"""


@dataclass(frozen=True, slots=True)
class Command:
    name: str  # claim | release | accept | extend | unknown
    word: str  # as typed, for the answer
    module: tuple[str, str] | None = None
    date: str | None = None  # as typed; checked by the handler
    problem: str = ""  # what is wrong with the arguments, in plain Chinese


def parse_command(body: str) -> Command | None:
    """The command of a comment, or None when no line starts with `/`."""
    match = COMMAND.search(body.replace("\r\n", "\n"))
    if match is None:
        return None
    word, args = match[1], match[2].split()
    name = NAMES.get(word.lower(), "unknown")
    module = next((m for a in args if (m := module_id_named(a.strip("`")))), None)
    dates = [a for a in args if parse_date(a.strip("`")) is not None]
    command = Command(name, word, (module[0], module[1]) if module else None, dates[0].strip("`") if dates else None)
    if name == "claim" and command.module is None:
        return _with_problem(command, "请写上要认领的模块，例如 `/认领 new-owner-guide/kids-seat`。")
    if name == "extend" and command.date is None:
        return _with_problem(command, "请写上新的截止日期，例如 `/延期 2026-12-31`。")
    return command


def _with_problem(command: Command, problem: str) -> Command:
    return Command(command.name, command.word, command.module, command.date, problem)
