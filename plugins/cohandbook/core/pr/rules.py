"""The pull-request rules: which paths a contributor may change, judged from the base, the head and the diff.

A contributor (matched by the `github:` login in their profile on the base) may change files in module
folders (what they may do there: module_rules.py), their own avatar, and their own profile except `skills`,
`private` and `github`. Everything else belongs to operators. Every refusal names the file and says what
to do instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..domain.findings import Finding, YamlProblem, error
from ..domain.model import Repository
from ..read.reader import IMAGE_TYPES, extension, human_size
from ..read.sources import Change
from ..read.yamlsafe import YamlMap, load
from .module_rules import judge_module
from .pull_request import PullRequest

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
OWN_AREA = (
    "你可以修改的只有：自己认领的模块文件夹 handbooks/手册/modules/模块/，和自己的档案 contributors/你的用户名.yml。"
)


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
        findings += judge_module(pr, handbook_id, module_id, changed)
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
        if (base.get(key) if base is not None else None) != head.get(key):  # contents, not line numbers
            findings.append(error("pr-profile-field", change.path, head.key_lines.get(key), message, hint))
    return findings


def _yaml(read: Callable[[str], bytes], path: str) -> YamlMap | None:
    try:
        data = load(read(path).decode("utf-8"))
    except (YamlProblem, UnicodeDecodeError, OSError, RuntimeError):
        return None
    return data if isinstance(data, YamlMap) else None
