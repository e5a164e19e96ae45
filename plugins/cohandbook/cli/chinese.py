"""The command line in Chinese, click's own words included (usage, help headings, every usage error).

click looks its messages up through `gettext` at the moment it prints them, by the names `_` and `ngettext`
that each of its modules imported. Those names are pointed at a lookup in `MESSAGES` that answers in Chinese
only while one of our commands runs (`speaking_chinese`, set around `main`), so another click program in the
same process (mkdocs) keeps its English. A message click adds later stays English rather than breaking;
tests/test_cli_chinese.py lists the errors we promise in Chinese.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from importlib import import_module
from typing import Any

import click

_ACTIVE: ContextVar[bool] = ContextVar("cohandbook_chinese", default=False)

MESSAGES = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Show this message and exit.": "显示这段说明。",
    "Show the version and exit.": "显示版本号。",
    "%(prog)s, version %(version)s": "%(prog)s，版本 %(version)s",
    "Error: {message}": "出错了：{message}",
    "Try '{command} {option}' for help.": "运行 '{command} {option}' 查看说明。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing command.": "缺少命令。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "Option {name!r} does not take a value.": "选项 {name!r} 后面不用写值。",
    "Invalid value: {message}": "写得不对：{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 写得不对：{message}",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是数字。",
    "{value} is not in the range {range}.": "{value} 不在允许的范围 {range} 内。",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} 不是是/否，可以写：{states}",
    "{name} {filename!r} does not exist.": "{filename!r} 不存在。",
    "{name} {filename!r} is a file.": "{filename!r} 是文件，这里要的是文件夹。",
    "{name} {filename!r} is a directory.": "{filename!r} 是文件夹，这里要的是文件。",
    "{name} {filename!r} is not readable.": "{filename!r} 没有读取权限。",
    "{name} {filename!r} is not writable.": "{filename!r} 没有写入权限。",
    "{name} {filename!r} is not executable.": "{filename!r} 不能执行。",
    "Could not open file {filename!r}: {message}": "打不开文件 {filename!r}：{message}",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "required": "必填",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "Aborted!": "已取消。",
    "Do you want to continue?": "要继续吗？",
    "Repeat for confirmation": "再输入一次确认",
    "Error: The two entered values do not match.": "出错了：两次输入的不一样。",
    "Error: invalid input": "出错了：输入无效",
    "Choose from:\n\t{choices}": "可以选：\n\t{choices}",
    # ngettext: Chinese has one form for both.
    "Did you mean {possibility}?": "你是不是想写 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（你是不是想写其中一个：{possibilities}？）",
    "Got unexpected extra argument ({args})": "多写了参数（{args}）",
    "Got unexpected extra arguments ({args})": "多写了参数（{args}）",
    "Option {name!r} requires an argument.": "选项 {name!r} 后面要写一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 后面要写 {nargs} 个值。",
    "{value!r} is not {choice}.": "{value!r} 不行，只能是 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不行，只能是 {choices} 之一。",
    "{value!r} does not match the format {format}.": "{value!r} 不符合格式 {format}。",
    "{value!r} does not match the formats {formats}.": "{value!r} 不符合这些格式之一：{formats}。",
}

# Words click prints outside gettext: metavars in usage lines and option lists.
METAVARS = [
    ("COMMAND [ARGS]...", "命令 [参数]..."),
    ("[OPTIONS]", "[选项]"),
    ("INTEGER RANGE", "整数"),
    ("FLOAT RANGE", "数字"),
    ("INTEGER", "整数"),
    ("DIRECTORY", "文件夹"),
    ("FILENAME", "文件"),
    ("FILE", "文件"),
    ("PATH", "路径"),
    ("TEXT", "文字"),
]
_METAVAR = re.compile("|".join(re.escape(english) for english, _ in METAVARS))
_METAVARS = dict(METAVARS)


def _gettext(message: str) -> str:
    if _ACTIVE.get():
        return MESSAGES.get(message, message)
    return gettext.gettext(message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    chosen = singular if n == 1 else plural
    return MESSAGES.get(chosen, chosen) if _ACTIVE.get() else gettext.ngettext(singular, plural, n)


def metavars(text: str) -> str:
    return _METAVAR.sub(lambda m: _METAVARS[m[0]], text)


@contextmanager
def speaking_chinese() -> Iterator[None]:
    token = _ACTIVE.set(True)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


class ChineseFormatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, metavars(args), _gettext("Usage:") if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(metavars(term), text) for term, text in rows], col_max, col_spacing)


class ChineseContext(click.Context):
    formatter_class = ChineseFormatter


def localize(command: click.Command) -> click.Command:
    """Our context (and so our formatter) for this command and every subcommand of a group."""
    command.context_class = ChineseContext
    for sub in getattr(command, "commands", {}).values():
        localize(sub)
    return command


_missing_message = click.MissingParameter.format_message


def _missing_in_chinese(self: click.MissingParameter) -> str:
    """click ends "Missing option '--x'" with a full stop of its own, outside gettext."""
    text = _missing_message(self)
    if not _ACTIVE.get():
        return text
    head, _dot, tail = text.partition(".")
    return f"{head}。{tail.lstrip()}"


def _install() -> None:
    click.MissingParameter.format_message = _missing_in_chinese  # type: ignore[method-assign]
    for name in ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils"):
        module = import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = _gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext  # type: ignore[attr-defined]


_install()
