"""Previews before merging: the check builds the pull request read-only and hands the site over as an
artifact; a separate run with a write token publishes it as static files and removes closed ones; the
report comment links to the changed module pages."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from cohandbook.core.bot.events import WorkflowRunEvent
from cohandbook.core.bot.report import pr_report
from cohandbook.core.bot.world import PrReport, parse_report
from cohandbook.core.domain.findings import error
from cohandbook.core.domain.settings import Settings
from conftest import PROJECT

WORKFLOWS = PROJECT / ".github/workflows"


def workflow(name: str) -> dict[str, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))
    return data


def test_the_check_hands_over_its_build_as_an_artifact_only() -> None:
    steps = workflow("pull-request.yml")["jobs"]["check"]["steps"]
    names = [s.get("name") or s.get("uses", "") for s in steps]
    assert names.index("严格构建网站") < names.index("准备网页预览")
    upload = next(s for s in steps if s.get("name") == "上传网页预览")
    assert upload["uses"].startswith("actions/upload-artifact@") and upload["with"]["name"] == "preview"
    report = next(s for s in steps if s.get("name") == "保存检查结果")["run"]
    assert '--head-repo "$HEAD_REPO"' in report and "pages" in report  # the report judges hand-ins the same way


def test_the_publishing_run_never_touches_the_pull_requests_code() -> None:
    flow = workflow("preview.yml")
    assert set(flow["on"]) == {"workflow_run", "schedule", "workflow_dispatch"}
    assert flow["on"]["workflow_run"]["workflows"] == [workflow("pull-request.yml")["name"]]
    assert flow["permissions"] == {"contents": "read"}
    [job] = flow["jobs"].values()
    assert job["permissions"] == {"contents": "write", "actions": "read", "pull-requests": "read"}
    uses = [s.get("uses", "") for s in job["steps"]]
    assert not any(u.startswith(("actions/checkout", "actions/setup-python")) for u in uses)
    download = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/download-artifact@"))
    assert "conclusion == 'success'" in download["if"] and "event == 'pull_request'" in download["if"]
    for step in job["steps"]:
        assert "${{" not in step.get("run", "")  # event text never inside a shell script
        assert "pip install" not in step.get("run", "") and "mkdocs" not in step.get("run", "")


def test_the_deploy_serves_previews_next_to_the_site() -> None:
    flow = workflow("deploy.yml")
    assert flow["on"]["workflow_run"]["workflows"] == [workflow("preview.yml")["name"]]
    steps = flow["jobs"]["build"]["steps"]
    assert "site/pr-preview" in next(s for s in steps if s.get("name") == "加入 Pull Request 的网页预览")["run"]


def publish_script() -> str:
    [job] = workflow("preview.yml")["jobs"].values()
    return next(s for s in job["steps"] if s.get("name") == "写入预览分支")["run"]


def run_publish(tmp: Path, open_prs: list[int], artifact: dict[str, str] | None) -> subprocess.CompletedProcess[str]:
    """The step's own script, against a bare repository standing in for GitHub and a `gh` that lists PRs."""
    server = tmp / "server"
    remote = server / "xinghe/handbooks"
    if not remote.exists():
        subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    work = tmp / f"run-{len(list(tmp.glob('run-*')))}"
    (work / "bin").mkdir(parents=True)
    gh = work / "bin/gh"
    gh.write_text("#!/bin/sh\nprintf '%s\\n' " + " ".join(map(str, open_prs)) + "\n")
    gh.chmod(0o755)
    if artifact is not None:
        for name, text in artifact.items():
            (work / "preview" / name).parent.mkdir(parents=True, exist_ok=True)
            (work / "preview" / name).write_text(text, encoding="utf-8")
    env = {
        **os.environ,
        "PATH": f"{work / 'bin'}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_SERVER_URL": f"file://{server}",
        "GITHUB_REPOSITORY": "xinghe/handbooks",
        "TOKEN": "ghs_test",
        "GH_TOKEN": "ghs_test",
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    return subprocess.run(["bash", "-e", "-c", publish_script()], cwd=work, env=env, capture_output=True, text=True)


def published(tmp: Path) -> list[str]:
    remote = tmp / "server/xinghe/handbooks"
    listing = subprocess.run(
        ["git", "-C", str(remote), "ls-tree", "-r", "--name-only", "previews"], capture_output=True, text=True
    )
    return sorted(listing.stdout.split())


def test_previews_are_published_and_closed_ones_removed(tmp_path: Path) -> None:
    site = {"number": "7\n", "site/index.html": "<p>首页</p>", "site/guide/trunk/index.html": "<p>后备箱</p>"}
    assert run_publish(tmp_path, [7], site).returncode == 0
    assert published(tmp_path) == ["pr-7/guide/trunk/index.html", "pr-7/index.html"]
    assert run_publish(tmp_path, [7, 8], {**site, "number": "8"}).returncode == 0
    assert published(tmp_path)[-1] == "pr-8/index.html" and "pr-7/index.html" in published(tmp_path)
    assert run_publish(tmp_path, [8], None).returncode == 0  # the nightly round: #7 was closed
    assert published(tmp_path) == ["pr-8/guide/trunk/index.html", "pr-8/index.html"]


@pytest.mark.parametrize("number", ["../../main", "7; rm -rf /", "", "12345678"])
def test_a_forged_number_publishes_nothing(tmp_path: Path, number: str) -> None:
    result = run_publish(tmp_path, [7], {"number": number, "site/index.html": "x"})
    assert result.returncode != 0 or published(tmp_path) == []
    assert not (tmp_path / "main").exists()


def report(findings: tuple[Any, ...] = (), pages: bytes = b"guide/trunk/\n") -> PrReport:
    files = {"number": b"7", "head_sha": b"a" * 40, "findings.json": b"[]", "pages": pages}
    parsed = parse_report(files)
    return PrReport(parsed.number, parsed.head_sha, findings, pages=parsed.pages)


class _World:
    def __init__(self, rep: PrReport, site_url: str | None) -> None:
        self.report = rep
        self.settings = Settings(site_url=site_url)


def comment(rep: PrReport, site_url: str | None = "https://xinghe-auto.github.io/handbooks/") -> str:
    event = WorkflowRunEvent("completed", "success", "a" * 40, (7,))
    [said] = pr_report(event, _World(rep, site_url)).comments  # type: ignore[arg-type]
    return said.body


def test_the_report_links_to_the_preview_of_the_changed_pages() -> None:
    body = comment(report())
    assert "[整本手册](https://xinghe-auto.github.io/handbooks/pr-preview/pr-7/)" in body
    assert "[guide/trunk](https://xinghe-auto.github.io/handbooks/pr-preview/pr-7/guide/trunk/)" in body


def test_no_preview_link_while_the_check_fails_or_without_a_site() -> None:
    assert "网页预览" not in comment(report((error("x", "f", 1, "坏了"),)))
    assert "网页预览" not in comment(report(), site_url=None)


def test_forged_page_names_in_the_artifact_are_dropped() -> None:
    rep = report(pages=b"guide/trunk/\n](https://evil.example)/\n../../x/\njavascript:alert(1)//\n")
    assert rep.pages == ("guide/trunk/",)
