"""Pages whose HTML we already have: MkDocs must not run Markdown over them again.

MkDocs makes a new Markdown converter, with every extension, for every page (about a millisecond before it
converts anything). Two kinds of page do not need one:

* generated pages that are finished HTML (profiles, credits, the board …): their content is put in place
  by `on_page_content`;
* module pages whose sanitized body is in the cache, addressed by the Markdown MkDocs would convert, the
  extensions' configuration, the page's address and every file's address (links between pages resolve
  against them). What `Page.render` would have set (content, table of contents, anchors, links to
  anchors, the title) comes back from the entry.

A render that logged anything (a broken link …) is not kept, so it is rendered, and reported, every time.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .cache import BuildCache, digest

KIND = "bodies"


def skip_markdown(page: Page) -> None:
    """The page's content is finished HTML: give it an empty render instead of a Markdown converter."""

    def render(config: MkDocsConfig, files: Files) -> None:
        page.content, page.toc, page.present_anchor_ids = "", get_toc([]), set()

    page.render = render  # type: ignore[method-assign]


def markdown_fingerprint(config: MkDocsConfig, files: Files, options: dict[str, Any]) -> str:
    """What a module body's HTML depends on besides its Markdown and address: extensions, files, checks
    (and, to be safe, our own options)."""
    extensions = json.dumps([config.markdown_extensions, config.mdx_configs, options], sort_keys=True, default=repr)
    validation = json.dumps(dict(config.validation), sort_keys=True, default=repr)
    addresses = sorted(f"{f.src_uri}\0{f.dest_uri}\0{f.url}" for f in files)
    return digest(extensions, validation, str(config.use_directory_urls), *addresses)


class BodyCache:
    """Module bodies by what they are made from; `stored` receives the sanitized HTML of a fresh render."""

    def __init__(self, cache: BuildCache) -> None:
        self.cache = cache
        self.fingerprint = ""
        self.hits: set[str] = set()  # src_uris whose content came sanitized from the cache
        self.fresh: dict[str, dict[str, Any]] = {}  # src_uri -> entry waiting for its sanitized HTML

    def start(self, fingerprint: str) -> None:
        self.fingerprint, self.hits, self.fresh = fingerprint, set(), {}

    def wrap(self, page: Page) -> None:
        """Replace the page's render with one that reads the cache first."""
        original: Callable[[MkDocsConfig, Files], None] = page.render

        def render(config: MkDocsConfig, files: Files) -> None:
            key = self._key(page)
            entry = self.cache.get(KIND, key)
            if entry is not None:
                _restore(page, entry, files)
                self.hits.add(page.file.src_uri)
                return
            with _Listener() as heard:
                original(config, files)
            if not heard.records:
                self.fresh[page.file.src_uri] = {"key": key, **_facts(page)}

        page.render = render  # type: ignore[method-assign]

    def _key(self, page: Page) -> str:
        level = str(logging.getLogger("mkdocs").getEffectiveLevel())
        return self.cache.key(KIND, self.fingerprint, level, page.file.src_uri, page.url, page.markdown or "")

    def keep(self, src_uri: str, sanitized: str) -> None:
        entry = self.fresh.pop(src_uri, None)
        if entry is not None:
            key = entry.pop("key")
            self.cache.put(KIND, key, {**entry, "html": sanitized})


def _facts(page: Page) -> dict[str, Any]:
    links = {f.src_uri: anchors for f, anchors in (page.links_to_anchors or {}).items()}
    title = page._title_from_render
    # Raw HTML such as `<a name>` or `<p id>` gives MkDocs an anchor of None: nothing can link to it.
    anchors = sorted(a for a in page.present_anchor_ids or () if isinstance(a, str))
    return {"toc": _tokens(page.toc), "anchors": anchors, "links": links, "title": title}


def _tokens(items: Any) -> list[dict[str, Any]]:
    return [{"name": i.title, "id": i.id, "level": i.level, "children": _tokens(i.children)} for i in items]


def _restore(page: Page, entry: dict[str, Any], files: Files) -> None:
    page.content = entry["html"]
    page.toc = get_toc(entry["toc"])
    page._title_from_render = entry["title"]
    page.present_anchor_ids = set(entry["anchors"])
    if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:
        targets = {src: files.get_file_from_path(src) for src in entry["links"]}
        page.links_to_anchors = {f: entry["links"][src] for src, f in targets.items() if f is not None}


class _Listener(logging.Handler):
    """Hears every record logged while a page renders (MkDocs' link checks, extensions' complaints)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []
        self.loggers = [logging.getLogger(), logging.getLogger("mkdocs")]

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.INFO:
            self.records.append(record)

    def __enter__(self) -> _Listener:
        for logger in self.loggers:
            logger.addHandler(self)
        return self

    def __exit__(self, *exc: object) -> None:
        for logger in self.loggers:
            logger.removeHandler(self)
