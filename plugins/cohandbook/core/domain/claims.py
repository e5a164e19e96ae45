"""Who holds which claims: the rule behind the claim cap, shared by `claim`, the board and the pull-request check."""

from __future__ import annotations

from .model import ModuleWork, Repository
from .squads import active_squad_of


def active_claims(repo: Repository) -> dict[str, list[ModuleWork]]:
    """What each person holds claimed and not yet handed in (overdue claims too), in blueprint order.

    The claim cap keeps one person from sitting on many open modules. A squad's handbook is not open to
    everyone and its members often co-sign every module, so its claims neither count nor are capped while the
    squad is active (`squads.active_squad_of`); once it dissolves the handbook is the pool's, cap included.
    """
    held: dict[str, list[ModuleWork]] = {}
    for handbook in (h for h in repo.handbooks if active_squad_of(repo, h) is None):
        for _, spec in handbook.modules():
            work = repo.work(handbook.id, spec.id)
            if work is not None and work.status == "claimed":
                for credit in work.contributors:
                    held.setdefault(credit.handle, []).append(work)
    return held
