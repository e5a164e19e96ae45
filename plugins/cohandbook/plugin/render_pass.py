"""Every page of the site rendered by MkDocs and our plugin, without a theme: what `cohandbook export` writes.

A build lays every page into Material's templates and indexes it for search; the export needs neither (the
engine that builds the export does both). So this runs a build's events, in a build's order, only as far as
the rendered page content: configuration, files (our page plan), navigation, each page's Markdown and
content, and the environment event where the print editions are assembled. It never reaches `post_build`,
where a plugin would save or prune what a whole build leaves behind. Module bodies therefore go through
exactly the Markdown, link rewriting and sanitizing of the site. Only our plugin and the lightbox run: the
lightbox wraps a module's photos as on the site, and other plugins of mkdocs.yml expect a whole build.

The pass shares the build cache with `mkdocs build`: the files, log level and options it renders with are a
build's, so a module body the site already rendered is not rendered again, and what the pass renders is kept
for the next export or build (without pruning what the site's builds use).
"""

from __future__ import annotations

import copy
import importlib.util
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException, PluginError
from mkdocs.structure.files import Files, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import yaml_load

from ..core.domain.findings import has_errors
from ..core.domain.settings import plugin_entry
from ..core.site.build import SiteBuild
from ..core.site.export_config import Original
from .plugin import CohandbookPlugin

PASS_PLUGINS = ("cohandbook", "glightbox")


class RenderError(Exception):
    """The site cannot be rendered (no plugin in mkdocs.yml, a broken configuration)."""


@dataclass
class RenderedSite:
    site: SiteBuild
    original: Original
    root: Path
    html: dict[str, str] = field(default_factory=dict)  # finished content by the page's src_uri
    warnings: list[str] = field(default_factory=list)  # MkDocs' own (a module's broken link …)
    # Site path of each photo -> its web versions (site path, file): the pages name those, not the photo.
    versions: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def lightbox(self, src_uri: str) -> bool:
        return self.site.wants_lightbox(src_uri)


def render_site(config_file: Path, today: str | None = None) -> RenderedSite:
    """Render every page; stops after reading the repository when it has errors (`site.findings`)."""
    with _warnings() as warnings:
        settings = _settings(config_file)
        try:
            config = load_config(str(config_file), **_only_ours(settings))
        except MkDocsException as exc:
            raise RenderError(str(exc)) from None
        ours = config.plugins.get("cohandbook")
        if not isinstance(ours, CohandbookPlugin):
            raise RenderError(f"{config_file} 没有启用 cohandbook 插件（plugins: 里加上 - cohandbook）。")
        if today:
            ours.config["today"] = today
        config.plugins.on_startup(command="build", dirty=False)
        ours.recycle = False  # the site folder is not ours to touch here
        try:
            rendered = _render(config, ours, settings)
        finally:
            ours.recycle = True
            config.plugins.on_shutdown()
    rendered.warnings = warnings
    return rendered


def _render(config: MkDocsConfig, ours: CohandbookPlugin, settings: dict[str, Any]) -> RenderedSite:
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    files = get_files(config)
    files.add_files_from_theme(config.theme.get_env(), config)  # as a build does: they are addresses too
    try:
        files = config.plugins.on_files(files, config=config)
    except PluginError:
        # Publishing an unfinished handbook stops the build; the command reports it from the findings.
        if not hasattr(ours, "site") or not has_errors(ours.site.findings):
            raise
    rendered = RenderedSite(ours.site, _original(config, settings), ours.root)
    if has_errors(ours.site.findings):
        return rendered
    set_exclusions(files, config)
    config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
    pages = [file.page or Page(None, file, config) for file in files.documentation_pages()]
    for page in pages:
        _populate(page, config, files)
    config.plugins.on_env(config.theme.get_env(), config=config, files=files)
    html = {page.file.src_uri: _fragment(page.content or "") for page in pages}
    rendered.html = {src_uri: text for src_uri, text in html.items() if src_uri in ours.site.pages}
    rendered.versions = ours.images.published()
    if ours.cache is not None:
        ours.cache.save(prune=False)
    return rendered


DOCUMENT = ("<html><head></head><body>", "</body></html>")


def _fragment(content: str) -> str:
    """The page's content as a fragment: the lightbox plugin hands it back as a whole document (the site
    never shows that, Material's page is parsed and written once more after it)."""
    start, end = DOCUMENT
    if content.startswith(start) and content.endswith(end):
        return content[len(start) : -len(end)]
    return content


def _populate(page: Page, config: MkDocsConfig, files: Files) -> None:
    """What `mkdocs build` does to a page before it meets the theme."""
    page = config.plugins.on_pre_page(page, config=config, files=files)
    page.read_source(config)
    page.markdown = config.plugins.on_page_markdown(page.markdown or "", page=page, config=config, files=files)
    page.render(config, files)
    page.content = config.plugins.on_page_content(page.content or "", page=page, config=config, files=files)


def _settings(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as written (MkDocs' own loader: `!ENV` and `INHERIT` resolved), read once for the pass."""
    try:
        with config_file.open("rb") as text:
            settings = yaml_load(text) or {}
    except Exception:  # MkDocs' own loading, next, says what is wrong with it
        return {}
    return settings if isinstance(settings, dict) else {}


def _only_ours(settings: dict[str, Any]) -> dict[str, Any]:
    """mkdocs.yml's plugins without those the pass does not run, so that they are not even loaded (Material's
    search plugin alone imports jieba, a quarter of a second)."""
    plugins = settings.get("plugins")
    if not isinstance(plugins, list):
        return {}
    kept = [p for p in plugins if str(plugin_entry(p)[0]).removeprefix("material/") in PASS_PLUGINS]
    return {"plugins": copy.deepcopy(kept)}  # MkDocs' validation consumes the entries; the export reads them too


def _original(config: MkDocsConfig, settings: dict[str, Any]) -> Original:
    """What the export keeps of mkdocs.yml, and the theme's files."""
    theme_dir = config.theme.custom_dir
    theme_files = _theme_files(Path(theme_dir)) if theme_dir else ()
    return Original(settings, theme_dir, theme_files, _lightbox_files())


def _lightbox_files() -> tuple[tuple[str, str], ...]:
    """mkdocs-glightbox's copy of GLightbox (a dependency of ours), at the site paths where it puts it. Taken
    even when mkdocs.yml has no lightbox: our galleries link their photos for it all the same."""
    spec = importlib.util.find_spec("mkdocs_glightbox")
    if spec is None or spec.origin is None:
        return ()
    folder = Path(spec.origin).parent / "glightbox"
    return tuple(
        (f"assets/{kind}/glightbox.min.{suffix}", str(folder / f"glightbox.min.{suffix}"))
        for kind, suffix in (("stylesheets", "css"), ("javascripts", "js"))
    )


def _theme_files(folder: Path) -> tuple[str, ...]:
    found = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return tuple(sorted(p.relative_to(folder).as_posix() for p in found))


@contextmanager
def _warnings() -> Iterator[list[str]]:
    """MkDocs' warnings during the pass, kept for the command to show. Our plugin's own (the findings) are
    left out: the command reports those from the findings themselves."""
    found: list[str] = []
    logger = logging.getLogger("mkdocs")
    handler = _Collect(found)
    propagate, level = logger.propagate, logger.level
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.INFO)  # what `mkdocs build` sets: cached bodies are kept by the level they saw
    try:
        yield found
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
        logger.setLevel(level)


class _Collect(logging.Handler):
    def __init__(self, found: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.found = found

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith("mkdocs.plugins.cohandbook"):
            self.found.append(record.getMessage())
