"""Every program the bot starts is there where the bot runs: installed by the workflow job that runs
`cohandbook bot` for issue events, or preinstalled on GitHub's Ubuntu runners (a short allowlist).

The programs are found in the code, not listed by hand: a new `subprocess` call on a new binary fails here
until the workflow installs it (or the allowlist says why it need not)."""

from __future__ import annotations

import ast
import re
from typing import Any

from test_workflows import workflow

from conftest import PROJECT

CODE = [PROJECT / "plugins/cohandbook/github", PROJECT / "plugins/cohandbook/core/media"]
# Preinstalled on GitHub's ubuntu-latest image (its published software list): nothing to install.
PREINSTALLED = {"git": "GitHub's Ubuntu runners ship git (actions/checkout uses it)"}
# The Debian package that brings each binary.
PACKAGES = {"ffmpeg": "ffmpeg", "ffprobe": "ffmpeg"}
# How the code names a program: the first word of a command list, shutil.which("x"), with_name("x").
_NAMED = re.compile(r"""(?:shutil\.which|with_name)\(\s*["']([a-z][a-z0-9_-]*)["']""")


def programs_started() -> set[str]:
    found: set[str] = set()
    for folder in CODE:
        for path in sorted(folder.glob("*.py")):
            text = path.read_text(encoding="utf-8")
            if "subprocess" not in text:
                continue
            found |= set(_NAMED.findall(text))
            found |= _command_heads(ast.parse(text))
    return found


def _command_heads(tree: ast.AST) -> set[str]:
    """String literals at the head of a list literal that reaches subprocess (["git", …], [ffprobe, "-v", …])."""
    heads = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.List) and node.elts and isinstance(node.elts[0], ast.Constant):
            head = node.elts[0].value
            if isinstance(head, str) and re.fullmatch(r"[a-z][a-z0-9_-]*", head) and len(node.elts) > 1:
                heads.add(head)
    return heads


def bot_jobs_for_issues() -> list[tuple[str, dict[str, Any]]]:
    """The jobs that run `cohandbook bot` in a workflow started by issue events (the forms: hand-ins with
    videos). A workflow that only reports on pull requests (check.yml) starts no converter."""
    jobs = []
    for path in sorted((PROJECT / ".github/workflows").glob("*.yml")):
        data = workflow(path.name)
        triggers = data["on"] if isinstance(data["on"], dict) else {name: None for name in data["on"]}
        if not {"issues", "issue_comment"} & set(triggers):
            continue
        for name, job in data["jobs"].items():
            runs = [step.get("run", "") for step in job.get("steps", [])]
            only_reports = "github.event_name == 'workflow_run'" in str(job.get("if", "")).replace('"', "'")
            if any("cohandbook bot" in run for run in runs) and not only_reports:
                jobs.append((f"{path.name}:{name}", job))
    return jobs


def installed_before_the_bot(job: dict[str, Any]) -> set[str]:
    packages: set[str] = set()
    for step in job["steps"]:
        run = step.get("run", "")
        if "cohandbook bot" in run:
            return packages
        for command in re.findall(r"apt-get install ([^\n&;|]+)", run):
            packages |= {word for word in command.split() if not word.startswith("-")}
    return packages


def test_the_code_starts_only_programs_we_know_how_to_provide() -> None:
    started = programs_started()
    assert {"git", "ffmpeg", "ffprobe"} <= started, started
    assert started <= set(PACKAGES) | set(PREINSTALLED), started - set(PACKAGES) - set(PREINSTALLED)


def test_every_program_the_bot_starts_is_installed_by_the_job_that_runs_it() -> None:
    jobs = bot_jobs_for_issues()
    assert [name for name, _ in jobs] == ["bot.yml:bot"]
    for name, job in jobs:
        have = installed_before_the_bot(job)
        for program in sorted(programs_started() - set(PREINSTALLED)):
            assert PACKAGES[program] in have, f"job {name} runs the bot but does not install {program}"


def test_the_install_step_is_one_plain_apt_get_without_untrusted_text() -> None:
    [(_, job)] = bot_jobs_for_issues()
    [step] = [s for s in job["steps"] if "apt-get install" in s.get("run", "")]
    assert "--no-install-recommends ffmpeg" in step["run"] and "${{" not in step["run"]


def test_a_workflow_without_the_install_is_caught() -> None:
    job = {"steps": [{"run": "python -m pip install ."}, {"run": "cohandbook bot"}]}
    assert "ffmpeg" not in installed_before_the_bot(job)
    late = {"steps": [{"run": "cohandbook bot"}, {"run": "sudo apt-get install -y ffmpeg"}]}
    assert "ffmpeg" not in installed_before_the_bot(late)


def test_runs_for_one_issue_wait_for_each_other() -> None:
    """Two quick edits of one form are handled in order, never side by side (the push is a compare-and-swap
    besides): the bot job queues per issue and never cancels a run that may be pushing."""
    [(_, job)] = bot_jobs_for_issues()
    assert "github.event.issue.number" in job["concurrency"]["group"]
    assert job["concurrency"]["cancel-in-progress"] is False
