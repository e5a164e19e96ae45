"""Checks across files: references, claims, format contracts, squads, published handbooks."""

from __future__ import annotations

import itertools
from datetime import date

from ..domain.findings import Finding, error, warning
from ..domain.layout import contributor_file
from ..domain.lifecycle import module_state
from ..domain.model import Handbook, ModuleWork, Repository, Squad
from ..domain.squads import SQUAD_SIZE, outsider_level
from ..read.files import IMAGE_TYPES, extension, plain_path
from ..read.reader import read_repository
from ..read.sources import Source
from .contracts import check_contract


def validate(repo: Repository, today: date) -> list[Finding]:
    findings: list[Finding] = []
    for handbook in repo.handbooks:
        findings += _check_handbook(repo, handbook, today)
    findings += _check_orphans(repo)
    for person in repo.contributors.values():
        findings += _unknown_skills(repo, person.file, None, person.skills)
        if person.avatar and not person.avatar.startswith("https://"):
            findings += _check_avatar(repo, person.file, person.avatar)
    for squad in repo.squads.values():
        findings += _check_squad(repo, squad)
    return findings


def check_source(source: Source, today: date) -> tuple[Repository, list[Finding]]:
    """Read and validate in one call: what `validate`, the plugin and `check-pr` all need."""
    repo, findings = read_repository(source)
    return repo, findings + validate(repo, today)


def _check_handbook(repo: Repository, handbook: Handbook, today: date) -> list[Finding]:
    findings: list[Finding] = []
    asset_paths = {a.path for a in handbook.assets}
    if handbook.cover and handbook.cover not in asset_paths:
        findings.append(
            error(
                "asset-missing",
                handbook.file,
                None,
                f"找不到封面图 {handbook.cover}。",
                f"把图片放进 {handbook.folder}/，或删掉 cover 这一行。",
            )
        )
    findings += _check_handbook_squad(repo, handbook)
    for _chapter, spec in handbook.modules():
        findings += _unknown_skills(repo, handbook.file, spec.line, spec.skills)
        for resource in spec.resources:
            if resource.file and resource.file not in asset_paths:
                findings.append(
                    error(
                        "asset-missing",
                        handbook.file,
                        spec.line,
                        f"找不到参考资料 {resource.file}。",
                        f"把文件放进 {handbook.folder}/。",
                    )
                )
        work = repo.work(handbook.id, spec.id)
        state = module_state(handbook, spec, work, today)
        if work is not None:
            findings += _check_work(repo, handbook, work) + _check_acceptance(work, today)
            if state in ("submitted", "accepted"):
                findings += check_contract(spec, work)
        if handbook.published and state != "accepted" and not spec.optional:
            findings.append(
                error(
                    "published-incomplete",
                    handbook.file,
                    spec.line,
                    f"手册已标记为发布，但必做模块“{spec.title}”（{spec.id}）还没有验收（当前：{state}）。",
                    "先验收这个模块，或把手册 status 改回 drafting，或把模块设为 optional: true。",
                )
            )
    return findings


def _check_handbook_squad(repo: Repository, handbook: Handbook) -> list[Finding]:
    """The blueprint's `squad:` must exist and, when that squad names a handbook, name this one."""
    if not handbook.squad:
        return []
    squad = repo.squads.get(handbook.squad)
    if squad is None:
        message = f"项目组“{handbook.squad}”不存在。"
        return [
            error("squad-unknown", handbook.file, None, message, "检查拼写，项目组文件在 contributors/squads/ 里。")
        ]
    if squad.handbook and squad.handbook != handbook.id:
        message = f"蓝图说本手册由项目组“{squad.id}”制作，但该项目组文件写的是手册“{squad.handbook}”。"
        hint = f"让两边一致：改 {squad.file} 的 handbook，或改这里的 squad。"
        return [error("squad-handbook-mismatch", handbook.file, None, message, hint)]
    return []


def _check_work(repo: Repository, handbook: Handbook, work: ModuleWork) -> list[Finding]:
    findings: list[Finding] = []
    if work.status != "open" and not work.contributors:
        findings.append(
            error(
                "contributors-missing",
                work.file,
                2,
                "模块没有写贡献者 contributors。",
                "加上：contributors:\n  - handle: 你的用户名",
            )
        )
    for credit in work.credits:
        if credit.handle not in repo.contributors:
            findings.append(
                error(
                    "contributor-unknown",
                    work.file,
                    credit.line,
                    f"人才库里没有用户“{credit.handle}”。",
                    f"检查拼写；新成员请先在 contributors/{credit.handle}.yml 建档。",
                )
            )
        elif outsider_level(repo, handbook, work, credit):
            message = f"《{handbook.title}》是项目组手册，“{credit.handle}”不是组员。"
            hint = "项目组手册只能由组员创作；需要帮忙请联系运营同学。"
            findings.append(error("squad-outsider", work.file, credit.line, message, hint))
    findings += _check_dates(work)
    return findings


