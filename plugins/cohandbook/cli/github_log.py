"""Text for GitHub's workflow log, where a line starting with `::` is a command (an annotation, say).

Contributed text (a file name, a front-matter key, a profile's name) reaches the log inside findings and
progress lines. A newline inside it would start a new log line, and `::error file=…::` there would be a
forged annotation. Every piece of text printed under `--format github` goes through `data` (a command's
message, or a plain line) or `prop` (a command's property value), GitHub's own escaping, so it stays on
its line: https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts

The runner also trims leading white space before it looks for `::`, and still honours the old `##[command]`
form anywhere in a line; a zero-width space (not white space to the runner) breaks both.
"""

from __future__ import annotations

import logging

_BREAK = "\u200b"  # zero-width space: the runner neither trims it nor reads a command through it


def data(text: str) -> str:
    """A command's message, or any line of ours that carries contributed text: one log line, always."""
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return escaped.replace("##[", f"##{_BREAK}[")


def prop(text: str) -> str:
    """A command's property value (`file=…`, `title=…`): `:` and `,` end a property, so they are escaped too."""
    return data(text).replace(":", "%3A").replace(",", "%2C")


def line(text: str) -> str:
    """A plain line of ours that may carry contributed text, which can then never begin a command."""
    escaped = data(text)
    return _BREAK + escaped if escaped.lstrip().startswith("::") else escaped


class _OneLine(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return line(super().format(record))


def configure_logging() -> None:
    """The log of commands that run inside GitHub Actions (bot, collect-previews): a record may carry a
    comment's or a file's text, so every record is one escaped line that can never be a command."""
    handler = logging.StreamHandler()
    handler.setFormatter(_OneLine("%(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler])
