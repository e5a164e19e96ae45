"""The GitHub integration in .github/: linted by actionlint, and checked for the properties we rely on."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from gitrepo import GitRepo

from cohandbook.core.domain.settings import parse_settings
from conftest import PROJECT, TODAY, Repo

GITHUB = PROJECT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))


def tool(name: str) -> str:
    """A binary from the test extra: next to this Python, or on PATH."""
    found = shutil.which(name, path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    assert found, f"{name} is missing: install the test extra (pip install -e '.[test]')"
    return found


def workflow(name: str) -> dict[str, Any]:
    data = yaml.safe_load((GITHUB / "workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def without_comments(path: Path) -> str:
    return "\n".join(
        line for line in path.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#")
    )


def step(job: dict[str, Any], name: str) -> dict[str, Any]:
    return next(s for s in job["steps"] if s.get("name") == name)


def test_actionlint_finds_nothing() -> None:
    assert WORKFLOWS, "no workflows"
    command = [tool("actionlint"), "-no-color", "-shellcheck", tool("shellcheck"), *map(str, WORKFLOWS)]
    result = subprocess.run(command, capture_output=True, text=True, cwd=PROJECT, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_would_catch_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    steps = "    steps:\n      - run: echo ${{ github.event.pull_request.title }}\n"
    broken.write_text("on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n" + steps)
    result = subprocess.run([tool("actionlint"), "-no-color", str(broken)], capture_output=True, text=True, check=False)
    assert result.returncode == 1 and "untrusted" in result.stdout  # script injection from a PR title


def test_pull_request_workflow_is_read_only_and_uses_the_bases_checker() -> None:
    flow = workflow("pull-request.yml")
    assert set(flow["on"]) == {"pull_request"}
    assert flow["permissions"] == {"contents": "read"}
    job = flow["jobs"]["check"]
    assert "permissions" not in job
    base = step(job, "取出目标分支（检查程序以它为准）")["with"]
    assert (base["ref"], base["path"]) == ("${{ github.event.pull_request.base.sha }}", "base")
    pr = step(job, "取出 Pull Request 的文件和历史")["with"]
    assert (pr["ref"], pr["fetch-depth"]) == ("${{ github.event.pull_request.head.sha }}", 0)
    assert step(job, "安装目标分支的 cohandbook")["run"] == "python -m pip install ./base"
    names = [s.get("name") for s in job["steps"]]
    assert names.index("按提交规则检查") < names.index("严格构建网站")
    assert "--strict" in step(job, "严格构建网站")["run"]


def test_deploy_workflow_writes_only_in_the_deploy_job() -> None:
    flow = workflow("deploy.yml")
    assert flow["on"]["push"] == {"branches": ["main"]}
    assert flow["permissions"] == {"contents": "read"}
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    assert "permissions" not in build
    assert any("mkdocs build --strict" in s.get("run", "") for s in build["steps"])
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact@") for s in build["steps"])
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_workflow_uses_pull_request_target_or_secrets(path: Path) -> None:
    flow = workflow(path.name)
    assert "pull_request_target" not in flow["on"]
    assert "secrets." not in without_comments(path)
    for job in flow["jobs"].values():
        for checkout in (s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@")):
            assert checkout["with"]["persist-credentials"] is False  # no token left in .git for later steps


@pytest.fixture
def shim(tmp_path: Path) -> Path:
    """A `cohandbook` on PATH that runs this checkout's code, as `pip install ./base` would."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "cohandbook"
    code = f"import sys; sys.path.insert(0, {str(PROJECT / 'plugins')!r}); from cohandbook.cli.main import main; main()"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -c "{code}" "$@"\n')
    script.chmod(0o755)
    return bin_dir


