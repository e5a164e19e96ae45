"""Turning found squads into proposals: who covers what, one score, and the reasons in ranking order."""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .entries import Entry
from .model import RECENCY_WINDOW_DAYS, Candidate, Proposal


@dataclass(frozen=True, slots=True)
class Scale:
    """Mixed-radix bases that turn the ranking's numeric keys into one score, higher is better."""

    high: int
    record_base: int
    load_base: int
    recency_base: int

    @classmethod
    def of(cls, pool: Sequence[Candidate], high: int) -> Scale:
        worst = sum(heapq.nlargest(high, (person.record for person in pool)))
        heaviest = sum(heapq.nlargest(high, (person.load for person in pool)))
        return cls(high, worst + 1, heaviest + 1, RECENCY_WINDOW_DAYS * high + 1)

    def score(self, covered: int, size: int, record: int, load: int, recency: int) -> int:
        score = covered * (self.high + 1) + (self.high - size)
        score = score * self.record_base + (self.record_base - 1 - record)
        score = score * self.load_base + (self.load_base - 1 - load)
        return score * self.recency_base + (self.recency_base - 1 - recency)


def describe(
    squad: Sequence[Entry],
    wanted: Sequence[str],
    coverable: Sequence[str],
    low: int,
    scale: Scale,
) -> Proposal:
    """Describe one squad: who covers what, what is missing, its score and the reasons behind it."""
    members = sorted(squad, key=lambda entry: entry.handle)
    holders = {need: tuple(e.handle for e in members if need in e.person.skills) for need in wanted}
    covers = tuple((need, who) for need, who in holders.items() if who)
    missing = tuple(need for need, who in holders.items() if not who)
    record = sum(entry.record for entry in members)
    load = sum(entry.load for entry in members)
    recency = sum(entry.recency for entry in members)
    reasons = (
        *_coverage_reasons(len(covers), wanted, missing, coverable),
        _size_reason(members, low),
        _record_reason(members, record),
        f"当前任务量合计 {load}",
        _recency_reason(members, recency),
    )
    return Proposal(
        members=tuple(entry.handle for entry in members),
        covers=covers,
        missing=missing,
        score=scale.score(len(covers), len(members), record, load, recency),
        reasons=reasons,
        criteria=(len(covers), len(members), record, load, recency),
    )


def _coverage_reasons(
    covered: int,
    wanted: Sequence[str],
    missing: Sequence[str],
    coverable: Sequence[str],
) -> list[str]:
    """Coverage first, as it leads the ranking; say apart what the squad lacks and what nobody has."""
    if not wanted:
        return ["未指定所需技能"]
    reasons = [f"覆盖 {covered}/{len(wanted)} 项技能"]
    lacking = [need for need in missing if need in coverable]
    if lacking:
        reasons.append(f"未覆盖：{'、'.join(lacking)}")
    if len(coverable) < len(wanted):
        absent = [need for need in wanted if need not in coverable]
        reasons.append(f"人才库中无人具备：{'、'.join(absent)}")
    return reasons


def _size_reason(members: Sequence[Entry], low: int) -> str:
    """Name the padding members, so nobody wonders why a person without a needed skill is there."""
    padding = _padding(members)
    if not padding:
        return f"成员 {len(members)} 人"
    names = "、".join(entry.handle for entry in padding)
    return f"成员 {len(members)} 人，其中 {len(padding)} 人为补足最少 {low} 人的补位（{names}）"


def _padding(members: Sequence[Entry]) -> list[Entry]:
    """Members left over once useless members are dropped, least attractive (by load, recency) first."""
    core = sorted(members)
    for entry in sorted(members, reverse=True):
        rest = [other for other in core if other is not entry]
        if _union(rest) == _union(core):
            core = rest
    return [entry for entry in members if entry not in core]


def _union(entries: Sequence[Entry]) -> int:
    """Needs (as a bitmask) covered by ``entries`` together."""
    covered = 0
    for entry in entries:
        covered |= entry.sig
    return covered


def _recency_reason(members: Sequence[Entry], recency: int) -> str:
    """Who was squadded recently, and the penalty that costs the squad."""
    recent = [entry.handle for entry in members if entry.recency]
    if not recent:
        return f"成员近 {RECENCY_WINDOW_DAYS} 天内均未组队"
    return f"近 {RECENCY_WINDOW_DAYS} 天内组过队：{'、'.join(recent)}（新近度罚分合计 {recency}）"


def _record_reason(members: Sequence[Entry], record: int) -> str:
    """Who recently let a claim lapse or ran late: the track record ranks right after coverage and size."""
    marked = [f"{entry.handle} {entry.record}" for entry in members if entry.record]
    if not marked:
        return "成员近期均按时交付（或还没有记录）"
    return f"近期有放弃或逾期记录：{'、'.join(marked)}（记录扣分合计 {record}）"


# What puts a squad below the one above it, criterion by criterion (the first is "more is better").
BEHIND = (
    "覆盖的所需技能少 {d} 项",
    "多 {d} 个人",
    "近期放弃或逾期的记录多（扣分多 {d}）",
    "手上正在做的事多 {d} 件",
    "有成员最近刚组过队，要让他们歇一歇（新近度罚分多 {d}）",
)


def place_text(proposal: Proposal, above: Proposal | None) -> str:
    """Why this squad stands where it does, in words: against the one right above it, by the first criterion
    on which they differ (the ranking's own order)."""
    if above is None:
        return "最合适的一组，和下一组并列" if proposal.tied else "最合适的一组"
    if proposal.tied and above.rank == proposal.rank:
        return f"和方案 {above.rank} 并列"
    for index, (mine, theirs) in enumerate(zip(proposal.criteria, above.criteria, strict=True)):
        if mine != theirs:
            return f"排在上一组后面，因为{BEHIND[index].format(d=abs(mine - theirs))}"
    return "排在上一组后面"


def mark_ties(proposals: list[Proposal], top: int) -> list[Proposal]:
    """The first ``top`` proposals; equal scores (equal on every criterion) share a rank and say so.

    ``proposals`` may hold one more than is shown: it tells whether the last one shown ties with others.
    """
    ranked: list[Proposal] = []
    for index, proposal in enumerate(proposals[:top]):
        group = [i for i, other in enumerate(proposals) if other.score == proposal.score]
        tied = len(group) > 1
        reasons = proposal.reasons + ((_tie_reason(proposals, group, index, top),) if tied else ())
        ranked.append(replace(proposal, rank=group[0] + 1, tied=tied, reasons=reasons))
    return ranked


def _tie_reason(proposals: list[Proposal], group: list[int], index: int, top: int) -> str:
    shown = "、".join(f"方案 {i + 1}" for i in group if i < top)
    hidden = "及未列出的同分方案" if group[-1] >= top else ""
    shared = set.intersection(*(set(proposals[i].members) for i in group))
    swapped = [h for h in proposals[index].members if h not in shared]
    detail = f"区别只在 {'、'.join(swapped)}" if swapped and shared else "成员不同"
    return f"{shown}{hidden} 并列：覆盖、人数、记录、任务量和休息都相同，{detail}，名次只按用户名排列"
