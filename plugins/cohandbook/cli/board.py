"""`cohandbook board`: every module's state, who holds it until when, the claim cap, the skills wanted."""

from __future__ import annotations

import html

import click

from ..core.domain.findings import has_errors
from ..core.domain.lifecycle import PENDING_STATES
from ..core.domain.model import FORMAT_LABELS, STATE_LABELS, Repository
from ..core.domain.progress import ModuleRow, Progress
from ..core.read.reader import read_repository
from ..core.site.board import BoardSection, Load, board_sections, claim_loads, row_dict, wanted_skills
from .common import Context, format_option, print_json, stderr, today_option

Skills = list[tuple[str, str, int]]


@click.command()
@click.argument("handbook", required=False, metavar="[手册编号]")
@format_option("text", "json", "markdown")
@today_option
@click.option("--cap", type=click.IntRange(min=1), help="每人同时最多认领几个（默认：mkdocs.yml 里的 claim_cap）。")
@click.pass_obj
def board(ctx: Context, handbook: str | None, fmt: str, today: str | None, cap: int | None) -> None:
    """认领看板：每个模块的状态、认领人、截止日期，进度，每人手上的认领，缺哪些技能。"""
    settings = ctx.settings()
    day = ctx.today(today, settings)
    repo, findings = read_repository(ctx.source())
    if handbook is not None and repo.handbook(handbook) is None:
        known = "、".join(h.id for h in repo.handbooks) or "（没有）"
        raise click.UsageError(f"没有手册“{handbook}”。现有的手册：{known}。")
    if has_errors(findings):
        stderr("提示：仓库里有需要修改的问题，看板可能不完整；运行 cohandbook validate 查看。")
    sections = board_sections(repo, day, handbook)
    if fmt == "json":
        print_json([row_dict(row) for section in sections for row in section.rows])
        return
    loads = claim_loads(repo, cap or settings.claim_cap)
    skills = wanted_skills(repo, sections)
    render = markdown_board if fmt == "markdown" else text_board
    click.echo(render(repo, sections, loads, skills, cap or settings.claim_cap))


def _names(repo: Repository, row: ModuleRow) -> str:
    return "、".join(repo.name_of(h) for h in row.contributors)


def _when(row: ModuleRow) -> str:
    """Deadline with days left, or days overdue; only while the deadline still matters."""
    if row.deadline is None:
        return ""
    if row.state not in PENDING_STATES or row.days_left is None:
        return f"截止 {row.deadline.isoformat()}"
    if row.days_left < 0:
        return f"截止 {row.deadline.isoformat()}，逾期 {-row.days_left} 天"
    return f"截止 {row.deadline.isoformat()}，还有 {row.days_left} 天"


def _progress(progress: Progress) -> str:
    counts = [f"{STATE_LABELS[s]} {progress.count(s)}" for s in ("submitted", "claimed", "overdue", "open")]
    done = f"已完成 {progress.done_required}/{progress.required} 个必做模块（{progress.percent}%）"
    return " · ".join([done, *(c for c in counts if not c.endswith(" 0"))])


def _heading(section: BoardSection) -> str:
    squad = f"，项目组「{section.squad.name}」制作，只有组员可以认领" if section.squad else ""
    return f"《{section.handbook.title}》（{section.handbook.id}{squad}）"


def text_board(repo: Repository, sections: list[BoardSection], loads: list[Load], skills: Skills, cap: int) -> str:
    lines: list[str] = []
    for section in sections:
        lines += [_heading(section), f"进度：{_progress(section.progress)}"]
        width = max((len(row.spec.id) for row in section.rows), default=0)
        for index, row in enumerate(section.rows):
            if index == 0 or row.chapter.id != section.rows[index - 1].chapter.id:
                lines.append(f"  {row.chapter.title}")
            facts = [row.spec.title, FORMAT_LABELS[row.spec.format], _names(repo, row), _when(row)]
            if row.state == "open" and row.spec.skills:
                facts.append("需要：" + "、".join(repo.skills.get(t, t) for t in row.spec.skills))
            lines.append(
                f"    {STATE_LABELS[row.state]}  {row.spec.id.ljust(width)}  " + " · ".join(f for f in facts if f)
            )
        lines.append("")
    lines += _text_loads(loads, cap)
    lines += ["", "待认领模块需要的技能：", *(f"  {label}（{tag}）× {n}" for tag, label, n in skills)] if skills else []
    if any(s.open_rows for s in sections):
        lines += ["", "车主在网站的认领看板上点“认领”；替人认领：cohandbook claim 手册编号/模块编号 --by 用户名"]
    return "\n".join(lines).rstrip()


def _text_loads(loads: list[Load], cap: int) -> list[str]:
    lines = [f"认领上限：每人同时最多 {cap} 个模块"]
    for load in loads:
        mark = "（超出上限）" if load.over else "（已满）" if load.full else ""
        modules = "、".join(w.module for w in load.works)
        lines.append(f"  {load.name}（{load.handle}） {len(load.works)}/{cap}{mark}  {modules}")
    return lines if loads else [*lines, "  目前没有人在认领中。"]


def _md(text: str) -> str:
    """Text in a Markdown table cell (an issue, a discussion): no markup, no column breaks."""
    return html.escape(text).replace("|", "\\|").replace("\n", " ")


def markdown_board(repo: Repository, sections: list[BoardSection], loads: list[Load], skills: Skills, cap: int) -> str:
    parts: list[str] = []
    for section in sections:
        rows = ["| 章节 | 模块 | 形式 | 状态 | 认领人 | 截止 |", "|---|---|---|---|---|---|"]
        for row in section.rows:
            cells = [_md(row.chapter.title), f"{_md(row.spec.title)} `{row.spec.id}`", FORMAT_LABELS[row.spec.format]]
            cells += [STATE_LABELS[row.state], _md(_names(repo, row)), _when(row).removeprefix("截止 ")]
            rows.append("| " + " | ".join(cells) + " |")
        parts.append("\n".join([f"## {_md(_heading(section))}", "", _progress(section.progress), "", *rows]))
    load_rows = [f"- {_md(load.name)}（`{load.handle}`）：{len(load.works)}/{cap}" for load in loads]
    parts.append("\n".join([f"### 认领上限：每人最多 {cap} 个", "", *(load_rows or ["目前没有人在认领中。"])]))
    if skills:
        parts.append("\n".join(["### 待认领模块需要的技能", "", *(f"- {_md(label)} × {n}" for _, label, n in skills)]))
    return "\n\n".join(parts)