def run_check_step(pr: GitRepo, shim: Path, author: str, summary: Path) -> subprocess.CompletedProcess[str]:
    """The workflow's own check step, its shell line as written, with the event's values filled in."""
    check = step(workflow("pull-request.yml")["jobs"]["check"], "按提交规则检查")
    assert check["env"] == {
        "BASE_SHA": "${{ github.event.pull_request.base.sha }}",
        "HEAD_SHA": "${{ github.event.pull_request.head.sha }}",
        "AUTHOR": "${{ github.event.pull_request.user.login }}",
        "HEAD_REPO": "${{ github.event.pull_request.head.repo.full_name }}",
        "BASE_REPO": "${{ github.repository }}",
        "HEAD_REF": "${{ github.event.pull_request.head.ref }}",
    }
    event = {"BASE_SHA": pr.rev("main"), "HEAD_SHA": pr.rev("pr"), "AUTHOR": author}
    event |= {"HEAD_REPO": f"{author}/handbooks", "BASE_REPO": "xinghe-auto/handbooks", "HEAD_REF": "patch-1"}
    env = {**os.environ, **event, "PATH": f"{shim}{os.pathsep}{os.environ['PATH']}", "COHANDBOOK_TODAY": TODAY}
    env["GITHUB_STEP_SUMMARY"] = str(summary)
    return subprocess.run(
        ["bash", "-e", "-c", check["run"]], cwd=pr.root, env=env, capture_output=True, text=True, check=False
    )


def test_the_workflows_check_step_passes_a_legitimate_claim(repo: Repo, shim: Path, tmp_path: Path) -> None:
    pr = GitRepo(repo).start()
    repo.module("guide", "open-one", {"status": "claimed", "contributors": ["li-na"], "claimed": TODAY})
    pr.commit("认领")
    result = run_check_step(pr, shim, "lina-drives", tmp_path / "summary.md")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "符合提交规则" in (tmp_path / "summary.md").read_text(encoding="utf-8")


def test_the_workflows_check_step_annotates_a_refusal(repo: Repo, shim: Path, tmp_path: Path) -> None:
    pr = GitRepo(repo).start()
    repo.write(".github/workflows/evil.yml", "on: push\n")
    pr.commit("改工作流")
    result = run_check_step(pr, shim, "lina-drives", tmp_path / "summary.md")
    assert result.returncode == 1
    assert "::error file=.github/workflows/evil.yml,title=pr-operator-only::" in result.stdout


def test_claim_issue_form_has_the_fields_the_board_prefills() -> None:
    form = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE/claim.yml").read_text(encoding="utf-8"))
    ids = [field["id"] for field in form["body"] if "id" in field]
    assert {"handbook", "module", "handle"} <= set(ids)
    assert len(ids) == len(set(ids))
    assert parse_settings((PROJECT / "mkdocs.yml").read_text(encoding="utf-8")).issue_template == "claim.yml"
    assert (GITHUB / "ISSUE_TEMPLATE/join.yml").is_file()  # where check-pr sends unknown authors


def codeowners(path: str) -> list[str]:
    """The owners GitHub applies to `path`: the last matching line wins."""
    owners: list[str] = []
    for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, *names = line.split()
            if _matches(pattern, path):
                owners = names
    return owners


def _matches(pattern: str, path: str) -> bool:
    regex = re.escape(pattern.strip("/")).replace(r"\*", "[^/]*")
    anchored = "^" if pattern.startswith("/") else "^(?:.*/)?"
    tail = "(?:/.*)?$" if pattern.endswith("/") or "*" not in pattern.rsplit("/", 1)[-1] else "$"
    return pattern == "*" or re.match(anchored + regex + tail, path) is not None


@pytest.mark.parametrize(
    ("path", "protected"),
    [
        ("handbooks/new-owner-guide/modules/kids-seat/index.md", False),
        ("handbooks/winter-driving/modules/snow-braking/poster.jpg", False),
        ("handbooks/new-owner-guide/handbook.yml", True),
        ("handbooks/new-owner-guide/cover.jpg", True),
        ("contributors/li-na.yml", True),
        ("contributors/squads/ice-and-snow.yml", True),
        ("mkdocs.yml", True),
        (".github/workflows/deploy.yml", True),
        ("plugins/cohandbook/core/pr/rules.py", True),
    ],
)
def test_codeowners_protect_everything_outside_module_folders(path: str, protected: bool) -> None:
    operators = parse_settings((PROJECT / "mkdocs.yml").read_text(encoding="utf-8")).operators
    assert codeowners(path) == ([f"@{login}" for login in operators] if protected else [])