def _check_acceptance(work: ModuleWork, today: date) -> list[Finding]:
    """An acceptance dated in the future is a typo or a shortcut past the review; either way, not yet true."""
    if work.accepted is None or work.accepted <= today:
        return []
    message = f"验收日期 accepted（{work.accepted.isoformat()}）还没到（今天是 {today.isoformat()}）。"
    return [error("accepted-in-future", work.file, 2, message, "验收请用 cohandbook accept，它会写上当天的日期。")]


def _check_dates(work: ModuleWork) -> list[Finding]:
    if work.status != "open" and work.claimed is None:
        return [
            warning(
                "claimed-date-missing", work.file, 2, "没有写认领日期 claimed。", "加一行，例如 claimed: 2026-11-20。"
            )
        ]
    dates = [(work.claimed, "claimed"), (work.submitted, "submitted"), (work.accepted, "accepted")]
    known = [(d, name) for d, name in dates if d is not None]
    for (earlier, a), (later, b) in itertools.pairwise(known):
        if later < earlier:
            return [error("date-order", work.file, 2, f"{b}（{later}）早于 {a}（{earlier}）。", "检查日期有没有写错。")]
    return []


def _check_orphans(repo: Repository) -> list[Finding]:
    findings = []
    planned = {(h.id, m.id) for h in repo.handbooks for _, m in h.modules()}
    known_handbooks = {h.id for h in repo.handbooks}
    for key, work in repo.works.items():
        if key not in planned and key[0] in known_handbooks:
            findings.append(
                error(
                    "module-orphan",
                    work.file,
                    None,
                    f"蓝图里没有模块“{key[1]}”。",
                    f"检查文件夹名是否和 handbooks/{key[0]}/handbook.yml 里的模块 id 完全一致（小写、连字符）。",
                )
            )
    return findings


def _unknown_skills(repo: Repository, file: str, line: int | None, skills: tuple[str, ...]) -> list[Finding]:
    known = "、".join(sorted(repo.skills)) or "（技能表是空的）"
    return [
        error(
            "skill-unknown",
            file,
            line,
            f"技能标签“{tag}”不在 contributors/skills.yml 里。",
            f"检查拼写。可用的标签：{known}",
        )
        for tag in skills
        if tag not in repo.skills
    ]


def _check_avatar(repo: Repository, file: str, avatar: str) -> list[Finding]:
    if contributor_file(avatar) in repo.refused:
        return []  # there, but refused by a file rule (too large, not an image): that finding says why
    if not plain_path(avatar) or extension(avatar) not in IMAGE_TYPES or avatar not in repo.people_assets:
        return [
            error(
                "asset-missing",
                file,
                None,
                f"找不到头像 {avatar}。",
                "头像放在 contributors/ 下（例如 contributors/avatars/li-na.jpg，写 avatar: avatars/li-na.jpg），或写 https 网址。",
            )
        ]
    return []


def _check_squad(repo: Repository, squad: Squad) -> list[Finding]:
    findings: list[Finding] = []
    handles = squad.handles
    low, high = SQUAD_SIZE
    if not low <= len(set(handles)) <= high:
        findings.append(
            error(
                "squad-size",
                squad.file,
                None,
                f"项目组有 {len(set(handles))} 位成员，应为 {low} 到 {high} 位。",
                "调整 members 列表。",
            )
        )
    seen: set[str] = set()
    for member in squad.members:
        if member.handle not in repo.contributors:
            findings.append(
                error(
                    "contributor-unknown", squad.file, member.line, f"人才库里没有用户“{member.handle}”。", "检查拼写。"
                )
            )
        if member.handle in seen:
            findings.append(
                error(
                    "squad-duplicate-member",
                    squad.file,
                    member.line,
                    f"“{member.handle}”在成员里出现了两次。",
                    "删掉重复的一行。",
                )
            )
        seen.add(member.handle)
    findings += _check_squad_handbook(repo, squad)
    if squad.formed and squad.dissolved and squad.dissolved < squad.formed:
        findings.append(error("date-order", squad.file, None, "解散日期早于成立日期。", "检查 formed 和 dissolved。"))
    return findings


def _check_squad_handbook(repo: Repository, squad: Squad) -> list[Finding]:
    """An active squad's `handbook:` must be a handbook whose blueprint names this squad back.

    A dissolved squad's `handbook:` is history: the blueprint may since have been opened to everyone or
    handed to a new squad.
    """
    if not squad.handbook:
        return []
    handbook = repo.handbook(squad.handbook)
    if handbook is None:
        message = f"手册“{squad.handbook}”不存在。"
        return [error("handbook-unknown", squad.file, None, message, "检查拼写，手册在 handbooks/ 下。")]
    if squad.active and handbook.squad != squad.id:
        named = f"写的是项目组“{handbook.squad}”" if handbook.squad else "没有写 squad"
        message = f"项目组说它在制作手册“{handbook.id}”，但这本手册的蓝图{named}。"
        hint = (
            f"在 {handbook.file} 里写 squad: {squad.id}（或用 cohandbook squad form --handbook），或改这里的 handbook。"
        )
        return [error("squad-handbook-mismatch", squad.file, None, message, hint)]
    return []
