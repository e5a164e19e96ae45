"""`cohandbook doctor`: what the operator sets up once, checked, and what to do about each gap, in Chinese.

The adapter gathers the facts (mkdocs.yml, CODEOWNERS, the git remote, files present, ffmpeg, and what
GitHub says given a token); these rules only judge them. A problem that blocks breaks the site or the bot
for car owners (exit 1); a warning is worth doing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..domain import labels
from ..domain.findings import Finding, warning
from ..domain.layout import (
    AVATAR_FOLDER,
    CLAIM_TEMPLATE,
    JOIN_TEMPLATE,
    SQUAD_TEMPLATE,
    SUBMIT_TEMPLATE,
    TRUSTED_STATUS,
    handbook_folder,
    profile_file,
    squad_file,
)

# The example repository's values: left in place, every claim button opens the example's repository.
EXAMPLE_OWNER = "xinghe-auto"
EXAMPLE_TEAM = "xinghe-community"
EXAMPLE_PEOPLE = ("chen-xi", "he-tao", "li-na", "qian-hao", "sun-yu", "wu-min", "zhao-lei", "zhou-kai")
EXAMPLE_PATHS = (
    handbook_folder("new-owner-guide") + "/",
    handbook_folder("winter-driving") + "/",
    *(profile_file(handle) for handle in EXAMPLE_PEOPLE),
    squad_file("ice-and-snow"),
    AVATAR_FOLDER + "/",
)
WORKFLOWS = {"bot.yml": "贡献机器人", "deploy.yml": "发布网站"}
# Workflows of older versions whose output a fork could forge (docs/pages/dev/security.md): left in place, a fork's
# own run still publishes a preview or shows a green check, so doctor says to delete them.
UNSAFE_WORKFLOWS = {
    "pull-request.yml": "旧版的检查：它的结果可以被 fork 伪造，已由 check.yml（提交检查）代替",
    "preview.yml": "旧版的网页预览：它会把 fork 自己生成的网页发布到品牌网址下，已由 check.yml 和 deploy.yml 代替",
}
FORMS = {CLAIM_TEMPLATE: "认领", SUBMIT_TEMPLATE: "提交作品", JOIN_TEMPLATE: "加入人才库", SQUAD_TEMPLATE: "组队邀请"}
GITHUB_REPO = re.compile(r"^(?:https://|ssh://git@|git@)github\.com[/:]([\w.-]+)/([\w.-]+?)(?:\.git)?/?$")


@dataclass(frozen=True, slots=True)
class Problem:
    blocks: bool
    topic: str
    message: str
    fix: str


@dataclass(frozen=True, slots=True)
class LocalFacts:
    config: dict[str, Any]  # mkdocs.yml's top-level keys
    operators: tuple[str, ...]
    codeowners: str | None
    remote: str | None  # the URL of the git remote `origin`
    remote_branch: str | None  # origin's default branch, when git knows it (origin/HEAD)
    present: frozenset[str]  # paths under .github/ that exist, e.g. "workflows/bot.yml"
    example_paths: tuple[str, ...]
    ffmpeg: bool


@dataclass(frozen=True, slots=True)
class GitHubFacts:
    default_branch: str
    labels: frozenset[str] | None  # None: the token may not read them
    pages_build_type: str | None  # None: Pages is off; "workflow" when GitHub Actions publishes
    required_checks: frozenset[str] | None  # None: the default branch is not protected
    unreadable: tuple[str, ...] = ()  # what the token was not allowed to read
    # Settings → Actions → Workflow permissions, "Allow GitHub Actions to create and approve pull requests"
    # (`can_approve_pull_request_reviews`); None: not known
    actions_open_pulls: bool | None = None


def github_slug(url: Any) -> str | None:
    """owner/name of a GitHub repository URL (https or ssh), lower-cased; None for anything else."""
    match = GITHUB_REPO.match(url.strip()) if isinstance(url, str) else None
    return f"{match[1]}/{match[2]}".lower() if match else None


def repo_url_findings(repo_url: str | None) -> list[Finding]:
    """`validate`'s warning: without `repo_url` the site can only ask car owners to contact the operators."""
    if repo_url:
        return []
    message = "没有写 repo_url：网站上没有认领和提交按钮，只能请车主联系运营人员。"
    return [
        warning("repo-url-missing", "mkdocs.yml", None, message, "写上 repo_url: https://github.com/你的组织/你的仓库")
    ]


