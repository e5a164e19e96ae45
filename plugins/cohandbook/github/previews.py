"""Placing the trusted check's previews into the site before it is deployed (see core/pr/previews.py).

Every file of a preview is static output of our own build; still, the zip is read as hostile: its size is
capped before and while downloading, and every member is checked (a plain relative path, no link, capped in
count and bytes) before it is written under `pr-<number>/`.
"""

from __future__ import annotations

import io
import logging
import shutil
import stat
import subprocess
import urllib.request
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from ..core.pr.previews import MAX_ARTIFACT, Candidate, OpenPull, candidates, open_pulls, run_commit, trusted_run
from .api import GitHub, GitHubError

log = logging.getLogger("cohandbook.previews")
MAX_MEMBERS = 20_000
MAX_UNPACKED = 3 * MAX_ARTIFACT


class BadPreview(ValueError):
    """The artifact is not a preview we can place."""


def collect(github: GitHub, repository: str, into: Path, on_main: Callable[[str], bool]) -> list[int]:
    """Every open pull request's trusted preview under `into/pr-<n>/`; the numbers placed.

    `on_main(sha)` says whether a commit is on the default branch (the run's workflow file was main's)."""
    placed = []
    for pull in open_pulls(github.open_pulls(), repository):
        try:
            data = _trusted_zip(github, repository, pull, on_main)
            if data is not None:
                unpack(data, into / f"pr-{pull.number}")
                placed.append(pull.number)
        except (GitHubError, BadPreview, OSError, zipfile.BadZipFile) as exc:
            log.warning("预览 #%s 没有放上网站：%s", pull.number, exc)
            shutil.rmtree(into / f"pr-{pull.number}", ignore_errors=True)
    return placed


def _trusted_zip(github: GitHub, repository: str, pull: OpenPull, on_main: Callable[[str], bool]) -> bytes | None:
    listing, _ = github.get(f"/actions/artifacts?per_page=20&name=preview-{pull.number}-{pull.head_sha}")
    for candidate in candidates(listing, pull):
        run, _ = github.get(f"/actions/runs/{candidate.run_id}")
        commit = run_commit(run)
        if trusted_run(run, repository) and commit is not None and on_main(commit):
            return _download(github, candidate)
        log.warning("预览 #%s：运行 %s 不是可信检查，跳过", pull.number, candidate.run_id)
    return None


def _download(github: GitHub, candidate: Candidate) -> bytes:
    """The artifact's zip: GitHub answers with a redirect to storage, fetched without our token."""
    location = github.redirect(f"/actions/artifacts/{candidate.artifact_id}/zip")
    scheme = urlsplit(location).scheme
    if scheme != "https" and not (scheme == "http" and github.api.startswith("http://")):
        raise BadPreview("the artifact's address is not https")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(urllib.request.Request(location, headers={"User-Agent": "cohandbook"}), timeout=120) as answer:
        data: bytes = answer.read(MAX_ARTIFACT + 1)
    if len(data) > MAX_ARTIFACT:
        raise BadPreview("the artifact is larger than allowed")
    return data


def unpack(data: bytes, folder: Path) -> None:
    """The zip's files under `folder` (replaced), each a plain relative path; links and oversize refused."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED:
            raise BadPreview("the preview has too many files or bytes")
        shutil.rmtree(folder, ignore_errors=True)
        for member in members:
            target = folder.joinpath(*_plain_parts(member))
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(member) as source, open(target, "xb") as sink:
                shutil.copyfileobj(source, sink)


def _plain_parts(member: zipfile.ZipInfo) -> tuple[str, ...]:
    path = PurePosixPath(member.filename)
    mode = member.external_attr >> 16
    if stat.S_ISLNK(mode) or path.is_absolute() or "\\" in member.filename or not path.parts:
        raise BadPreview(f"{member.filename!r} is not a plain file")
    if any(part in ("", ".", "..") or part.startswith(".git") for part in path.parts):
        raise BadPreview(f"{member.filename!r} is not a plain path")
    return path.parts


def on_branch(repo: Path) -> Callable[[str], bool]:
    """Whether a commit is in the history of `repo`'s checked-out branch (the deploy checks out main, in full)."""

    def contains(sha: str) -> bool:
        command = ["git", "-C", str(repo), "merge-base", "--is-ancestor", "--end-of-options", sha, "HEAD"]
        return subprocess.run(command, capture_output=True, check=False).returncode == 0

    return contains
