"""The pull-request rules for one module folder: whose it is, which status moves and credits may change.

A contributor may work in a module that is open or that they already hold (in a squad's handbook: that
the squad holds), must stay listed among its contributors, may move it from claimed to submitted (and
back) but never to accepted, and stays within the claim cap. Who else is named is not theirs to change:
they may neither drop nor add other people, nor move a co-claimant to `former_contributors` (in a squad's
handbook the squad's members may add each other, never drop each other). What the rules cannot read, they refuse: a module
whose claim on the base cannot be parsed, or a squad handbook whose squad file cannot, is for operators.
"""

from __future__ import annotations

from ..domain.claims import active_claims
from ..domain.findings import Finding, YamlProblem, error
from ..domain.layout import module_index, squad_file
from ..domain.model import STATE_LABELS, Handbook, ModuleWork
from ..domain.squads import active_squad_of
from ..read.markdown import split_front_matter
from ..read.sources import Change
from ..read.yamlsafe import YamlMap, load
from .pull_request import PullRequest

# (base status, head status) a contributor may make; "open" is also "no folder yet".
TRANSITIONS = frozenset(
    {
        ("open", "claimed"),
        ("open", "submitted"),
        ("claimed", "claimed"),
        ("claimed", "submitted"),
        ("submitted", "submitted"),
        ("submitted", "claimed"),
        ("accepted", "submitted"),
    }
)


def judge_module(pr: PullRequest, handbook_id: str, module_id: str, changed: list[Change]) -> list[Finding]:
    index = module_index(handbook_id, module_id)
    handbook = pr.base.repo.handbook(handbook_id)
    spec = next((m for _, m in handbook.modules() if m.id == module_id), None) if handbook else None
    if handbook is None or spec is None:
        return [
            error(
                "pr-module-unknown",
                changed[0].path,
                None,
                f"蓝图里没有模块“{handbook_id}/{module_id}”。",
                "检查文件夹名是否和认领看板上的模块编号完全一致（小写、连字符）。",
            )
        ]
    base, head = pr.base.repo.work(handbook_id, module_id), pr.head.repo.work(handbook_id, module_id)
    if unreadable := _unreadable_base(pr, handbook, index, base):
        return [unreadable]
    team = _team(pr, handbook, base)
    if team is None:
        squad = pr.base.repo.squads[handbook.squad or ""]
        return [
            error(
                "pr-squad-only",
                index,
                None,
                f"《{handbook.title}》由项目组「{squad.name}」制作，只有组员能提交。",
                "可以认领其他手册里的模块；想加入项目组请联系运营同学。",
            )
        ]
    if held := _held_by_others(pr, base, team):
        return [held]
    if head is None:
        return _folder_removed(pr, base, index, team) if index not in pr.head.entries else []
    return _claim_and_status(pr, base, head, team) + _credits_kept(pr, base, head, team) + _operator_fields(base, head)


def _unreadable_base(pr: PullRequest, handbook: Handbook, index: str, base: ModuleWork | None) -> Finding | None:
    """Fail closed: without the base's claim (or squad) the rules cannot tell whose module this is."""
    claim_unread = base is None and index in pr.base.entries
    squad_unread = bool(handbook.squad) and handbook.squad not in pr.base.repo.squads
    if not (claim_unread or squad_unread):
        return None
    what = f"合并前的 {index}" if claim_unread else f"项目组文件 {squad_file(handbook.squad or '')}"
    return error(
        "pr-base-unreadable",
        index,
        None,
        f"{what} 读不出来，没法判断这个模块归谁，所以这里的改动只能由运营同学处理。",
        "请联系运营同学先修好那个文件，再重新运行检查。",
    )


