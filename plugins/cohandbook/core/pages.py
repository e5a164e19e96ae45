"""Page planning: which pages the site has, at which URLs, in which navigation order, with what content.

The plan is plain data. The MkDocs plugin turns it into `File`s and a nav; another generator could too.
Module pages with handed-in content are read from their folders (so edit links and relative images keep
working); everything else (library, covers, placeholders, credits, people, squads, board) is generated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from . import urls
from .credits import credit_line, credited_handles
from .lifecycle import visible_on_site
from .model import Handbook, Repository
from .progress import ModuleRow, Progress, module_rows, progress
from .render import render


@dataclass(frozen=True, slots=True)
class PagePlan:
    path: str  # site path, '' for the home page
    src_uri: str  # the page's key among the generator's files
    title: str
    kind: str  # home | cover | module | placeholder | credits | print | contributors | profile | ...
    markdown: str | None = None  # generated content; None for a module page read from `source`
    source: str | None = None  # repository path of a module's index.md
    search: bool = True
    hide: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StaticFile:
    src_uri: str
    source: str  # repository path
    dest: str  # site path


@dataclass(frozen=True, slots=True)
class NavItem:
    title: str
    src_uri: str | None = None
    children: tuple[NavItem, ...] = ()


@dataclass(frozen=True, slots=True)
class HandbookView:
    """Everything the pages of one handbook need, computed once."""

    handbook: Handbook
    rows: tuple[ModuleRow, ...]
    progress: Progress
    names: tuple[str, ...]  # credited display names, in credit-line order
    handles: tuple[str, ...]

    @property
    def credit_line(self) -> str:
        return credit_line(self.handbook.brand, list(self.names))

    @property
    def visible_rows(self) -> tuple[ModuleRow, ...]:
        return tuple(r for r in self.rows if visible_on_site(self.handbook, r.state))

    def chapters(self) -> list[tuple[str, list[ModuleRow]]]:
        grouped: dict[str, list[ModuleRow]] = {}
        for row in self.visible_rows:
            grouped.setdefault(row.chapter.title, []).append(row)
        return list(grouped.items())


def handbook_view(repo: Repository, handbook: Handbook, today: date) -> HandbookView:
    rows = tuple(module_rows(repo, handbook, today))
    handles = tuple(credited_handles(repo, handbook, today))
    return HandbookView(handbook, rows, progress(list(rows)), tuple(repo.name_of(h) for h in handles), handles)


@dataclass
class SitePlan:
    pages: list[PagePlan] = field(default_factory=list)
    static: list[StaticFile] = field(default_factory=list)
    nav: list[NavItem] = field(default_factory=list)

    def page(self, path: str) -> PagePlan | None:
        return next((p for p in self.pages if p.path == path), None)


class Planner:
    """Builds the `SitePlan` for one repository; sections of the site are added by small methods."""

    def __init__(self, repo: Repository, today: date, link: urls.Urls) -> None:
        self.repo = repo
        self.today = today
        self.urls = link
        self.views = [handbook_view(repo, h, today) for h in repo.handbooks]
        self.plan = SitePlan()

    def build(self) -> SitePlan:
        self._home()
        for view in self.views:
            self._handbook(view)
        return self.plan

    def link(self, base: str):  # type: ignore[no-untyped-def]
        return lambda target: self.urls.relative(target, base)

    def generated(self, path: str, kind: str, title: str, template: str, **context: object) -> PagePlan:
        src_uri = f"{path}/index.md" if path else "index.md"
        markdown = render(template, link=self.link(path), repo=self.repo, today=self.today, **context)
        page = PagePlan(path, f"_cohandbook/{src_uri}", title, kind, markdown=markdown, hide=("toc",))
        self.plan.pages.append(page)
        return page

    def _home(self) -> None:
        home = self.generated(urls.home(), "home", "手册库", "home.html", views=self.views)
        self.plan.nav.append(NavItem("手册库", home.src_uri))

    def _handbook(self, view: HandbookView) -> None:
        handbook = view.handbook
        cover = self.generated(urls.cover(handbook.id), "cover", handbook.title, "cover.html", view=view)
        chapters = []
        for title, rows in view.chapters():
            items = tuple(self._module(view, row) for row in rows)
            chapters.append(NavItem(title, None, items))
        self._handbook_static(handbook)
        self._print_edition(view)
        self.plan.nav.append(NavItem(handbook.title, cover.src_uri, tuple(chapters)))

    def _print_edition(self, view: HandbookView) -> None:
        """Planned empty: its content is assembled from the module pages once they are rendered (see site.py).

        It stays out of the navigation (the cover links to it) and out of search, where every sentence would
        otherwise be found twice.
        """
        path = urls.print_edition(view.handbook.id)
        title = f"{view.handbook.title}（打印版）"
        src_uri = f"_cohandbook/{path}/index.md"
        self.plan.pages.append(PagePlan(path, src_uri, title, "print", "", search=False, hide=("navigation", "toc")))

    def _module(self, view: HandbookView, row: ModuleRow) -> NavItem:
        path = urls.module(row.handbook.id, row.spec.id)
        if row.work is not None and row.state in ("submitted", "accepted"):
            src_uri = f"{row.handbook.id}/modules/{row.spec.id}/index.md"
            self.plan.pages.append(PagePlan(path, src_uri, row.spec.title, "module", source=row.work.file))
            for asset in row.work.assets:
                self.plan.static.append(
                    StaticFile(f"{row.handbook.id}/modules/{row.spec.id}/{asset.path}", f"{row.work.folder}/{asset.path}", f"{path}/{asset.path}")
                )
            return NavItem(row.spec.title, src_uri)
        page = self.generated(path, "placeholder", row.spec.title, "placeholder.html", view=view, row=row)
        return NavItem(row.spec.title, page.src_uri)

    def _handbook_static(self, handbook: Handbook) -> None:
        for asset in handbook.assets:
            if asset.path != "handbook.yml":
                source = f"{handbook.folder}/{asset.path}"
                self.plan.static.append(StaticFile(f"{handbook.id}/{asset.path}", source, f"{handbook.id}/{asset.path}"))


def plan_site(repo: Repository, today: date, *, use_directory_urls: bool = True) -> SitePlan:
    return Planner(repo, today, urls.Urls(use_directory_urls)).build()