def local_problems(facts: LocalFacts) -> list[Problem]:
    return [
        *_repo_url(facts),
        *_site_url(facts),
        *_edit_uri(facts.config, facts.remote_branch),
        *_operators(facts.operators),
        *_codeowners(facts),
        *_files(facts.present),
        *_examples(facts.example_paths),
        *_ffmpeg(facts.ffmpeg),
    ]


def _repo_url(facts: LocalFacts) -> list[Problem]:
    url, slug, remote = (
        facts.config.get("repo_url"),
        github_slug(facts.config.get("repo_url")),
        github_slug(facts.remote),
    )
    fix = f"在 mkdocs.yml 里写 repo_url: https://github.com/{remote or '你的组织/你的仓库'}"
    if not url:
        return [
            Problem(
                True, "repo_url", "mkdocs.yml 里没有 repo_url：网站上没有认领和提交按钮，车主不知道去哪里认领。", fix
            )
        ]
    if slug is None:
        return [Problem(True, "repo_url", f"repo_url 不是 GitHub 仓库的网址：{url}", fix)]
    if slug.startswith(EXAMPLE_OWNER + "/"):
        return [Problem(True, "repo_url", "repo_url 还是示例仓库的地址：网站上每个认领按钮都会打开示例仓库。", fix)]
    if remote and remote != slug:
        message = f"repo_url 指向 {slug}，但这个文件夹的 git 远程仓库是 {remote}。"
        return [Problem(True, "repo_url", message, f"把 repo_url 改成 https://github.com/{remote}")]
    return []


def _site_url(facts: LocalFacts) -> list[Problem]:
    url = facts.config.get("site_url")
    slug = github_slug(facts.config.get("repo_url"))
    slug = github_slug(facts.remote) if slug is None or slug.startswith(EXAMPLE_OWNER + "/") else slug
    expected = (
        f"https://{slug.split('/')[0]}.github.io/{slug.split('/')[1]}/"
        if slug
        else "https://你的组织.github.io/你的仓库/"
    )
    fix = f"在 mkdocs.yml 里写 site_url: {expected}（用自己的域名时写那个网址）"
    if not isinstance(url, str) or not url:
        return [Problem(False, "site_url", "mkdocs.yml 里没有 site_url：网页预览的链接和打印版的二维码用不了。", fix)]
    if f"{EXAMPLE_OWNER}.github.io" in url:
        return [Problem(True, "site_url", "site_url 还是示例网站的地址。", fix)]
    if ".github.io" in url and slug and url.rstrip("/").lower() + "/" != expected.lower():
        return [
            Problem(
                False, "site_url", f"site_url 是 {url}，和仓库对不上（GitHub Pages 的地址应该是 {expected}）。", fix
            )
        ]
    return []


def _edit_uri(config: dict[str, Any], branch: str | None) -> list[Problem]:
    value = config.get("edit_uri")
    fix = f"在 mkdocs.yml 里写 edit_uri: edit/{branch or 'main'}/handbooks/"
    if not isinstance(value, str) or not value:
        return [Problem(False, "edit_uri", "mkdocs.yml 里没有 edit_uri：网页上没有“编辑”按钮。", fix)]
    match = re.fullmatch(r"(?:edit|blob)/([^/]+)/handbooks/", value)
    if match is None:
        return [Problem(False, "edit_uri", f"edit_uri 是 {value}，“编辑”按钮可能打开错误的位置。", fix)]
    if branch and match[1] != branch:
        message = f"edit_uri 写的分支是 {match[1]}，但仓库的默认分支是 {branch}：“编辑”按钮会打开不存在的页面。"
        return [Problem(True, "edit_uri", message, fix)]
    return []


def _operators(operators: tuple[str, ...]) -> list[Problem]:
    fix = "在 mkdocs.yml 的 cohandbook: 下面写 operators: [你的GitHub用户名]"
    if not operators:
        return [Problem(True, "operators", "没有写运营人员（operators）：没人能 /验收、/延期 或组建项目组。", fix)]
    if EXAMPLE_TEAM in {o.lower() for o in operators}:
        return [Problem(True, "operators", f"operators 里还是示例的 {EXAMPLE_TEAM}。", fix)]
    return []


def _codeowners(facts: LocalFacts) -> list[Problem]:
    fix = "打开 .github/CODEOWNERS，把 @xinghe-community 换成你的团队（@组织/团队）或运营人员的 @用户名"
    if facts.codeowners is None:
        return [Problem(False, "CODEOWNERS", "没有 .github/CODEOWNERS：模块以外的改动不会自动请运营人员审核。", fix)]
    if f"@{EXAMPLE_TEAM}" in facts.codeowners.lower():
        return [Problem(True, "CODEOWNERS", "CODEOWNERS 里还是示例的团队 @xinghe-community。", fix)]
    return []


