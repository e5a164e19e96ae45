"""The stitched site as a plain docs tree that another engine builds as it is (Zensical, MkDocs without us).

Those engines run no cohandbook plugin and would run their own Markdown over anything we give them, so every
page goes out as finished HTML that we rendered and sanitized: one HTML block on one line. One line because
Markdown preprocessors (fenced code, snippets, abbreviations) work line by line *before* the raw HTML is set
aside: a contributor's code block with a ``` line in it must stay code, not become a fence. Newlines and tabs
inside text and attribute values become character references, which browsers read exactly as the characters
themselves (a `<pre>` keeps its lines).

Every page stays `<path>/index.md`, so the folder of its source is the folder of its URL: the relative links
and images in our HTML are right for any engine, whether or not it rewrites links in raw HTML. The page file
holds the front matter and one snippet line; the HTML itself is `fragments/<path>/index.html`, which
pymdownx.snippets puts in place. Why not the HTML in the page file: Zensical (0.0.x) reads every page file
byte by byte in Python on every build, even when nothing changed, to find its links (about 0.6 µs a byte,
the bulk of a rebuild of a big handbook), but it does not read what a snippet brings in; our HTML holds no
link it needs to resolve. Snippet paths are relative to the folder the engine is started in: the export's.
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
FRAGMENTS = "fragments"  # each page's HTML, brought into its page file by pymdownx.snippets
MANIFEST = ".cohandbook-export"  # what the last export wrote, so that the next one may update it in place
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
# Snippets only from the fragments folder, never from a URL, and a missing one stops the build.
SNIPPETS = {"base_path": [FRAGMENTS], "check_paths": True, "restrict_base_path": True, "url_download": False}
SAFE_PATH = re.compile(r"[A-Za-z0-9_.\-]+(?:/[A-Za-z0-9_.\-]+)*")
LIGHTBOX_OPTIONS = frozenset({"touchNavigation", "loop", "zoomable", "draggable", "effect", "slide_effect"})
LIGHTBOX_NAMES = {"effect": "openEffect", "slide_effect": "slideEffect"}
# Pages linked from others, not listed in the navigation, as patterns (a site has a profile per person).
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


def page_files(plan: PagePlan, html: str, lightbox: bool, head: str = "") -> list[ExportFile]:
    """The page's file (front matter and a snippet line) and its fragment (the HTML, on one line). A path
    that a snippet line could not name safely keeps its HTML in the page file itself."""
    meta = front_matter_text(front_matter(plan, lightbox))
    block = f'<div class="ch-export">{head}{one_line(html)}</div>\n'
    source = page_file(plan.path)
    fragment = source.removesuffix(".md") + ".html"
    if not SAFE_PATH.fullmatch(fragment) or ".." in fragment.split("/"):
        return [ExportFile(f"{DOCS}/{source}", text=f"---\n{meta}---\n{block}")]
    stub = f'---\n{meta}---\n--8<-- "{fragment}"\n'
    return [ExportFile(f"{DOCS}/{source}", text=stub), ExportFile(f"{FRAGMENTS}/{fragment}", text=block)]


def front_matter_text(meta: Mapping[str, Any]) -> str:
    """Front matter as YAML, written directly (a YAML dumper per page cost more than the rest of the page):
    strings as JSON strings, which YAML reads as double-quoted scalars; lists in flow style."""
    return "".join(f"{key}: {_yaml_value(value)}\n" for key, value in meta.items())


def _yaml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
        return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\x85", "\\u0085")
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_yaml_value(str(k))}: {_yaml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no YAML for {value!r}")


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
        "# Written by `cohandbook export`: every page is finished HTML. Build it in this folder (the pages'\n"
        "# snippets are found from here): `zensical build`, or `mkdocs build` (Material, mkdocs-glightbox).\n"
        "# Edit the handbook repository, not this folder: the next export updates it.\n" + body
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
        found += page_files(page, body, wanted, head)
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


MANIFEST_HEAD = "# Written by `cohandbook export`: the files it wrote here. The next export replaces or removes these only.\n"


def manifest_text(files: Iterable[ExportFile]) -> str:
    return MANIFEST_HEAD + "".join(f"{file.dest}\n" for file in sorted(files, key=lambda f: f.dest))


def read_manifest(text: str) -> set[str] | None:
    """The files an earlier export wrote, or None when the text is not such a list (or names a path outside
    the folder: then the folder is treated as somebody else's)."""
    lines = text.splitlines()
    if not lines or lines[0] != MANIFEST_HEAD.rstrip("\n"):
        return None
    found = set(lines[1:])
    if any(not _inside(dest) for dest in found):
        return None
    return found


def _inside(dest: str) -> bool:
    parts = dest.split("/")
    return bool(dest) and not dest.startswith("/") and all(part not in ("", ".", "..") for part in parts)
