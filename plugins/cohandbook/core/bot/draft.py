"""A submission the bot decided to accept, before its attachments are fetched: what the runner carries out.

The decision is pure (form, submitter, claim); fetching, converting and pushing are the runner's. The
branch name and the commit trailer are the record `check-pr` reads to judge the pull request as the
submitter's: only the bot can create a branch in the repository itself, which a fork cannot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..edits.claims import Target
from .submit_form import SubmissionForm

BRANCH_PREFIX = "cohandbook/submit-"
TRAILER_ISSUE = "Cohandbook-Submission"
TRAILER_LOGIN = "Cohandbook-Submitted-By"
_TRAILER = re.compile(rf"^{TRAILER_LOGIN}:[ \t]*([A-Za-z0-9](?:[A-Za-z0-9-]{{0,38}}))[ \t]*$", re.MULTILINE)
_ISSUE = re.compile(rf"^{TRAILER_ISSUE}:[ \t]*#?(\d+)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Submission:
    issue: int
    login: str  # the issue's author, as GitHub says (issue.user.login)
    handle: str  # their talent-pool handle
    target: Target
    form: SubmissionForm
    index_text: str  # the module's index.md on the default branch, as it stands

    @property
    def branch(self) -> str:
        return f"{BRANCH_PREFIX}{self.issue}"

    def commit_message(self) -> str:
        return (
            f"交稿 {self.target.name}：{self.handle}（#{self.issue}）\n\n"
            f"{TRAILER_ISSUE}: #{self.issue}\n{TRAILER_LOGIN}: {self.login}\n"
        )


def submitted_by(message: str, branch: str) -> str | None:
    """The submitter a bot-made commit names, when its trailers and the branch name agree on the issue."""
    login, issue = _TRAILER.search(message), _ISSUE.search(message)
    if not login or not issue or branch != f"{BRANCH_PREFIX}{issue.group(1)}":
        return None
    return login.group(1)
