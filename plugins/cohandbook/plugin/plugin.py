"""The `cohandbook` MkDocs plugin: every event is a short translation to and from the core."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..core.domain.findings import Finding
from ..core.domain.lifecycle import TodayError
from ..core.domain.settings import OPTIONS, SettingsError, settings_from_options
from ..core.read.sources import FsSource
from ..core.site.build import SiteBuild, load_site
from ..core.site.render import environment
from .cache import BuildCache, code_salt
from .config import CohandbookConfig
from .files import DATA_FOLDERS, nav_config, plan_files
from .images import Versions
from .lightbox import LightboxTags
from .pagecache import (
    KNOWN_PLUGINS,
    LIGHT_TEMPLATE,
    PageCache,
    TableBytecodeCache,
    add_templates,
    config_fingerprint,
)
from .prerender import BodyCache, markdown_fingerprint, skip_markdown
from .recycle import discard, park, restore
from .search import CAR_WORDS, SearchCache, load_search_words, words_fingerprint
from .segment import fast_cut
from .served import ServedSite, included
from .shells import ProfileFrames

log = get_plugin_logger(__name__)
# Pages the navigation does not list, thousands on a big site: a sidebar with the top level only.
LIGHT_KINDS = frozenset({"profile"})


class CohandbookPlugin(BasePlugin[CohandbookConfig]):
    supports_multiple_instances = False
    dirty = False
    cache: BuildCache | None = None  # kept across the rebuilds of `mkdocs serve`
    served: ServedSite | None = None  # under `mkdocs serve`: the previous build's files
    parked: Path | None = None  # `mkdocs build`: last build's profile folders, while MkDocs cleans the site
    recycle = True  # off for a pass that runs a build's events but neither cleans nor writes the site

    def __init__(self) -> None:
        super().__init__()
        self.segments: dict[str, dict[str, str]] = {}  # Chinese runs as cut, by the dictionaries' fingerprint

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.dirty = dirty
        self.served = ServedSite() if command == "serve" and not dirty else None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(self.config.root or os.path.dirname(config.config_file_path or ".")).resolve()
        try:
            self.settings = settings_from_options(
                {n: self.config[n] for n in OPTIONS}, config.repo_url, config.site_url
            )
            self.today = self.settings.resolve_today(None, os.environ)
        except (SettingsError, TodayError) as exc:
            raise PluginError(str(exc)) from None
        self._open_cache(config)
        if self.search.fast is None:
            load_search_words(self.config.search_words)  # jieba cuts: it needs our words
        return config

    def _open_cache(self, config: MkDocsConfig) -> None:
        folder = (self.root / self.config.cache_dir).resolve() if self.config.cache else None
        salt = code_salt()
        if self.cache is None or (self.cache.folder, self.cache.salt) != (folder, salt):
            self.cache = BuildCache(folder, salt)
            self.bodies, self.page_cache = BodyCache(self.cache), PageCache(self.cache)
            self.images = Versions(self.cache)
            self.frames = ProfileFrames(LIGHT_TEMPLATE)
        self.search = self._search_cache(config, self.cache)
        # Our own templates (covers, profiles, the board …) are compiled once and kept, like the theme's.
        environment().bytecode_cache = TableBytecodeCache(self.cache) if self.cache.folder else None

    def _search_cache(self, config: MkDocsConfig, cache: BuildCache) -> SearchCache:
        search = config.plugins.get("material/search")
        options = dict(search.config) if search is not None else {}
        words = [CAR_WORDS, *([Path(self.config.search_words)] if self.config.search_words else [])]
        own_dictionaries = options.get("jieba_dict") or options.get("jieba_dict_user")
        cut = None if own_dictionaries else fast_cut(words)
        fingerprint = words_fingerprint(self.config.search_words, options) + ("rjieba" if cut else "jieba")
        return SearchCache(cache, fingerprint, cut, self.segments.setdefault(fingerprint, {}))

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.search.attach(config.plugins)  # Material's index is made anew for every build
        if self.served is not None:
            # Only with the plugins we know: another one may write files whose set changes between builds.
            known = set(config.plugins) <= KNOWN_PLUGINS
            self.served.set_aside(config.site_dir, config_fingerprint(config) if known else "")
            return  # serve keeps the whole previous site (served.py); the profile folders go with it
        folder = self.cache.folder if self.cache else None
        if folder is not None and self.recycle and not self.dirty and config.use_directory_urls:
            self.parked = park(Path(config.site_dir), folder)  # MkDocs cleans the site folder next

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        urls = config.use_directory_urls
        self.site: SiteBuild = load_site(
            FsSource(self.root), self.today, use_directory_urls=urls, settings=self.settings
        )
        for finding in self.site.findings:
            report(finding)
        if blocking := self.site.blocking():
            raise PluginError(f"{len(blocking)} 个已发布手册的必做模块还没有验收，停止构建（详见上面的错误）。")
        config.nav = nav_config(self.site.plan.nav)
        if self.parked is not None:
            handles = {p.path.rpartition("/")[2] for p in self.site.plan.pages if p.kind == "profile"}
            restore(self.parked, Path(config.site_dir), handles)
            self.parked = None
        self.images.plan(self.site.plan.static, self.root)
        for source in self.images.unreadable:  # not a warning: the browser may still show what Pillow cannot
            log.info(f"{source}: 这张照片打不开，没有做成网页尺寸的版本，按原样发布。")
        return plan_files(self.site.plan, files, config, self.root)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        # A body never shows the day (the module's header does, outside the body), and the export pins it.
        options = {name: value for name, value in self.config.items() if name != "today"}
        self.bodies.start(markdown_fingerprint(config, files, options))
        return nav

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        # MkDocs dates every page (the sitemap's lastmod, the .gz header) with the build machine's clock;
        # our "today" is the configured or pinned day, so the same input builds the same bytes.
        page.update_date = self.today.isoformat()
        plan = self.site.pages.get(page.file.src_uri)
        if plan is not None and plan.html:
            skip_markdown(page)
        elif self.site.module_row(page.file.src_uri) is not None:
            self.bodies.wrap(page)
        return page

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        # Module front matter was already read by our hardened loader; MkDocs must find no meta in the rest.
        return self.site.page_source(page.file.src_uri)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        plan = self.site.pages.get(page.file.src_uri)
        if plan is not None:
            # MkDocs and Material put page titles into HTML unescaped (nav, header, <title>): a title is
            # HTML to them. Ours are text, names from the talent pool among them, so escape them here.
            page.meta["title"] = str(escape(plan.title))
            page.meta["hide"] = list(plan.hide)
            if not plan.search:
                page.meta["search"] = {"exclude": True}
            page.meta["glightbox"] = self.site.wants_lightbox(page.file.src_uri)
            if plan.kind in LIGHT_KINDS:
                page.meta["template"] = LIGHT_TEMPLATE
            if plan.html:
                return ""  # finished HTML, put in place by on_page_content
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        plan = self.site.pages.get(page.file.src_uri)
        if plan is not None and plan.html and plan.markdown is not None:
            return self.images.page(plan.markdown, page)
        src_uri = page.file.src_uri
        if self.site.module_row(src_uri) is None:
            return self.images.page(html, page)
        result = self.site.module_html(src_uri, html, sanitized=src_uri in self.bodies.hits)
        self.bodies.keep(src_uri, self.site.bodies[src_uri])
        return self.images.page(result, page)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        # Every module page is rendered by now and its body kept: the print edition reuses them as they are.
        for src_uri in self.site.print_pages():
            file = files.get_file_from_path(src_uri)
            if file is not None and file.page is not None:
                self._render_missing(self.site.printed_modules(src_uri), config, files)
                content = self.site.print_page_html(src_uri, config.site_url)
                file.page.content = self.images.page(content, file.page, printing=True)
        add_templates(env, self.cache or BuildCache(None, ""))
        self.images.publish(files, config)  # MkDocs copies static files next
        self.lightbox = LightboxTags(config)  # after every plugin's on_config: the lightbox's settings are read
        in_place = None
        if self.served is not None and self.served.key:
            self.served.bring_back(config.site_dir, included(files, InclusionLevel.is_in_serve))
            in_place = self.served.in_place
        self.page_cache.prepare(env, files, self.nav, config, in_place)
        self.frames.start(env, [f.page for f in files.documentation_pages() if f.page and self._is_profile(f.page)])
        return env

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        if self._is_profile(page):
            self.frames.context(context, page)
        return context

    def _is_profile(self, page: Page) -> bool:
        plan = self.site.pages.get(page.file.src_uri)
        return plan is not None and plan.kind == "profile"

    def _render_missing(self, src_uris: list[str], config: MkDocsConfig, files: Files) -> None:
        """Under `--dirty` MkDocs renders only changed pages; the print edition needs every body (cached)."""
        for src_uri in src_uris:
            file = files.get_file_from_path(src_uri)
            if src_uri not in self.site.bodies and file is not None and file.page is not None:
                page = config.plugins.on_pre_page(file.page, config=config, files=files)
                page.read_source(config)
                markdown = page.markdown or ""
                page.markdown = config.plugins.on_page_markdown(markdown, page=page, config=config, files=files)
                page.render(config, files)
                content = page.content or ""
                page.content = config.plugins.on_page_content(content, page=page, config=config, files=files)

    @event_priority(100)  # first: the template's own HTML, before any handler changes it
    def _check_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        self.frames.check(page, output)
        return output

    @event_priority(50)  # before the lightbox plugin, which then skips the page
    def _lightbox_tags(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return self.lightbox.add(output, page)

    @event_priority(-100)  # last: the HTML MkDocs writes
    def _write_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        self.page_cache.keep(page, output)  # as written: the lightbox's tags are in it (see pagecache.py)
        if self.served is not None and self.served.key:
            self.served.page_done(page, output)
        return output

    on_post_page = CombinedEvent(_check_page, _lightbox_tags, _write_page)

    @event_priority(100)  # first: pages sent nowhere get their own path back before anyone reads it
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.served is not None:
            self.served.finish()
        if self.cache is not None:
            self.images.finish(prune=not self.dirty)
            self.cache.save(prune=not self.dirty)

    def on_build_error(self, *, error: Exception) -> None:
        if self.served is not None:
            self.served.forget()  # the next build starts from an empty site folder, as MkDocs' own
        if self.parked is not None:
            discard(self.parked)
            self.parked = None
        if self.cache is not None:
            self.cache.close()

    def on_shutdown(self) -> None:
        if self.cache is not None:
            self.cache.close()  # after a pass that rendered pages without saving (export)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        for folder in DATA_FOLDERS:
            if (self.root / folder).is_dir():
                server.watch(str(self.root / folder))
        return server


def report(finding: Finding) -> None:
    text = f"{finding.location()}: [{finding.code}] {finding.message}"
    if finding.hint:
        text += f" 怎么改：{finding.hint}"
    (log.error if finding.is_error else log.warning)(text)
