"""The bot under test: a real git repository with a bare remote, a stand-in for GitHub's REST API on
127.0.0.1 (pytest-httpserver), and webhook payloads shaped like GitHub's own. Long because it stands in for every endpoint the bot calls."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result
from gitrepo import git
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from cohandbook.cli.main import cli
from conftest import TODAY, Repo, dump

OWNER_REPO = "xinghe/handbook"
OPERATOR = "xinghe-community"
BOT = {"login": "github-actions[bot]", "id": 41898282, "type": "Bot"}
ALL_LABELS = ("认领", "已认领", "提交", "已交稿", "加入", "组队")


def user(login: str, kind: str = "User") -> dict[str, Any]:
    return {"login": login, "id": abs(hash(login)) % 10**8, "node_id": "U_x", "type": kind, "site_admin": False}


def claim_form_body(handbook: str, module: str, handle: str = "li-na", plan: str = "") -> str:
    """The issue body GitHub renders from .github/ISSUE_TEMPLATE/claim.yml."""
    return (
        f"### 手册编号\n\n{handbook}\n\n### 模块编号\n\n{module}\n\n### 你在人才库里的用户名\n\n{handle}\n\n"
        f"### 你打算怎么做\n\n{plan or '_No response_'}\n\n### 确认\n\n- [X] 我会在截止日期前交稿；做不完会提前在这里说一声，把模块让给别人。"
    )


def _issue(number: int, login: str, body: str, labels: list[str], title: str = "认领：") -> dict[str, Any]:
    return {
        "url": f"https://api.github.com/repos/{OWNER_REPO}/issues/{number}",
        "html_url": f"https://github.com/{OWNER_REPO}/issues/{number}",
        "id": 1000 + number,
        "number": number,
        "title": title,
        "user": user(login),
        "labels": [{"id": i, "name": name, "color": "ededed", "default": False} for i, name in enumerate(labels)],
        "state": "open",
        "locked": False,
        "comments": 0,
        "author_association": "NONE",
        "body": body,
    }


def _repository() -> dict[str, Any]:
    return {"id": 1, "name": "handbook", "full_name": OWNER_REPO, "default_branch": "main", "private": False}


def issues_event(number: int, login: str, body: str, labels: list[str], action: str = "opened") -> dict[str, Any]:
    return {
        "action": action,
        "issue": _issue(number, login, body, labels),
        "repository": _repository(),
        "sender": user(login),
    }


def comment_event(
    number: int,
    login: str,
    body: str,
    comment_id: int = 555,
    kind: str = "User",
    labels: list[str] | None = None,
    pr: bool = False,
) -> dict[str, Any]:
    issue = _issue(number, "someone", "", labels or [])
    if pr:
        issue["pull_request"] = {"url": f"https://api.github.com/repos/{OWNER_REPO}/pulls/{number}"}
    return {
        "action": "created",
        "issue": issue,
        "comment": {"id": comment_id, "user": user(login, kind), "body": body, "author_association": "NONE"},
        "repository": _repository(),
        "sender": user(login, kind),
    }


def schedule_event() -> dict[str, Any]:
    return {"schedule": "5 16 * * *", "repository": _repository(), "workflow": ".github/workflows/bot.yml"}


def workflow_run_event(head_sha: str, pulls: list[int]) -> dict[str, Any]:
    return {
        "action": "completed",
        "workflow_run": {
            "id": 30433642,
            "name": "检查 Pull Request",
            "event": "pull_request",
            "status": "completed",
            "conclusion": "failure",
            "head_sha": head_sha,
            "head_branch": "patch-1",
            "pull_requests": [{"id": 1, "number": n, "head": {"sha": head_sha}} for n in pulls],
        },
        "repository": _repository(),
        "sender": user("lina-drives"),
    }


def pull_object(number: int, head_sha: str, base_sha: str, *, login: str = "lina-drives", head_repo: str = "",
                head_ref: str = "patch-1", state: str = "open") -> dict[str, Any]:  # fmt: skip
    """A pull request as the webhook (`pull_request`) and `GET /pulls/{n}` give it: the fields that matter."""
    head_repo = head_repo or f"{login}/handbook"
    owner = head_repo.split("/")[0]
    fork = {**_repository(), "id": 2, "full_name": head_repo, "fork": head_repo != OWNER_REPO}
    return {
        "url": f"https://api.github.com/repos/{OWNER_REPO}/pulls/{number}",
        "id": 279147437 + number,
        "html_url": f"https://github.com/{OWNER_REPO}/pull/{number}",
        "number": number,
        "state": state,
        "locked": False,
        "title": "冬季胎压",
        "user": user(login, "Bot" if login.endswith("[bot]") else "User"),
        "body": "改好了",
        "head": {"label": f"{owner}:{head_ref}", "ref": head_ref, "sha": head_sha, "user": user(owner), "repo": fork},
        "base": {"label": "xinghe:main", "ref": "main", "sha": base_sha, "user": user("xinghe"), "repo": _repository()},
        "author_association": "CONTRIBUTOR",
        "draft": False,
        "merged": False,
    }


def pull_request_target_event(pull: dict[str, Any], action: str = "synchronize") -> dict[str, Any]:
    return {"action": action, "number": pull["number"], "pull_request": pull, "repository": _repository(),
            "sender": pull["user"]}  # fmt: skip


def dispatch_event(pr: str) -> dict[str, Any]:
    """`workflow_dispatch` of the trusted check with its one input."""
    return {"inputs": {"pr": pr}, "ref": "refs/heads/main", "repository": _repository(), "sender": user("xinghe-community"),
            "workflow": ".github/workflows/check.yml"}  # fmt: skip


class FakeGitHub:
    """Issues, comments and labels in memory, served as GitHub's REST API serves them."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.comments: dict[int, list[dict[str, Any]]] = {}
        self.labels: dict[int, list[str]] = {}
        self.closed: dict[int, dict[str, Any]] = {}
        self.calls: list[tuple[str, str]] = []
        self.next_id = 9000
        self.fail_posts = False
        self.pulls: dict[int, str] = {}  # pull request number -> its head commit
        self.failing_pulls: set[int] = set()  # GitHub answers 502 for these
        self.closed_pulls: set[int] = set()  # merged or closed: GET /pulls/{n} says "closed"
        self.created_pulls: list[dict[str, Any]] = []  # POST /pulls bodies; number 42, 43, … in order
        self.repo_labels: list[str] = list(ALL_LABELS)  # the repository's labels (set [] to start without)
        self.label_calls: list[tuple[str, str]] = []  # kept apart from `calls`: label upkeep, not talk
        self.new_labels: list[dict[str, Any]] = []  # POST /labels bodies
        self.pull_objects: dict[int, dict[str, Any]] = {}  # whole pull requests, as GitHub gives them
        self.posted_statuses: list[tuple[str, dict[str, Any]]] = []  # (sha, body) of POST /statuses/{sha}
        self.dispatches: list[tuple[str, dict[str, Any]]] = []  # (workflow, body) of workflow dispatches
        self.open_pulls: dict[int, list[str]] = {}  # open pull request number -> the paths it changes
        self.own_pulls: dict[int, str] = {}  # pull requests from the bot's own branches: number -> branch
        self.statuses: dict[str, str] = {}  # commit -> state of the trusted status cohandbook/提交规则
        self.merged: dict[int, dict[str, Any]] = {}  # what PUT .../merge was sent
        self.on_merge: Any = None  # called with (number, sha) to merge for real in the test's remote
        server.expect_request(re.compile(rf"^/repos/{OWNER_REPO}/commits/[0-9a-f]+/status$")).respond_with_handler(
            self._status
        )
        server.expect_request(re.compile(rf"^/repos/{OWNER_REPO}/pulls/\d+/merge$"), method="PUT").respond_with_handler(
            self._merge
        )
        base = f"/repos/{OWNER_REPO}"
        server.expect_request(f"{base}/pulls", method="POST").respond_with_handler(self._create_pull)
        server.expect_request(f"{base}/labels").respond_with_handler(self._repo_labels)
        server.expect_request(re.compile(rf"^{base}/statuses/[0-9a-f]{{40}}$"), method="POST").respond_with_handler(
            self._post_status
        )
        server.expect_request(
            re.compile(rf"^{base}/actions/workflows/[^/]+/dispatches$"), method="POST"
        ).respond_with_handler(self._dispatch)
        server.expect_request(re.compile(rf"^{base}/pulls/\d+$"), method="GET").respond_with_handler(self._pull)
        server.expect_request(f"{base}/pulls", method="GET").respond_with_handler(self._pull_list)
        server.expect_request(re.compile(rf"^{base}/pulls/\d+/files$")).respond_with_handler(self._pull_files)
        server.expect_request(re.compile(rf"^{base}/issues/\d+/comments$")).respond_with_handler(self._comments)
        server.expect_request(re.compile(rf"^{base}/issues/comments/\d+$"), method="PATCH").respond_with_handler(
            self._patch
        )
        server.expect_request(re.compile(rf"^{base}/issues/\d+/labels$"), method="POST").respond_with_handler(
            self._label
        )
        server.expect_request(re.compile(rf"^{base}/issues/\d+$"), method="PATCH").respond_with_handler(self._issue)

    @property
    def url(self) -> str:
        return self.server.url_for("").rstrip("/")

    def bodies(self, issue: int) -> list[str]:
        return [c["body"] for c in self.comments.get(issue, [])]

    def _comments(self, request: Request) -> Response:
        issue = int(request.path.split("/")[-2])
        self.calls.append((request.method, request.path))
        if request.method == "GET":
            return Response(json.dumps(self.comments.get(issue, [])), content_type="application/json")
        if self.fail_posts:
            return Response('{"message": "Server Error"}', status=500, content_type="application/json")
        self.next_id += 1
        comment = {"id": self.next_id, "user": BOT, "body": json.loads(request.data)["body"]}
        self.comments.setdefault(issue, []).append(comment)
        return Response(json.dumps(comment), status=201, content_type="application/json")

    def _patch(self, request: Request) -> Response:
        comment_id = int(request.path.split("/")[-1])
        self.calls.append((request.method, request.path))
        for comments in self.comments.values():
            for comment in comments:
                if comment["id"] == comment_id:
                    comment["body"] = json.loads(request.data)["body"]
                    return Response(json.dumps(comment), content_type="application/json")
        return Response('{"message": "Not Found"}', status=404, content_type="application/json")

    def _issue(self, request: Request) -> Response:
        issue = int(request.path.split("/")[-1])
        self.calls.append((request.method, request.path))
        self.closed[issue] = json.loads(request.data)
        return Response(json.dumps({"number": issue, **self.closed[issue]}), content_type="application/json")

    def _pull(self, request: Request) -> Response:
        """GET /repos/{owner}/{repo}/pulls/{number}, in GitHub's shape (the fields the bot may read, and more)."""
        number = int(request.path.split("/")[-1])
        self.calls.append((request.method, request.path))
        if number in self.failing_pulls:
            return Response('{"message": "Server Error"}', status=502, content_type="application/json")
        if number in self.pull_objects:
            return Response(json.dumps(self.pull_objects[number]), content_type="application/json")
        if number not in self.pulls:
            body = {
                "message": "Not Found",
                "documentation_url": "https://docs.github.com/rest/pulls/pulls#get-a-pull-request",
            }
            return Response(json.dumps(body), status=404, content_type="application/json")
        fork = {"full_name": "someone/handbook", "fork": True}
        if number in self.own_pulls:
            head = {
                "label": f"xinghe:{self.own_pulls[number]}",
                "ref": self.own_pulls[number],
                "sha": self.pulls[number],
            }
            state = "closed" if number in self.closed_pulls else "open"
            own = {"number": number, "state": state, "merged": number in self.merged, "user": BOT}
            own |= {"head": {**head, "repo": _repository()}, "base": {"ref": "main", "repo": _repository()}}
            return Response(json.dumps(own), content_type="application/json")
        pull = {
            "url": f"https://api.github.com/repos/{OWNER_REPO}/pulls/{number}",
            "number": number,
            "state": "closed" if number in self.closed_pulls else "open",
            "title": "冬季胎压",
            "user": user("someone"),
            "head": {"label": "someone:patch-1", "ref": "patch-1", "sha": self.pulls[number], "repo": fork},
            "base": {"label": "xinghe:main", "ref": "main", "sha": "0" * 40, "repo": _repository()},
        }
        return Response(json.dumps(pull), content_type="application/json")

    def _create_pull(self, request: Request) -> Response:
        """POST /repos/{owner}/{repo}/pulls: 422 when one is open for the head already, as GitHub answers."""
        data = json.loads(request.data)
        self.calls.append((request.method, request.path))
        if any(p["head"] == data["head"] for p in self.created_pulls):
            message = f"A pull request already exists for {OWNER_REPO.split('/')[0]}:{data['head']}."
            body = {
                "message": "Validation Failed",
                "errors": [{"resource": "PullRequest", "code": "custom", "message": message}],
            }
            return Response(json.dumps(body), status=422, content_type="application/json")
        number = 42 + len(self.created_pulls)
        self.created_pulls.append({**data, "number": number})
        self.pulls[number], self.own_pulls[number] = "0" * 40, data["head"]
        answer = {"number": number, "html_url": f"https://github.com/{OWNER_REPO}/pull/{number}", "state": "open"}
        return Response(json.dumps(answer), status=201, content_type="application/json")

    def _repo_labels(self, request: Request) -> Response:
        """GET and POST /repos/{owner}/{repo}/labels, in GitHub's shape."""
        self.label_calls.append((request.method, request.path))
        if request.method == "GET":
            labels = [{"id": i, "name": n, "color": "ededed", "default": False} for i, n in enumerate(self.repo_labels)]
            return Response(json.dumps(labels), content_type="application/json")
        data = json.loads(request.data)
        if data["name"] in self.repo_labels:
            body = {
                "message": "Validation Failed",
                "errors": [{"resource": "Label", "code": "already_exists", "field": "name"}],
            }
            return Response(json.dumps(body), status=422, content_type="application/json")
        self.repo_labels.append(data["name"])
        self.new_labels.append(data)
        return Response(json.dumps({"id": 99, **data, "default": False}), status=201, content_type="application/json")

    def _pull_list(self, request: Request) -> Response:
        """GET /repos/{owner}/{repo}/pulls?state=open[&head=owner:branch]: whole pull requests (`pull_objects`),
        newest first, then the abridged ones of `open_pulls`."""
        self.calls.append((request.method, request.path))
        head = request.args.get("head", "")
        pulls = [
            p
            for _, p in sorted(self.pull_objects.items(), reverse=True)
            if p["state"] == "open" and (not head or head == f"{OWNER_REPO.split('/')[0]}:{p['head']['ref']}")
        ]
        if not head:
            listed = {p["number"] for p in pulls}
            pulls += [{"number": n, "state": "open", "head": {"ref": f"patch-{n}"}} for n in sorted(self.open_pulls)
                      if n not in listed]  # fmt: skip
        return Response(json.dumps(pulls), content_type="application/json")

    def _post_status(self, request: Request) -> Response:
        """POST /repos/{owner}/{repo}/statuses/{sha}; the trusted context's state also shows in GET .../status."""
        sha = request.path.split("/")[-1]
        self.calls.append((request.method, request.path))
        sent = json.loads(request.data)
        self.posted_statuses.append((sha, sent))
        if sent.get("context") == "cohandbook/提交规则":
            self.statuses[sha] = sent["state"]
        body = {"id": len(self.posted_statuses), "state": sent["state"], "context": sent.get("context"), "creator": BOT}
        return Response(json.dumps(body), status=201, content_type="application/json")

    def _dispatch(self, request: Request) -> Response:
        self.calls.append((request.method, request.path))
        self.dispatches.append((request.path.split("/")[-2], json.loads(request.data)))
        return Response(status=204)

    def _status(self, request: Request) -> Response:
        """GET /repos/{owner}/{repo}/commits/{sha}/status: the combined status, each context's latest."""
        sha = request.path.split("/")[-2]
        self.calls.append((request.method, request.path))
        statuses = [{"context": "cohandbook/提交规则", "state": self.statuses[sha]}] if sha in self.statuses else []
        body = {"state": statuses[0]["state"] if statuses else "pending", "sha": sha, "statuses": statuses}
        return Response(json.dumps(body), content_type="application/json")

    def _merge(self, request: Request) -> Response:
        """PUT /repos/{owner}/{repo}/pulls/{number}/merge: 409 when the head moved, as GitHub answers."""
        number = int(request.path.split("/")[-2])
        self.calls.append((request.method, request.path))
        sent = json.loads(request.data)
        if sent.get("sha") != self.pulls.get(number):
            return Response('{"message": "Head branch was modified."}', status=409, content_type="application/json")
        if self.on_merge is not None:
            self.on_merge(number, sent["sha"])
        self.merged[number] = sent
        return Response(json.dumps({"sha": sent["sha"], "merged": True, "message": "Pull Request successfully merged"}))

    def _pull_files(self, request: Request) -> Response:
        """GET /repos/{owner}/{repo}/pulls/{number}/files: one entry per changed file."""
        number = int(request.path.split("/")[-2])
        self.calls.append((request.method, request.path))
        files = [{"filename": f, "status": "modified", "changes": 1} for f in self.open_pulls.get(number, [])]
        return Response(json.dumps(files), content_type="application/json")

    def _label(self, request: Request) -> Response:
        issue = int(request.path.split("/")[-2])
        self.calls.append((request.method, request.path))
        self.labels.setdefault(issue, []).extend(json.loads(request.data)["labels"])
        return Response(json.dumps([{"name": n} for n in self.labels[issue]]), content_type="application/json")


