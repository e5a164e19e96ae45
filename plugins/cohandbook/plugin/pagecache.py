"""Whole pages: the theme's HTML for a page is kept and reused while nothing it is made from changed.

Material's page template (navigation, header, footer) is the largest cost of a build. Its output is a
function of the page (address, title, meta, table of contents, content), the navigation (every title and
address, which also decides previous/next), the configuration and the theme's files. A page whose
fingerprint of all that is in the cache is given a one-line template that prints the kept HTML. The HTML is
kept as written, after every `on_post_page` handler: the lightbox plugin's tags are already in it, so that
plugin is told to skip a kept page (it parses the whole page to add them: a sixth of a warm build); the
other handlers we know (search) only read the page and still run over it as on a fresh page.

Only with the plugins we know (search, cohandbook, glightbox): another plugin could put something into a
page's context that none of the above shows.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, DictLoader, Environment, FileSystemLoader, TemplateNotFound
from jinja2.bccache import Bucket, BytecodeCache
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .cache import BuildCache, digest, tree_digest

CACHED_TEMPLATE = "cohandbook-cached-page.html"
TEMPLATES = "templates"  # the build cache's table of compiled templates
LIGHT_TEMPLATE = "cohandbook-light.html"  # in templates/theme/: pages the navigation does not list
THEME_TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "theme"
KNOWN_PLUGINS = frozenset({"search", "material/search", "cohandbook", "glightbox"})
# What a page already in place in the site folder prints instead of its HTML; never written (served.py).
IN_PLACE = "<html><head></head><body>cohandbook: in place</body></html>"
InPlace = Callable[[Page, str], bool]


def config_fingerprint(config: MkDocsConfig) -> str:
    """Everything in the configuration a page template may show, and the theme's own files."""
    source = Path(config.config_file_path).read_bytes() if config.config_file_path else b""
    custom = [tree_digest(Path(d)) for d in config.theme.dirs if "site-packages" not in Path(d).parts]
    facts = [config.site_url, config.use_directory_urls, config.extra, config.extra_css, config.extra_javascript]
    return digest(source, json.dumps(facts, sort_keys=True, default=repr), *custom)


def nav_fingerprint(nav: Navigation) -> str:
    return digest(json.dumps([_item(i) for i in nav.items], ensure_ascii=False), str(nav.homepage and nav.homepage.url))


def _item(item: Any) -> list[Any]:
    children = [_item(child) for child in getattr(item, "children", None) or []]
    return [type(item).__name__, str(item.title), getattr(item, "url", None), children]


def add_templates(env: Environment, cache: BuildCache) -> None:
    """Our page templates beside the theme's: the light one for profiles, the one that prints a kept page.

    MkDocs makes a new environment for every build, which compiles the theme's templates again (a third of
    a second for Material); with the build cache on, the compiled code is kept there. Jinja checks each
    template's source and Python's version before it uses what it kept."""
    if cache.folder is not None and env.bytecode_cache is None:
        env.bytecode_cache = TableBytecodeCache(cache)
    if env.loader is None:
        return
    try:
        env.loader.get_source(env, CACHED_TEMPLATE)
    except TemplateNotFound:
        kept = DictLoader({CACHED_TEMPLATE: "{{ page.cohandbook_html }}"})
        env.loader = ChoiceLoader([env.loader, FileSystemLoader(THEME_TEMPLATES), kept])


class TableBytecodeCache(BytecodeCache):
    """Compiled templates in one table of the build cache, not a file each (Jinja's FileSystemBytecodeCache
    wrote 45 files for Material's templates: creating files is what a cold build pays most for)."""

    def __init__(self, cache: BuildCache) -> None:
        self.cache = cache

    def load_bytecode(self, bucket: Bucket) -> None:
        kept = self.cache.get(TEMPLATES, bucket.key)
        if isinstance(kept, str):
            try:
                bucket.bytecode_from_string(base64.b64decode(kept, validate=True))
            except (binascii.Error, ValueError, EOFError, TypeError):
                bucket.reset()  # damaged: compiled again

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.cache.put(TEMPLATES, bucket.key, base64.b64encode(bucket.bytecode_to_string()).decode("ascii"))


class PageCache:
    def __init__(self, cache: BuildCache) -> None:
        self.cache = cache
        self.keys: dict[int, str] = {}  # id(page) -> key of a page rendered fresh in this build

    def usable(self, config: MkDocsConfig) -> bool:
        return self.cache.folder is not None and set(config.plugins) <= KNOWN_PLUGINS

    def prepare(
        self, env: Environment, files: Files, nav: Navigation, config: MkDocsConfig, in_place: InPlace | None = None
    ) -> None:
        """Before pages are built: give every page whose HTML is kept the template that prints it.

        `in_place` (under `mkdocs serve`) says whether the site folder already holds what the page made from
        this key became; such a page is printed as a stand-in that MkDocs never writes (served.py)."""
        self.keys = {}
        if not self.usable(config):
            return
        shared = digest(config_fingerprint(config), nav_fingerprint(nav))
        for file in files.documentation_pages():
            page = file.page
            if page is None or page.content is None or "template" in page.meta:
                continue  # kept by template: profiles (the light template) are cheaper to frame than to keep
            key = self.cache.key("page", shared, *_page_facts(page))
            page.cohandbook_key = key  # type: ignore[attr-defined]
            if in_place is not None and in_place(page, key):
                self.cache.use_page(key)  # still in use: a full build's pruning must keep it
                page.meta["template"], page.meta["glightbox"] = CACHED_TEMPLATE, False
                page.cohandbook_html = Markup(IN_PLACE)  # type: ignore[attr-defined]
            elif self.cache.has_page(key):
                page.meta["template"], page.meta["glightbox"] = CACHED_TEMPLATE, False  # its tags are kept
                page.cohandbook_html = KeptPage(self.cache, key)  # type: ignore[attr-defined]
            else:
                self.keys[id(page)] = key

    def keep(self, page: Page, output: str) -> None:
        """The page's HTML as MkDocs writes it, after every `on_post_page` handler."""
        key = self.keys.pop(id(page), None)
        if key is not None:
            self.cache.put_page(key, output)


class KeptPage:
    """A kept page's HTML, read from the cache folder when the template prints it."""

    def __init__(self, cache: BuildCache, key: str) -> None:
        self.cache, self.key = cache, key

    def __html__(self) -> str:
        html = self.cache.read_page(self.key)
        if html is None:  # deleted while the build ran: a build error beats a blank page
            raise OSError(f"cohandbook: the build cache lost page {self.key}; delete the cache folder and build again")
        return html

    __str__ = __html__


def _page_facts(page: Page) -> list[str]:
    toc = json.dumps([_toc(i) for i in page.toc], ensure_ascii=False)
    meta = json.dumps(page.meta, sort_keys=True, default=repr, ensure_ascii=False)
    links = [page.url, str(page.canonical_url), str(page.edit_url), str(page.title), str(page.file.inclusion)]
    links.append(str(getattr(page, "update_date", "")))  # a theme may show it
    return [*links, meta, toc, page.content or ""]


def _toc(item: Any) -> list[Any]:
    return [item.title, item.id, item.level, [_toc(c) for c in item.children]]
