"""One build's worth of core work: read, validate, plan, and decorate module pages.

The site generator calls `load_site` once per build and then asks `SiteBuild` about single pages, so the
repository is read and validated exactly once however many pages there are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from . import urls
from .credits import module_credits
from .findings import Finding, sorted_findings
from .model import Repository
from .pages import PagePlan, SitePlan, plan_site
from .progress import ModuleRow, module_rows
from .render import render
from .sanitize import sanitize
from .settings import Settings
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
    scheme: urls.Urls = field(default_factory=urls.Urls)  # the URL style of this build
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
        context = {"row": row, "credits": credits, "link": self.link_from(urls.module(row.handbook.id, row.spec.id))}
        header = render("module_header.html", **context)
        block = render(f"formats/{row.spec.format}.html", **context, **_format_context(row))
        footer = render("module_footer.html", **context)
        return f'<div class="ch-module ch-format-{row.spec.format}">{header}{block}{sanitize(body_html)}{footer}</div>'

    def link_from(self, base: str):  # type: ignore[no-untyped-def]
        """Relative links from the page at site path `base`: names on a module page lead to profiles."""
        return lambda target: self.scheme.relative(target, base)


def _format_context(row: ModuleRow) -> dict[str, object]:
    assert row.work is not None
    if row.spec.format == "gallery":
        return {"photos": list(row.work.gallery)}
    if row.spec.format == "article":
        return {"minutes": reading_minutes(row.work.body)}
    return {}


def load_site(
    source: Source, today: date, *, use_directory_urls: bool = True, settings: Settings | None = None
) -> SiteBuild:
    repo, findings = check_source(source, today)
    plan = plan_site(repo, today, use_directory_urls=use_directory_urls, settings=settings)
    build = SiteBuild(repo, sorted_findings(findings), plan, today, urls.Urls(use_directory_urls))
    build.pages = {page.src_uri: page for page in plan.pages}
    for handbook in repo.handbooks:
        for row in module_rows(repo, handbook, today):
            src_uri = f"{handbook.id}/modules/{row.spec.id}/index.md"
            page = build.pages.get(src_uri)
            if page is not None and page.kind == "module":
                build.rows[src_uri] = row
    return build
