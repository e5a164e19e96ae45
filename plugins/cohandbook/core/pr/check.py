"""Judging a pull request: both revisions are read from git objects, never from the working tree.

The base decides everything that grants rights: who the operators are (its mkdocs.yml), who the author is
(its talent pool), who holds which module. A pull request therefore cannot make itself an operator, add
its author to the talent pool or release someone else's claim and be judged by that change. The head is
then validated like `cohandbook validate`, so broken content is refused before it is merged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from ..check.validate import check_source
from ..domain.findings import Finding, error, has_errors, sorted_findings
from ..domain.layout import CONTRIBUTORS, blueprint_file, join_link, module_folder, module_of
from ..domain.model import Repository
from ..domain.settings import Settings, parse_settings
from ..read.files import TEXT_TYPES, extension, size_limit
from ..read.reader import read_repository
from ..read.site_config import CONFIG_FILE
from ..read.sources import Change, Entry, GitSource, resolve_revision
from .application import application_findings, applying_as
from .handin import submitted_by
from .pull_request import PullRequest, Revision
from .rules import handles_of, judge


@dataclass(frozen=True, slots=True)
class Verdict:
    author: str
    role: str  # operator | contributor | applicant (adds only their own new profile) | unknown
    handles: tuple[str, ...]
    changes: tuple[Change, ...]
    findings: tuple[Finding, ...]

    @property
    def accepted(self) -> bool:
        return not has_errors(list(self.findings))


def base_settings(repo: Path, base: str) -> Settings:
    """The plugin options in the base's mkdocs.yml: the pull request's own copy has no say."""
    text = GitSource(repo, resolve_revision(repo, base)).read_optional(CONFIG_FILE)
    return parse_settings(text.decode("utf-8", "replace") if text is not None else None)


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a pull request's head lives, as GitHub's event says (not as the pull request says)."""

    head_repo: str = ""  # owner/name of the head's repository
    base_repo: str = ""  # owner/name of the repository the pull request targets
    head_ref: str = ""  # the head's branch name


def judged_author(repo: Path, base: str, head: str, author: str, origin: Origin) -> str:
    """Whose pull request this is: the author, or, for the bot's own hand-in, the person who handed in.

    A bot-made pull request names its submitter in the trailers of its first commit. That record counts only
    when the head is a branch *in the repository itself*, named after the submission issue: a fork can write
    any trailer, but it cannot create a branch in the repository, and GitHub, not the fork, says where the
    head lives. Anyone else's trailers are ignored: they are judged as themselves.
    """
    same_repo = origin.head_repo and origin.head_repo.lower() == origin.base_repo.lower()
    if not author.lower().endswith("[bot]") or not same_repo:
        return author
    message = GitSource(repo, head).first_message_since(base)
    return submitted_by(message, origin.head_ref) or author


def check_pull_request(
    repo: Path, base: str, head: str, author: str, today: date, settings: Settings | None = None
) -> Verdict:
    base, head = resolve_revision(repo, base), resolve_revision(repo, head)
    settings = settings or base_settings(repo, base)
    base_source, head_source = GitSource(repo, base), GitSource(repo, head)
    changes = tuple(head_source.changes_since(base))
    base_repo, _ = read_repository(_Subset(base_source, _base_paths(changes), frozenset()))
    handles = handles_of(base_repo, author)
    role = "operator" if settings.is_operator(author) else "contributor" if handles else "unknown"
    if role == "unknown":
        applying = applying_as(changes)
        if applying is None:
            return Verdict(author, role, (), changes, (_stranger(author, settings),))
        head_repo, findings = _validate(head_source, base_source, today, changes)
        findings += application_findings(applying, head_repo, author)
        return Verdict(author, "applicant", (applying,), changes, tuple(sorted_findings(findings)))
    head_repo, findings = _validate(head_source, base_source, today, changes)
    if role == "contributor":
        sides = _revision(base_repo, base_source), _revision(head_repo, head_source)
        findings = _said_once(judge(PullRequest(handles, *sides, changes, settings.claim_cap)), findings)
    return Verdict(author, role, tuple(sorted(handles)), changes, tuple(sorted_findings(findings)))


