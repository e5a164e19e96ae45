"""A repository set up as an operator would, and `cohandbook` run in it: for the doctor's tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner, Result
from gitrepo import git

from cohandbook.cli.main import cli
from conftest import PROJECT, Repo

SLUG = "jiguang-auto/handbooks"
IGNORED = shutil.ignore_patterns(".*", "site*", "*.pyc", "__pycache__", "bench", "tests")  # keep .github
CONFIGURED = {
    "repo_url": f"https://github.com/{SLUG}",
    "site_url": "https://jiguang-auto.github.io/handbooks/",
    "edit_uri": "edit/main/handbooks/",
}


def copy_project(root: Path) -> None:
    shutil.copytree(PROJECT, root, ignore=IGNORED)
    shutil.copytree(PROJECT / ".github", root / ".github")


def run(root: Path, *args: str, **env: str) -> Result:
    return CliRunner().invoke(cli, ["--root", str(root), *args], env={"GITHUB_TOKEN": "", **env})


def lines(result: Result, mark: str) -> list[str]:
    return [line for line in result.output.splitlines() if line.startswith(mark)]


def set_up_as_documented(repo: Repo) -> Repo:
    """A repository set up as the documentation says: own settings, own team, workflows and forms, a remote."""
    for part in (
        "workflows/check.yml",
        "workflows/bot.yml",
        "workflows/deploy.yml",
        *(f"ISSUE_TEMPLATE/{n}.yml" for n in ("claim", "submit", "join", "squad")),
    ):
        repo.write(f".github/{part}", "name: x\n")
    repo.write(".github/CODEOWNERS", "* @jiguang-auto/community\n")
    repo.config.update(CONFIGURED)
    repo.write_config(operators=["wang-yun"])
    git(repo.root, "init", "-q", "-b", "main")
    git(repo.root, "remote", "add", "origin", f"git@github.com:{SLUG}.git")
    return repo
