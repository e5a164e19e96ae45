"""The record of a hand-in the bot made from a submission form: its branch name and commit trailers.

The bot writes it (core/bot/draft.py); `check-pr` reads it to judge such a pull request as the submitter's.
Only the bot can create a branch in the repository itself, which a fork cannot.
"""

from __future__ import annotations

import re

BRANCH_PREFIX = "cohandbook/submit-"
JOIN_PREFIX = "cohandbook/join-"  # the bot's join pull requests (core/bot/joining.py), same trailers
TRAILER_ISSUE = "Cohandbook-Submission"
TRAILER_LOGIN = "Cohandbook-Submitted-By"
_TRAILER = re.compile(rf"^{TRAILER_LOGIN}:[ \t]*([A-Za-z0-9](?:[A-Za-z0-9-]{{0,38}}))[ \t]*$", re.MULTILINE)
_ISSUE = re.compile(rf"^{TRAILER_ISSUE}:[ \t]*#?(\d+)[ \t]*$", re.MULTILINE)


def handin_branch(issue: int) -> str:
    return f"{BRANCH_PREFIX}{issue}"


def join_branch(issue: int) -> str:
    return f"{JOIN_PREFIX}{issue}"


def handin_trailers(issue: int, login: str) -> str:
    return f"{TRAILER_ISSUE}: #{issue}\n{TRAILER_LOGIN}: {login}\n"


def submitted_by(message: str, branch: str) -> str | None:
    """The submitter a bot-made commit names, when its trailers and the branch name agree on the issue."""
    login, issue = _TRAILER.search(message), _ISSUE.search(message)
    if not login or not issue or branch not in (handin_branch(int(issue.group(1))), join_branch(int(issue.group(1)))):
        return None
    return login.group(1)
