"""`cohandbook squad form` and `squad dissolve`: a squad's lifecycle, written to contributors/squads/."""

from __future__ import annotations

import click

from ..core.domain.model import Repository
from ..core.domain.squads import finished_work, members_in_other_squads, outsiders_at_work, squad_handbook
from ..core.edits.squad_files import (
    NewSquad,
    dissolve_changes,
    dissolve_problems,
    form_changes,
    form_problems,
)
from ..core.read.reader import read_repository
from .common import Context, fail, stderr, today_option
from .writer import apply_plan


@click.group()
def squad() -> None:
    """组建项目组，或解散一个项目组。也可以在 GitHub 上发“组队邀请”，由成员自己回复加入。"""


@squad.command()
@click.argument("squad_id", metavar="项目组编号")
@click.option("--name", required=True, help="项目组的名字，例如 冰雪项目组。")
@click.option("--members", required=True, metavar="用户名,用户名,…", help="人才库里的 3 到 5 个用户名，用逗号隔开。")
@click.option("--mission", required=True, help="项目组的任务：要做出什么。")
@click.option("--handbook", metavar="手册编号", help="项目组负责的手册；之后只有成员能认领它的模块。")
@click.option("--role", "roles", multiple=True, metavar="用户名=分工", help="某位成员的分工，例如 li-na=拍摄。")
@today_option
@click.pass_obj
def form(
    ctx: Context,
    squad_id: str,
    name: str,
    members: str,
    mission: str,
    handbook: str | None,
    roles: tuple[str, ...],
    today: str | None,
) -> None:
    """组一个项目组：写出 contributors/squads/项目组编号.yml。编号已存在、成员不在人才库里、人数不在 3 到 5 之间时不做。"""
    repo, _ = read_repository(ctx.source())
    handles = [h.strip() for h in members.split(",") if h.strip()]
    parts = parse_roles(roles, handles)
    lineup = tuple((h, parts.get(h, "")) for h in handles)
    day = ctx.today(today)
    new = NewSquad(squad_id, name.strip(), mission.strip(), lineup, day, handbook)
    problems = form_problems(repo, new, (ctx.root / new.file).exists())
    if problems:
        fail("没有创建项目组：\n" + "\n".join(f"  - {p}" for p in problems))
    apply_plan(ctx, form_changes(repo, ctx.source(), new), day)
    linked = repo.handbook(new.handbook) if new.handbook else None
    click.echo(f"已创建 {new.file}：{new.name}，成员 {'、'.join(repo.name_of(h) for h in handles)}。")
    if linked is not None:
        if linked.squad != new.id:
            click.echo(f"已在 {linked.file} 写上 squad: {new.id}：《{linked.title}》从此只由组员创作。")
        note_inherited_claims(repo, linked.id, tuple(handles))
    if busy := members_in_other_squads(repo, tuple(handles), new.id):
        stderr(f"提醒：{'、'.join(busy)} 同时还在别的进行中的项目组里。")


def note_inherited_claims(repo: Repository, handbook_id: str, handles: tuple[str, ...]) -> None:
    """Claims by people outside the squad stay valid (they came first); the operator decides what happens."""
    handbook = repo.handbook(handbook_id)
    held = outsiders_at_work(repo, handbook, handles) if handbook else []
    if held:
        listed = "、".join(f"{module}（{handle}）" for module, handle in held)
        stderr(f"提醒：这些模块由组外的人认领或已交稿，仍算有效：{listed}。需要时用 cohandbook release 释放。")


def parse_roles(roles: tuple[str, ...], handles: list[str]) -> dict[str, str]:
    parts: dict[str, str] = {}
    for item in roles:
        handle, sep, text = item.partition("=")
        if not sep or handle.strip() not in handles:
            raise click.BadParameter(f"“{item}”要写成 成员=分工，且成员在 --members 里。", param_hint="--role")
        parts[handle.strip()] = text.strip()
    return parts


@squad.command()
@click.argument("squad_id", metavar="项目组编号")
@today_option
@click.pass_obj
def dissolve(ctx: Context, squad_id: str, today: str | None) -> None:
    """解散项目组：记下今天的日期，项目组页面变成荣誉页，成员回到人才库。"""
    day = ctx.today(today)
    repo, _ = read_repository(ctx.source())
    current = repo.squads.get(squad_id)
    problems = dissolve_problems(current, squad_id, day)
    if problems or current is None:
        raise click.ClickException("\n".join(problems))  # exit 1: the repository does not allow it
    apply_plan(ctx, dissolve_changes(ctx.source(), current, day), day)
    if finished_work(repo, current):
        click.echo(f"项目组“{current.name}”已于 {day} 解散：它的页面成为荣誉页，成员回到人才库。")
    else:
        click.echo(
            f"项目组“{current.name}”已于 {day} 解散，成员回到人才库。它在活动期间没有验收过的作品，所以不生成荣誉页。"
        )
    handbook = squad_handbook(repo, current)
    if handbook is not None and handbook.squad not in (None, current.id):
        click.echo(f"《{handbook.title}》现在由项目组“{handbook.squad}”制作，仍然只有那个组的组员可以认领。")
    elif handbook is not None:
        click.echo(
            f"《{handbook.title}》现在向人才库里的所有人开放认领（认领上限照常适用），组员已完成的作品仍署他们的名。"
        )
