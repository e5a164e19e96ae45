"""Entry point: `cohandbook [--root DIR] COMMAND`. Commands live in their own modules."""

from __future__ import annotations

from pathlib import Path

import click

from .board import board
from .bot import bot
from .cast import cast
from .claim import claim, release
from .common import Context
from .export import export
from .pdf import pdf
from .people import people
from .prcheck import check_pr
from .private import private
from .queue import review
from .review import accept, extend
from .squad import squad
from .validate import validate


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The handbook repository (the folder with handbooks/ and contributors/).",
)
@click.version_option(package_name="cohandbook")
@click.pass_context
def cli(ctx: click.Context, root: Path) -> None:
    """cohandbook: handbooks that a brand and its community write together."""
    ctx.obj = Context(root.resolve())


cli.add_command(validate)
cli.add_command(board)
cli.add_command(claim)
cli.add_command(release)
cli.add_command(check_pr)
cli.add_command(cast)
cli.add_command(squad)
cli.add_command(pdf)
cli.add_command(review)
cli.add_command(people)
cli.add_command(private)
cli.add_command(bot)
cli.add_command(accept)
cli.add_command(extend)
cli.add_command(export)


def main() -> None:
    cli(prog_name="cohandbook")
