"""The stitched site as a plain docs tree that another engine builds as it is (Zensical, MkDocs without us).

Those engines run no cohandbook plugin and would run their own Markdown over anything we give them, so every
page goes out as finished HTML that we rendered and sanitized: one HTML block on one line inside an `index.md`.
One line because Markdown preprocessors (fenced code, snippets, abbreviations) work line by line *before* the
raw HTML is set aside: a contributor's code block with a ``` line in it must stay code, not become a fence.
Newlines and tabs inside text and attribute values become character references, which browsers read exactly
as the characters themselves (a `<pre>` keeps its lines).

Every page stays `<path>/index.md`, so the folder of its source is the folder of its URL: the relative links
and images in our HTML are right for any engine, whether or not it rewrites links in raw HTML.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from markupsafe import escape

from . import urls
from .pages import NavItem, PagePlan, SitePlan

DOCS = "docs"  # the exported docs_dir
OVERRIDES = "overrides"  # the exported theme.custom_dir: our template overrides
CONFIG = "mkdocs.yml"

# What the exported config keeps from the original, as written there, in this order.
KEPT_SETTINGS = (
    "site_name",
    "site_description",
    "site_author",
    "site_url",
    "repo_url",
    "repo_name",
    "copyright",
    "use_directory_urls",
)
KEPT_ASSETS = ("extra_css", "extra_javascript", "extra")
# Edit links would point into the export, not the repository; section index pages are guessed from the name
# `index.md`, which every exported page has (our plugin decides that itself, an engine without it cannot).
DROPPED_FEATURES = frozenset({"content.action.edit", "content.action.view", "navigation.indexes"})
# Plugins that Zensical and plain MkDocs both have; ours is gone, its work is in the pages.
KEPT_PLUGINS = ("search", "glightbox")
# A contributed .md (or .html) next to a module would become an unsanitized page of its own.
PAGE_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".html", ".htm"})
# Pages linked from others, not listed in the navigation, as patterns (a site has a profile per person).
LIGHTBOX_OPTIONS = frozenset({"touchNavigation", "loop", "zoomable", "draggable", "effect", "slide_effect"})
LIGHTBOX_NAMES = {"effect": "openEffect", "slide_effect": "slideEffect"}
NOT_IN_NAV = {"profile": urls.profile("*"), "squad": urls.squad("*"), "print": urls.print_edition("*")}


@dataclass(frozen=True, slots=True)
class ExportFile:
    """One file of the export: written from `text`, or copied from `source` (an absolute path)."""

    dest: str  # path inside the export folder
    text: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Original:
    """What the export needs from the original mkdocs.yml, as plain data."""

    settings: Mapping[str, Any]  # the top-level keys as written (theme, plugins, extra_css …)
    theme_dir: str | None = None  # the absolute theme.custom_dir, if any
    theme_files: Sequence[str] = ()  # files under it, relative, sorted
    lightbox_files: Sequence[tuple[str, str]] = ()  # (site path, absolute source) of the lightbox's script and style


def page_file(path: str) -> str:
    """The exported source of the page at site path `path`."""
    return f"{path}/index.md" if path else "index.md"


LIGHTBOX_LINK = re.compile(r"<a [^>]*class=\"(?:[^\"]* )?glightbox[ \"]")
_TOKEN = re.compile(r"<!--.*?-->|<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>|[\t\n]", re.S)
_QUOTED_OR_BREAK = re.compile(r"\"[^\"]*\"|'[^']*'|[\t\n]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_REFERENCES = {"\n": "&#10;", "\t": "&#9;"}


def one_line(html: str) -> str:
    """The same HTML on one line: breaks in text and attribute values as references, between attributes as
    spaces. Control characters go (no HTML allows them; Markdown uses two of them as its own markers)."""
    html = _CONTROL.sub("", html.replace("\r\n", "\n").replace("\r", "\n"))
    return _TOKEN.sub(_flatten, html)


def _flatten(match: re.Match[str]) -> str:
    token = match.group(0)
    if token in _REFERENCES:
        return _REFERENCES[token]
    if "\n" not in token and "\t" not in token:
        return token
    if token.startswith("<!--"):
        return token.replace("\n", " ").replace("\t", " ")
    return _QUOTED_OR_BREAK.sub(_inside_tag, token)


def _inside_tag(match: re.Match[str]) -> str:
    token = match.group(0)
    if token in _REFERENCES:
        return " "  # between attributes a break is just white space
    return token.replace("\n", _REFERENCES["\n"]).replace("\t", _REFERENCES["\t"])


def front_matter(plan: PagePlan, lightbox: bool) -> dict[str, Any]:
    """The page's meta for Material and Zensical: its title as HTML-escaped text (both put titles into HTML
    as they are), what to hide, whether search and the lightbox script are wanted."""
    meta: dict[str, Any] = {"title": str(escape(plan.title))}
    if plan.hide:
        meta["hide"] = list(plan.hide)
    if not plan.search:
        meta["search"] = {"exclude": True}
    if not lightbox:
        meta["glightbox"] = False
    return meta


def page_text(plan: PagePlan, html: str, lightbox: bool, head: str = "") -> str:
    meta = _dump(front_matter(plan, lightbox))
    return f'---\n{meta}---\n<div class="ch-export">{head}{one_line(html)}</div>\n'


def lightbox_head(path: str, files: Iterable[str], scheme: urls.Urls, options: Mapping[str, Any]) -> str:
    """The lightbox's own script and style, on the pages that open photos in it. Zensical's theme otherwise
    fetches both from a public CDN (unpkg.com), which many readers cannot reach and which learns every visit;
    with the script already on the page it loads nothing, and it takes the site's options from
    `GLightboxOptions`. Plain MkDocs' lightbox plugin loads its own copy as well."""
    tags = []
    for file in files:
        link = escape(scheme.relative_file(file, path))
        tags.append(f'<link rel="stylesheet" href="{link}">' if file.endswith(".css") else f'<script src="{link}"></script>')
    if tags and options:
        script = json.dumps(dict(options), sort_keys=True).replace("<", "\\u003c")
        tags.append(f"<script>var GLightboxOptions = {script};</script>")
    return "".join(tags)


