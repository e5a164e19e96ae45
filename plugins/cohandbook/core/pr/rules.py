"""The pull-request rules: which paths a contributor may change, judged from the base, the head and the diff.

A contributor (matched by the `github:` login in their profile on the base) may change files in module
folders (what they may do there: module_rules.py), their own avatar, and their own profile except `skills`,
`private` and `github`. Everything else belongs to operators. Every refusal names the file and says what
to do instead.
"""

from __future__ import annotations

from collections.abc import Callable

from ..domain.findings import Finding, YamlProblem, error
from ..domain.layout import CONTRIBUTORS, HANDBOOKS, avatar_of, handbook_of, is_id, module_of, profile_of
from ..domain.model import Repository
from ..read.advice import misplaced_upload
from ..read.files import place_of
from ..read.sources import Change
from ..read.yamlsafe import YamlMap, load
from .module_rules import judge_module
from .pull_request import PullRequest

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
        # Whether a file itself is allowed (type, size, name, content, links) is the file rules' call: the
        # head is validated with them. Here only who may change which path.
        if key := module_of(change.path):
            modules.setdefault(key, []).append(change)
        elif profile_of(change.path) in pr.handles:
            findings += _profile(pr, change)
        elif avatar_of(change.path) not in pr.handles:
            findings.append(misplaced_upload(change.path, _own_modules(pr, change.path)) or operator_only(change.path))
    for (handbook_id, module_id), changed in modules.items():
        if is_id(module_id):  # a misnamed folder is reported once, by reading the head
            findings += judge_module(pr, handbook_id, module_id, changed)
    return findings


def _own_modules(pr: PullRequest, path: str) -> list[str]:
    """The module folders in this path's handbook that the author is credited on (head or base)."""
    handbook_id = handbook_of(path)
    if handbook_id is None:
        return []
    folders = {
        w.folder
        for repo in (pr.head.repo, pr.base.repo)
        for (handbook, _), w in repo.works.items()
        if handbook == handbook_id and {c.handle for c in w.contributors} & pr.handles
    }
    return sorted(folders)


def operator_only(path: str) -> Finding:
    return error(
        "pr-operator-only",
        path,
        None,
        _owner_message(path),
        OWN_AREA + "确实需要改这里，请在 PR 里说明，运营同学会处理。",
    )


_OWNED = {  # the operators' places in the handbooks and contributors folders (read/files.place_of's kinds)
    "blueprint": "手册蓝图 handbook.yml 只能由运营同学修改。",
    **dict.fromkeys(("stray", "module", "module-asset"), "这是一个模块文件夹外面的文件，只能由运营同学修改。"),
    "handbook-asset": "手册的封面和参考资料只能由运营同学修改。",
    "squad": "项目组文件只能由运营同学修改。",
    "skills": "技能表只能由运营同学修改。",
}
_TOP_LABELS = {
    ".github": "GitHub 的设置和工作流",
    "mkdocs.yml": "网站配置 mkdocs.yml ",
    "plugins": "网站程序",
    "theme": "网站主题",
}


def _owner_message(path: str) -> str:
    top = path.split("/")[0]
    if top in (HANDBOOKS, CONTRIBUTORS) and "/" in path:
        default = "这是别人的档案（或人才库里的新档案），只能改你自己的那一份。"
        return _OWNED.get(place_of(path).kind, default)
    return f"{_TOP_LABELS.get(top, '这个文件')}只能由运营同学修改。"


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