def _revision(repo: Repository, source: GitSource) -> Revision:
    return Revision(repo, {e.path: e for e in source.entries()}, source.read)


def _base_paths(changes: tuple[Change, ...]) -> Callable[[str], bool]:
    """From the base, only what the rules need: the talent pool, the touched modules and their blueprints.

    Parsing YAML is most of a check's time; on a big repository the untouched blueprints would double it.
    """
    touched = {key for c in changes if (key := module_of(c.path))}
    folders = tuple(module_folder(h, m) + "/" for h, m in touched)
    blueprints = {blueprint_file(h) for h, _ in touched}

    def keep(path: str) -> bool:
        return path.startswith((f"{CONTRIBUTORS}/", *folders)) or path in blueprints

    return keep


class _Subset:
    """A source that lists only some of its entries, so the reader parses only what is needed.

    The content of media files (their first bytes) is judged only for the paths the pull request changed:
    the others were judged when they were merged, and reading every photo of a big repository from git
    would make each check slow.
    """

    def __init__(self, source: GitSource, keep: Callable[[str], bool], changed: frozenset[str]) -> None:
        self.source = source
        self.keep = keep
        self.changed = changed

    def entries(self) -> list[Entry]:
        found = [e for e in self.source.entries() if self.keep(e.path)]
        _prefetch(self.source, found)
        return found

    def read(self, path: str) -> bytes:
        return self.source.read(path)

    def read_head(self, path: str, size: int) -> bytes | None:
        return self.source.read_head(path, size) if path in self.changed else None


def _everything(path: str) -> bool:
    return True


def _prefetch(source: GitSource, entries: list[Entry]) -> None:
    """One `git cat-file --batch` for every text file the reader will parse, instead of one call each."""
    wanted = [e.path for e in entries if extension(e.path) in TEXT_TYPES and e.size <= size_limit(e.path)]
    source.read_many(wanted)


def _validate(
    head: GitSource, base: GitSource, today: date, changes: tuple[Change, ...]
) -> tuple[Repository, list[Finding]]:
    changed = frozenset(c.path for c in changes if not c.deleted)
    repo, findings = check_source(_Subset(head, _everything, changed), today)
    if has_errors(findings):
        findings = _mark_inherited(findings, base, today)
    return repo, findings


def _mark_inherited(findings: list[Finding], base: GitSource, today: date) -> list[Finding]:
    """Errors the base already had are not the pull request's fault: report them, but as warnings."""
    _, before = check_source(_Subset(base, _everything, frozenset()), today)
    known = {(f.code, f.file, f.message) for f in before if f.is_error}
    return [
        replace(f, level="warning", message="（合并前就有的问题）" + f.message)
        if (f.code, f.file, f.message) in known
        else f
        for f in findings
    ]


def _said_once(rules: list[Finding], validation: list[Finding]) -> list[Finding]:
    """A file the pull-request rules refuse (a photo one folder too high, say) is not also reported by
    validating the head as a file: the rules' finding says where it belongs."""
    refused = {f.file for f in rules if f.line is None}
    return rules + [f for f in validation if f.line is not None or f.file not in refused]


def _stranger(login: str, settings: Settings) -> Finding:
    where = f"（{join_link(settings.repo_url)}）" if settings.repo_url else ""
    return error(
        "pr-unknown-author",
        f"{CONTRIBUTORS}/",
        None,
        f"你好，{login}！你的 GitHub 账号还没有登记在人才库里，所以这个 Pull Request 暂时不能合并。",
        f"加入方法：在仓库的 Issues 里选“申请加入”{where}，或者联系运营同学；"
        f"登记后，你的档案 contributors/你的用户名.yml 里会写上 github: {login}，再重新运行这个检查就可以了。",
    )