def lightbox_options(plugin: Mapping[str, Any]) -> dict[str, Any]:
    """mkdocs-glightbox's options as GLightbox's own, the way that plugin passes them on."""
    options = {LIGHTBOX_NAMES.get(key, key): value for key, value in plugin.items() if key in LIGHTBOX_OPTIONS}
    return options | ({"closeEffect": options["openEffect"]} if "openEffect" in options else {})


def export_nav(items: Iterable[NavItem], files: Mapping[str, str]) -> list[Any]:
    """The plan's navigation in mkdocs.yml's shape, pointing at the exported files; titles escaped (HTML to
    both engines). A section's own page comes first in it, under the section's title."""
    entries: list[Any] = []
    for item in items:
        title = str(escape(item.title))
        if not item.children:
            entries.append({title: files[item.src_uri or ""]})
            continue
        children = [{title: files[item.src_uri]}] if item.src_uri else []
        entries.append({title: children + export_nav(item.children, files)})
    return entries


def not_in_nav(plan: SitePlan, listed: set[str]) -> str:
    """gitignore-style patterns for the pages that are linked, not listed (so no engine reports them)."""
    patterns = set()
    for page in plan.pages:
        if page.src_uri not in listed:
            path = NOT_IN_NAV[page.kind] if page.kind in NOT_IN_NAV else page.path
            patterns.add("/" + page_file(path))
    return "".join(f"{pattern}\n" for pattern in sorted(patterns))


def export_config(original: Original, plan: SitePlan) -> dict[str, Any]:
    settings = original.settings
    files = {page.src_uri: page_file(page.path) for page in plan.pages}
    config: dict[str, Any] = {key: settings[key] for key in KEPT_SETTINGS if key in settings}
    config["docs_dir"] = DOCS
    config["edit_uri"] = ""
    config["theme"] = _theme(settings.get("theme"), has_overrides=bool(original.theme_dir))
    config.update({key: settings[key] for key in KEPT_ASSETS if key in settings})
    config["nav"] = export_nav(plan.nav, files)
    config["not_in_nav"] = not_in_nav(plan, set(_nav_sources(plan.nav)))
    # The pages are finished HTML: no Markdown extension has anything left to do.
    config["markdown_extensions"] = []
    plugins = plugin_options(settings.get("plugins"))
    config["plugins"] = [_plugin(name, plugins[name]) for name in KEPT_PLUGINS if name in plugins]
    return config


