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
from .texts import quote


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


def pull_description(sub: Submission) -> str:
    """The hand-in pull request's description: who handed in, from which issue, and the note they left for
    the operators (the form's 想对运营同学说的话), quoted so it can neither mention, link nor format."""
    lines = [
        f"由 @{sub.login}（人才库：`{sub.handle}`）通过提交表单交稿，见 #{sub.issue}。",
        "",
        f"这个 Pull Request 由机器人根据表单生成，检查时按 @{sub.login} 的提交来审核。",
    ]
    if sub.form.note.strip():
        lines += ["", f"交稿人想对运营同学说：{quote(sub.form.note, limit=500)}"]
    return "\n".join([*lines, "", f"Closes #{sub.issue}", ""])
