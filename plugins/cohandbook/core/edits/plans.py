"""The claim and release rules, written once: the file changes a claim or a release makes, or why not.

`cohandbook claim`/`release` and the bot's claim form, `/认领`, `/放弃` and the daily round's release all
call these; the CLI writes the plan to the working tree, the bot commits it (both through the gate).
A co-claimant who leaves releases only themselves: the claim goes only when the last one leaves, or when
an operator (`who=None`) releases it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..domain.changes import ABSENT, FileChange, digest
from ..domain.findings import Finding, error
from ..domain.model import STATE_LABELS, Repository
from ..read.sources import Source
from ..read.yamlsafe import plain
from .claims import (
    Target,
    claim_deadline,
    claim_refusals,
    front_data,
    handle_of,
    has_work,
    reclaim,
    released,
    starter,
    untouched_starters,
)
from .front_matter import edit_front_matter


@dataclass(frozen=True, slots=True)
class Written:
    """A plan of file changes, or the findings that say why there is none."""

    changes: tuple[FileChange, ...] = ()
    refusals: tuple[Finding, ...] = ()
    deadline: date | None = None  # a claim's deadline (its own, else the blueprint's)
    kept_work: bool = False  # a release that kept merged work (its makers stay credited)
    left: str = ""  # a co-claimant who left a claim that goes on without them


def claim_plan(
    repo: Repository,
    source: Source,
    target: Target,
    handle: str,
    today: date,
    *,
    cap: int,
    days: int,
    issue: int | None = None,
) -> Written:
    """`handle` claims `target`: a starter in a new folder, or a re-claim of released work that stays."""
    refusals = claim_refusals(repo, target, handle, cap)
    if refusals:
        return Written(refusals=tuple(refusals))
    own = claim_deadline(target, today, days)
    deadline = own or target.handbook.deadline_of(target.spec)
    if repo.work(target.handbook.id, target.spec.id) is None:
        if any(e.path.startswith(target.folder + "/") for e in source.entries()):
            return Written(refusals=(_unreadable(target),))
        text = starter(target, repo, handle, today, deadline=own, issue=issue)
        return Written((FileChange(target.index, text, ABSENT),), deadline=deadline)
    old = source.read(target.index)
    text = reclaim(old.decode("utf-8"), target, handle, today, deadline=own, issue=issue)
    return Written((FileChange(target.index, text, digest(old)),), deadline=deadline)


def _unreadable(target: Target) -> Finding:
    return error(
        "claim-folder-unreadable",
        target.folder + "/",
        None,
        f"{target.folder}/ 已经存在，但读不出认领信息；为了不覆盖里面的文件，没有认领。",
        "请运营同学处理（运营同学可以用 cohandbook validate 找出哪里写错了）。",
    )


def release_refusal(repo: Repository, target: Target, who: str | None = None) -> Finding | None:
    """Why `target` cannot be released (by `who`, a claimant; None: an operator); None when it can."""
    work = repo.work(target.handbook.id, target.spec.id)
    if work is None or work.status == "open":
        return _refusal("release-not-claimed", target, f"「{target.spec.title}」现在没有人认领，不需要释放。", "")
    if work.status != "claimed":
        state = STATE_LABELS.get(work.status, work.status)
        message = f"「{target.spec.title}」现在是“{state}”，不是认领中的模块，不能释放。"
        return _refusal("release-not-claimed", target, message, "需要重做时，请运营同学把 status 改回 claimed 再释放。")
    if who is not None and who not in {c.handle for c in work.contributors}:
        message = f"“{who}”不是「{target.spec.title}」的认领人，只能放弃自己的认领。"
        return _refusal("release-not-yours", target, message, "要释放别人的认领，请联系运营同学。")
    return None


def _refusal(code: str, target: Target, message: str, hint: str) -> Finding:
    return error(code, target.index, None, message, hint)


def release_plan(repo: Repository, source: Source, target: Target, who: str | None = None) -> Written:
    """Give a claim back: a bare claim's index.md goes, merged work stays with its makers as former
    contributors. With `who` (a claimant leaving) and others still on the claim, only `who` leaves."""
    if refusal := release_refusal(repo, target, who):
        return Written(refusals=(refusal,))
    work = repo.work(target.handbook.id, target.spec.id)
    assert work is not None
    old = source.read(target.index)
    text = old.decode("utf-8")
    work_kept = has_work(work, untouched_starters(work, target, repo))
    if who is not None and len({c.handle for c in work.contributors}) > 1:
        change = FileChange(target.index, _without(text, who, keep_credit=work_kept), digest(old))
        return Written((change,), kept_work=work_kept, left=who)
    new = released(text) if work_kept else None
    return Written((FileChange(target.index, new, digest(old)),), kept_work=work_kept)


def _without(text: str, handle: str, *, keep_credit: bool) -> str:
    """The front matter with `handle` off the contributors; credited as a former contributor when the
    module already holds work (they may have made some of it)."""
    data = front_data(text)
    current = [item for item in plain(data.get("contributors") or []) if handle_of(item) != handle]
    changes: dict[str, Any] = {"contributors": current}
    if keep_credit:
        former = list(plain(data.get("former_contributors") or []))
        if handle not in {handle_of(item) for item in former}:
            changes["former_contributors"] = [*former, handle]
    return edit_front_matter(text, changes, after=("contributors",))
