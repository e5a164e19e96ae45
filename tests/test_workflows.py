"""The GitHub integration in .github/: linted by actionlint, and checked for the properties we rely on."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from botkit import OWNER_REPO, BotRepo, pull_object, pull_request_target_event
from gitrepo import git

from cohandbook.core.domain.settings import parse_settings
from cohandbook.plugin.config import CohandbookConfig
from conftest import PROJECT, TODAY, Repo, dump, standard_repo

OPEN = "handbooks/guide/modules/open-one"

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


def test_the_trusted_check_runs_on_the_base_for_pull_requests_and_dispatches() -> None:
    flow = workflow("check.yml")
    assert flow["name"] == "提交检查"
    assert flow["on"]["pull_request_target"] == {"types": ["opened", "synchronize", "reopened"], "branches": ["main"]}
    assert set(flow["on"]) == {"pull_request_target", "workflow_dispatch"}
    assert set(flow["on"]["workflow_dispatch"]["inputs"]) == {"pr"}
    assert flow["on"]["workflow_dispatch"]["inputs"]["pr"]["required"] is True
    assert flow["permissions"] == {}
    jobs = flow["jobs"]
    assert jobs["judge"]["permissions"] == {"contents": "read", "pull-requests": "read"}
    assert jobs["preview"]["permissions"] == {"contents": "read"}
    assert jobs["report"]["permissions"] == {
        "contents": "read",
        "statuses": "write",
        "issues": "write",
        "pull-requests": "write",
    }
    for job in jobs.values():  # main's code only: the pull request is never checked out
        for checkout in (s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@")):
            assert "ref" not in checkout["with"] and "repository" not in checkout["with"]
    assert step(jobs["judge"], "检查提交内容")["run"] == 'cohandbook judge --out "$RUNNER_TEMP/verdict"'
    assert jobs["preview"]["needs"] == "judge" and jobs["preview"]["if"] == "needs.judge.outputs.accepted == 'true'"
    assert jobs["report"]["needs"] == ["judge", "preview"] and jobs["report"]["if"] == "${{ !cancelled() }}"


def test_the_preview_artifact_is_named_as_the_deploy_looks_for_it() -> None:
    from cohandbook.core.pr.previews import CHECK_PATH, artifact_name

    upload = step(workflow("check.yml")["jobs"]["preview"], "上传网页预览")
    template = upload["with"]["name"]
    filled = template.replace("${{ needs.judge.outputs.number }}", "7").replace(
        "${{ needs.judge.outputs.head }}", "a" * 40
    )
    assert filled == artifact_name(7, "a" * 40)
    assert (PROJECT / CHECK_PATH).is_file()
    build = step(workflow("check.yml")["jobs"]["preview"], "生成网页预览")["run"]
    assert build == 'cohandbook preview --base "$BASE_SHA" --head "$HEAD_SHA" --out "$RUNNER_TEMP/preview"'


def test_the_report_reads_only_this_runs_verdict() -> None:
    jobs = workflow("check.yml")["jobs"]
    upload = step(jobs["judge"], "上传检查结果")
    download = step(jobs["report"], "取回检查结果")
    assert upload["with"]["name"] == download["with"]["name"] == "verdict"
    assert "run-id" not in download["with"] and "github-token" not in download["with"]  # this run's own
    bot = step(jobs["report"], "标记并留言")
    assert bot["run"] == "cohandbook bot"
    assert bot["env"]["COHANDBOOK_PR_VERDICT"] == download["with"]["path"]
    assert bot["env"]["COHANDBOOK_PREVIEW"] == "${{ needs.preview.result }}"


def test_deploy_workflow_writes_only_in_the_deploy_job() -> None:
    flow = workflow("deploy.yml")
    assert flow["on"]["push"] == {"branches": ["main"]}
    assert flow["on"]["workflow_run"] == {"workflows": [workflow("check.yml")["name"]], "types": ["completed"]}
    assert flow["permissions"] == {}
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read", "pull-requests": "read", "actions": "read"}
    assert any("mkdocs build --strict" in s.get("run", "") for s in build["steps"])
    collect = step(build, "加入 Pull Request 的网页预览")
    assert collect["run"] == "cohandbook collect-previews --into site/pr-preview"
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact@") for s in build["steps"])
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_only_the_trusted_check_uses_pull_request_target_and_none_uses_secrets(path: Path) -> None:
    flow = workflow(path.name)
    assert ("pull_request_target" in flow["on"]) == (path.name == "check.yml")
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


def run_judge_step(bot_repo: BotRepo, shim: Path, tmp: Path, files: dict[str, str]) -> tuple[int, list[dict[str, Any]]]:
    """The trusted check's judge step, its shell line as written, on a pull request pushed to the remote."""
    judge = step(workflow("check.yml")["jobs"]["judge"], "检查提交内容")
    assert judge["env"] == {"GITHUB_TOKEN": "${{ github.token }}"}
    work = bot_repo.clone(tmp / "contributor")
    for path, text in files.items():
        Repo(work).write(path, text)
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "改动")
    git(work, "push", "-q", "origin", "HEAD:refs/pull/7/head")
    pull = pull_object(7, git(work, "rev-parse", "HEAD"), git(bot_repo.root, "rev-parse", "HEAD"))
    event = tmp / "event.json"
    event.write_text(json.dumps(pull_request_target_event(pull)), encoding="utf-8")
    env = {**os.environ, "PATH": f"{shim}{os.pathsep}{os.environ['PATH']}", "COHANDBOOK_TODAY": TODAY}
    env |= {"GITHUB_TOKEN": "ghs_read", "GITHUB_REPOSITORY": OWNER_REPO, "GITHUB_API_URL": "http://127.0.0.1:9"}
    env |= {"GITHUB_EVENT_NAME": "pull_request_target", "GITHUB_EVENT_PATH": str(event), "RUNNER_TEMP": str(tmp)}
    result = subprocess.run(
        ["bash", "-e", "-c", judge["run"]], cwd=bot_repo.root, env=env, capture_output=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.returncode, json.loads((tmp / "verdict/findings.json").read_text(encoding="utf-8"))


def test_the_workflows_judge_step_passes_a_legitimate_claim(shim: Path, tmp_path: Path) -> None:
    bot_repo = BotRepo(standard_repo(tmp_path / "repo"), tmp_path)
    front = dump({"status": "claimed", "contributors": ["li-na"], "claimed": TODAY})
    _, findings = run_judge_step(bot_repo, shim, tmp_path, {f"{OPEN}/index.md": f"---\n{front}---\n充电。\n"})
    assert findings == []


def test_the_workflows_judge_step_refuses_a_workflow_change(shim: Path, tmp_path: Path) -> None:
    bot_repo = BotRepo(standard_repo(tmp_path / "repo"), tmp_path)
    _, findings = run_judge_step(bot_repo, shim, tmp_path, {".github/workflows/evil.yml": "on: push\n"})
    assert ("pr-operator-only", ".github/workflows/evil.yml") in {(f["code"], f["file"]) for f in findings}


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
    assert {"bot.yml", "check.yml", "deploy.yml", "tests.yml"} <= {p.name for p in WORKFLOWS}
    assert not {"pull-request.yml", "preview.yml"} & {p.name for p in WORKFLOWS}  # the forgeable pair is gone
    assert {name for name, _, _ in run_steps()} == {p.name for p in WORKFLOWS}


def test_bot_workflow_permissions_are_the_least_each_job_needs() -> None:
    flow = workflow("bot.yml")
    assert set(flow["on"]) == {"issues", "issue_comment", "schedule", "workflow_dispatch"}  # no report job any more
    assert flow["permissions"] == {}
    jobs = flow["jobs"]
    assert set(jobs) == {"bot", "site", "deploy"}
    assert jobs["bot"]["permissions"] == {
        "contents": "write",
        "issues": "write",
        "pull-requests": "write",
        "actions": "write",  # dispatches the trusted check on its own hand-in pull requests
        "statuses": "read",  # /验收 reads the trusted check's status: "Commit statuses" (read), GitHub's REST docs
    }
    assert jobs["site"]["permissions"] == {"contents": "read", "pull-requests": "read", "actions": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["site"]["if"] == "needs.bot.outputs.pushed == 'true'"
    assert step(jobs["site"], "加入 Pull Request 的网页预览")["run"].startswith("cohandbook collect-previews ")


def all_jobs() -> list[tuple[str, str, dict[str, Any]]]:
    return [(path.name, job_id, job) for path in WORKFLOWS for job_id, job in workflow(path.name)["jobs"].items()]


def writes(flow: dict[str, Any], job: dict[str, Any]) -> bool:
    permissions = job.get("permissions", flow.get("permissions", {}))
    return permissions == "write-all" or (isinstance(permissions, dict) and "write" in permissions.values())


BUILDS_OR_RUNS_PR = (
    "mkdocs build",
    "cohandbook preview",
    "cohandbook judge",
    "refs/pull",
    "pip install ./",
    "pip install -e",
)


@pytest.mark.parametrize(("name", "job_id", "job"), all_jobs(), ids=lambda v: v if isinstance(v, str) else "")
def test_no_job_with_a_write_token_checks_out_or_builds_a_pull_request(
    name: str, job_id: str, job: dict[str, Any]
) -> None:
    if not writes(workflow(name), job):
        return
    for checkout in (s for s in job.get("steps", []) if s.get("uses", "").startswith("actions/checkout@")):
        ref = str(checkout["with"].get("ref", ""))
        assert not any(word in ref for word in ("pull_request", "workflow_run", "head", "inputs")), (name, job_id)
    for script in (s.get("run", "") for s in job.get("steps", [])):
        assert not any(word in script for word in BUILDS_OR_RUNS_PR), (name, job_id, script)
        assert "pip install" not in script or script == "python -m pip install .", (name, job_id)


def test_a_commit_status_comes_from_the_trusted_check_only() -> None:
    setters = [
        (n, j)
        for n, j, job in all_jobs()
        if isinstance(job.get("permissions"), dict) and job["permissions"].get("statuses") == "write"
    ]
    assert setters == [("check.yml", "report")]
    assert workflow("tests.yml")["name"] not in str([workflow(p.name)["on"] for p in WORKFLOWS])  # nothing trusts it


def test_the_bot_reads_the_claim_form_by_the_labels_github_renders() -> None:
    from cohandbook.core.bot.form import form_fields
    from cohandbook.core.bot.texts import FORM_LABELS

    form = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE/claim.yml").read_text(encoding="utf-8"))
    labels = {f["id"]: f["attributes"]["label"] for f in form["body"] if "id" in f}
    assert {key: labels[key] for key in FORM_LABELS} == FORM_LABELS
    rendered = "\n\n".join(f"### {label}\n\n{key}-answer" for key, label in labels.items())
    assert form_fields(rendered)[labels["module"]] == "module-answer"
    assert "几分钟" in form["body"][0]["attributes"]["value"]


def cache_steps(name: str) -> dict[str, list[dict[str, Any]]]:
    """The actions/cache steps of each job of one workflow."""
    jobs = workflow(name)["jobs"]
    return {
        job_name: [s for s in job.get("steps", []) if str(s.get("uses", "")).startswith("actions/cache@")]
        for job_name, job in jobs.items()
    }


def test_photo_versions_are_kept_between_deploys_and_only_main_writes_that_cache() -> None:
    """A deploy without it encodes every photo again; a pull_request_target run that saved a cache would
    save it for main (cache poisoning), so the trusted check keeps none."""
    for name, job in (("deploy.yml", "build"), ("bot.yml", "site")):
        steps = cache_steps(name)[job]
        assert len(steps) == 1, (name, job)
        assert steps[0]["with"]["path"] == f"{CohandbookConfig.cache_dir.default}/images"
    assert not any(cache_steps("check.yml").values())
    assert not any(cache_steps("tests.yml").values())
    assert all(not steps for job, steps in cache_steps("bot.yml").items() if job != "site")
