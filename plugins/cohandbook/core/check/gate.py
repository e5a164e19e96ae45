"""One gate for every write: the repository as it would be after a plan, judged by the strict build's checks.

`check_source` is what the site build calls (`site.build.load_site`), and `mkdocs build --strict` stops on
every finding it reports, errors and warnings alike. A plan may leave problems the repository already had
(they are not its doing) but must not add one: `gate` returns the findings the plan adds, and whoever applies
plans (the CLI's writer, the bot's runner) writes nothing when there are any.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from ..domain.changes import FileChange
from ..domain.findings import Finding, sorted_findings
from ..read.overlay import Overlay
from ..read.sources import Source
from .validate import check_source

REFUSED = "这样改之后网站会出错、发布不出去，所以什么都没有改："


def gate(source: Source, changes: Sequence[FileChange], today: date, *, base: Source | None = None) -> list[Finding]:
    """The findings the repository would have after `changes` that it does not have now; empty: go ahead.

    `base`: what "now" is when `source` is not it (a pull request's head to be merged, then changed, is
    judged against the default branch as it stands)."""
    if not changes and base is None:
        return []
    _, before = check_source(base or source, today)
    _, after = check_source(Overlay(source, changes), today)
    changed = frozenset(c.path for c in changes)
    known = Counter(_key(f, changed) for f in before)
    added = []
    for finding in sorted_findings(after):
        key = _key(finding, changed)
        if known[key]:
            known[key] -= 1  # the same problem as before, perhaps in other words ("当前：claimed")
        else:
            added.append(finding)
    return added


def _key(finding: Finding, changed: frozenset[str]) -> tuple[str, str, str, int | None]:
    """What makes a problem the same one before and after: its code at the same place. A finding about a file
    the plan leaves alone keeps its line, though its words may follow the state (a published handbook's
    unfinished module, claimed now); in a file the plan edits, lines move, so one problem of a kind per
    problem of that kind before."""
    return (finding.level, finding.code, finding.file, None if finding.file in changed else finding.line)
