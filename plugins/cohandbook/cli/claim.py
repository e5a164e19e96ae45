"""`cohandbook claim` and `cohandbook release`: take a module, or give it back.

Refusals (taken, unknown person, claim cap, squad only, nothing to release) exit 1; a module name that does
not exist is a usage error and exits 2. The rules and the file changes are the core's (`edits.plans`); the
one writer (`writer.apply_plan`) gates them and never overwrites a file it did not just read.
"""

from __future__ import annotations

import click

from ..core.domain.findings import Finding
from ..core.edits.plans import claim_plan, release_plan
from ..core.read.reader import read_repository
from .common import EXIT_INPUT, Context, finding_text, today_option
from .targets import find_module
from .writer import Conflict, apply_plan


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
    source = ctx.source()
    repo, _ = read_repository(source)
    target = find_module(repo, module)
    plan = claim_plan(repo, source, target, handle, day, cap=cap or settings.claim_cap, days=settings.claim_days)
    refuse(list(plan.refusals))
    try:
        apply_plan(ctx, plan.changes, day)
    except Conflict:
        raise click.ClickException(TAKEN_MEANWHILE.format(title=target.spec.title)) from None
    click.echo(f"已认领「{target.spec.title}」（{target.name}），认领人：{repo.name_of(handle)}（{handle}）。")
    click.echo(f"创作文件：{target.index}")
    if plan.deadline:
        click.echo(f"截止日期：{plan.deadline.isoformat()}（还有 {(plan.deadline - day).days} 天）")
    click.echo("下一步：把这次改动上传到 GitHub，认领才算生效；文件里写着要做什么，可以转给认领人看。")


TAKEN_MEANWHILE = "「{title}」刚刚被别人认领了（两个认领同时进行，先到的算数）。请在认领看板上挑另一个模块。"


@click.command()
@click.argument("module", metavar="手册编号/模块编号")
@click.option("--by", "handle", metavar="用户名", help="只让这位认领人退出，其他认领人继续。")
@today_option
@click.pass_obj
def release(ctx: Context, module: str, handle: str | None, today: str | None) -> None:
    """放掉一个认领（比如逾期的），模块回到待认领；已经合并的作品保留署名。"""
    source = ctx.source()
    repo, _ = read_repository(source)
    target = find_module(repo, module)
    plan = release_plan(repo, source, target, handle)
    refuse(list(plan.refusals))
    work = repo.work(target.handbook.id, target.spec.id)
    assert work is not None
    if plan.changes[0].deletes:
        _refuse_other_files(ctx, target.folder)
    apply_plan(ctx, plan.changes, ctx.today(today))
    if plan.left:
        click.echo(f"{repo.name_of(plan.left)}（{plan.left}）已退出「{target.spec.title}」的认领，其他认领人继续。")
    elif not plan.kept_work:
        click.echo(f"已释放「{target.spec.title}」：文件夹里只有认领信息，已删除 {target.folder}/，模块重新开放认领。")
    else:
        names = "、".join(repo.name_of(c.handle) for c in work.credits)
        click.echo(f"已释放「{target.spec.title}」：模块重新开放认领，已合并的作品保留在 {target.folder}/。")
        click.echo(f"{names} 记为之前的贡献者（former_contributors），作品完成后网站上仍会署名。")


def _refuse_other_files(ctx: Context, folder: str) -> None:
    """A bare claim's folder goes with its index.md; anything else in it (even files the rules refused) stays."""
    others = sorted(p.name for p in (ctx.root / folder).iterdir() if p.name != "index.md")
    if others:
        raise click.ClickException(
            f"{folder.rpartition('/')[2]}/ 里还有其他文件（{'、'.join(others)}），为了不误删，没有释放。处理掉这些文件后再试。"
        )


def refuse(findings: list[Finding]) -> None:
    if findings:
        click.echo("\n\n".join(finding_text(f) for f in findings), err=True)
        raise SystemExit(EXIT_INPUT)
