"""`cohandbook people`: the operator's view of the pool, hidden tags and track records included."""

from __future__ import annotations

import click

from ..core.domain.layout import CONTRIBUTORS
from ..core.domain.model import Repository
from ..core.ops.people import PersonReport, people_reports, report_json
from ..core.read.history import handed_in, lapsed_claims
from ..core.read.reader import read_repository
from .common import Context, format_option, print_json, stderr, today_option
from .private import load_private


@click.command()
@click.argument("handle", required=False, metavar="[用户名]")
@format_option("text", "json")
@today_option
@click.pass_obj
def people(ctx: Context, handle: str | None, fmt: str, today: str | None) -> None:
    """人才库里的每个人（或某一个人）：公开和隐藏的技能、手上的事、交稿记录。只给运营人员看。"""
    settings = ctx.settings()
    day = ctx.today(today, settings)
    repo, findings = read_repository(ctx.source())
    if handle is not None and handle not in repo.contributors:
        raise click.UsageError(f"人才库里没有“{handle}”。")
    if any(f.is_error and f.file.startswith(f"{CONTRIBUTORS}/") for f in findings):
        stderr("注意：人才库有文件出错，有些人可能没被算进来。运行 cohandbook validate 查看。")
    store = load_private(ctx, settings, repo)
    reports = [
        r
        for r in people_reports(repo, store, day, lapsed_claims(ctx.root), handed_in(ctx.root))
        if handle in (None, r.handle)
    ]
    if fmt == "json":
        print_json([report_json(r, store.workspaces) for r in reports])
    else:
        click.echo("\n\n".join(person_text(repo, r, store.workspaces) for r in reports) or "人才库是空的。")


def person_text(repo: Repository, report: PersonReport, workspaces: dict[str, str]) -> str:
    person, record, load = report.person, report.record, report.load
    github = f" @{person.github}" if person.github else ""
    lines = [f"{person.name}（{person.handle}）{github}"]
    lines.append(f"  公开技能：{_tags(repo, person.skills)}")
    lines.append(f"  隐性技能：{_tags(repo, report.hidden_skills)}")
    if report.notes and report.notes.notes:
        lines.append(f"  备注：{report.notes.notes}")
    for key, value in report.notes.other if report.notes else ():
        lines.append(f"  {key}：{value}")
    squads = tuple(f"{s}：{workspaces[s]}" if s in workspaces else s for s in load.squads)
    lines.append(f"  当前任务：认领 {_list(load.claims)}；进行中的项目组 {_list(squads)}")
    median = "—" if record.median_days is None else f"{record.median_days:g} 天"
    lines.append(
        f"  记录：交付 {record.delivered}（按时 {record.count('on-time')}，逾期交付 {record.count('late')}）；"
        f"放弃/被释放 {record.count('lapsed')}；当前逾期 {record.count('overdue')}；认领到提交中位数 {median}"
    )
    lines.append(f"  参加过的项目组：{_list(record.squads)}")
    return "\n".join(lines)


def _tags(repo: Repository, tags: tuple[str, ...]) -> str:
    return "、".join(f"{repo.skills.get(t, t)}（{t}）" for t in tags) or "—"


def _list(items: tuple[str, ...]) -> str:
    return f"{len(items)}（{'、'.join(items)}）" if items else "0"