class BotRepo:
    """A handbook repository checked out on main, with a bare `origin` it pushes to."""

    def __init__(self, repo: Repo, tmp: Path) -> None:
        self.repo = repo
        self.root = repo.root
        self.remote = tmp / "origin.git"
        repo.config["plugins"] = [
            {"cohandbook": {**(p["cohandbook"] or {}), "operators": [OPERATOR]}}
            if isinstance(p, dict) and "cohandbook" in p
            else p
            for p in repo.config["plugins"]
        ]
        repo.write("mkdocs.yml", dump(repo.config))
        git(self.root, "init", "-q", "-b", "main")
        git(self.root, "add", "-A")
        git(self.root, "commit", "-q", "-m", "base")
        git(tmp, "init", "-q", "--bare", "-b", "main", str(self.remote))
        git(self.root, "remote", "add", "origin", str(self.remote))
        git(self.root, "push", "-q", "origin", "main")

    def clone(self, where: Path) -> Path:
        git(where.parent, "clone", "-q", str(self.remote), str(where))
        return where

    def remote_log(self) -> list[str]:
        return git(self.remote, "log", "--format=%s", "main").splitlines()

    def remote_file(self, path: str) -> str | None:
        listed = git(self.remote, "ls-tree", "--name-only", "main", "--", path)
        if not listed:
            return None
        shown = subprocess.run(["git", "-C", str(self.remote), "show", f"main:{path}"], capture_output=True, check=True)
        return shown.stdout.decode("utf-8")  # byte for byte: gitrepo.git() would strip the last newline

    def bot(
        self,
        github: FakeGitHub,
        event_name: str,
        payload: dict[str, Any],
        *,
        root: Path | None = None,
        today: str = TODAY,
        **env: str,
    ) -> Result:
        event = self.root.parent / f"event-{len(list(self.root.parent.glob('event-*')))}.json"
        event.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        environ = {
            "GITHUB_TOKEN": "ghs_test",
            "GITHUB_REPOSITORY": OWNER_REPO,
            "GITHUB_API_URL": github.url,
            "GITHUB_SERVER_URL": "https://github.com",
            "COHANDBOOK_TODAY": today,
            "GITHUB_OUTPUT": "",
            **env,
        }
        args = ["--root", str(root or self.root), "bot", "--event", str(event), "--event-name", event_name]
        return CliRunner().invoke(cli, args, env=environ, catch_exceptions=False)


def remove(path: Path) -> None:
    shutil.rmtree(path)