def _theme(theme: Any, has_overrides: bool) -> dict[str, Any]:
    theme = dict(theme) if isinstance(theme, dict) else {"name": theme or "material"}
    theme.pop("custom_dir", None)
    if has_overrides:
        theme["custom_dir"] = OVERRIDES
    if "features" in theme:
        theme["features"] = [f for f in theme["features"] if f not in DROPPED_FEATURES]
    return theme


def plugin_options(plugins: Any) -> dict[str, dict[str, Any]]:
    """mkdocs.yml's `plugins` (a list of names and one-key mappings, or a mapping) as name -> options."""
    entries = plugins.items() if isinstance(plugins, dict) else [_entry(item) for item in plugins or []]
    return {str(name).removeprefix("material/"): dict(options or {}) for name, options in entries}


def _entry(item: Any) -> tuple[Any, Any]:
    return (item, None) if not isinstance(item, dict) else next(iter(item.items()), ("", None))


def _plugin(name: str, options: Mapping[str, Any]) -> Any:
    options = dict(options)
    if name == "glightbox":
        # Our pages already wrap what opens in the lightbox (galleries, a module's photos), exactly as on the
        # site; the engine must not wrap avatars and covers too, only load the script.
        options["manual"] = True
    if name == "search":
        # jieba's dictionary paths are resolved from the working directory: they cannot travel with the tree.
        options = {k: v for k, v in options.items() if not k.startswith("jieba_dict")}
    return {name: options} if options else name


def _nav_sources(items: Iterable[NavItem]) -> Iterable[str]:
    for item in items:
        if item.src_uri:
            yield item.src_uri
        yield from _nav_sources(item.children)


class _Dumper(yaml.SafeDumper):
    """Block style for text with line breaks (`not_in_nav`), so the file reads like a hand-written one."""


def _text(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)


_Dumper.add_representer(str, _text)


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1 << 20)


def config_text(config: Mapping[str, Any]) -> str:
    body = _dump(dict(config))
    return (
        "# Written by `cohandbook export`: every page is finished HTML. Build with `zensical build`, or with\n"
        "# `mkdocs build` (Material, mkdocs-glightbox); edit the handbook repository, not this folder.\n" + body
    )


def export_files(
    plan: SitePlan,
    html: Mapping[str, str],
    lightbox: Callable[[str], bool],
    original: Original,
    root: str,
) -> list[ExportFile]:
    """Everything the export folder holds, sorted by destination: config, pages, assets, theme files."""
    found = [ExportFile(CONFIG, text=config_text(export_config(original, plan)))]
    scheme = urls.Urls(bool(original.settings.get("use_directory_urls", True)))
    boxes = [path for path, _ in original.lightbox_files]
    options = lightbox_options(plugin_options(original.settings.get("plugins")).get("glightbox", {}))
    for page in plan.pages:
        body = html.get(page.src_uri, "")
        # The print edition shows the galleries' lightbox links too, though the site loads no lightbox there.
        wanted = lightbox(page.src_uri) or bool(LIGHTBOX_LINK.search(body))
        head = lightbox_head(page.path, boxes, scheme, options) if wanted else ""
        text = page_text(page, body, wanted, head)
        found.append(ExportFile(f"{DOCS}/{page_file(page.path)}", text=text))
    found += [ExportFile(f"{DOCS}/{path}", source=source) for path, source in original.lightbox_files]
    for static in plan.static:
        if posixpath.splitext(static.dest)[1].lower() not in PAGE_SUFFIXES:
            found.append(ExportFile(f"{DOCS}/{static.dest}", source=posixpath.join(root, static.source)))
    found += _theme_files(original)
    return _unique(found)


def _theme_files(original: Original) -> list[ExportFile]:
    """Templates go to the overrides folder; stylesheets, scripts and images next to the pages that use them."""
    if not original.theme_dir:
        return []
    found = []
    for rel in original.theme_files:
        folder = OVERRIDES if rel.endswith(".html") else DOCS
        found.append(ExportFile(f"{folder}/{rel}", source=posixpath.join(original.theme_dir, rel)))
    return found


def _unique(files: list[ExportFile]) -> list[ExportFile]:
    """One file per destination, the first planned winning (pages before assets before theme files)."""
    seen: dict[str, ExportFile] = {}
    for file in files:
        seen.setdefault(file.dest, file)
    return sorted(seen.values(), key=lambda f: f.dest)
