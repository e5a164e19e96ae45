"""Entry point: `cohandbook [--root DIR] COMMAND`. Commands live in their own modules."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import click

from .chinese import ChineseContext, localize, speaking_chinese
from .common import Context

# Each command's module is imported when that command runs (click's lazy loading): a bot run or a claim
# does not pay for MkDocs, Material and the site code that `export` needs, and the other way round.
COMMANDS = {
    "validate": "validate:validate",
    "board": "board:board",
    "claim": "claim:claim",
    "release": "claim:release",
    "check-pr": "prcheck:check_pr",
    "judge": "judge:judge",
    "preview": "preview:preview",
    "collect-previews": "collect:collect_previews",
    "cast": "cast:cast",
    "squad": "squad:squad",
    "pdf": "pdf:pdf",
    "review": "queue:review",
    "people": "people:people",
    "private": "private:private",
    "bot": "bot:bot",
    "accept": "accept:accept",
    "extend": "accept:extend",
    "export": "export:export",
    "new": "new:new",
    "doctor": "doctor:doctor",
}


class LazyGroup(click.Group):
    context_class = ChineseContext

    def main(self, *args: Any, **kwargs: Any) -> Any:
        with speaking_chinese():
            return super().main(*args, **kwargs)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*COMMANDS, *super().list_commands(ctx)])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return super().get_command(ctx, cmd_name)
        module, name = COMMANDS[cmd_name].split(":")
        command = getattr(importlib.import_module(f".{module}", __package__), name)
        assert isinstance(command, click.Command) and command.name == cmd_name, cmd_name
        return localize(command)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="手册仓库的文件夹（里面有 handbooks/ 和 contributors/）。",
)
@click.version_option(package_name="cohandbook", help="显示版本号。", message="%(prog)s，版本 %(version)s")
@click.pass_context
def cli(ctx: click.Context, root: Path) -> None:
    """cohandbook：品牌和车主社区一起写手册。每个命令后面加 --help 看说明。"""
    ctx.obj = Context(root.resolve())


def main() -> None:
    cli(prog_name="cohandbook")
