"""An operator's two edits of a claim: accept a submitted module, move a claim's deadline.

Both edit the front matter in place (see `frontmatter`); both refuse with findings instead of writing when
the module is not in the state the edit is for. The CLI and the bot's `/验收` and `/延期` share them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..check.contracts import check_contract
from ..domain.findings import Finding, YamlProblem, error
from ..domain.model import STATE_LABELS, Repository
from .claims import Target
from .front_matter import edit_front_matter


@dataclass(frozen=True, slots=True)
class Edit:
    """The file's new text, or why there is none."""

    text: str | None
    refusals: tuple[Finding, ...] = ()


def accept(repo: Repository, findings: list[Finding], target: Target, text: str, today: date) -> Edit:
    """`status: accepted` and `accepted: <today>` for a submitted module whose folder has no errors."""
    work = repo.work(target.handbook.id, target.spec.id)
    state = "open" if work is None else work.status
    if work is None or work.status != "submitted":
        hint = {
            "open": "还没有人认领这个模块。",
            "claimed": "创作者还没有交稿：交稿后（status: submitted）才能验收。",
            "accepted": f"它在 {work.accepted if work and work.accepted else '之前'} 已经验收过了。",
        }.get(state, "")
        return _refused(
            "accept-not-submitted",
            target,
            f"「{target.spec.title}」现在是“{STATE_LABELS.get(state, state)}”，不能验收。",
            hint,
        )
    problems = [f for f in findings if f.is_error and f.file.startswith(target.folder + "/")]
    problems += [f for f in check_contract(target.spec, work) if f.is_error]
    if problems:
        return Edit(None, tuple(problems))
    return _edit(target, text, {"status": "accepted", "accepted": today.isoformat()}, ("submitted", "claimed"))


def extend(repo: Repository, target: Target, text: str, to: date, today: date) -> Edit:
    """This claim's own `deadline:`, which the board, the placeholder and the bot's reminders follow."""
    work = repo.work(target.handbook.id, target.spec.id)
    if work is None or work.status != "claimed":
        state = "open" if work is None else work.status
        message = f"「{target.spec.title}」现在是“{STATE_LABELS.get(state, state)}”，只有认领中的模块可以延期。"
        return _refused("extend-not-claimed", target, message, "")
    if to < today:
        return _refused(
            "extend-past", target, f"新的截止日期 {to.isoformat()} 已经过去了。", "请给一个今天或以后的日期。"
        )
    return _edit(target, text, {"deadline": to.isoformat()}, ("accepted", "submitted", "claimed"))


def _edit(target: Target, text: str, values: dict[str, str], after: tuple[str, ...]) -> Edit:
    try:
        return Edit(edit_front_matter(text, values, after=after))
    except YamlProblem as problem:
        return Edit(None, (problem.finding(target.index),))


def _refused(code: str, target: Target, message: str, hint: str) -> Edit:
    return Edit(None, (error(code, target.index, None, message, hint),))