def _operator_fields(base: ModuleWork | None, head: ModuleWork) -> list[Finding]:
    """A claim's own deadline and its issue are set by operators and the bot (`extend`, the claim form)."""
    before = (base.deadline, base.issue) if base is not None else (None, None)
    if (head.deadline, head.issue) == before:
        return []
    return [
        error(
            "pr-operator-field",
            head.file,
            None,
            "截止日期 deadline 和 issue 只能由运营同学修改。",
            "把这两行改回原样；需要延期请在认领的 Issue 里留言，请运营同学处理。",
        )
    ]


def _team(pr: PullRequest, handbook: Handbook, base: ModuleWork | None) -> frozenset[str] | None:
    """Whose modules the author may touch here: their own, or in a squad's handbook the squad's; None if barred.

    Someone outside the squad who already holds an unfinished claim on the base (made before the squad took
    the handbook over, which validation accepts) may still finish it.
    """
    squad = active_squad_of(pr.base.repo, handbook)
    if squad is None:
        return pr.handles
    if pr.handles & set(squad.handles):
        return frozenset(squad.handles)
    held = base is not None and base.status in ("claimed", "submitted")
    return pr.handles if held and base and pr.handles & {c.handle for c in base.contributors} else None


def _held_by_others(pr: PullRequest, base: ModuleWork | None, team: frozenset[str]) -> Finding | None:
    if base is None or base.status == "open" or {c.handle for c in base.contributors} & team:
        return None
    holders = "、".join(pr.base.repo.name_of(c.handle) for c in base.contributors)
    return error(
        "pr-module-held",
        base.file,
        None,
        f"这个模块由 {holders} 负责（{STATE_LABELS.get(base.status, base.status)}），不能修改别人的模块。",
        "请在认领看板上挑一个待认领的模块；想一起做，请运营同学把你加进 contributors。",
    )


def _folder_removed(pr: PullRequest, base: ModuleWork | None, index: str, team: frozenset[str]) -> list[Finding]:
    """Deleting one's own bare claim gives it back; deleting handed-in work or others' credit is refused."""
    if base is None:
        return []
    if base.status != "claimed":
        return [
            error(
                "pr-status",
                index,
                None,
                f"“{STATE_LABELS[base.status]}”的模块不能删除。",
                "如果要重做，请联系运营同学。",
            )
        ]
    others = {c.handle for c in base.credits} - team
    if others:
        return [
            error("pr-credit-removed", index, None, "删除这个模块会去掉其他人的署名。", "请联系运营同学释放这个模块。")
        ]
    return []


def _claim_and_status(
    pr: PullRequest, base: ModuleWork | None, head: ModuleWork, team: frozenset[str]
) -> list[Finding]:
    before, after = base.status if base else "open", head.status
    line = _front_line(pr, head.file, "status")
    if after == "accepted":
        hint = (
            "已验收的模块修改后请写 status: submitted，等运营同学重新验收。"
            if before == "accepted"
            else "写 status: submitted 就好，运营同学审核通过后会改成 accepted。"
        )
        return [error("pr-self-accept", head.file, line, "只有运营同学能把模块标记为 accepted（已验收）。", hint)]
    if head.accepted is not None and head.accepted != (base.accepted if base else None):
        line = _front_line(pr, head.file, "accepted")
        return [
            error("pr-self-accept", head.file, line, "验收日期 accepted 由运营同学填写。", "删掉 accepted 这一行。")
        ]
    if before == after == "open":
        return [
            error(
                "pr-not-claimed",
                head.file,
                line,
                "这个模块还没有人认领（status: open），要先认领才能往里放作品。",
                "把 status 改成 claimed，并在 contributors 里写上你自己；之前的贡献者留在 former_contributors 里。",
            )
        ]
    if after == "open" or (before, after) not in TRANSITIONS:
        return [
            error(
                "pr-status",
                head.file,
                line,
                f"不能把状态从 {before} 改成 {after}。",
                "认领写 status: claimed，交稿写 status: submitted；要放弃认领，请删除整个模块文件夹或联系运营同学。",
            )
        ]
    if not {c.handle for c in head.contributors} & team and not _leaves(pr, base, head):
        names = "、".join(sorted(pr.handles))
        return [
            error(
                "pr-not-listed",
                head.file,
                _front_line(pr, head.file, "contributors"),
                f"contributors 里没有你（{names}）。",
                f"在 contributors 里加上：- handle: {names}",
            )
        ]
    if after == "claimed":
        return _over_cap(pr, head)
    return []


