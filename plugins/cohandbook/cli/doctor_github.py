"""What GitHub says about the repository's settings, read-only, for `cohandbook doctor`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from ..core.ops.setup import GitHubFacts
from ..github.api import GitHub, GitHubError

DENIED = (401, 403)


class SettingsReader(GitHub):
    """Reads labels, Pages, branch protection and the Actions permissions; never writes."""

    def facts(self) -> GitHubFacts:
        unreadable: list[str] = []
        repo = self._get("", unreadable, "仓库信息") or {}
        branch = str(repo.get("default_branch") or "main")
        labels = self._answer(self.labels, unreadable, "标签")  # every page: a repository may have hundreds
        pages = self._get("/pages", unreadable, "GitHub Pages")
        workflow = self._get("/actions/permissions/workflow", unreadable, "工作流权限")
        can_open = workflow.get("can_approve_pull_request_reviews") if isinstance(workflow, dict) else None
        return GitHubFacts(
            default_branch=branch,
            labels=frozenset(labels) if isinstance(labels, list) else None,
            pages_build_type=str(pages.get("build_type") or "legacy") if isinstance(pages, dict) else None,
            required_checks=self._required_checks(branch, unreadable),
            unreadable=tuple(unreadable),
            actions_open_pulls=can_open if isinstance(can_open, bool) else None,
        )

    def _required_checks(self, branch: str, unreadable: list[str]) -> frozenset[str] | None:
        """From classic branch protection, else from the rulesets that apply to the branch."""
        name = quote(branch, safe="")
        protection = self._get(f"/branches/{name}/protection", unreadable, "分支保护")
        found: set[str] = set()
        if isinstance(protection, dict):
            checks = protection.get("required_status_checks") or {}
            found |= {str(c) for c in checks.get("contexts") or []}
            found |= {str(c.get("context")) for c in checks.get("checks") or [] if isinstance(c, dict)}
        rules = self._get(f"/rules/branches/{name}", [], "规则")
        for rule in rules if isinstance(rules, list) else []:
            if isinstance(rule, dict) and rule.get("type") == "required_status_checks":
                params = rule.get("parameters") or {}
                found |= {
                    str(c.get("context")) for c in params.get("required_status_checks") or [] if isinstance(c, dict)
                }
        return frozenset(found) if protection is not None or (isinstance(rules, list) and rules) else None

    def _get(self, path: str, unreadable: list[str], what: str) -> Any:
        """The answer, or None when GitHub says there is none (404) or the token may not read it."""
        return self._answer(lambda: self._call("GET", f"{self.base}{path}")[0], unreadable, what)

    def _answer(self, read: Callable[[], Any], unreadable: list[str], what: str) -> Any:
        try:
            data = read()
        except GitHubError as exc:
            if exc.status in DENIED:
                unreadable.append(what)
            elif exc.status != 404:
                raise
            return None
        return data
