"""`cohandbook claim` and `cohandbook release`: take a module, or give it back.

Refusals (taken, unknown person, claim cap, squad only, nothing to release) exit 1; a module name that does
not exist is a usage error and exits 2. Neither command ever overwrites a file it did not just read.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import click

from ..core.domain.findings import Finding
from ..core.domain.model import Repository
from ..core.edits.claims import (
    Target,
    claim_deadline,
    claim_refusals,
    has_work,
    reclaim,
    release_refusal,
    released,
    starter,
    still_open,
    untouched_starters,
)
from ..core.read.reader import read_repository
from .common import EXIT_INPUT, Context, finding_text, today_option
from .targets import find_module


@click.command()
@click.argument("module", metavar="手册编号/模块编号")
@click.option("--by", "handle", required=True, metavar="用户名", help="谁来认领：人才库 contributors/ 里的用户名。")
@click.option("--cap", type=click.IntRange(min=1), help="每人同时最多认领几个（默认：mkdocs.yml 里的 claim_cap）。")
@today_option
@click.pass_obj
def claim(ctx: Context, module: str, handle: str, cap: int | None, today: str | None) -> None:
    """替人认领一个模块：建好模块文件夹，写上认领信息和一份带说明的 index.md。"""
    settings = ctx.settings()
    day = ctx.today(today, settings)
    repo, _ = read_repository(ctx.source())
    target = find_module(repo, module)
    refuse(claim_refusals(repo, target, handle, cap or settings.claim_cap))
    own = claim_deadline(target, day, settings.claim_days)
    written = _write_claim(ctx.root, repo, target, handle, day, own)
    deadline = own or target.handbook.deadline_of(target.spec)
    click.echo(f"已认领「{target.spec.title}」（{target.name}），认领人：{repo.name_of(handle)}（{handle}）。")
    click.echo(f"创作文件：{written}")
    if deadline:
        click.echo(f"截止日期：{deadline.isoformat()}（还有 {(deadline - day).days} 天）")
    click.echo("下一步：把这次改动上传到 GitHub，认领才算生效；文件里写着要做什么，可以转给认领人看。")


TAKEN_MEANWHILE = "「{title}」刚刚被别人认领了（两个认领同时进行，先到的算数）。请在认领看板上挑另一个模块。"


def _write_claim(root: Path, repo: Repository, target: Target, handle: str, today: date, deadline: date | None) -> str:
    """Write the claim so that of two claimants at the same moment, the second one fails.

    A fresh claim creates the folder (mkdir is atomic) and the file with "x"; a released module's index.md
    is first moved aside (rename is atomic: only one claimant can move it), read again and checked to be
    still open, and only then written anew.
    """
    index = root / target.index
    if repo.work(target.handbook.id, target.spec.id) is not None:  # released earlier: its work stays
        _reclaim_file(index, lambda text: reclaim(text, target, handle, today, deadline=deadline), target)
        return target.index
    try:
        index.parent.mkdir(parents=True)
    except FileExistsError:
        raise click.ClickException(
            f"{target.folder}/ 已经存在，但读不出认领信息；为了不覆盖里面的文件，没有认领。"
            "先运行 cohandbook validate 看看哪里有问题。"
        ) from None
    with index.open("x", encoding="utf-8") as file:  # "x": never replace a file that appeared meanwhile
        file.write(starter(target, repo, handle, today, deadline=deadline))
    return target.index


def _reclaim_file(index: Path, rewrite: Callable[[str], str], target: Target) -> None:
    aside = index.with_name(index.name + ".claiming")
    try:
        os.rename(index, aside)
    except FileNotFoundError:
        raise click.ClickException(TAKEN_MEANWHILE.format(title=target.spec.title)) from None
    text = aside.read_text(encoding="utf-8")
    if not still_open(text):
        os.rename(aside, index)
        raise click.ClickException(TAKEN_MEANWHILE.format(title=target.spec.title))
    with index.open("x", encoding="utf-8") as file:
        file.write(rewrite(text))
    aside.unlink()


@click.command()
@click.argument("module", metavar="手册编号/模块编号")
@click.pass_obj
def release(ctx: Context, module: str) -> None:
    """放掉一个认领（比如逾期的），模块回到待认领；已经合并的作品保留署名。"""
    repo, _ = read_repository(ctx.source())
    target = find_module(repo, module)
    refusal = release_refusal(repo, target)
    work = repo.work(target.handbook.id, target.spec.id)
    if refusal or work is None:
        raise click.ClickException(refusal or "")
    if not has_work(work, untouched_starters(work, target, repo)):
        _remove_bare_claim(ctx.root / target.folder)
        click.echo(f"已释放「{target.spec.title}」：文件夹里只有认领信息，已删除 {target.folder}/，模块重新开放认领。")
        return
    index = ctx.root / target.index
    index.write_text(released(index.read_text(encoding="utf-8")), encoding="utf-8")
    names = "、".join(repo.name_of(c.handle) for c in work.credits)
    click.echo(f"已释放「{target.spec.title}」：模块重新开放认领，已合并的作品保留在 {target.folder}/。")
    click.echo(f"{names} 记为之前的贡献者（former_contributors），作品完成后网站上仍会署名。")


def _remove_bare_claim(folder: Path) -> None:
    """Delete the folder of a claim without work: its index.md and nothing else, ever."""
    others = sorted(p.name for p in folder.iterdir() if p.name != "index.md")
    if others:
        raise click.ClickException(
            f"{folder.name}/ 里还有其他文件（{'、'.join(others)}），为了不误删，没有释放。处理掉这些文件后再试。"
        )
    (folder / "index.md").unlink()
    folder.rmdir()


def refuse(findings: list[Finding]) -> None:
    if findings:
        click.echo("\n\n".join(finding_text(f) for f in findings), err=True)
        raise SystemExit(EXIT_INPUT)
