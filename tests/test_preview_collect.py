"""The site deploy places previews only from the trusted check's own runs, for open pull requests' heads.

GitHub's Actions API is stood in for on 127.0.0.1: artifacts listed by name, runs, and the artifact's zip
behind a redirect to storage (fetched without the token), as GitHub serves them.
"""

from __future__ import annotations

import io
import json
import stat
import zipfile
from pathlib import Path
from typing import Any

import pytest
from botkit import OWNER_REPO, FakeGitHub, _repository, pull_object
from click.testing import CliRunner, Result
from gitrepo import git
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from cohandbook.cli.main import cli
from cohandbook.core.pr.previews import MAX_ARTIFACT, artifact_name

BASE = f"/repos/{OWNER_REPO}"


def site_zip(files: dict[str, bytes], links: tuple[str, ...] = ()) -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
        for name in links:
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    return data.getvalue()


class Actions:
    """Artifacts and runs in memory, served as GitHub's Actions API serves them."""

    def __init__(self, server: HTTPServer, github: FakeGitHub) -> None:
        self.server, self.github = server, github
        self.artifacts: list[dict[str, Any]] = []
        self.runs: dict[int, dict[str, Any]] = {}
        self.zips: dict[int, bytes] = {}
        self.storage_auth: list[str | None] = []
        self.main = ""  # the deploy's checkout of main: its tip
        self.side = ""  # a commit of another branch, not on main
        server.expect_request(f"{BASE}/actions/artifacts", method="GET").respond_with_handler(self._list)
        server.expect_request(re_path(r"/actions/runs/\d+"), method="GET").respond_with_handler(self._run)
        server.expect_request(re_path(r"/actions/artifacts/\d+/zip"), method="GET").respond_with_handler(self._zip)
        server.expect_request(re_path(r"/storage/\d+", base=""), method="GET").respond_with_handler(self._storage)

    def add(self, number: int, head: str, files: bytes, *, event: str = "pull_request_target", size: int = 0,
            name: str = "", path: str = ".github/workflows/check.yml", conclusion: str = "success",
            ran: str = "") -> None:  # fmt: skip
        artifact_id, run_id = 500 + len(self.artifacts), 9000 + len(self.artifacts)
        self.artifacts.append(
            {
                "id": artifact_id,
                "node_id": "MDg6QXJ0aWZhY3Qx",
                "name": name or artifact_name(number, head),
                "size_in_bytes": size or len(files),
                "archive_download_url": f"https://api.github.com{BASE}/actions/artifacts/{artifact_id}/zip",
                "expired": False,
                "workflow_run": {"id": run_id, "repository_id": 1, "head_branch": "main", "head_sha": "0" * 40},
            }
        )
        self.runs[run_id] = {
            "id": run_id,
            "name": "提交检查",
            "path": path,
            "event": event,
            "status": "completed",
            "conclusion": conclusion,
            "head_branch": "main",
            "head_sha": {"": self.main, "side": self.side}.get(
                ran, ran
            ),  # pull_request_target: the base branch's commit, not the head's
            "repository": _repository(),
        }
        self.zips[artifact_id] = files

    def _list(self, request: Request) -> Response:
        found = [a for a in self.artifacts if a["name"] == request.args.get("name")]
        return Response(json.dumps({"total_count": len(found), "artifacts": found}), content_type="application/json")

    def _run(self, request: Request) -> Response:
        return Response(json.dumps(self.runs[int(request.path.split("/")[-1])]), content_type="application/json")

    def _zip(self, request: Request) -> Response:
        artifact_id = int(request.path.split("/")[-2])
        return Response(status=302, headers={"Location": self.server.url_for(f"/storage/{artifact_id}")})

    def _storage(self, request: Request) -> Response:
        self.storage_auth.append(request.headers.get("Authorization"))
        return Response(self.zips[int(request.path.split("/")[-1])], content_type="application/zip")


def re_path(pattern: str, base: str = BASE) -> Any:
    import re

    return re.compile(f"^{re.escape(base)}{pattern}$")


@pytest.fixture
def actions(httpserver: HTTPServer, tmp_path: Path) -> Actions:
    actions = Actions(httpserver, FakeGitHub(httpserver))
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "commit", "-q", "--allow-empty", "-m", "main")
    actions.main = git(tmp_path, "rev-parse", "HEAD")
    git(tmp_path, "checkout", "-q", "-b", "other")
    git(tmp_path, "commit", "-q", "--allow-empty", "-m", "check.yml changed on another branch")
    actions.side = git(tmp_path, "rev-parse", "HEAD")
    git(tmp_path, "checkout", "-q", "main")
    return actions