def _leaves(pr: PullRequest, base: ModuleWork | None, head: ModuleWork) -> bool:
    """A co-claimant leaving a claim the others keep: off the contributors, the claim still claimed by the rest
    (the same rule as `release --by` and `/放弃`; `_credits_kept` sees that nobody else moved)."""
    if base is None or not base.status == head.status == "claimed":
        return False
    return bool(pr.handles & {c.handle for c in base.contributors}) and bool(head.contributors)


def _over_cap(pr: PullRequest, head: ModuleWork) -> list[Finding]:
    """Everyone the claim names stays within the cap, counted over the whole head, not only the author."""
    handbook = pr.base.repo.handbook(head.handbook)
    if handbook is None or active_squad_of(pr.base.repo, handbook):  # squads are not capped: see active_claims
        return []
    held = active_claims(pr.head.repo)
    before = active_claims(pr.base.repo)
    for credit in head.contributors:
        works = held.get(credit.handle, [])
        if len(works) > pr.cap and len(works) > len(before.get(credit.handle, [])):
            names = "、".join(w.module for w in works)
            who = "你" if credit.handle in pr.handles else f"“{pr.base.repo.name_of(credit.handle)}”"
            return [
                error(
                    "pr-claim-cap",
                    head.file,
                    None,
                    f"合并后{who}会同时认领 {len(works)} 个模块（{names}），每人最多 {pr.cap} 个。",
                    "先交稿或释放一个模块，再来认领新的。",
                )
            ]
    return []


def _credits_kept(pr: PullRequest, base: ModuleWork | None, head: ModuleWork, team: frozenset[str]) -> list[Finding]:
    """Other people's names stay where they are: none dropped, none moved, none added without an operator.

    A claimant may add or move only themselves; in a squad's handbook they may also add the squad's members
    (the squad co-signs its handbook), but never drop or move a squadmate: credits are removed only by
    operators. Everyone else must agree, and only an operator can see that they did.
    """
    line = _front_line(pr, head.file, "contributors")
    own = pr.handles | team
    before = _places(base) if base else {}
    after = _places(head)
    gone = [h for h in before if h not in pr.handles and after.get(h) is None]
    moved = [h for h, place in before.items() if h not in pr.handles and after.get(h) not in (None, place)]
    added = [h for h in after if h not in own and h not in before]
    findings = []
    for handles, message in (
        (gone, "不能把 {names} 从贡献者里去掉。"),
        (moved, "不能改动 {names} 的署名位置（contributors 和 former_contributors 之间）。"),
        (added, "不能替别人署名：{names} 要由运营同学加进来。"),
    ):
        if handles:
            names = "、".join(pr.base.repo.name_of(h) for h in handles)
            hint = "把署名改回原来的样子；要增减合作者，请联系运营同学。"
            findings.append(error("pr-credit-changed", head.file, line, message.format(names=names), hint))
    return findings


def _places(work: ModuleWork) -> dict[str, str]:
    """Where each person is named on a module: contributors or former_contributors."""
    places = {c.handle: "former" for c in work.former_contributors}
    places.update((c.handle, "current") for c in work.contributors)
    return places


def _front_line(pr: PullRequest, file: str, key: str) -> int | None:
    """The line of a front-matter key in the head's index.md, for annotations on the right line."""
    try:
        front = split_front_matter(pr.head.read(file).decode("utf-8")).front
        data = load(front) if front is not None else None
    except (YamlProblem, UnicodeDecodeError, RuntimeError):
        return None
    return data.key_lines[key] + 1 if isinstance(data, YamlMap) and key in data.key_lines else None
