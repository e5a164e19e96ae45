"""Links that open the repository's issue forms, prefilled: claim a module, hand it in, join the pool.

None when mkdocs.yml has no `repo_url`: the site then says what to do instead of linking nowhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from ..domain.settings import Settings
from .board import ModuleRow, claim_url

SUBMIT_TEMPLATE = "submit.yml"
JOIN_TEMPLATE = "join.yml"


@dataclass(frozen=True, slots=True)
class Forms:
    settings: Settings

    def claim(self, row: ModuleRow) -> str | None:
        return claim_url(self.settings, row)

    def submit(self, row: ModuleRow) -> str | None:
        """The submission form for this module, with the handbook and module filled in."""
        handbook, spec = row.handbook, row.spec
        title = f"交稿：{handbook.id}/{spec.id} {spec.title}"
        return self._form(SUBMIT_TEMPLATE, title, handbook=handbook.id, module=spec.id)

    def contact(self) -> str:
        """What the site says instead of a form link when there is no `repo_url`: whom to ask, never a command."""
        who = "、".join(f"@{login}" for login in self.settings.operators)
        return f"想认领或提交作品，请联系这本手册的运营人员{f'（{who}）' if who else ''}。"

    def join(self) -> str | None:
        return self._form(JOIN_TEMPLATE, "申请加入：")

    def _form(self, template: str, title: str, **fields: str) -> str | None:
        if not self.settings.repo_url:
            return None
        query = {"template": template, "title": title, **fields}
        return f"{self.settings.repo_url}/issues/new?{urlencode(query, quote_via=quote)}"
