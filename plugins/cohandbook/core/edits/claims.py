"""Claiming and releasing a module: who may claim, the starter file, the front matter after a release.

Everything here is text in, text out: the command line decides where to write, and refuses to overwrite.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import yaml

from ..domain.claims import active_claims
from ..domain.findings import Finding, YamlProblem, error
from ..domain.layout import module_folder, module_index, profile_file
from ..domain.model import DEFAULT_ROLE, STATE_LABELS, Chapter, Handbook, ModuleSpec, ModuleWork, Repository
from ..domain.squads import active_squad_of
from ..read.files import MIB, PHOTO_LIMIT, UPLOAD_LIMIT
from ..read.markdown import split_front_matter
from ..read.yamlsafe import YamlMap, load, plain
from ..site.render import render_text
from .front_matter import edit_front_matter

CLAIM_KEYS = ("contributors", "claimed", "submitted", "accepted", "deadline", "issue")  # gone after a release


@dataclass(frozen=True, slots=True)
class Target:
    """A module of a blueprint, named on the command line as HANDBOOK/MODULE."""

    handbook: Handbook
    chapter: Chapter
    spec: ModuleSpec

    @property
    def folder(self) -> str:
        return module_folder(self.handbook.id, self.spec.id)

    @property
    def index(self) -> str:
        return module_index(self.handbook.id, self.spec.id)

    @property
    def name(self) -> str:
        return f"{self.handbook.id}/{self.spec.id}"


def find_target(repo: Repository, handbook_id: str, module_id: str) -> Target | None:
    handbook = repo.handbook(handbook_id)
    if handbook is None:
        return None
    return next((Target(handbook, c, m) for c, m in handbook.modules() if m.id == module_id), None)


def claim_refusals(repo: Repository, target: Target, handle: str, cap: int) -> list[Finding]:
    """Why `handle` may not claim `target`; empty when the claim is fine."""
    work = repo.work(target.handbook.id, target.spec.id)
    if work is not None and work.status != "open":
        holders = "、".join(repo.name_of(c.handle) for c in work.contributors) or "别人"
        state = STATE_LABELS.get(work.status, work.status)
        return [
            error(
                "claim-taken",
                work.file,
                2,
                f"模块「{target.spec.title}」已经有人在做了：{holders}（{state}）。",
                "请在认领看板上挑一个“待认领”的模块。",
            )
        ]
    if handle not in repo.contributors:
        return [
            error(
                "claim-unknown-person",
                profile_file(handle),
                None,
                f"人才库里没有用户“{handle}”。",
                "检查拼写；还没有建档的新朋友，请先联系运营同学加入人才库。",
            )
        ]
    squad = active_squad_of(repo, target.handbook)
    if squad is not None and handle not in squad.handles:
        return [
            error(
                "claim-squad-only",
                target.handbook.file,
                None,
                f"《{target.handbook.title}》由项目组「{squad.name}」制作，只有组员可以认领，“{handle}”不是组员。",
                "可以认领其他手册里的模块；想加入项目组请联系运营同学。",
            )
        ]
    held = active_claims(repo).get(handle, [])
    if squad is None and len(held) >= cap:
        names = "、".join(w.module for w in held)
        return [
            error(
                "claim-cap",
                target.index,
                None,
                f"“{handle}”已经同时认领了 {len(held)} 个模块（{names}），每人最多 {cap} 个。",
                "先交稿或释放一个模块，再来认领新的。",
            )
        ]
    return []


def release_refusal(repo: Repository, target: Target) -> str | None:
    """Why `target` cannot be released; None when it can. Only a claim still being made can be given back."""
    work = repo.work(target.handbook.id, target.spec.id)
    if work is None or work.status == "open":
        return f"「{target.spec.title}」现在没有人认领，不需要释放。"
    if work.status != "claimed":
        state = STATE_LABELS.get(work.status, work.status)
        return (
            f"「{target.spec.title}」现在是“{state}”，不是认领中的模块，不能释放。"
            "需要重做时，请把 status 改回 claimed 再释放。"
        )
    return None


def claim_deadline(target: Target, today: date, days: int) -> date | None:
    """A claim's own deadline, needed only when the blueprint's has already passed (a re-claim after a
    release, a late claim): the new claimant then gets `days` days instead of starting overdue."""
    planned = target.handbook.deadline_of(target.spec)
    if planned is None or planned > today:
        return None
    return today + timedelta(days=days)


def claim_fields(target: Target, handle: str, today: date, deadline: date | None, issue: int | None) -> dict[str, Any]:
    front: dict[str, Any] = {"status": "claimed", "contributors": [_credit(target, handle)], "claimed": today}
    if deadline is not None:
        front["deadline"] = deadline
    if issue is not None:
        front["issue"] = issue
    return front


def starter(
    target: Target,
    repo: Repository,
    handle: str,
    today: date,
    *,
    deadline: date | None = None,
    issue: int | None = None,
) -> str:
    """The index.md a fresh claim starts from: claim front matter, then the brief and how-to in a comment.

    `deadline` is the claim's own (see `claim_deadline`); `issue` the GitHub issue the claim came from.
    """
    front = claim_fields(target, handle, today, deadline, issue)
    body = _starter_text(target, repo, today, deadline or target.handbook.deadline_of(target.spec))
    return f"---\n{dump(front)}---\n{body}"


def _starter_text(target: Target, repo: Repository, today: date, deadline: date | None) -> str:
    return render_text(
        "starter.md",
        target=target,
        deadline=deadline,
        days_left=(deadline - today).days if deadline else None,
        skills=[repo.skills.get(tag, tag) for tag in target.spec.skills],
        photo_mb=PHOTO_LIMIT // MIB,
        video_mb=UPLOAD_LIMIT // MIB,
    )


def untouched_starters(work: ModuleWork, target: Target, repo: Repository) -> tuple[str, ...]:
    """The starters `claim` may have written for this claim: on its date, with the deadline it has now, the
    blueprint's, or none (a deadline is often set or moved after the claim). Empty without a claim date."""
    if work.claimed is None:
        return ()
    deadlines = dict.fromkeys((work.deadline, target.handbook.deadline_of(target.spec), None))
    return tuple(_starter_text(target, repo, work.claimed, deadline) for deadline in deadlines)


