"""`cohandbook doctor` with a token: labels, Pages, branch protection and the Actions permissions, read from a
stand-in GitHub."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import Result
from operatorkit import SLUG, lines, run, set_up_as_documented
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from conftest import Repo


@pytest.fixture
def operator_repo(repo: Repo) -> Repo:
    return set_up_as_documented(repo)


# ---- doctor, asking GitHub -------------------------------------------------------------------------------------


class FakeSettings:
    """GET endpoints of GitHub's REST API for a repository's settings, in GitHub's shapes."""

    def __init__(self, server: HTTPServer) -> None:
        self.labels = ["认领", "已认领", "提交", "已交稿", "加入", "组队", "bug"]
        self.pages: dict[str, Any] | None = {"url": "x", "status": "built", "build_type": "workflow", "cname": None}
        self.protection: dict[str, Any] | None = {
            "url": f"https://api.github.com/repos/{SLUG}/branches/main/protection",
            "required_status_checks": {
                "strict": True,
                "contexts": ["cohandbook/提交规则"],
                "checks": [{"context": "cohandbook/提交规则", "app_id": None}],
            },
            "enforce_admins": {"enabled": False},
        }
        self.rules: list[dict[str, Any]] = []
        self.workflow = {"default_workflow_permissions": "write", "can_approve_pull_request_reviews": True}
        self.seen: list[tuple[str, str | None]] = []
        base = f"/repos/{SLUG}"
        server.expect_request(base).respond_with_handler(self._repo)
        server.expect_request(f"{base}/labels").respond_with_handler(self._labels)
        server.expect_request(f"{base}/pages").respond_with_handler(lambda r: self._maybe(r, self.pages))
        server.expect_request(f"{base}/branches/main/protection").respond_with_handler(
            lambda r: self._maybe(r, self.protection)
        )
        server.expect_request(f"{base}/rules/branches/main").respond_with_handler(lambda r: self._json(r, self.rules))
        server.expect_request(f"{base}/actions/permissions/workflow").respond_with_handler(
            lambda r: self._json(r, self.workflow)
        )

    def _json(self, request: Request, data: Any, status: int = 200) -> Response:
        self.seen.append((request.method, request.headers.get("Authorization")))
        return Response(json.dumps(data, ensure_ascii=False), status=status, content_type="application/json")

    def _repo(self, request: Request) -> Response:
        return self._json(request, {"id": 1, "full_name": SLUG, "default_branch": "main", "private": False})

    def _labels(self, request: Request) -> Response:
        return self._json(request, [{"id": i, "name": n, "color": "ededed"} for i, n in enumerate(self.labels)])

    def _maybe(self, request: Request, data: Any) -> Response:
        if data is None:
            return self._json(request, {"message": "Not Found", "documentation_url": "https://docs.github.com"}, 404)
        return self._json(request, data)


@pytest.fixture
def settings_api(httpserver: HTTPServer) -> FakeSettings:
    return FakeSettings(httpserver)


def doctor_with_token(repo: Repo, httpserver: HTTPServer) -> Result:
    return run(repo.root, "doctor", GITHUB_TOKEN="t0ken", GITHUB_API_URL=httpserver.url_for("").rstrip("/"))


def test_doctor_with_a_token_is_clean_when_github_is_set_up(
    operator_repo: Repo, settings_api: FakeSettings, httpserver: HTTPServer
) -> None:
    result = doctor_with_token(operator_repo, httpserver)
    assert result.exit_code == 0, result.output
    assert "没有给 GitHub 令牌" not in result.output
    assert {seen for seen in settings_api.seen} == {("GET", "Bearer t0ken")}  # reads only


def test_doctor_names_missing_labels_pages_and_protection(
    operator_repo: Repo, settings_api: FakeSettings, httpserver: HTTPServer
) -> None:
    settings_api.labels = ["认领", "bug"]
    settings_api.pages = None
    settings_api.protection = None
    result = doctor_with_token(operator_repo, httpserver)
    assert result.exit_code == 1
    blocking = [line.split("｜")[1] for line in lines(result, "✗")]
    advice = [line.split("｜")[1] for line in lines(result, "!")]
    assert "标签：缺少标签：已认领、提交、已交稿、加入、组队。" in advice  # the bot makes them on its next run
    assert blocking == [
        "Pages：GitHub Pages 还没有打开：网站发布不出去。",
        "分支保护：默认分支 main 没有保护：不合规则的改动也能合并进来。",
    ]


def test_doctor_wants_the_trusted_status_required(
    operator_repo: Repo, settings_api: FakeSettings, httpserver: HTTPServer
) -> None:
    assert settings_api.protection is not None
    settings_api.protection["required_status_checks"] = {"strict": True, "contexts": ["build"], "checks": []}
    settings_api.pages = {"build_type": "legacy", "status": "built"}
    result = doctor_with_token(operator_repo, httpserver)
    assert result.exit_code == 1
    assert "main 分支合并前没有要求通过 cohandbook/提交规则 检查" in result.output
    assert "GitHub Pages 的来源不是 GitHub Actions" in result.output


def test_doctor_reads_the_status_from_a_ruleset(
    operator_repo: Repo, settings_api: FakeSettings, httpserver: HTTPServer
) -> None:
    settings_api.protection = None
    settings_api.rules = [
        {
            "type": "required_status_checks",
            "ruleset_source_type": "Repository",
            "ruleset_id": 42,
            "parameters": {
                "strict_required_status_checks_policy": False,
                "required_status_checks": [{"context": "cohandbook/提交规则"}],
            },
        }
    ]
    assert doctor_with_token(operator_repo, httpserver).exit_code == 0


def test_doctor_says_what_a_weak_token_could_not_read(operator_repo: Repo, httpserver: HTTPServer) -> None:
    settings = FakeSettings(httpserver)
    settings.protection = None
    httpserver.clear_all_handlers()
    base = f"/repos/{SLUG}"
    httpserver.expect_request(base).respond_with_json({"default_branch": "main"})
    httpserver.expect_request(f"{base}/labels").respond_with_json([{"name": n} for n in settings.labels])
    httpserver.expect_request(f"{base}/pages").respond_with_json({"build_type": "workflow"})
    denied = {"message": "Resource not accessible by integration"}
    httpserver.expect_request(f"{base}/branches/main/protection").respond_with_json(denied, status=403)
    httpserver.expect_request(f"{base}/rules/branches/main").respond_with_json([])
    httpserver.expect_request(f"{base}/actions/permissions/workflow").respond_with_json(denied, status=403)
    result = doctor_with_token(operator_repo, httpserver)
    assert result.exit_code == 0
    assert "令牌没有权限读取分支保护" in result.output and "令牌没有权限读取工作流权限" in result.output


def test_doctor_blocks_while_actions_may_not_open_pull_requests(
    operator_repo: Repo, settings_api: FakeSettings, httpserver: HTTPServer
) -> None:
    settings_api.workflow = {"default_workflow_permissions": "read", "can_approve_pull_request_reviews": False}
    result = doctor_with_token(operator_repo, httpserver)
    assert result.exit_code == 1
    [blocking] = lines(result, "✗")
    assert "Actions 权限：GitHub Actions 还不能开合并请求" in blocking
    assert "Allow GitHub Actions to create and approve pull requests" in result.output
