"""Links that open the repository's issue forms, prefilled: claim a module, hand it in, join the pool.

None when mkdocs.yml has no `repo_url`: the site then says what to do instead of linking nowhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.handin import submit_link
from ..domain.layout import JOIN_TEMPLATE, form_link
from ..domain.settings import Settings
from .board import ModuleRow, claim_url


@dataclass(frozen=True, slots=True)
class Forms:
    settings: Settings

    def claim(self, row: ModuleRow) -> str | None:
        return claim_url(self.settings, row)

    def submit(self, row: ModuleRow) -> str | None:
        """The submission form for this module, with the handbook and module filled in."""
        url = self.settings.repo_url
        return submit_link(url, row.handbook.id, row.spec) if url else None

    def contact(self) -> str:
        """What the site says instead of a form link when there is no `repo_url`: whom to ask, never a command."""
        who = "、".join(f"@{login}" for login in self.settings.operators)
        return f"想认领或提交作品，请联系这本手册的运营人员{f'（{who}）' if who else ''}。"

    def join(self) -> str | None:
        return form_link(self.settings.repo_url, JOIN_TEMPLATE, "申请加入：") if self.settings.repo_url else None
