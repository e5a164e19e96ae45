"""The record a bot-made hand-in carries: its branch name and commit trailers, read by `check-pr`.

Only the bot can create a branch in the repository itself, which a fork cannot; the bot writes this record
(bot/draft.py) and the pull-request check reads it here, so the check never imports the bot.
"""

from __future__ import annotations

import re

BRANCH_PREFIX = "cohandbook/submit-"
TRAILER_ISSUE = "Cohandbook-Submission"
TRAILER_LOGIN = "Cohandbook-Submitted-By"
_TRAILER = re.compile(rf"^{TRAILER_LOGIN}:[ \t]*([A-Za-z0-9](?:[A-Za-z0-9-]{{0,38}}))[ \t]*$", re.MULTILINE)
_ISSUE = re.compile(rf"^{TRAILER_ISSUE}:[ \t]*#?(\d+)[ \t]*$", re.MULTILINE)


def submitted_by(message: str, branch: str) -> str | None:
    """The submitter a bot-made commit names, when its trailers and the branch name agree on the issue."""
    login, issue = _TRAILER.search(message), _ISSUE.search(message)
    if not login or not issue or branch != f"{BRANCH_PREFIX}{issue.group(1)}":
        return None
    return login.group(1)
