"""One build's worth of core work: read, validate, plan, and decorate module pages.

The site generator calls `load_site` once per build and then asks `SiteBuild` about single pages, so the
repository is read and validated exactly once however many pages there are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup

from ..check.sanitize import sanitize
from ..check.validate import check_source
from ..domain.findings import Finding, sorted_findings
from ..domain.layout import module_src
from ..domain.model import Handbook, Repository
from ..domain.progress import ModuleRow, module_rows
from ..domain.settings import Settings
from ..read.sources import Source
from . import urls
from .defuse import defused
from .module_view import ModuleView, has_images, module_view
from .pages import PagePlan, SitePlan, plan_site
from .print_edition import is_printed, print_html
from .render import render

BLOCKING_CODES = frozenset({"published-incomplete"})

# MkDocs reads page meta from the top of whatever source a page hands it (a `---` YAML block, or
# `key: value` lines), and Material prints several meta fields unescaped. Our pages' meta is set by us
# alone: a blank first line ends MkDocs' meta parsing before it starts, whatever the text below says.
NO_META = "\n"


@dataclass
class SiteBuild:
    repo: Repository
    findings: list[Finding]
    plan: SitePlan
    today: date
    scheme: urls.Urls = field(default_factory=urls.Urls)  # the URL style of this build
    pages: dict[str, PagePlan] = field(default_factory=dict)
    rows: dict[str, ModuleRow] = field(default_factory=dict)
    # Each module's sanitized body, kept from its own page so the print edition never renders it again.
    bodies: dict[str, str] = field(default_factory=dict)
    views: dict[str, ModuleView] = field(default_factory=dict)

    def blocking(self) -> list[Finding]:
        """Errors that stop a build even without --strict: publishing an unfinished handbook."""
        return [f for f in self.findings if f.code in BLOCKING_CODES]

    def module_row(self, src_uri: str) -> ModuleRow | None:
        return self.rows.get(src_uri)

    def page_source(self, src_uri: str) -> str | None:
        """What MkDocs parses for one of our pages: a module's body (its front matter was read by our own
        loader) or a generated page, behind a guard that leaves MkDocs no meta to find. None: not ours."""
        row = self.rows.get(src_uri)
        if row is not None:
            return NO_META + (defused(row.work.body) if row.work else "")
        plan = self.pages.get(src_uri)
        return None if plan is None else NO_META + (plan.markdown or "")

    def module_view(self, src_uri: str) -> ModuleView:
        if src_uri not in self.views:
            self.views[src_uri] = module_view(self.repo, self.rows[src_uri])
        return self.views[src_uri]

    def wants_lightbox(self, src_uri: str) -> bool:
        """Module pages with photos; on the others glightbox would only parse the page twice for nothing."""
        row = self.rows.get(src_uri)
        return row is not None and row.work is not None and has_images(row.work)

    def module_html(self, src_uri: str, body_html: str, *, sanitized: bool = False) -> str:
        """A module page: our header and format block around the contributor's sanitized content.

        `sanitized`: the body was sanitized before (a build cache kept it), so it is not sanitized again.
        """
        body = self.bodies[src_uri] = body_html if sanitized else sanitize(body_html)
        view = self.module_view(src_uri)
        row = view.row
        link = self.link_from(urls.module(row.handbook.id, row.spec.id))
        context = {"view": view, "row": row, "credits": view.credits, "link": link}
        return render("module.html", **context, body=Markup(body), printing=False)

    def link_from(self, base: str):  # type: ignore[no-untyped-def]
        """Relative links from the page at site path `base`: names on a module page lead to profiles."""
        return lambda target: self.scheme.relative(target, base)

    def printed_modules(self, src_uri: str) -> list[str]:
        """The module pages whose bodies the print edition at `src_uri` shows, in blueprint order."""
        handbook = self._print_handbook(src_uri)
        return [m for m, row in self.rows.items() if row.handbook.id == handbook.id and is_printed(row)]

    def _print_handbook(self, src_uri: str) -> Handbook:
        path = self.pages[src_uri].path
        return next(h for h in self.repo.handbooks if urls.print_edition(h.id) == path)

    def print_pages(self) -> list[str]:
        return [src_uri for src_uri, plan in self.pages.items() if plan.kind == "print"]

    def print_page_html(self, src_uri: str, site_url: str | None = None) -> str:
        """The print edition of the page's handbook, from the bodies its module pages kept in `module_html`."""
        printed = [(self.module_view(m), self.bodies.get(m, "")) for m in self.printed_modules(src_uri)]
        link = self.link_from(self.pages[src_uri].path)
        return print_html(self._print_handbook(src_uri), printed, link=link, site_url=site_url)


def load_site(
    source: Source, today: date, *, use_directory_urls: bool = True, settings: Settings | None = None
) -> SiteBuild:
    repo, findings = check_source(source, today)
    plan = plan_site(repo, today, use_directory_urls=use_directory_urls, settings=settings)
    build = SiteBuild(repo, sorted_findings(findings), plan, today, urls.Urls(use_directory_urls))
    build.pages = {page.src_uri: page for page in plan.pages}
    for handbook in repo.handbooks:
        for row in module_rows(repo, handbook, today):
            src_uri = module_src(handbook.id, row.spec.id)
            page = build.pages.get(src_uri)
            if page is not None and page.kind == "module":
                build.rows[src_uri] = row
    return build
