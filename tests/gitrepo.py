"""Real temporary git repositories for pull-request checks: a base branch, a pull request branch, commits."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from click.testing import CliRunner, Result

from cohandbook.cli.main import cli
from conftest import TODAY, Repo, dump

GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "测试",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "测试",
    "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(root: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-C", str(root), *args],
        capture_output=True,
        text=True,
        env=GIT_ENV,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


class GitRepo:
    """A handbook repository under git: `main` is the base, `pr` the pull request's branch."""

    def __init__(self, repo: Repo) -> None:
        self.repo = repo
        self.root = repo.root

    def start(self) -> GitRepo:
        """Commit the repository as it stands on `main`, and branch `pr` off it."""
        self.repo.write("mkdocs.yml", dump(self.repo.config))
        git(self.root, "init", "-q", "-b", "main")
        self.commit("base")
        git(self.root, "checkout", "-q", "-b", "pr")
        return self

    def commit(self, message: str) -> str:
        git(self.root, "add", "-A")
        git(self.root, "commit", "-q", "--allow-empty", "-m", message)
        return git(self.root, "rev-parse", "HEAD")

    def merged(self, message: str) -> None:
        """Commit what is written so far as merged into `main` before the pull request starts from it."""
        branch = git(self.root, "rev-parse", "--abbrev-ref", "HEAD")
        self.commit(message)
        other = "pr" if branch == "main" else "main"
        git(self.root, "branch", "-f", other, branch)
        self.on("pr")

    def on(self, branch: str) -> GitRepo:
        git(self.root, "checkout", "-q", branch)
        return self

    def rev(self, name: str) -> str:
        return git(self.root, "rev-parse", name)

    def remove(self, path: str) -> None:
        git(self.root, "rm", "-r", "-q", path)

    def check(self, author: str, *args: str, base: str = "main", head: str = "pr") -> Result:
        command = ["--root", str(self.root), "check-pr", "--base", base, "--head", head, "--author", author]
        return CliRunner().invoke(cli, [*command, "--today", TODAY, *args])
