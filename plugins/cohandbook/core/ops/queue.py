"""`cohandbook review`: the review queue, what is waiting for an operator and whether it is ready to accept.

Oldest first: a creator who handed in a week ago has waited longest. The hand-in's day is the one the default
branch saw (`read.history.handed_in`) when there is a history, else the front matter's `submitted:` (which a
contributor writes, so it cannot jump the queue where git can say). A module without either goes last, with
its wait unknown. Its contract holds when no error points into its folder, which covers the
format contract, the file rules and the front matter alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.findings import Finding
from ..domain.layout import module_folder, module_of
from ..domain.model import Handbook, ModuleSpec, ModuleWork, Repository
from .record import Handed, handed_day


@dataclass(frozen=True, slots=True)
class QueueItem:
    handbook: Handbook
    spec: ModuleSpec
    work: ModuleWork
    days_waiting: int | None
    problems: tuple[Finding, ...]  # errors in the module's folder; empty when it may be accepted
    issue: int | None
    handed_in: date | None = None  # the day it was handed in (see the module docstring)

    @property
    def contract_holds(self) -> bool:
        return not self.problems

    @property
    def name(self) -> str:
        return f"{self.handbook.id}/{self.spec.id}"


def review_queue(
    repo: Repository, findings: list[Finding], today: date, handbook_id: str | None = None, handed: Handed = None
) -> list[QueueItem]:
    errors: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.is_error:
            errors.setdefault(_folder_of(finding.file), []).append(finding)
    items = [
        _item(
            handbook,
            spec,
            work,
            errors,
            today,
            handed_day(work, handed),
        )
        for handbook in repo.handbooks
        if handbook_id in (None, handbook.id)
        for _, spec in handbook.modules()
        if (work := repo.work(handbook.id, spec.id)) is not None and work.status == "submitted"
    ]
    return sorted(items, key=lambda i: (i.handed_in is None, i.handed_in or today, i.name))


def _item(
    handbook: Handbook,
    spec: ModuleSpec,
    work: ModuleWork,
    errors: dict[str, list[Finding]],
    today: date,
    handed: date | None,
) -> QueueItem:
    waiting = (today - handed).days if handed else None
    problems = tuple(sorted(errors.get(work.folder, ()), key=lambda f: f.sort_key))
    return QueueItem(handbook, spec, work, waiting, problems, work.issue, handed)  # issue: the bot's claim issue


def _folder_of(file: str) -> str:
    """handbooks/<h>/modules/<m>/... -> handbooks/<h>/modules/<m>; anything else maps to itself."""
    key = module_of(file)
    return module_folder(*key) if key else file


def queue_json(item: QueueItem, repo_url: str | None) -> dict[str, object]:
    return {
        "handbook": item.handbook.id,
        "module": item.spec.id,
        "title": item.spec.title,
        "format": item.spec.format,
        "contributors": [c.handle for c in item.work.contributors],
        "submitted": item.handed_in,
        "days_waiting": item.days_waiting,
        "contract": "ok" if item.contract_holds else "failing",
        "problems": [f.as_dict() for f in item.problems],
        "issue": item.issue,
        "url": f"{repo_url}/issues/{item.issue}" if repo_url and item.issue else None,
    }
