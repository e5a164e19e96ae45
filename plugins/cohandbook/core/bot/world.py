"""What a decision may look at: the repository as checked out, its settings, today, and where it lives."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..domain.findings import Finding
from ..domain.handin import submit_link
from ..domain.layout import TRUSTED_STATUS, join_link, module_page_of
from ..domain.model import Repository
from ..domain.settings import Settings
from ..edits.claims import Target, find_target
from ..pr.rules import handles_of
from ..read.bounded_json import loads_bounded
from ..read.sources import Source
from .squad_invite import Remark


@dataclass(frozen=True, slots=True)
class PrReport:
    """The trusted check's verdict, from its judge job's artifact; read as hostile data all the same."""

    number: int
    head_sha: str
    findings: tuple[Finding, ...]
    pages: tuple[str, ...] = ()  # the module pages it changes (`handbook/module/`), for preview links


__all__ = ["TRUSTED_STATUS", "PrReport", "PullInfo", "World", "parse_report"]


@dataclass(frozen=True, slots=True)
class PullInfo:
    """The pull request a comment was made on, as GitHub and git say (never as its text says)."""

    number: int
    head_sha: str
    ours: bool  # the bot's own hand-in branch in this repository (`cohandbook/submit-<n>`)
    merged: bool
    checked: bool  # the trusted status (`TRUSTED_STATUS`) on the head commit is success
    modules: tuple[tuple[str, str], ...] = ()  # the module folders it changes, from git
    issue: int | None = None  # the 提交 issue a bot hand-in came from (its branch says which)
    head: Source | None = None  # the head commit's files, read from git objects


@dataclass(frozen=True, slots=True)
class World:
    repo: Repository
    findings: tuple[Finding, ...]  # what reading the repository found
    source: Source
    settings: Settings
    today: date
    repo_url: str  # https://github.com/<owner>/<name>
    branch: str  # the default branch, checked out
    # Modules with an open hand-in (an open pull request touching them, the bot's own included), for the
    # daily round; None when GitHub could not say (then nothing is released that day).
    handed_in: frozenset[tuple[str, str]] | None = frozenset()
    pull: PullInfo | None = None  # for a comment on a pull request
    thread: tuple[Remark, ...] = ()  # the comments of a 组队 issue by people: squads are recomputed from them

    def text(self, path: str) -> str:
        return self.source.read(path).decode("utf-8")

    def handle_of(self, login: str) -> str | None:
        """The talent-pool handle of a GitHub login; the first in order when two profiles share it."""
        handles = sorted(handles_of(self.repo, login))
        return handles[0] if handles else None

    def target(self, handbook: str, module: str) -> Target | None:
        return find_target(self.repo, handbook, module)

    def linked(self, issue: int) -> Target | None:
        """The module whose claim came from this issue (`issue: <n>` in its front matter); None when no claim,
        or more than one, names it (an issue is linked to the claim it created and to no other)."""
        named = [key for key, work in sorted(self.repo.works.items()) if work.issue == issue and work.status != "open"]
        return self.target(*named[0]) if len(named) == 1 else None

    def upload_link(self, target: Target) -> str:
        return f"{self.repo_url}/upload/{self.branch}/{target.folder}"

    def edit_link(self, target: Target) -> str:
        return f"{self.repo_url}/edit/{self.branch}/{target.index}"

    def file_link(self, path: str) -> str:
        return f"{self.repo_url}/blob/{self.branch}/{path}"

    def submit_link(self, target: Target) -> str:
        """The submission form, prefilled with this module (the same link as the site's 提交作品 buttons)."""
        return submit_link(self.repo_url, target.handbook.id, target.spec)

    def join_link(self) -> str:
        return join_link(self.repo_url)


MAX_PAGES = 20


def parse_report(files: dict[str, bytes]) -> PrReport:
    """The check's artifact: `number`, `head_sha` and `findings.json` (check-pr --format json). Hostile."""
    number = int(files["number"].decode("ascii").strip())
    head = files["head_sha"].decode("ascii").strip()
    if number < 1 or not re.fullmatch(r"[0-9a-f]{40}", head):
        raise ValueError("number or head_sha malformed")
    items = loads_bounded(files["findings.json"])  # a ValueError when too big or too deep, never recursion
    if not isinstance(items, list):
        raise ValueError("findings.json is not a list")
    pages = files.get("pages", b"").decode("utf-8", "replace").split()
    changed = tuple(sorted({p for p in pages if module_page_of(p)}))[:MAX_PAGES]
    return PrReport(number, head, tuple(_finding(item) for item in items), pages=changed)


def _finding(item: Any) -> Finding:
    if not isinstance(item, dict):
        raise ValueError("a finding is not an object")
    level = item.get("level")
    line = item.get("line")
    texts = [_text(item.get(k)) for k in ("code", "file", "message", "hint")]
    return Finding(
        "error" if level != "warning" else "warning",
        texts[0],
        texts[1],
        line if isinstance(line, int) and not isinstance(line, bool) and line > 0 else None,
        texts[2],
        texts[3],
    )


def _text(value: Any) -> str:
    return value[:2000] if isinstance(value, str) else ""