def reclaim(
    text: str, target: Target, handle: str, today: date, *, deadline: date | None = None, issue: int | None = None
) -> str:
    """Claim a released module whose merged work stays: new claimant and claim date, earlier ones keep their
    credit; a new claim is neither handed in nor accepted. Every other line of the front matter stays."""
    changes: dict[str, Any] = dict.fromkeys(CLAIM_KEYS)
    changes.update(claim_fields(target, handle, today, deadline, issue))
    return edit_front_matter(text, changes)


def _credit(target: Target, handle: str) -> dict[str, Any]:
    return {"handle": handle, "roles": [DEFAULT_ROLE[target.spec.format]]}


def has_work(work: ModuleWork, starters: tuple[str, ...] = ()) -> bool:
    """Anything beyond the untouched starter: files, format data, earlier credits, or a body that differs
    from every one of `starters` (what `claim` may have written) by one character, comments included: a
    draft written inside the starter's comment is work. Without starters, any body is work. (Files the file
    rules refused are no work to credit; `release` still never deletes them.)"""
    files = work.assets or work.video or work.gallery or work.former_contributors
    return bool(files) or _normal(work.body) not in {_normal(text) for text in (*starters, "")}


def _normal(body: str) -> str:
    return "\n".join(line.rstrip() for line in body.replace("\r\n", "\n").strip().splitlines())


def released(text: str) -> str:
    """The front matter after a release: open again, the claimants listed as former contributors.

    Line edits of the keys that change: the contributor's comments and every other key stay as written.
    """
    data = front_data(text)
    former = list(plain(data.get("former_contributors") or []))
    known = {handle_of(item) for item in former}
    former += [item for item in plain(data.get("contributors") or []) if handle_of(item) not in known]
    changes: dict[str, Any] = dict.fromkeys(CLAIM_KEYS)
    changes.update(status="open", former_contributors=former)
    return edit_front_matter(text, changes)


def front_data(text: str) -> YamlMap:
    split = split_front_matter(text)
    data = load(split.front) if split.front is not None else None
    if not isinstance(data, YamlMap):
        raise YamlProblem("frontmatter-invalid", 2, "信息区应该是“键: 值”的形式。")
    return data


def handle_of(item: Any) -> Any:
    """A `contributors:` entry's handle, whether it is written `- li-na` or `- {handle: li-na, …}`."""
    return item.get("handle") if isinstance(item, dict) else item


def dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
