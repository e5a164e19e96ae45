"""Carrying out a proposal (a join): the files on the bot's branch of the repository, and its pull request.

Like a hand-in, the commit is built from git objects on top of the default branch, which stays untouched;
an edited form replaces the branch's commit and the open pull request shows the new one.
"""

from __future__ import annotations

from ..core.bot.plan import Plan, Proposal
from ..core.domain.layout import CONTRIBUTORS
from .api import GitHub, GitHubError
from .git import BranchMoved, Git
from .trusted import request_check

ROOTS = (CONTRIBUTORS,)  # a proposal writes profiles only


def propose(proposal: Proposal, git: Git, github: GitHub, base: str) -> Plan:
    files = {c.path: (c.text or "").encode("utf-8") for c in proposal.changes if c.text is not None}
    try:
        commit = git.write_branch(proposal.branch, files, proposal.message, ROOTS)
    except BranchMoved:
        return Plan(log=(f"{proposal.branch}: a newer run of the same form pushed first; this one stops",))
    try:
        number = github.create_pull(proposal.title, proposal.branch, base, proposal.body).get("number")
    except GitHubError as exc:
        if exc.status != 422:  # 422: it is open already, and now shows the new commit
            raise
        number = None
    # Opened with GITHUB_TOKEN, it starts no workflow by itself: the trusted check is asked for, like a hand-in's.
    checked = request_check(github, number if isinstance(number, int) else None, proposal.branch, base)
    log = f"{proposal.branch} at {commit[:12]}, pull request {number or 'updated'}, check {'asked' if checked else 'not started'}"
    return Plan(log=(log,))
