"""`cohandbook claim` and `cohandbook release`: take a module, or give it back.

Refusals (taken, unknown person, claim cap, squad only, nothing to release) exit 1; a module name that does
not exist is a usage error and exits 2. Neither command ever overwrites a file it did not just read.
"""

from __future__ import annotations

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
)
from ..core.read.reader import read_repository
from .common import EXIT_INPUT, Context, finding_text, today_option
from .targets import find_module


@click.command()
@click.argument("module", metavar="HANDBOOK/MODULE")
@click.option("--by", "handle", required=True, metavar="HANDLE", help="Who claims it: a handle from contributors/.")
@click.option("--cap", type=click.IntRange(min=1), help="Claims one person may hold at once (default: claim_cap).")
@today_option
@click.pass_obj
def claim(ctx: Context, module: str, handle: str, cap: int | None, today: str | None) -> None:
    """Claim a module: create its folder with claim front matter and a starter index.md."""
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
    click.echo("下一步：打开这个文件看看要做什么，然后提交它，开一个 Pull Request 完成认领。")


def _write_claim(root: Path, repo: Repository, target: Target, handle: str, today: date, deadline: date | None) -> str:
    index = root / target.index
    if repo.work(target.handbook.id, target.spec.id) is not None:  # released earlier: its work stays
        index.write_text(
            reclaim(index.read_text(encoding="utf-8"), target, handle, today, deadline=deadline), encoding="utf-8"
        )
        return target.index
    if index.parent.exists():
        raise click.ClickException(
            f"{target.folder}/ 已经存在，但读不出认领信息；为了不覆盖里面的文件，没有认领。"
            "先运行 cohandbook validate 看看哪里有问题。"
        )
    index.parent.mkdir(parents=True)
    with index.open("x", encoding="utf-8") as file:  # "x": never replace a file that appeared meanwhile
        file.write(starter(target, repo, handle, today, deadline=deadline))
    return target.index


@click.command()
@click.argument("module", metavar="HANDBOOK/MODULE")
@click.pass_obj
def release(ctx: Context, module: str) -> None:
    """Free a claim (an overdue one, say); whoever already had work merged keeps the credit."""
    repo, _ = read_repository(ctx.source())
    target = find_module(repo, module)
    refusal = release_refusal(repo, target)
    work = repo.work(target.handbook.id, target.spec.id)
    if refusal or work is None:
        raise click.ClickException(refusal or "")
    if not has_work(work):
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
