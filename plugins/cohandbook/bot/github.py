"""GitHub's REST API, only the endpoints the bot is allowed: comments, labels, the issue, pull requests.

Plain `urllib` rather than PyGithub or githubkit: the bot needs six endpoints and one kind of pagination;
PyGithub looks the repository up first (`GET /repos/{owner}/{repo}`, an endpoint outside the bot's list)
and retries on its own schedule, and githubkit brings pydantic and a generated model of the whole API whose
import alone weighs on the bot's two-second budget. Neither would make these calls shorter or safer.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from typing import Any

NEXT = re.compile(r'<([^>]+)>;\s*rel="next"')
MAX_PAGES = 50  # 5,000 comments: beyond that an issue is not a claim conversation any more


class GitHubError(RuntimeError):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"GitHub answered {status}: {message}")
        self.status = status


class GitHub:
    def __init__(self, api_url: str, repository: str, token: str, timeout: float = 20) -> None:
        self.api = api_url.rstrip("/")
        self.base = f"{self.api}/repos/{repository}"
        self.token = token
        self.timeout = timeout

    def comments(self, issue: int) -> list[dict[str, Any]]:
        url: str | None = f"{self.base}/issues/{issue}/comments?per_page=100"
        found: list[dict[str, Any]] = []
        for _ in range(MAX_PAGES):
            if url is None:
                break
            page, headers = self._call("GET", url)
            found += [c for c in page if isinstance(c, dict)] if isinstance(page, list) else []
            url = self._next(headers.get("Link", ""))
        return found

    def create_comment(self, issue: int, body: str) -> int:
        data, _ = self._call("POST", f"{self.base}/issues/{issue}/comments", {"body": body})
        return int(data["id"])

    def update_comment(self, comment_id: int, body: str) -> None:
        self._call("PATCH", f"{self.base}/issues/comments/{comment_id}", {"body": body})

    def add_labels(self, issue: int, labels: list[str]) -> None:
        self._call("POST", f"{self.base}/issues/{issue}/labels", {"labels": labels})

    def update_issue(self, issue: int, **fields: Any) -> None:
        self._call("PATCH", f"{self.base}/issues/{issue}", fields)

    def create_pull(self, title: str, head: str, base: str, body: str) -> dict[str, Any]:
        data, _ = self._call("POST", f"{self.base}/pulls", {"title": title, "head": head, "base": base, "body": body})
        return data if isinstance(data, dict) else {}

    def _next(self, link: str) -> str | None:
        match = NEXT.search(link)
        # Follow pagination only within the API we were given: a forged Link header must not send the token away.
        return match[1] if match and match[1].startswith(self.api + "/") else None

    def _call(self, method: str, url: str, body: Any = None) -> tuple[Any, Any]:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8") if body is not None else None
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("Accept", "application/vnd.github+json")
        request.add_header("Authorization", f"Bearer {self.token}")
        request.add_header("X-GitHub-Api-Version", "2022-11-28")
        request.add_header("User-Agent", "cohandbook-bot")
        if data is not None:
            request.add_header("Content-Type", "application/json; charset=utf-8")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                raw = response.read()
                return (json.loads(raw) if raw else None), response.headers
        except urllib.error.HTTPError as exc:
            raise GitHubError(exc.code, exc.read()[:300].decode("utf-8", "replace")) from None
        except (urllib.error.URLError, TimeoutError, json.JSONDecodeError) as exc:
            raise GitHubError(0, str(exc)) from None
