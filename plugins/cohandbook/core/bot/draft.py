"""A submission the bot decided to accept, before its attachments are fetched: what the runner carries out.

The decision is pure (form, submitter, claim); fetching, converting and pushing are the runner's. The
branch name and the commit trailers (core/pr/handin.py) are the record `check-pr` reads to judge the pull
request as the submitter's.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..edits.claims import Target
from ..pr.handin import handin_branch, handin_trailers
from .submit_form import SubmissionForm


@dataclass(frozen=True, slots=True)
class Submission:
    issue: int
    login: str  # the issue's author, as GitHub says (issue.user.login)
    handle: str  # their talent-pool handle
    target: Target
    form: SubmissionForm
    index_text: str  # the module's index.md on the default branch, as it stands
    problems: tuple[str, ...] = ()  # what the form lacks; the runner adds the attachments' problems

    @property
    def branch(self) -> str:
        return handin_branch(self.issue)

    def commit_message(self) -> str:
        return f"交稿 {self.target.name}：{self.handle}（#{self.issue}）\n\n{handin_trailers(self.issue, self.login)}"
