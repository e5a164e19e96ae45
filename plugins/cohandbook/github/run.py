"""One bot run: read the event, decide, commit and push (starting over when another run pushed first),
then comment and label. Exit codes: 0 done (or nothing to do, or a malformed event), 1 a step failed
(the repository is left as it was and the issue is told), 2 misconfigured (no token, no remote).

Long because one run carries out every kind of plan (commits, merges, hand-ins, join proposals) and the
recovery of each in one place.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..core.bot.attachments import HostPolicy
from ..core.bot.decide import decide
from ..core.bot.draft import Submission
from ..core.bot.events import (
    CommentEvent,
    Event,
    EventError,
    IssueEvent,
    PullCheckEvent,
    ScheduleEvent,
    parse_event,
)
from ..core.bot.plan import Comment, Plan, marker_of
from ..core.bot.squad_invite import SQUAD_LABEL, Remark, thread_of
from ..core.bot.submission import SUBMIT_LABEL
from ..core.bot.texts import failed
from ..core.bot.world import TRUSTED_STATUS, PullInfo, World
from ..core.domain.layout import module_of
from ..core.media.video import find_ffmpeg
from ..core.pr.handin import BRANCH_PREFIX
from ..core.read.reader import read_repository
from ..core.read.site_config import settings_at
from ..core.read.sources import FsSource, GitSource
from .api import GitHub, GitHubError
from .check import report_check
from .download import Fetcher
from .git import Git, GitFailure
from .labels import labelled
from .propose import propose
from .submit import hand_in, keep_pull_link

log = logging.getLogger("cohandbook.bot")
ATTEMPTS = 3  # a lost push race is retried from the winner's state; three losses in a row is not a race
EXIT_OK, EXIT_FAILED, EXIT_MISCONFIGURED = 0, 1, 2


class Misconfigured(RuntimeError):
    """What the operator must set up before the bot can run."""


@dataclass(frozen=True, slots=True)
class Setup:
    root: Path
    repository: str  # owner/name
    api_url: str
    server_url: str
    token: str

    @classmethod
    def from_env(cls, root: Path, env: Mapping[str, str]) -> Setup:
        missing = [k for k in ("GITHUB_TOKEN", "GITHUB_REPOSITORY") if not env.get(k, "").strip()]
        if missing:
            raise Misconfigured(f"missing environment: {', '.join(missing)} (set them in the workflow's env)")
        return cls(
            root=root,
            repository=env["GITHUB_REPOSITORY"].strip(),
            api_url=env.get("GITHUB_API_URL", "").strip() or "https://api.github.com",
            server_url=env.get("GITHUB_SERVER_URL", "").strip() or "https://github.com",
            token=env["GITHUB_TOKEN"].strip(),
        )

    @property
    def repo_url(self) -> str:
        return f"{self.server_url.rstrip('/')}/{self.repository}"


@dataclass
class Outcome:
    code: int = EXIT_OK
    pushed: str = ""  # the commit pushed, if any


def run(event_name: str, event_path: Path, setup: Setup, env: Mapping[str, str]) -> Outcome:
    event = _read_event(event_name, event_path)
    if event is None:
        return Outcome()
    git = Git(setup.root, setup.token, setup.server_url)
    if not git.has_origin():
        raise Misconfigured(f"{setup.root} has no git remote 'origin' to push to")
    github = GitHub(setup.api_url, setup.repository, setup.token)
    try:
        if isinstance(event, PullCheckEvent):  # the trusted check's report: it reads, never commits
            reported = report_check(event, setup.root, setup.repository, github, env, post_comments)
            return Outcome(EXIT_OK if reported else EXIT_FAILED)
        runner = Runner(setup, git, github, git.branch(), env)
        try:
            runner.thread = _thread(github, event)
        except GitHubError as exc:  # without the answers a squad's state would be wrong: do nothing
            log.error("cohandbook bot: could not read the issue's comments: %s; nothing done", exc)
            return Outcome(EXIT_FAILED)
        return runner.handle(event)
    finally:
        github.close()


def _read_event(name: str, path: Path) -> Event | None:
    try:
        payload = json.loads(path.read_bytes())
        return parse_event(name, payload)
    except (OSError, ValueError, EventError) as exc:
        log.error("cohandbook bot: cannot read the %s event in %s: %s; nothing done", name, path, exc)
        return None


def _thread(github: GitHub, event: Event) -> tuple[Remark, ...]:
    """The comments of a 组队 issue: squads by invitation are recomputed from them on every event."""
    if not isinstance(event, IssueEvent | CommentEvent) or SQUAD_LABEL not in event.labels:
        return ()
    return thread_of(github.comments(event.number))


class Runner:
    def __init__(self, setup: Setup, git: Git, github: GitHub, branch: str, env: Mapping[str, str]) -> None:
        self.setup, self.git, self.github, self.branch, self.env = setup, git, github, branch, env
        self.daily = False
        self.pull_number = 0
        self.pull: PullInfo | None = None
        self.thread: tuple[Remark, ...] = ()

    def world(self) -> World:
        source = FsSource(self.setup.root)
        settings = settings_at(self.setup.root)
        repo, findings = read_repository(source)
        today = settings.resolve_today(None, self.env)
        world = World(repo, tuple(findings), source, settings, today, self.setup.repo_url, self.branch)
        world = replace(world, thread=self.thread)
        if self.daily:
            return replace(world, handed_in=self._handed_in())
        if not self.pull_number:
            return world
        try:
            if self.pull is None or not self.pull.merged:
                self.pull = self._pull()
            return replace(world, pull=self.pull)
        except (GitHubError, GitFailure, OSError) as exc:
            log.error("cohandbook bot: could not read pull request #%s: %s", self.pull_number, exc)
            return world

    def _pull(self) -> PullInfo | None:
        """What GitHub and git say about the pull request a command was typed on (`/验收` merges the bot's)."""
        data = self.github.pull(self.pull_number)
        head = data.get("head") or {}
        ref, sha = str(head.get("ref") or ""), str(head.get("sha") or "")
        repo = (head.get("repo") or {}).get("full_name")
        ours = ref.startswith(BRANCH_PREFIX) and repo == self.setup.repository and re.fullmatch(r"[0-9a-f]{40}", sha)
        merged = bool(data.get("merged"))
        if not ours or merged:
            return PullInfo(self.pull_number, sha, False, merged, False)
        self.git.run("fetch", "-q", "origin", f"+refs/heads/{ref}:refs/cohandbook/pull")
        if self.git.run("rev-parse", "refs/cohandbook/pull").stdout.strip() != sha:
            return PullInfo(self.pull_number, sha, False, merged, False)  # moved meanwhile: judge the next comment
        source = GitSource(self.setup.root, sha)
        modules = tuple(sorted({key for c in source.changes_since(self.branch) if (key := module_of(c.path))}))
        checked = self.github.status_state(sha, TRUSTED_STATUS) == "success"
        issue = int(ref.removeprefix(BRANCH_PREFIX)) if ref.removeprefix(BRANCH_PREFIX).isdigit() else None
        return PullInfo(self.pull_number, sha, True, merged, checked, modules=modules, head=source, issue=issue)

    def _handed_in(self) -> frozenset[tuple[str, str]] | None:
        try:
            paths = self.github.open_pull_files()
        except (GitHubError, OSError, KeyError, TypeError) as exc:
            log.error("cohandbook bot: could not list open pull requests: %s; no claim is released today", exc)
            return None
        return frozenset(key for path in paths if (key := module_of(path)) is not None)

    def handle(self, event: Event) -> Outcome:
        self.daily = isinstance(event, ScheduleEvent)
        wants_pull = isinstance(event, CommentEvent) and event.on_pull_request and event.body.lstrip().startswith("/")
        self.pull_number = event.number if isinstance(event, CommentEvent) and wants_pull else 0
        start = self.git.head()
        plan, pushed = Plan(), ""
        written: list[str] = []
        try:
            event = labelled(event, self.github)
            for _ in range(ATTEMPTS):
                plan = decide(event, self.world())
                if plan.submission is not None:  # a hand-in goes to its own branch and pull request
                    plan = plan + self._hand_in(plan.submission)
                    break
                if plan.proposal is not None:  # a join: a pull request for the operator to merge
                    plan = plan + propose(plan.proposal, self.git, self.github, self.branch)
                    break
                if isinstance(event, IssueEvent) and SUBMIT_LABEL in event.labels:
                    plan = keep_pull_link(plan, self.github, event.number)
                if plan.merge is not None:  # the hand-in first: then the acceptance lands on the merged branch
                    self._merge(*plan.merge, plan.message)
                if not plan.changes:
                    break
                written = self.git.apply(plan.changes)
                self.git.commit(written, plan.message)
                if self.git.push(self.branch):
                    pushed = self.git.head()
                    break
                log.info("cohandbook bot: the push lost a race; starting over from the remote")
                self.git.sync(self.branch)
                written = []
            else:
                raise GitFailure(f"the push was rejected {ATTEMPTS} times in a row")
        except Exception as exc:  # anything: leave the repository as it was, and say so where it was asked
            log.exception("cohandbook bot: failed before anything was pushed: %s", exc)
            self.git.restore(start, written)
            self._tell_failure(plan, event)
            return Outcome(EXIT_FAILED)
        for line in plan.log:
            log.info("cohandbook bot: %s", line)
        return Outcome(self._talk(plan), pushed)

    def _merge(self, number: int, sha: str, title: str) -> None:
        self.github.merge_pull(number, sha, title)
        self.git.sync(self.branch)
        if self.pull is not None:  # merged: a retry accepts the same module on the branch as it now is
            self.pull = replace(self.pull, merged=True, head=None)

    def _hand_in(self, submission: Submission) -> Plan:
        host = self.env.get("COHANDBOOK_ATTACHMENT_HOST", "").strip()  # tests only: 127.0.0.1 or refused
        fetcher = Fetcher(HostPolicy.for_tests(host) if host else HostPolicy())
        today = settings_at(self.setup.root).resolve_today(None, self.env)  # not a whole new read of the repo
        return hand_in(submission, self.git, self.github, self.branch, fetcher, find_ffmpeg(), today)

    def _talk(self, plan: Plan) -> int:
        try:
            post_comments(self.github, plan.comments)
            for issue, label in plan.labels:
                self.github.add_labels(issue, [label])
            for issue in plan.closes:
                self.github.update_issue(issue, state="closed", state_reason="completed")
        except GitHubError as exc:
            log.error("cohandbook bot: talking to GitHub failed: %s", exc)
            return EXIT_FAILED
        return EXIT_OK

    def _tell_failure(self, plan: Plan, event: Event) -> None:
        issue = plan.failure_issue or getattr(event, "number", None)
        if issue is None:
            return
        try:
            post_comments(self.github, (Comment(issue, f"cohandbook:failed:{issue}", failed("处理你的请求")),))
        except GitHubError as exc:
            log.error("cohandbook bot: could not report the failure on #%s: %s", issue, exc)


def post_comments(github: GitHub, comments: tuple[Comment, ...]) -> None:
    """Post each comment, or edit the bot's earlier one with the same marker (`once`: leave it alone)."""
    for issue in sorted({c.issue for c in comments}):
        earlier = _ours(github.comments(issue))
        for comment in (c for c in comments if c.issue == issue):
            found = earlier.get(comment.marker)
            if found is None:
                earlier[comment.marker] = {"id": github.create_comment(issue, comment.text), "body": comment.text}
            elif not comment.once and found.get("body") != comment.text:
                github.update_comment(int(found["id"]), comment.text)


def _ours(comments: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The bot's own earlier comments by marker: a person who pastes a marker cannot silence the bot."""
    found: dict[str, dict[str, Any]] = {}
    for comment in comments:
        user = comment.get("user") or {}
        body = comment.get("body")
        if (
            isinstance(user, dict)
            and user.get("type") == "Bot"
            and isinstance(body, str)
            and isinstance(comment.get("id"), int)
        ):
            marker = marker_of(body)
            if marker and marker not in found:
                found[marker] = comment
    return found
