"""`cohandbook cast`: propose the best squads from the talent pool for the skills a piece of work needs."""

from __future__ import annotations

from datetime import date

import click

from ..core.casting.explain import place_text
from ..core.casting.pool import handbook_needs, talent_pool
from ..core.casting.search import MAX_NEEDS, Proposal
from ..core.casting.search import cast as cast_squads
from ..core.domain.findings import Finding
from ..core.domain.layout import CONTRIBUTORS
from ..core.domain.model import Repository
from ..core.domain.squads import SQUAD_SIZE
from ..core.read.history import handed_in, lapsed_claims
from ..core.read.reader import read_repository
from .common import Context, fail, format_option, print_json, stderr, today_option
from .private import load_private

RANKING = (
    "排序：先比覆盖的所需技能数（多者优先），再比人数（少者优先），再比近期记录（按时交付者优先，放弃或逾期者靠后），"
    "再比当前任务量（轻者优先），最后让近期组过队的人歇一歇。技能包括运营记录的隐性技能。"
)


@click.command()
@click.option(
    "--needs", metavar="标签,标签,…", help="项目组要具备的技能标签（contributors/skills.yml 里的），用逗号隔开。"
)
@click.option("--size", default="3-5", show_default=True, metavar="最少-最多", help="项目组人数，在 3 到 5 之间。")
@click.option("--top", type=click.IntRange(min=1), default=3, show_default=True, help="推荐几组。")
@click.option(
    "--handbook",
    metavar="手册编号",
    help="不写 --needs 时：按这本手册待认领和逾期模块需要的技能来挑人。",
)
@format_option("text", "json")
@today_option
@click.pass_obj
def cast(
    ctx: Context, needs: str | None, size: str, top: int, handbook: str | None, fmt: str, today: str | None
) -> None:
    """推荐项目组人选：先看需要的技能覆盖几项，再看人数少、交稿记录好、手上事少、最近没参加过项目组。"""
    settings = ctx.settings()
    day = ctx.today(today, settings)
    repo, findings = read_repository(ctx.source())
    warn_about_pool(findings)
    wanted = requested_needs(repo, needs, handbook, day)
    pool = talent_pool(repo, day, load_private(ctx, settings, repo), lapsed_claims(ctx.root), handed_in(ctx.root))
    proposals = cast_squads(pool, wanted, size=parse_size(size), top=top, today=day)
    if fmt == "json":
        print_json([proposal_json(p) for p in proposals])
    else:
        click.echo(text_report(repo, wanted, proposals))


def requested_needs(repo: Repository, needs: str | None, handbook: str | None, day: date) -> tuple[str, ...]:
    """--needs wins when given (the operator said exactly what they want); else the handbook's open work."""
    if needs is not None:
        return parse_needs(repo, needs)
    if handbook is None:
        raise click.UsageError("请用 --needs 写出需要的技能，或用 --handbook 指定手册。")
    book = repo.handbook(handbook)
    if book is None:
        raise click.BadParameter(f"手册“{handbook}”不存在。", param_hint="--handbook")
    wanted = handbook_needs(repo, book, day)
    if not wanted:
        fail(f"《{book.title}》没有待认领或逾期、且写了 skills 的模块，推算不出所需技能；请用 --needs 指定。")
    return _capped(wanted, "--handbook")


def parse_needs(repo: Repository, text: str) -> tuple[str, ...]:
    tags = tuple(dict.fromkeys(tag.strip() for tag in text.split(",") if tag.strip()))
    if not tags:
        raise click.BadParameter("至少写一个技能标签，例如 --needs snow-driving,editing", param_hint="--needs")
    unknown = [tag for tag in tags if tag not in repo.skills]
    if unknown:
        known = "、".join(repo.skills) or "（contributors/skills.yml 是空的）"
        raise click.BadParameter(f"不认识的技能标签：{'、'.join(unknown)}。可用的标签：{known}", param_hint="--needs")
    return _capped(tags, "--needs")


def _capped(tags: tuple[str, ...], option: str) -> tuple[str, ...]:
    if len(tags) > MAX_NEEDS:
        raise click.BadParameter(f"一次最多 {MAX_NEEDS} 项技能，现在有 {len(tags)} 项。", param_hint=option)
    return tags


def parse_size(text: str) -> tuple[int, int]:
    """'3-5' or '4'; squads have 3 to 5 members, so a size outside that could never be formed."""
    low_text, _, high_text = text.partition("-")
    try:
        low, high = int(low_text), int(high_text or low_text)
    except ValueError:
        raise click.BadParameter(f"“{text}”不是人数范围，写成 3-5 或 4。", param_hint="--size") from None
    if not SQUAD_SIZE[0] <= low <= high <= SQUAD_SIZE[1]:
        raise click.BadParameter(
            f"人数范围要在 {SQUAD_SIZE[0]}-{SQUAD_SIZE[1]} 之内，且小的在前。", param_hint="--size"
        )
    return low, high


def warn_about_pool(findings: list[Finding]) -> None:
    """Casting reads the talent pool as it is; broken pool files are worth a line, not a refusal."""
    broken = sorted({f.file for f in findings if f.is_error and f.file.startswith(f"{CONTRIBUTORS}/")})
    if broken:
        stderr(f"注意：人才库有文件出错（{'、'.join(broken)}），这些人可能没被算进来。运行 cohandbook validate 查看。")


def proposal_json(proposal: Proposal) -> dict[str, object]:
    return {
        "members": list(proposal.members),
        "covers": {need: list(handles) for need, handles in proposal.covers},
        "missing": list(proposal.missing),
        "score": proposal.score,
        "rank": proposal.rank,
        "tied": proposal.tied,
    }


def text_report(repo: Repository, wanted: tuple[str, ...], proposals: list[Proposal]) -> str:
    head = f"所需技能：{'、'.join(_skill(repo, t) for t in wanted)}"
    if not proposals:
        return f"{head}\n人才库只有 {len(repo.contributors)} 人，凑不出一个项目组。"
    above: list[Proposal | None] = [None, *proposals[:-1]]
    blocks = [_proposal_text(repo, rank, p, a) for rank, (p, a) in enumerate(zip(proposals, above, strict=True), 1)]
    return "\n\n".join([f"{head}\n{RANKING}", *blocks])


def _proposal_text(repo: Repository, rank: int, proposal: Proposal, above: Proposal | None) -> str:
    people = "、".join(_person(repo, h) for h in proposal.members)
    lines = [f"方案 {rank}（{place_text(proposal, above)}）：{people}"]
    for need, handles in proposal.covers:
        lines.append(f"  ✓ {_skill(repo, need)} ← {'、'.join(repo.name_of(h) for h in handles)}")
    for need in proposal.missing:
        lines.append(f"  ✗ {_skill(repo, need)}：未覆盖")
    lines.append(f"  依据：{'；'.join(proposal.reasons)}")
    return "\n".join(lines)


def _skill(repo: Repository, tag: str) -> str:
    return f"{repo.skills.get(tag, tag)}（{tag}）"


def _person(repo: Repository, handle: str) -> str:
    return f"{repo.name_of(handle)}（{handle}）"
