"""A pull request that asks to join the talent pool: it adds exactly one new profile, whose `github:` is
its author (for the bot's join pull request, the person who filled in the 加入 form; see handin.py).

Such a pull request is not a stranger's trespass but an application: the check judges the profile like
`validate` does and leaves the decision to the operator, whose merge is the admission.
"""

from __future__ import annotations

from ..domain.findings import Finding, error
from ..domain.layout import profile_file, profile_of
from ..domain.model import Repository
from ..read.sources import Change


def applying_as(changes: tuple[Change, ...]) -> str | None:
    """The handle a pull request applies with: one added file `contributors/<handle>.yml` and nothing else."""
    if len(changes) != 1 or changes[0].status != "A":
        return None
    return profile_of(changes[0].path)


def application_findings(handle: str, head: Repository, author: str) -> list[Finding]:
    person = head.contributors.get(handle)
    file = profile_file(handle)
    if person is None:
        return [
            error("application-unreadable", file, None, "档案读不出来。", "对照 contributors/ 里别人的档案改一改。")
        ]
    if (person.github or "").lower() != author.lower():
        return [
            error(
                "application-not-yours",
                file,
                None,
                f"档案里的 github: {person.github or '（空）'} 不是这次提交的作者 {author}。",
                "申请加入只能登记你自己的 GitHub 账号。",
            )
        ]
    return []
