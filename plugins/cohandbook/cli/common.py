"""What every command shares: the repository root, "today", output formats and exit codes."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from ..core.domain.findings import LEVEL_LABELS, Finding
from ..core.domain.lifecycle import TodayError
from ..core.domain.settings import Settings, SettingsError
from ..core.read.site_config import settings_at
from ..core.read.sources import FsSource

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Context:
    root: Path

    def source(self) -> FsSource:
        return FsSource(self.root)

    def settings(self) -> Settings:
        """The plugin options in the working tree's mkdocs.yml (defaults when there is none), checked."""
        try:
            return settings_at(self.root)
        except SettingsError as exc:
            raise click.ClickException(str(exc)) from None

    def today(self, override: str | None, settings: Settings | None = None) -> date:
        """`--today`, else $COHANDBOOK_TODAY, else mkdocs.yml's `today:`, else today in its `timezone`."""
        try:
            return (settings or self.settings()).resolve_today(override, os.environ)
        except TodayError as exc:
            raise click.UsageError(str(exc)) from None


def format_option(*choices: str) -> Callable[[F], F]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help="输出格式。",
    )


def today_option(func: F) -> F:
    return click.option(
        "--today",
        metavar="YYYY-MM-DD",
        help="把这一天当作今天（默认：$COHANDBOOK_TODAY，否则按设置的时区取今天）。",
    )(func)


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def finding_text(finding: Finding) -> str:
    """Two or three lines a KOC can act on: where, what is wrong, how to fix it."""
    lines = [f"{finding.location()}", f"  {LEVEL_LABELS[finding.level]}：{finding.message}（{finding.code}）"]
    if finding.hint:
        hint = finding.hint.replace("\n", "\n    ")
        lines.append(f"  怎么改：{hint}")
    return "\n".join(lines)


def github_annotation(finding: Finding) -> str:
    """A workflow command; GitHub shows it on the pull request's diff at the file and line."""
    kind = "error" if finding.is_error else "warning"
    location = f"file={_escape_property(finding.file)}"
    if finding.line:
        location += f",line={finding.line}"
    message = finding.message + (f" 怎么改：{finding.hint}" if finding.hint else "")
    return f"::{kind} {location},title={finding.code}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def write_step_summary(markdown: str) -> None:
    """GitHub shows only the first annotations; the full report goes to the job summary."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if path:
        with open(path, "a", encoding="utf-8") as summary:
            summary.write(markdown)


def fail(message: str) -> NoReturn:
    raise click.ClickException(message)


def stderr(message: str) -> None:
    click.echo(message, err=True)
