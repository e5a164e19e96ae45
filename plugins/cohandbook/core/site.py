"""One build's worth of core work: read, validate, plan, and decorate module pages.

The site generator calls `load_site` once per build and then asks `SiteBuild` about single pages, so the
repository is read and validated exactly once however many pages there are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .credits import module_credits
from .findings import Finding, sorted_findings
from .model import Repository
from .pages import PagePlan, SitePlan, plan_site
from .progress import ModuleRow, module_rows
from .render import render
from .sanitize import sanitize
from .sources import Source
from .text import reading_minutes
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

    def module_html(self, src_uri: str, body_html: str) -> str:
        """A module page: our header and format block around the contributor's sanitized content."""
        row = self.rows[src_uri]
        assert row.work is not None
        credits = module_credits(self.repo, row.spec, row.work)
        context = {"row": row, "credits": credits}
        header = render("module_header.html", **context)
        block = render(f"formats/{row.spec.format}.html", **context, **_format_context(row))
        footer = render("module_footer.html", **context)
        body = f'<div class="ch-module__body">{sanitize(body_html)}</div>'
        return f'<div class="ch-module ch-format-{row.spec.format}">{header}{block}{body}{footer}</div>'


def _format_context(row: ModuleRow) -> dict[str, object]:
    assert row.work is not None
    if row.spec.format == "gallery":
        return {"photos": list(row.work.gallery)}
    if row.spec.format == "article":
        return {"minutes": reading_minutes(row.work.body)}
    return {}


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

