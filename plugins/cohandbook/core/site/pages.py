"""Page planning: which pages the site has, at which URLs, in which navigation order, with what content.

The plan is plain data. The MkDocs plugin turns it into `File`s and a nav; another generator could too.
Module pages with handed-in content are read from their folders (so edit links and relative images keep
working); everything else (library, covers, placeholders, credits, people, squads, board) is generated.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from ..domain.credits import credit_line, credited_handles, handbook_credits
from ..domain.layout import BLUEPRINT, contributor_file, module_src
from ..domain.lifecycle import visible_on_site
from ..domain.model import Handbook, Repository
from ..domain.progress import ModuleRow, Progress, module_rows, progress
from ..domain.settings import Settings
from ..domain.squads import squad_view
from . import urls
from .board import board_section, claim_url, wanted_skills
from .forms import Forms
from .profiles import PersonView, people_views, squad_order
from .render import render

# Generated pages whose templates produce plain HTML only (see `PagePlan.html`).
HTML_KINDS = frozenset(
    {"home", "cover", "placeholder", "board", "credits", "contributors", "profile", "squads", "squad"}
)
# Kept out of the search index: a profile's text is already on the wall (every name, city and skill) and on
# the module pages; the credits page and the claim board repeat every module title (the board every brief
# too) and would crowd out the modules themselves. The cover's contents list is excluded in its template.
UNSEARCHED_KINDS = frozenset({"profile", "credits", "board"})


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
    # `markdown` is finished HTML (every contributed string already escaped): the generator should not run
    # Markdown over it. Python-Markdown parses a big HTML block slowly and gains nothing from it.
    html: bool = False


@dataclass(frozen=True, slots=True)
class StaticFile:
    src_uri: str
    source: str  # repository path
    dest: str  # site path
    # A photo readers see (in a module, a cover, an avatar) is published as web versions; the operator's
    # resources (a labelled diagram for the creator) stay the file the operator put there.
    versions: bool = True


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

    def __init__(self, repo: Repository, today: date, link: urls.Urls, settings: Settings) -> None:
        self.repo = repo
        self.today = today
        self.urls = link
        self.settings = settings
        self.views = [handbook_view(repo, h, today) for h in repo.handbooks]
        self.credits = {view.handbook.id: handbook_credits(repo, view.rows) for view in self.views}
        self.plan = SitePlan()

    def build(self) -> SitePlan:
        self._home()
        for view in self.views:
            self._handbook(view)
        self._board()
        self._people()
        self._squads()
        return self.plan

    def link(self, base: str):  # type: ignore[no-untyped-def]
        return lambda target: self.urls.relative(target, base)

    def asset(self, base: str):  # type: ignore[no-untyped-def]
        return lambda target: self.urls.relative_file(target, base)

    def generated(
        self, path: str, kind: str, title: str, template: str, src_uri: str | None = None, **context: object
    ) -> PagePlan:
        src_uri = src_uri or "_cohandbook/" + (f"{path}/index.md" if path else "index.md")
        link, asset = self.link(path), self.asset(path)
        markdown = render(
            template, link=link, asset=asset, repo=self.repo, today=self.today, forms=Forms(self.settings), **context
        )
        search, html = kind not in UNSEARCHED_KINDS, kind in HTML_KINDS
        page = PagePlan(path, src_uri, title, kind, markdown=markdown, search=search, hide=("toc",), html=html)
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
        chapters.append(self._credits(view))
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
        # Placeholders take the src_uri the module's real file will have, so a contributor's Markdown link
        # to a sibling module (`../other/index.md`) resolves whatever state the sibling is in.
        src_uri = module_src(row.handbook.id, row.spec.id)
        if row.work is not None and row.state in ("submitted", "accepted"):
            self.plan.pages.append(PagePlan(path, src_uri, row.spec.title, "module", source=row.work.file))
            for asset in row.work.assets:
                self.plan.static.append(
                    StaticFile(
                        module_src(row.handbook.id, row.spec.id, asset.path),
                        f"{row.work.folder}/{asset.path}",
                        f"{path}/{asset.path}",
                    )
                )
            return NavItem(row.spec.title, src_uri)
        page = self.generated(path, "placeholder", row.spec.title, "placeholder.html", src_uri, view=view, row=row)
        return NavItem(row.spec.title, page.src_uri)

    def _credits(self, view: HandbookView) -> NavItem:
        credits = self.credits[view.handbook.id]
        page = self.generated(
            urls.credits(view.handbook.id), "credits", "创作者名单", "credits.html", view=view, credits=credits
        )
        return NavItem(page.title, page.src_uri)

    def _people(self) -> None:
        people = people_views(self.repo, [row for view in self.views for row in view.rows])
        wall = self.generated(
            urls.contributors(), "contributors", "贡献者", "contributors.html", people=list(people.values())
        )
        for person in people.values():
            self.generated(urls.profile(person.handle), "profile", person.person.name, "profile.html", person=person)
        self._avatars(people.values())
        self.plan.nav.append(NavItem(wall.title, wall.src_uri))

    def _avatars(self, people: Iterable[PersonView]) -> None:
        """Copy only the avatars that someone's file uses, each once."""
        for avatar in sorted({p.avatar for p in people if p.avatar}):
            path = f"{urls.contributors()}/{avatar}"
            self.plan.static.append(StaticFile(path, contributor_file(avatar), path))

    def _squads(self) -> None:
        progress = {view.handbook.id: view.progress for view in self.views}
        squads = [
            squad_view(self.repo, s, self.credits, progress) for s in sorted(self.repo.squads.values(), key=squad_order)
        ]
        index = self.generated(urls.squads(), "squads", "项目组", "squads.html", squads=squads)
        for view in squads:
            self.generated(urls.squad(view.squad.id), "squad", view.title, "squad.html", view=view)
        self.plan.nav.append(NavItem(index.title, index.src_uri))

    def _board(self) -> None:
        sections = [board_section(self.repo, view.handbook, view.rows) for view in self.views]
        page = self.generated(
            urls.board(),
            "board",
            "认领看板",
            "board.html",
            sections=sections,
            skills=wanted_skills(self.repo, sections),
            cap=self.settings.claim_cap,
            claim_url=lambda row: claim_url(self.settings, row),
        )
        self.plan.nav.append(NavItem("认领看板", page.src_uri))

    def _handbook_static(self, handbook: Handbook) -> None:
        for asset in handbook.assets:
            if asset.path != BLUEPRINT:
                source = f"{handbook.folder}/{asset.path}"
                path, shown = f"{handbook.id}/{asset.path}", asset.path == handbook.listed_cover
                self.plan.static.append(StaticFile(path, source, path, versions=shown))


def plan_site(
    repo: Repository, today: date, *, use_directory_urls: bool = True, settings: Settings | None = None
) -> SitePlan:
    return Planner(repo, today, urls.Urls(use_directory_urls), settings or Settings()).build()
