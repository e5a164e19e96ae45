"""The pull-request rules: what a contributor may change, judged from the base, the head and the diff.

A contributor (matched by the `github:` login in their profile on the base) may change files in module
folders they hold (a squad's handbook: any module of their squad), move a module from claimed to
submitted but never to accepted, and edit their own profile except `skills`, `private` and `github`.
Everything else belongs to operators. Every refusal names the file and says what to do instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .claims import active_claims
from .findings import Finding, YamlProblem, error
from .model import STATE_LABELS, Handbook, ModuleWork, Repository
from .reader import IMAGE_TYPES, FileRules, extension, human_size
from .sources import Change, Entry
from .text import split_front_matter
from .yamlsafe import YamlMap, load

MODULE_FILE = re.compile(r"^handbooks/([^/]+)/modules/([^/]+)/.+$")
PROFILE = re.compile(r"^contributors/([^/]+)\.yml$")
AVATAR = re.compile(r"^contributors/avatars/([^/]+)\.[^./]+$")
PROTECTED_FIELDS = {
    "skills": (
        "技能标签由运营同学根据你的作品来标注，不能自己修改。",
        "把 skills 改回原来的样子；想补充技能，请在 Issue 里告诉运营同学。",
    ),
    "private": ("private 是运营同学的备注，不能修改。", "把 private 部分改回原来的样子。"),
    "github": ("GitHub 账号不能在 Pull Request 里修改。", "要换账号，请联系运营同学。"),
}
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
OWN_AREA = (
    "你可以修改的只有：自己认领的模块文件夹 handbooks/手册/modules/模块/，和自己的档案 contributors/你的用户名.yml。"
)


@dataclass(frozen=True, slots=True)
class Revision:
    """One side of a pull request: what was read from it, and a way to read more."""

    repo: Repository
    entries: dict[str, Entry]
    read: Callable[[str], bytes]


@dataclass(frozen=True, slots=True)
class PullRequest:
    handles: frozenset[str]  # the author's handles in the talent pool (on the base)
    base: Revision
    head: Revision
    changes: tuple[Change, ...]
    cap: int
    rules: FileRules = field(default_factory=FileRules)


def handles_of(repo: Repository, login: str) -> frozenset[str]:
    """Talent-pool handles whose `github:` is this login; GitHub logins are case-insensitive."""
    return frozenset(h for h, p in repo.contributors.items() if p.github and p.github.lower() == login.lower())


def judge(pr: PullRequest) -> list[Finding]:
    findings: list[Finding] = []
    modules: dict[tuple[str, str], list[Change]] = {}
    for change in pr.changes:
        if match := MODULE_FILE.match(change.path):
            modules.setdefault((match[1], match[2]), []).append(change)
            findings += _file(pr, change, pr.rules.module_types)
        elif (match := PROFILE.match(change.path)) and match[1] in pr.handles:
            findings += _profile(pr, change)
        elif (match := AVATAR.match(change.path)) and match[1] in pr.handles:
            findings += _file(pr, change, IMAGE_TYPES)
        else:
            findings.append(operator_only(change.path))
    for (handbook_id, module_id), changed in modules.items():
        findings += _module(pr, handbook_id, module_id, changed)
    return findings


def operator_only(path: str) -> Finding:
    return error(
        "pr-operator-only",
        path,
        None,
        _owner_message(path),
        OWN_AREA + "确实需要改这里，请在 PR 里说明，运营同学会处理。",
    )


def _owner_message(path: str) -> str:
    parts = path.split("/")
    if parts[0] == "handbooks":
        if path.endswith("/handbook.yml"):
            return "手册蓝图 handbook.yml 只能由运营同学修改。"
        if len(parts) > 3 and parts[2] == "modules":
            return "这是一个模块文件夹外面的文件，只能由运营同学修改。"
        return "手册的封面和参考资料只能由运营同学修改。"
    if parts[0] == "contributors" and len(parts) > 1:
        if parts[1] == "squads":
            return "项目组文件只能由运营同学修改。"
        if parts[1] == "skills.yml":
            return "技能表只能由运营同学修改。"
        return "这是别人的档案（或人才库里的新档案），只能改你自己的那一份。"
    labels = {
        ".github": "GitHub 的设置和工作流",
        "mkdocs.yml": "网站配置 mkdocs.yml ",
        "plugins": "网站程序",
        "theme": "网站主题",
    }
    return f"{labels.get(parts[0], '这个文件')}只能由运营同学修改。"


def _file(pr: PullRequest, change: Change, types: frozenset[str]) -> list[Finding]:
    if change.deleted:
        return []
    if change.kind == "symlink":
        return [
            error(
                "pr-symlink",
                change.path,
                None,
                "这是一个符号链接（快捷方式），不能提交。",
                "删掉链接，把真正的文件放进文件夹。",
            )
        ]
    if change.kind != "file":
        return [
            error(
                "pr-file-kind",
                change.path,
                None,
                "这不是一个普通文件（可能是子模块），不能提交。",
                "只提交图片、视频、字幕和 Markdown 文件。",
            )
        ]
    ext = extension(change.path)
    if ext not in types:
        allowed = "、".join(sorted(types))
        return [
            error(
                "pr-file-type",
                change.path,
                None,
                f"不能提交 .{ext or '(无扩展名)'} 类型的文件。",
                f"只能提交这些类型：{allowed}。",
            )
        ]
    entry = pr.head.entries.get(change.path)
    limit = pr.rules.limit(change.path)
    if entry is not None and entry.size > limit:
        return [
            error(
                "pr-file-too-large",
                change.path,
                None,
                f"文件有 {human_size(entry.size)}，超过了 {human_size(limit)} 的上限。",
                "压缩图片或视频后再提交；大视频可以传到 B 站后填写 BV 号。",
            )
        ]
    return []


def _profile(pr: PullRequest, change: Change) -> list[Finding]:
    if change.deleted or change.kind != "file":
        return [
            error(
                "pr-profile-delete", change.path, None, "不能删除或替换自己的档案。", "要退出人才库，请联系运营同学。"
            )
        ]
    base, head = _yaml(pr.base.read, change.path), _yaml(pr.head.read, change.path)
    if head is None:
        return []  # not readable: validating the head reports where and why
    findings = []
    for key, (message, hint) in PROTECTED_FIELDS.items():
        if _plain(base.get(key) if base is not None else None) != _plain(head.get(key)):
            findings.append(error("pr-profile-field", change.path, head.key_lines.get(key), message, hint))
    return findings


def _yaml(read: Callable[[str], bytes], path: str) -> YamlMap | None:
    try:
        data = load(read(path).decode("utf-8"))
    except (YamlProblem, UnicodeDecodeError, OSError, RuntimeError):
        return None
    return data if isinstance(data, YamlMap) else None


def _plain(value: object) -> object:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _module(pr: PullRequest, handbook_id: str, module_id: str, changed: list[Change]) -> list[Finding]:
    index = f"handbooks/{handbook_id}/modules/{module_id}/index.md"
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
    team = _team(pr, handbook)
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
    base, head = pr.base.repo.work(handbook_id, module_id), pr.head.repo.work(handbook_id, module_id)
    if held := _held_by_others(pr, base, team):
        return [held]
    if head is None:
        return _folder_removed(pr, base, index, team) if index not in pr.head.entries else []
    return _claim_and_status(pr, base, head, team) + _credits_kept(pr, base, head)


def _team(pr: PullRequest, handbook: Handbook) -> frozenset[str] | None:
    """Whose modules the author may touch here: their own, or in a squad's handbook the squad's; None if barred."""
    squad = pr.base.repo.squads.get(handbook.squad) if handbook.squad else None
    if squad is None:
        return pr.handles
    return frozenset(squad.handles) if pr.handles & set(squad.handles) else None


def _held_by_others(pr: PullRequest, base: ModuleWork | None, team: frozenset[str]) -> Finding | None:
    if base is None or base.status == "open" or {c.handle for c in base.contributors} & team:
        return None
    holders = "、".join(pr.base.repo.name_of(c.handle) for c in base.contributors)
    return error(
        "pr-module-held",
        base.file,
        None,
        f"这个模块由 {holders} 负责（{STATE_LABELS.get(base.status, base.status)}），不能修改别人的模块。",
        "请在认领看板上挑一个待认领的模块；想一起做，请对方在自己的 PR 里把你加进 contributors。",
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
    if not {c.handle for c in head.contributors} & team:
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
    if before == "open" and after == "claimed":
        return _over_cap(pr, head)
    return []


def _over_cap(pr: PullRequest, head: ModuleWork) -> list[Finding]:
    handbook = pr.base.repo.handbook(head.handbook)
    if handbook is None or handbook.squad:  # squads are not capped: see claims.active_claims
        return []
    held = active_claims(pr.head.repo)
    for handle in sorted(pr.handles):
        works = held.get(handle, [])
        if len(works) > pr.cap:
            names = "、".join(w.module for w in works)
            return [
                error(
                    "pr-claim-cap",
                    head.file,
                    None,
                    f"合并后你会同时认领 {len(works)} 个模块（{names}），每人最多 {pr.cap} 个。",
                    "先交稿或释放一个模块，再来认领新的。",
                )
            ]
    return []


def _credits_kept(pr: PullRequest, base: ModuleWork | None, head: ModuleWork) -> list[Finding]:
    """Nobody may drop someone else's name from a module; adding co-creators is fine."""
    if base is None:
        return []
    kept = {c.handle for c in head.credits}
    gone = [c.handle for c in base.credits if c.handle not in kept and c.handle not in pr.handles]
    if not gone:
        return []
    names = "、".join(pr.base.repo.name_of(h) for h in gone)
    return [
        error(
            "pr-credit-removed",
            head.file,
            _front_line(pr, head.file, "contributors"),
            f"不能把 {names} 从贡献者里去掉。",
            "把他们加回 contributors（或 former_contributors）；署名有问题请联系运营同学。",
        )
    ]


def _front_line(pr: PullRequest, file: str, key: str) -> int | None:
    """The line of a front-matter key in the head's index.md, for annotations on the right line."""
    try:
        front = split_front_matter(pr.head.read(file).decode("utf-8")).front
        data = load(front) if front is not None else None
    except (YamlProblem, UnicodeDecodeError, RuntimeError):
        return None
    return data.key_lines[key] + 1 if isinstance(data, YamlMap) and key in data.key_lines else None
