"""The checked-out default branch: write the plan's files, commit, push; start over when the push loses."""

from __future__ import annotations

import base64
import os
import subprocess
import tempfile
from pathlib import Path

from ..core.domain.changes import ABSENT, FileChange, digest
from ..core.domain.layout import HANDBOOKS, SQUAD_FOLDER

BOT_NAME = "github-actions[bot]"
BOT_EMAIL = "41898282+github-actions[bot]@users.noreply.github.com"


class GitFailure(RuntimeError):
    """A git command failed; the message is git's own."""


class BranchMoved(GitFailure):
    """The bot's branch changed on the remote while this run worked (another run of the same issue pushed)."""


class Git:
    def __init__(self, root: Path, token: str = "", server_url: str = "https://github.com") -> None:
        self.root = root
        self.env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}
        if token:  # the token reaches git through the environment: never on a command line, never in .git/config
            basic = base64.b64encode(f"x-access-token:{token}".encode()).decode()
            self.env.update(
                GIT_CONFIG_COUNT="1",
                GIT_CONFIG_KEY_0=f"http.{server_url.rstrip('/')}/.extraheader",
                GIT_CONFIG_VALUE_0=f"AUTHORIZATION: basic {basic}",
            )

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = ["git", "-c", f"user.name={BOT_NAME}", "-c", f"user.email={BOT_EMAIL}", "-c", "commit.gpgsign=false"]
        result = subprocess.run(
            [*command, *args], cwd=self.root, env=self.env, capture_output=True, text=True, check=False
        )
        if check and result.returncode != 0:
            raise GitFailure(f"git {args[0]}: {result.stderr.strip() or result.stdout.strip()}")
        return result

    def head(self) -> str:
        return self.run("rev-parse", "HEAD").stdout.strip()

    def branch(self) -> str:
        name = self.run("rev-parse", "--abbrev-ref", "HEAD").stdout.strip()
        if name == "HEAD":
            raise GitFailure("HEAD is detached: check out the default branch before running the bot")
        return name

    def has_origin(self) -> bool:
        return self.run("remote", "get-url", "origin", check=False).returncode == 0

    def apply(self, changes: tuple[FileChange, ...]) -> list[str]:
        paths = []
        for change in changes:  # the plan was computed from this checkout: each file still as it read it
            target = self._inside(change.path)
            found = digest(target.read_bytes()) if target.is_file() and not target.is_symlink() else ABSENT
            if change.expect and found != change.expect:
                raise GitFailure(f"{change.path} changed after the plan read it")
        for change in changes:
            target = self._inside(change.path)
            content = change.content
            if content is None:
                target.unlink(missing_ok=True)
                _remove_empty(target.parent, self.root)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
            paths.append(change.path)
        return paths

    def commit(self, paths: list[str], message: str) -> None:
        self.run("add", "--all", "--", *paths)
        self.run("commit", "-q", "-m", message)

    def push(self, branch: str) -> bool:
        """True when pushed; False when the remote moved on (someone else pushed first)."""
        result = self.run("push", "-q", "origin", f"HEAD:refs/heads/{branch}", check=False)
        if result.returncode == 0:
            return True
        lost = ("fetch first", "non-fast-forward", "[rejected]")  # not "[remote rejected]": a branch rule said no
        if any(sign in result.stderr for sign in lost):
            return False
        raise GitFailure(f"git push: {result.stderr.strip()}")

    def sync(self, branch: str) -> None:
        """Take the remote's branch as it is now, dropping our unpushed commit."""
        self.run("fetch", "-q", "origin", f"+refs/heads/{branch}:refs/remotes/origin/{branch}")
        self.run("reset", "-q", "--hard", f"refs/remotes/origin/{branch}")

    def restore(self, rev: str, paths: list[str]) -> None:
        """Back to `rev`, and the files we wrote gone: the repository as it was before the run."""
        self.run("reset", "-q", "--hard", rev)
        if paths:
            self.run("clean", "-q", "-f", "-d", "--", *paths, check=False)

    def write_branch(self, branch: str, files: dict[str, bytes], message: str, roots: tuple[str, ...] = ()) -> str:
        """Commit `files` on top of HEAD as `branch` and force-push it, without touching the working tree.

        The branch belongs to the bot (one per issue): an edited form replaces its commit. `roots` are top
        folders this one write may add to besides the usual ones (a join's profile under contributors/).
        The push is a compare-and-swap on the commit the branch had when this run began (`--force-with-lease`),
        so two quick edits of one form never silently overwrite each other: the run that lost raises
        BranchMoved.
        """
        for path in files:
            self._inside(path, roots)
        old = self.remote_branch(branch)
        with tempfile.TemporaryDirectory(prefix="cohandbook-index-") as tmp:
            env = {**self.env, "GIT_INDEX_FILE": str(Path(tmp) / "index")}
            self._git(env, "read-tree", "HEAD")
            for path, data in sorted(files.items()):
                blob = self._git(env, "hash-object", "-w", "--stdin", data=data).strip()
                self._git(env, "update-index", "--add", "--cacheinfo", f"100644,{blob},{path}")
            tree = self._git(env, "write-tree").strip()
        commit = self._git(self.env, "commit-tree", tree, "-p", "HEAD", data=message.encode("utf-8")).strip()
        lease = f"--force-with-lease=refs/heads/{branch}:{old}"
        pushed = self.run("push", "-q", lease, "origin", f"{commit}:refs/heads/{branch}", check=False)
        if pushed.returncode != 0:
            if "stale info" in pushed.stderr or "[rejected]" in pushed.stderr:
                raise BranchMoved(f"git push: {branch} moved on the remote meanwhile")
            raise GitFailure(f"git push: {pushed.stderr.strip()}")
        return commit

    def remote_branch(self, branch: str) -> str:
        """The commit `branch` has on the remote now ("" when it does not exist)."""
        listed = self.run("ls-remote", "--heads", "origin", f"refs/heads/{branch}").stdout.split()
        return listed[0] if listed else ""

    def _git(self, env: dict[str, str], *args: str, data: bytes = b"") -> str:
        identity = {"GIT_AUTHOR_NAME": BOT_NAME, "GIT_AUTHOR_EMAIL": BOT_EMAIL}
        identity |= {"GIT_COMMITTER_NAME": BOT_NAME, "GIT_COMMITTER_EMAIL": BOT_EMAIL}
        result = subprocess.run(
            ["git", *args], cwd=self.root, env={**env, **identity}, input=data, capture_output=True, check=False
        )
        if result.returncode != 0:
            raise GitFailure(f"git {args[0]}: {result.stderr.decode('utf-8', 'replace').strip()}")
        return result.stdout.decode("utf-8", "replace")

    def _inside(self, path: str, roots: tuple[str, ...] = ()) -> Path:
        parts = Path(path).parts
        # Module folders and blueprints; squad files since squads form by invitation (core/bot/squads.py);
        # and the top folders one write names (`roots`: a join's profile, on its own branch).
        allowed = parts[:1] == (HANDBOOKS,) or (parts[:2] == tuple(SQUAD_FOLDER.split("/")) and len(parts) == 3)
        allowed = allowed or (bool(parts) and parts[0] in roots)
        if Path(path).is_absolute() or ".." in parts or not allowed:
            raise GitFailure(f"refusing to write outside handbooks/ and contributors/squads/: {path}")
        target = self.root.joinpath(*parts)
        for parent in [target, *target.parents]:
            if parent == self.root:
                break
            if parent.is_symlink():
                raise GitFailure(f"refusing to write through a symbolic link: {path}")
        return target


def _remove_empty(folder: Path, root: Path) -> None:
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
