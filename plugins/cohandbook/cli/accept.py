"""`cohandbook accept` and `cohandbook extend`: an operator's two edits of a claim, in place.

Refusals (not submitted, contract broken, not claimed, a date in the past) exit 1 and write nothing.
"""

from __future__ import annotations

from datetime import date

import click

from ..core.domain.changes import FileChange, digest
from ..core.edits import acceptance
from ..core.edits.claims import Target
from ..core.read.reader import read_repository
from ..core.read.schema import parse_date
from .claim import refuse
from .common import Context, today_option
from .targets import find_module
from .writer import apply_plan


@click.command()
@click.argument("module", metavar="手册编号/模块编号")
@today_option
@click.pass_obj
def accept(ctx: Context, module: str, today: str | None) -> None:
    """验收一个已提交、达到形式要求的模块：状态改成已验收，记下今天的日期。"""
    day = ctx.today(today)
    repo, findings = read_repository(ctx.source())
    target = find_module(repo, module)
    old = _read(ctx, target)
    _write(ctx, target, acceptance.accept(repo, findings, target, old.decode("utf-8"), day), old, day)
    click.echo(f"已验收「{target.spec.title}」（{target.name}），验收日期 {day.isoformat()}。")


@click.command()
@click.argument("module", metavar="手册编号/模块编号")
@click.option("--to", "to", required=True, metavar="YYYY-MM-DD", help="这个认领新的截止日期。")
@today_option
@click.pass_obj
def extend(ctx: Context, module: str, to: str, today: str | None) -> None:
    """给一个认领延期（写在模块 index.md 开头的 deadline: 里）。"""
    new: date | None = parse_date(to)
    if new is None:
        raise click.UsageError(f"--to 的值“{to}”不是日期，请写成 2026-12-31 这样的格式。")
    day = ctx.today(today)
    repo, _ = read_repository(ctx.source())
    target = find_module(repo, module)
    old = _read(ctx, target)
    _write(ctx, target, acceptance.extend(repo, target, old.decode("utf-8"), new, day), old, day)
    click.echo(
        f"「{target.spec.title}」（{target.name}）的截止日期改到了 {new.isoformat()}（还有 {(new - day).days} 天）。"
    )


def _read(ctx: Context, target: Target) -> bytes:
    index = ctx.root / target.index
    return index.read_bytes() if index.is_file() else b""


def _write(ctx: Context, target: Target, edit: acceptance.Edit, old: bytes, today: date) -> None:
    """Through the gate: an acceptance the strict build would refuse (dates that contradict) is refused."""
    refuse(list(edit.refusals))
    apply_plan(ctx, (FileChange(target.index, edit.text, digest(old)),), today)
