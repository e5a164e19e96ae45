"""GitHub's REST API, only the endpoints the bot is allowed: comments, labels, the issue, pull requests,
commit statuses, the trusted check's dispatch and (for previews) the Actions artifacts.

Python's own `http.client` rather than PyGithub or githubkit: the bot needs a few endpoints and one kind of pagination;
PyGithub looks the repository up first (`GET /repos/{owner}/{repo}`, an endpoint outside the bot's list)
and retries on its own schedule, and githubkit brings pydantic and a generated model of the whole API whose
import alone weighs on the bot's two-second budget. Neither would make these calls shorter or safer.
"""

from __future__ import annotations

import json
import re
from http.client import HTTPConnection, HTTPException, HTTPSConnection, RemoteDisconnected
from typing import Any
from urllib.parse import SplitResult, quote, urlsplit

NEXT = re.compile(r'<([^<>]+)>;\s*rel="next"')
MAX_PAGES = 50  # 5,000 comments: beyond that an issue is not a claim conversation any more
MAX_PULL_FILES = 3000  # what GET /pulls/{n}/files lists at most


class GitHubError(RuntimeError):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"GitHub answered {status}: {message}")
        self.status = status


class GitHub:
    def __init__(self, api_url: str, repository: str, token: str, timeout: float = 20) -> None:
        self.api = api_url.rstrip("/")
        self.base = f"{self.api}/repos/{repository}"
        self.owner = repository.split("/")[0]
        self.token = token
        self.timeout = timeout
        self._connection: HTTPConnection | None = None  # one host: the API; kept alive between calls

    def comments(self, issue: int) -> list[dict[str, Any]]:
        return self._pages(f"{self.base}/issues/{issue}/comments?per_page=100")

    def _pages(self, url: str, limit: int = MAX_PAGES * 100) -> list[dict[str, Any]]:
        """The objects of a listing, following GitHub's `Link: rel="next"` pages, at most `limit` of them."""
        found: list[dict[str, Any]] = []
        next_url: str | None = url
        for _ in range(MAX_PAGES):
            if next_url is None or len(found) >= limit:
                break
            page, headers = self._call("GET", next_url)
            found += [item for item in page if isinstance(item, dict)] if isinstance(page, list) else []
            next_url = self._next(headers.get("Link", ""))
        return found[:limit]

    def create_comment(self, issue: int, body: str) -> int:
        data, _ = self._call("POST", f"{self.base}/issues/{issue}/comments", {"body": body})
        return int(data["id"])

    def update_comment(self, comment_id: int, body: str) -> None:
        self._call("PATCH", f"{self.base}/issues/comments/{comment_id}", {"body": body})

    def add_labels(self, issue: int, labels: list[str]) -> None:
        self._call("POST", f"{self.base}/issues/{issue}/labels", {"labels": labels})

    def update_issue(self, issue: int, **fields: Any) -> None:
        self._call("PATCH", f"{self.base}/issues/{issue}", fields)

    def open_pull_for(self, branch: str) -> int | None:
        """The open pull request whose head is `branch` of this repository (the bot's hand-in branch)."""
        data, _ = self._call("GET", f"{self.base}/pulls?state=open&head={quote(f'{self.owner}:{branch}', safe='')}")
        numbers = [p.get("number") for p in data if isinstance(p, dict)] if isinstance(data, list) else []
        return next((n for n in numbers if isinstance(n, int) and not isinstance(n, bool)), None)

    def open_pulls(self, limit: int = 300) -> list[dict[str, Any]]:
        """Open pull requests, newest first, at most `limit` (the previews of older ones wait their turn)."""
        return self._pages(f"{self.base}/pulls?state=open&per_page=100", limit)

    def create_status(self, sha: str, state: str, context: str, description: str, target_url: str) -> None:
        """A commit status of our own on `sha` (the verdict operators require in branch protection)."""
        body = {"state": state, "context": context, "description": description[:140], "target_url": target_url}
        self._call("POST", f"{self.base}/statuses/{sha}", body)

    def dispatch(self, workflow: str, ref: str, inputs: dict[str, str]) -> None:
        """Start a `workflow_dispatch` run of one of the repository's workflows (the trusted check)."""
        self._call("POST", f"{self.base}/actions/workflows/{workflow}/dispatches", {"ref": ref, "inputs": inputs})

    def get(self, path: str) -> tuple[Any, Any]:
        """GET a path under the repository (`/actions/...`): the answer's JSON and its headers."""
        return self._call("GET", f"{self.base}{path}")

    def open_pull_files(self, limit: int = 300) -> list[str]:
        """Every path the open pull requests change (`GET /pulls?state=open`, then `GET /pulls/{n}/files`, each
        page of both), over at most `limit` pull requests: the daily round keeps their modules' claims."""
        paths: list[str] = []
        for pull in self.open_pulls(limit):
            number = pull.get("number")
            if isinstance(number, int) and not isinstance(number, bool):
                files = self._pages(f"{self.base}/pulls/{number}/files?per_page=100", MAX_PULL_FILES)
                paths += [f["filename"] for f in files if isinstance(f.get("filename"), str)]
        return paths

    def pull(self, number: int) -> dict[str, Any]:
        """`GET /repos/{o}/{r}/pulls/{number}`: the pull request as GitHub has it."""
        data, _ = self._call("GET", f"{self.base}/pulls/{number}")
        return data if isinstance(data, dict) else {}

    def status_state(self, sha: str, context: str) -> str:
        """The state (success, pending, failure, error) of one status `context` on commit `sha`, from
        `GET /repos/{o}/{r}/commits/{sha}/status`; "" when that context never reported."""
        data, _ = self._call("GET", f"{self.base}/commits/{sha}/status")
        statuses = data.get("statuses") if isinstance(data, dict) else None
        for status in statuses if isinstance(statuses, list) else []:
            if isinstance(status, dict) and status.get("context") == context:
                return str(status.get("state") or "")
        return ""

    def merge_pull(self, number: int, sha: str, title: str) -> None:
        """`PUT /repos/{o}/{r}/pulls/{number}/merge`, only if the head is still `sha` (GitHub refuses otherwise)."""
        self._call(
            "PUT", f"{self.base}/pulls/{number}/merge", {"sha": sha, "merge_method": "merge", "commit_title": title}
        )

    def create_pull(self, title: str, head: str, base: str, body: str) -> dict[str, Any]:
        data, _ = self._call("POST", f"{self.base}/pulls", {"title": title, "head": head, "base": base, "body": body})
        return data if isinstance(data, dict) else {}

    def pull_is_open(self, number: int) -> bool:
        """Whether pull request `number` exists and is open (not closed, not merged)."""
        try:
            data, _ = self._call("GET", f"{self.base}/pulls/{number}")
        except GitHubError as exc:
            if exc.status == 404:
                return False
            raise
        return isinstance(data, dict) and data.get("state") == "open"

    def labels(self) -> list[str]:
        """Every label of the repository, by name."""
        items = self._pages(f"{self.base}/labels?per_page=100")
        return [item["name"] for item in items if isinstance(item.get("name"), str)]

    def create_label(self, name: str, color: str, description: str) -> None:
        self._call("POST", f"{self.base}/labels", {"name": name, "color": color, "description": description})

    def redirect(self, path: str) -> str:
        """Where GitHub redirects a download under the repository (an artifact's zip lives in storage)."""
        url = f"{self.base}{path}"
        parts = urlsplit(url)
        headers = {**self._headers(), "Accept": "application/vnd.github+json"}
        status, raw, answer = self._send(parts, "GET", parts.path, None, headers)
        location = answer.get("Location", "") if status in (301, 302, 303, 307, 308) else ""
        if not location:
            raise GitHubError(status, raw[:300].decode("utf-8", "replace") or "no redirect")
        return str(location)

    def _next(self, link: str) -> str | None:
        match = NEXT.search(link)
        # Follow pagination only within the API we were given: a forged Link header must not send the token away.
        return match[1] if match and match[1].startswith(self.api + "/") else None

    def _call(self, method: str, url: str, body: Any = None) -> tuple[Any, Any]:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8") if body is not None else None
        parts = urlsplit(url)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        headers = self._headers()
        if data is not None:
            headers["Content-Type"] = "application/json; charset=utf-8"
        status, raw, answer = self._send(parts, method, target, data, headers)
        if status >= 400:
            raise GitHubError(status, raw[:300].decode("utf-8", "replace"))
        try:
            return (json.loads(raw) if raw else None), answer
        except json.JSONDecodeError as exc:
            raise GitHubError(status, f"not JSON: {exc}") from None

    def _headers(self) -> dict[str, str]:
        return {
            "Accept": "application/vnd.github+json",
            "Authorization": f"Bearer {self.token}",
            "X-GitHub-Api-Version": "2022-11-28",
            "User-Agent": "cohandbook-bot",
        }

    def _send(
        self, parts: SplitResult, method: str, target: str, data: bytes | None, headers: dict[str, str]
    ) -> tuple[int, bytes, Any]:
        """One request on a kept-alive connection (a daily round makes hundreds). A reused connection that
        drops at once was closed by the server while idle: it is opened again, once. A fresh connection that
        fails is an error, never retried."""
        for attempt in (1, 2):
            reused = self._connection is not None
            connection = self._connect(parts)
            try:
                connection.request(method, target, body=data, headers=headers)
                response = connection.getresponse()
                return response.status, response.read(), response.headers
            except (RemoteDisconnected, BrokenPipeError, ConnectionResetError) as exc:
                self.close()
                if not reused or attempt == 2:
                    raise GitHubError(0, str(exc)) from None
            except (OSError, HTTPException) as exc:
                self.close()
                raise GitHubError(0, str(exc)) from None
        raise AssertionError("unreachable")

    def _connect(self, parts: SplitResult) -> HTTPConnection:
        if self._connection is None:
            kind = HTTPSConnection if parts.scheme == "https" else HTTPConnection
            self._connection = kind(parts.netloc, timeout=self.timeout)
        return self._connection

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
