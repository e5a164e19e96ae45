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
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ..core.domain.findings import Finding
from ..core.domain.lifecycle import TodayError
from ..core.domain.settings import OPTIONS, SettingsError, settings_from_options
from ..core.read.sources import FsSource
from ..core.site.build import SiteBuild, load_site
from .config import CohandbookConfig
from .files import DATA_FOLDERS, nav_config, plan_files
from .search import load_search_words

log = get_plugin_logger(__name__)


class CohandbookPlugin(BasePlugin[CohandbookConfig]):
    supports_multiple_instances = False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(self.config.root or os.path.dirname(config.config_file_path or ".")).resolve()
        try:
            self.settings = settings_from_options(
                {n: self.config[n] for n in OPTIONS}, config.repo_url, config.site_url
            )
            self.today = self.settings.resolve_today(None, os.environ)
        except (SettingsError, TodayError) as exc:
            raise PluginError(str(exc)) from None
        load_search_words(self.config.search_words)
        return config

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
        return plan_files(self.site.plan, files, config, self.root)

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        # MkDocs dates every page (the sitemap's lastmod, the .gz header) with the build machine's clock;
        # our "today" is the configured or pinned day, so the same input builds the same bytes.
        page.update_date = self.today.isoformat()
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
            if plan.html:
                return ""  # finished HTML, put in place by on_page_content
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        plan = self.site.pages.get(page.file.src_uri)
        if plan is not None and plan.html and plan.markdown is not None:
            return plan.markdown
        if self.site.module_row(page.file.src_uri) is None:
            return html
        return self.site.module_html(page.file.src_uri, html)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        # Every module page is rendered by now and its body kept: the print edition reuses them as they are.
        for src_uri in self.site.print_pages():
            file = files.get_file_from_path(src_uri)
            if file is not None and file.page is not None:
                file.page.content = self.site.print_page_html(src_uri, config.site_url)
        return env

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
