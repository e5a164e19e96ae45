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
    }
    event = {"BASE_SHA": pr.rev("main"), "HEAD_SHA": pr.rev("pr"), "AUTHOR": author}
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


def run_steps() -> list[tuple[str, str, str]]:
    return [
        (path.name, job_id, s["run"])
        for path in WORKFLOWS
        for job_id, job in workflow(path.name)["jobs"].items()
        for s in job.get("steps", [])
        if "run" in s
    ]


@pytest.mark.parametrize(("name", "job", "script"), run_steps(), ids=lambda v: v if "\n" not in v else "script")
def test_no_expression_expands_inside_a_run_script(name: str, job: str, script: str) -> None:
    """Issue and comment bodies, titles and branch names reach scripts through env or the event file only:
    an expression inside `run:` is pasted into the shell before it runs (script injection)."""
    assert "${{" not in script, f"{name} job {job}: pass the value through env: instead"


def test_the_injection_test_sees_every_workflow() -> None:
    assert {"bot.yml", "deploy.yml", "pull-request.yml", "tests.yml"} <= {p.name for p in WORKFLOWS}
    assert {name for name, _, _ in run_steps()} == {p.name for p in WORKFLOWS}


def test_bot_workflow_permissions_are_the_least_each_job_needs() -> None:
    flow = workflow("bot.yml")
    assert set(flow["on"]) == {"issues", "issue_comment", "schedule", "workflow_dispatch", "workflow_run"}
    assert flow["on"]["workflow_run"]["workflows"] == [workflow("pull-request.yml")["name"]]
    assert flow["permissions"] == {}
    jobs = flow["jobs"]
    assert jobs["bot"]["permissions"] == {"contents": "write", "issues": "write", "pull-requests": "write"}
    assert jobs["report"]["permissions"] == {
        "contents": "read",
        "actions": "read",
        "issues": "write",
        "pull-requests": "write",
    }
    assert jobs["site"]["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["site"]["if"] == "needs.bot.outputs.pushed == 'true'"


def test_jobs_with_a_write_token_never_check_out_a_pull_request() -> None:
    for job_id, job in workflow("bot.yml")["jobs"].items():
        for checkout in (s for s in job.get("steps", []) if s.get("uses", "").startswith("actions/checkout@")):
            ref = checkout["with"].get("ref", "")
            assert "pull_request" not in ref and "workflow_run" not in ref and "head" not in ref, job_id


def test_pull_request_check_hands_its_result_to_the_bot_as_an_artifact() -> None:
    job = workflow("pull-request.yml")["jobs"]["check"]
    save = step(job, "保存检查结果")
    assert "--format json" in save["run"] and save["if"] == "${{ !cancelled() }}"
    upload = step(job, "上传检查结果")
    assert upload["with"]["name"] == "pr-report"
    download = step(workflow("bot.yml")["jobs"]["report"], "取回检查结果")
    assert download["with"]["name"] == "pr-report"
    assert download["with"]["run-id"] == "${{ github.event.workflow_run.id }}"


def test_the_bot_reads_the_claim_form_by_the_labels_github_renders() -> None:
    from cohandbook.core.bot.form import form_fields
    from cohandbook.core.bot.texts import FORM_LABELS

    form = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE/claim.yml").read_text(encoding="utf-8"))
    labels = {f["id"]: f["attributes"]["label"] for f in form["body"] if "id" in f}
    assert {key: labels[key] for key in FORM_LABELS} == FORM_LABELS
    rendered = "\n\n".join(f"### {label}\n\n{key}-answer" for key, label in labels.items())
    assert form_fields(rendered)[labels["module"]] == "module-answer"
    assert "几分钟" in form["body"][0]["attributes"]["value"]
