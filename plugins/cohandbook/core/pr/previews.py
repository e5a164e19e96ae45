"""Which previews the site may serve: only those a trusted check run made for an open pull request's head.

The site deploy (`.github/workflows/deploy.yml`, base-branch code, no write token but Pages) asks GitHub for
the open pull requests (number and head commit from GitHub), and for each looks for the artifact named
`preview-<number>-<head>`. That name alone proves nothing (any run can upload an artifact of any name), so
the run that made it must be the trusted check itself: the workflow file `.github/workflows/check.yml`,
started by `pull_request_target` or `workflow_dispatch` (which run the base branch's workflow, never the
pull request's), finished with success. A `pull_request` run, which a fork can rewrite, never qualifies.
And the workflow file it ran must be main's: a `pull_request_target` run reads it from the pull request's
*base* branch and a dispatched run from the ref it was started on, so someone with write access could
otherwise run a changed check.yml from another branch. The run's `head_sha` (for both events: the commit
whose workflow file ran) must be on the default branch; the adapter asks git (`run_commit`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..read.files import MIB
from .trusted import SHA

CHECK_PATH = ".github/workflows/check.yml"
TRUSTED_EVENTS = frozenset({"pull_request_target", "workflow_dispatch"})
MAX_ARTIFACT = 200 * MIB  # the zipped preview; the built site is capped at its build, this again here
MAX_PULLS = 100  # previews on the site at once: the newest open pull requests


@dataclass(frozen=True, slots=True)
class OpenPull:
    number: int
    head_sha: str


@dataclass(frozen=True, slots=True)
class Candidate:
    artifact_id: int
    run_id: int
    size: int


def artifact_name(number: int, head_sha: str) -> str:
    """The preview artifact's name, written by the trusted check from GitHub's values only."""
    return f"preview-{number}-{head_sha}"


def open_pulls(listing: Any, repository: str) -> list[OpenPull]:
    """GitHub's list of open pull requests into (number, head), skipping anything malformed."""
    found = []
    for pull in listing if isinstance(listing, list) else []:
        number, head, base = _get(pull, "number"), _get(pull, "head", "sha"), _get(pull, "base", "repo", "full_name")
        if _positive(number) and isinstance(head, str) and SHA.fullmatch(head) and _same(base, repository):
            found.append(OpenPull(number, head))
    return sorted(found, key=lambda p: -p.number)[:MAX_PULLS]


def candidates(listing: Any, pull: OpenPull) -> list[Candidate]:
    """Artifacts of GitHub's `GET /actions/artifacts?name=…` answer with exactly this pull's name, newest first."""
    artifacts = listing.get("artifacts") if isinstance(listing, dict) else None
    found = []
    for item in artifacts if isinstance(artifacts, list) else []:
        ids = _get(item, "id"), _get(item, "workflow_run", "id"), _get(item, "size_in_bytes")
        if (
            _get(item, "name") == artifact_name(pull.number, pull.head_sha)
            and _get(item, "expired") is False
            and all(_positive(i) for i in ids)
            and ids[2] <= MAX_ARTIFACT
        ):
            found.append(Candidate(*ids))
    return sorted(found, key=lambda c: -c.artifact_id)


def trusted_run(run: Any, repository: str) -> bool:
    """Whether GitHub's `GET /actions/runs/{id}` describes a successful run of the trusted check."""
    path = _get(run, "path")
    return (
        isinstance(path, str)
        and re.fullmatch(re.escape(CHECK_PATH) + r"(@[^\s]+)?", path) is not None
        and _get(run, "event") in TRUSTED_EVENTS
        and _get(run, "status") == "completed"
        and _get(run, "conclusion") == "success"
        and _same(_get(run, "repository", "full_name"), repository)
    )


def run_commit(run: Any) -> str | None:
    """The commit whose workflow file a run ran (for `pull_request_target`: the base branch's, not the head's)."""
    sha = _get(run, "head_sha")
    return sha if isinstance(sha, str) and SHA.fullmatch(sha) else None


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _positive(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _same(name: Any, repository: str) -> bool:
    return isinstance(name, str) and name.lower() == repository.lower()
