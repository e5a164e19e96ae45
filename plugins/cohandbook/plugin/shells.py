"""Profile pages from one rendering of the theme: the page around a profile is the same for every person.

A site credits hundreds or thousands of people, each with a profile page that the navigation does not
list. Those pages sit at the same depth (`contributors/<handle>/`), carry the same meta and no table of
contents, so the theme's HTML around them differs only in the title, the address and the content. The
theme renders that frame once, with stand-ins for the three; each profile is the frame with its own values
put in. The first profile is also rendered by the theme in full and compared byte for byte with its framed
version: when a theme override shows anything else of a page, the frame is not used and every profile is
rendered in full, as before.
"""

from __future__ import annotations

import copy
from typing import Any

from jinja2 import Environment
from mkdocs.structure.pages import Page

from .pagecache import CACHED_TEMPLATE

# Stand-ins no name or page contains. The content's begins with <h1 because Material adds a heading to a
# page whose content has none: only pages that have their own (profiles do) are framed.
TITLE, ADDRESS = "cohandbook0title0stand0in", "cohandbook0url0stand0in"
CONTENT = "<h1>cohandbook0content0stand0in</h1>"


class ProfileFrames:
    """One frame per build: made at the first profile's context, checked against its full rendering."""

    def __init__(self, template: str) -> None:
        self.template = template
        self.env: Environment | None = None
        self.frame: str | None = None
        self.checked: bool | None = None  # None until the first profile was compared
        self.first: Page | None = None

    def start(self, env: Environment, pages: list[Page]) -> None:
        """Before pages are built: the first profile is rendered in full, the others framed."""
        self.env, self.frame, self.checked, self.first = env, None, None, None
        framed = [p for p in pages if p.meta.get("template") == self.template and "<h1" in (p.content or "")]
        if framed:
            self.first = framed[0]
        for page in framed[1:]:
            page.meta["template"] = CACHED_TEMPLATE  # MkDocs picks the template before `on_page_context`
            page.cohandbook_html = Framed(self, page)  # type: ignore[attr-defined]

    def context(self, context: dict[str, Any], page: Page) -> None:
        """At `on_page_context`: the first profile makes the frame; every profile keeps its context."""
        page.cohandbook_context = context  # type: ignore[attr-defined]
        if page is self.first:
            self.frame = self._frame(context, page)

    def _frame(self, context: dict[str, Any], page: Page) -> str:
        stand_in = copy.copy(page)
        stand_in.meta = {**page.meta, "title": TITLE}
        stand_in.content, stand_in.canonical_url = CONTENT, ADDRESS if page.canonical_url else None
        assert self.env is not None
        return self.env.get_template(self.template).render({**context, "page": stand_in})

    def check(self, page: Page, output: str) -> None:
        """At `on_post_page` of the first profile: does the frame give exactly what the theme gave?"""
        if page is self.first:
            self.checked = self.env is not None and self.frame is not None and fill(self.frame, page) == output

    def render(self, page: Page) -> str:
        assert self.env is not None
        if self.checked and self.frame is not None:
            return fill(self.frame, page)
        # Not checked or the check failed: the theme renders this profile in full.
        return self.env.get_template(self.template).render(page.cohandbook_context)  # type: ignore[attr-defined]


def fill(frame: str, page: Page) -> str:
    # Material writes `page.meta.title` as it is (we escaped it) in <title> and the header.
    framed = frame.replace(ADDRESS, page.canonical_url or "").replace(TITLE, str(page.meta.get("title") or ""))
    return framed.replace(CONTENT, page.content or "")


class Framed:
    """A profile's HTML, made when the page is written (after the first profile was checked)."""

    def __init__(self, frames: ProfileFrames, page: Page) -> None:
        self.frames, self.page = frames, page

    def __html__(self) -> str:
        return self.frames.render(self.page)

    __str__ = __html__
