"""The exported site's layout and its mkdocs.yml: folders, the navigation, the theme and plugin settings.

What `cohandbook export` keeps of the original configuration, and how it says so to an engine that runs no
cohandbook plugin (Zensical, or MkDocs without us): the navigation in blueprint order with escaped titles,
the pages that are linked but not listed, the theme without the features that need our plugin, and the
plugins both engines have. The pages themselves are export.py's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from markupsafe import escape

from ..domain.settings import plugin_options  # mkdocs.yml's plugins, read as the settings read them
from . import urls
from .pages import NavItem, SitePlan

DOCS = "docs"  # the exported docs_dir
FRAGMENTS = "fragments"  # each page's HTML, brought into its page file by pymdownx.snippets
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
# Snippets only from the fragments folder, never from a URL, and a missing one stops the build.
SNIPPETS = {"base_path": [FRAGMENTS], "check_paths": True, "restrict_base_path": True, "url_download": False}
LIGHTBOX_OPTIONS = frozenset({"touchNavigation", "loop", "zoomable", "draggable", "effect", "slide_effect"})
LIGHTBOX_NAMES = {"effect": "openEffect", "slide_effect": "slideEffect"}
# Pages linked from others, not listed in the navigation, as patterns (a site has a profile per person).
NOT_IN_NAV = {"profile": urls.profile("*"), "squad": urls.squad("*"), "print": urls.print_edition("*")}


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
            path = NOT_IN_NAV.get(page.kind, page.path)
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
    # The pages are finished HTML: no Markdown extension has anything left to do but bring it in.
    config["markdown_extensions"] = [{"pymdownx.snippets": dict(SNIPPETS)}]
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
        "# Written by `cohandbook export`: every page is finished HTML. Build it in this folder (the pages'\n"
        "# snippets are found from here): `zensical build`, or `mkdocs build` (Material, mkdocs-glightbox).\n"
        "# Edit the handbook repository, not this folder: the next export updates it.\n" + body
    )
