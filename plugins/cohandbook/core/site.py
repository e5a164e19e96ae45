"""One build's worth of core work: read, validate, plan, and decorate module pages.

The site generator calls `load_site` once per build and then asks `SiteBuild` about single pages, so the
repository is read and validated exactly once however many pages there are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup

from .findings import Finding, sorted_findings
from .model import Repository
from .module_view import ModuleView, module_view
from .pages import PagePlan, SitePlan, plan_site
from .progress import ModuleRow, module_rows
from .render import render
from .sanitize import sanitize
from .sources import Source
from .validate import check_source

BLOCKING_CODES = frozenset({"published-incomplete"})


@dataclass
class SiteBuild:
    repo: Repository
    findings: list[Finding]
    plan: SitePlan
    today: date
    pages: dict[str, PagePlan] = field(default_factory=dict)
    rows: dict[str, ModuleRow] = field(default_factory=dict)

    def blocking(self) -> list[Finding]:
        """Errors that stop a build even without --strict: publishing an unfinished handbook."""
        return [f for f in self.findings if f.code in BLOCKING_CODES]

    def module_row(self, src_uri: str) -> ModuleRow | None:
        return self.rows.get(src_uri)

    def module_view(self, src_uri: str) -> ModuleView:
        return module_view(self.repo, self.rows[src_uri])

    def module_html(self, src_uri: str, body_html: str) -> str:
        """A module page: our header and format block around the contributor's sanitized content."""
        body = sanitize(body_html)
        view = self.module_view(src_uri)
        return render("module.html", view=view, row=view.row, credits=view.credits, body=Markup(body))


def load_site(source: Source, today: date, *, use_directory_urls: bool = True) -> SiteBuild:
    repo, findings = check_source(source, today)
    plan = plan_site(repo, today, use_directory_urls=use_directory_urls)
    build = SiteBuild(repo, sorted_findings(findings), plan, today)
    build.pages = {page.src_uri: page for page in plan.pages}
    for handbook in repo.handbooks:
        for row in module_rows(repo, handbook, today):
            src_uri = f"{handbook.id}/modules/{row.spec.id}/index.md"
            if src_uri in build.pages:
                build.rows[src_uri] = row
    return build