def collect(actions: Actions, into: Path) -> Result:
    """The deploy's step, in its checkout of main (here: tmp_path, a repository whose tip is `actions.main`)."""
    env = {"GITHUB_TOKEN": "ghs_read", "GITHUB_REPOSITORY": OWNER_REPO, "GITHUB_API_URL": actions.github.url}
    return CliRunner().invoke(cli, ["--root", str(into.parents[1]), "collect-previews", "--into", str(into)], env=env)


def opened(actions: Actions, number: int, head: str, state: str = "open") -> None:
    actions.github.pull_objects[number] = pull_object(number, head, "e" * 40, state=state)


PAGE = {"index.html": b"<p>preview</p>", "guide/open-one/index.html": b"<p>module</p>"}


def test_a_trusted_preview_of_an_open_pull_request_is_placed(actions: Actions, tmp_path: Path) -> None:
    opened(actions, 7, "a" * 40)
    actions.add(7, "a" * 40, site_zip(PAGE))
    assert collect(actions, tmp_path / "site/pr-preview").exit_code == 0
    assert (tmp_path / "site/pr-preview/pr-7/guide/open-one/index.html").read_bytes() == b"<p>module</p>"
    assert actions.storage_auth == [None]  # the token never goes to storage


@pytest.mark.parametrize(
    "forged",
    [
        {"event": "pull_request"},  # the fork's own run, with a workflow it rewrote
        {"path": ".github/workflows/tests.yml"},  # another workflow, any event
        {"path": ".github/workflows/check.yml.evil"},
        {"conclusion": "failure"},
        {"event": "workflow_run"},
        {"ran": "side"},  # check.yml as another branch has it (a dispatch from there, a PR into it)
        {"ran": "1" * 40},  # a commit the deploy's checkout does not have
    ],
)
def test_a_preview_from_any_other_run_is_not_placed(actions: Actions, tmp_path: Path, forged: dict[str, str], expect_warnings: None) -> None:  # fmt: skip
    opened(actions, 8, "b" * 40)
    actions.add(8, "b" * 40, site_zip({"index.html": b"<script>PWNED</script>"}), **forged)  # type: ignore[arg-type]
    assert collect(actions, tmp_path / "site/pr-preview").exit_code == 0
    assert not (tmp_path / "site/pr-preview/pr-8").exists()


def test_only_the_current_head_of_an_open_pull_request_counts(actions: Actions, tmp_path: Path) -> None:
    opened(actions, 9, "c" * 40)
    actions.add(9, "d" * 40, site_zip(PAGE))  # an older head's preview
    opened(actions, 10, "e" * 40, state="closed")
    actions.add(10, "e" * 40, site_zip(PAGE))  # a closed pull request's preview goes from the site
    actions.add(11, "f" * 40, site_zip(PAGE))  # a number that is no open pull request
    assert collect(actions, tmp_path / "site/pr-preview").exit_code == 0
    assert not (tmp_path / "site/pr-preview").exists() or list((tmp_path / "site/pr-preview").iterdir()) == []


@pytest.mark.parametrize(
    "archive",
    [
        site_zip({"../escaped.html": b"x"}),
        site_zip({"/abs.html": b"x"}),
        site_zip({"a/../../escaped.html": b"x"}),
        site_zip({"ok.html": b"x"}, links=("link.html",)),
        site_zip({".git/config": b"x"}),
        b"not a zip at all",
    ],
)
def test_a_preview_that_is_not_plain_files_is_not_placed(actions: Actions, tmp_path: Path, archive: bytes, expect_warnings: None) -> None:  # fmt: skip
    opened(actions, 7, "a" * 40)
    actions.add(7, "a" * 40, archive)
    assert collect(actions, tmp_path / "site/pr-preview").exit_code == 0
    assert not (tmp_path / "site/pr-preview/pr-7").exists() and not (tmp_path / "site/escaped.html").exists()


def test_an_oversized_artifact_is_not_downloaded(actions: Actions, tmp_path: Path) -> None:
    opened(actions, 7, "a" * 40)
    actions.add(7, "a" * 40, site_zip(PAGE), size=MAX_ARTIFACT + 1)
    assert collect(actions, tmp_path / "site/pr-preview").exit_code == 0
    assert actions.storage_auth == [] and not (tmp_path / "site/pr-preview/pr-7").exists()


def test_without_a_token_the_deploy_is_told(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--root", str(tmp_path), "collect-previews", "--into", str(tmp_path / "p")], env={"GITHUB_TOKEN": ""})  # fmt: skip
    assert result.exit_code == 2