def _files(present: frozenset[str]) -> list[Problem]:
    problems = []
    if "workflows/check.yml" not in present:
        problems.append(_missing("workflows/check.yml", "提交规则检查"))
    problems += [_unsafe(name, why) for name, why in UNSAFE_WORKFLOWS.items() if f"workflows/{name}" in present]
    problems += [_missing(f"workflows/{n}", what) for n, what in WORKFLOWS.items() if f"workflows/{n}" not in present]
    forms = FORMS.items()
    return problems + [
        _missing(f"ISSUE_TEMPLATE/{n}", f"“{w}”表单") for n, w in forms if f"ISSUE_TEMPLATE/{n}" not in present
    ]


def _unsafe(name: str, why: str) -> Problem:
    return Problem(True, "文件", f"还留着 .github/workflows/{name}（{why}）。", f"删掉 .github/workflows/{name}。")


def _missing(path: str, what: str) -> Problem:
    return Problem(True, "文件", f"缺少 .github/{path}（{what}）。", "从示例仓库把这个文件复制回来，不要删掉它。")


def _examples(paths: tuple[str, ...]) -> list[Problem]:
    if not paths:
        return []
    listed = "、".join(paths)
    return [
        Problem(
            False, "示例内容", f"示例内容还在：{listed}。", "不需要的话删掉它们，网站上就不会出现示例手册和示例车主。"
        )
    ]


def _ffmpeg(found: bool) -> list[Problem]:
    fix = "安装 ffmpeg（Debian/Ubuntu：sudo apt-get install ffmpeg；Mac：brew install ffmpeg）"
    return (
        []
        if found
        else [
            Problem(False, "ffmpeg", "没有安装 ffmpeg：validate --fix-media 不能把 iPhone 的 MOV 视频转成 MP4。", fix)
        ]
    )


def github_problems(facts: GitHubFacts) -> list[Problem]:
    problems = [
        Problem(False, "令牌", f"令牌没有权限读取{what}，没有检查。", "用有仓库管理权限的令牌再运行一次。")
        for what in facts.unreadable
    ]
    if facts.labels is not None:
        missing = [label.name for label in labels.missing(list(facts.labels))]  # the bot makes them on its next run
        if missing:
            fix = "机器人下次运行时会自动建好；想马上建好，在 Actions → 贡献机器人 → Run workflow 运行一次"
            problems.append(Problem(False, "标签", f"缺少标签：{'、'.join(missing)}。", fix))
    return problems + _pages(facts) + _protection(facts) + _actions(facts)


def _pages(facts: GitHubFacts) -> list[Problem]:
    fix = "Settings → Pages → Build and deployment → Source 选 “GitHub Actions”"
    if "GitHub Pages" in facts.unreadable:
        return []
    if facts.pages_build_type is None:
        return [Problem(True, "Pages", "GitHub Pages 还没有打开：网站发布不出去。", fix)]
    if facts.pages_build_type != "workflow":
        return [Problem(True, "Pages", "GitHub Pages 的来源不是 GitHub Actions：发布网站的流程用不上。", fix)]
    return []


def _protection(facts: GitHubFacts) -> list[Problem]:
    branch = facts.default_branch
    fix = f"Settings → Branches（或 Rules）→ 保护 {branch} 分支，勾选“合并前必须通过状态检查”，加上 {TRUSTED_STATUS}"
    if "分支保护" in facts.unreadable:
        return []
    if facts.required_checks is None:
        return [Problem(True, "分支保护", f"默认分支 {branch} 没有保护：不合规则的改动也能合并进来。", fix)]
    if TRUSTED_STATUS not in facts.required_checks:
        return [Problem(True, "分支保护", f"{branch} 分支合并前没有要求通过 {TRUSTED_STATUS} 检查。", fix)]
    return []


def _actions(facts: GitHubFacts) -> list[Problem]:
    """The bot opens the hand-in's and the join's pull requests with the workflow's GITHUB_TOKEN, which GitHub
    refuses ("GitHub Actions is not permitted to create or approve pull requests") unless the repository allows
    it; new repositories and organisations do not."""
    if facts.actions_open_pulls is not False:
        return []
    message = "GitHub Actions 还不能开合并请求：车主用表单交稿、申请加入时，机器人开不了合并请求，作品交不上来。"
    fix = "Settings → Actions → General → Workflow permissions，勾选 “Allow GitHub Actions to create and approve pull requests”，保存"
    return [Problem(True, "Actions 权限", message, fix)]
