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
Small pages keep their HTML in the page file (see INLINE_BELOW).
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import escape

from . import urls
from .export_config import (
    CONFIG,
    DOCS,
    FRAGMENTS,
    OVERRIDES,
    Original,
    config_text,
    export_config,
    lightbox_options,
    page_file,
    plugin_options,
)
from .pages import PagePlan, SitePlan

__all__ = ["CONFIG", "DOCS", "FRAGMENTS", "MANIFEST", "ExportFile", "Original", "export_files", "one_line"]

MANIFEST = ".cohandbook-export"  # what the last export wrote, so that the next one may update it in place
# A contributed .md (or .html) next to a module would become an unsanitized page of its own.
PAGE_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".html", ".htm"})
# Zensical renders a page that uses a snippet on every build (about 1 ms, plus 0.16 µs a byte) and reads a
# page file's own bytes on every build (0.6 µs a byte) but renders it only when it changed: below about 2 KB
# (a profile, a small squad page) the HTML is cheaper in the page file.
INLINE_BELOW = 2048
SAFE_PATH = re.compile(r"[A-Za-z0-9_.\-]+(?:/[A-Za-z0-9_.\-]+)*")


@dataclass(frozen=True, slots=True)
class ExportFile:
    """One file of the export: written from `text`, or copied from `source` (an absolute path)."""

    dest: str  # path inside the export folder
    text: str | None = None
    source: str | None = None


LIGHTBOX_LINK = re.compile(r"<a [^<>]*class=\"(?:[^\"<>]* )?glightbox[ \"]")
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
    """The page's file (front matter and a snippet line) and its fragment (the HTML, on one line). A small
    page, or one whose path a snippet line could not name safely, keeps its HTML in the page file itself."""
    meta = front_matter_text(front_matter(plan, lightbox))
    block = f'<div class="ch-export">{head}{one_line(html)}</div>\n'
    source = page_file(plan.path)
    fragment = source.removesuffix(".md") + ".html"
    if len(block) < INLINE_BELOW or not SAFE_PATH.fullmatch(fragment) or not plain_path(fragment):
        return [ExportFile(f"{DOCS}/{source}", text=f"---\n{meta}---\n{block}")]
    # The fragment's hash changes the page file whenever its HTML changes: live reloads watch page files.
    version = hashlib.sha256(block.encode("utf-8")).hexdigest()[:16]
    stub = f'---\n{meta}# {FRAGMENTS}/{fragment}, sha256 {version}\n---\n--8<-- "{fragment}"\n'
    return [ExportFile(f"{DOCS}/{source}", text=stub), ExportFile(f"{FRAGMENTS}/{fragment}", text=block)]


def front_matter_text(meta: Mapping[str, Any]) -> str:
    """Front matter as YAML, written directly (a YAML dumper per page cost more than the rest of the page):
    strings as JSON strings, which YAML reads as double-quoted scalars; lists in flow style."""
    return "".join(f"{key}: {_yaml_value(value)}\n" for key, value in meta.items())


def _yaml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        # JSON leaves some characters raw that YAML does not allow raw (or reads as line breaks): escaped.
        return _NOT_YAML_PRINTABLE.sub(_escape, json.dumps(value, ensure_ascii=False))
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_yaml_value(str(k))}: {_yaml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no YAML for {value!r}")


_NOT_YAML_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group(0)):04x}"


def lightbox_head(path: str, files: Iterable[str], scheme: urls.Urls, options: Mapping[str, Any]) -> str:
    """The lightbox's own script and style, on the pages that open photos in it. Zensical's theme otherwise
    fetches both from a public CDN (unpkg.com), which many readers cannot reach and which learns every visit;
    with the script already on the page it loads nothing, and it takes the site's options from
    `GLightboxOptions`. Plain MkDocs' lightbox plugin loads its own copy as well."""
    tags = []
    for file in files:
        link = escape(scheme.relative_file(file, path))
        tags.append(
            f'<link rel="stylesheet" href="{link}">' if file.endswith(".css") else f'<script src="{link}"></script>'
        )
    if tags and options:
        script = json.dumps(dict(options), sort_keys=True).replace("<", "\\u003c")
        tags.append(f"<script>var GLightboxOptions = {script};</script>")
    return "".join(tags)


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


def with_versions(files: list[ExportFile], versions: Mapping[str, Sequence[tuple[str, str]]]) -> list[ExportFile]:
    """Photos go out as the web versions the pages name (core/site/pictures.py), never as the originals."""
    result: list[ExportFile] = []
    for file in files:
        replaced = versions.get(file.dest.removeprefix(f"{DOCS}/")) if file.source else None
        result += [ExportFile(f"{DOCS}/{dest}", source=path) for dest, path in replaced or ()] or [file]
    return sorted(result, key=lambda f: f.dest)


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


MANIFEST_HEAD = (
    "# Written by `cohandbook export`: the files it wrote here. The next export replaces or removes these only.\n"
)


def manifest_text(files: Iterable[ExportFile]) -> str:
    return MANIFEST_HEAD + "".join(f"{file.dest}\n" for file in sorted(files, key=lambda f: f.dest))


def read_manifest(text: str) -> set[str] | None:
    """The files an earlier export wrote, or None when the text is not such a list (or names a path outside
    the folder: then the folder is treated as somebody else's)."""
    lines = text.splitlines()
    if not lines or lines[0] != MANIFEST_HEAD.rstrip("\n"):
        return None
    found = set(lines[1:])
    if any(not plain_path(dest) for dest in found):
        return None
    return found


def plain_path(dest: str) -> bool:
    """A relative path of plain names, as the export writes them: no `..`, no backslash or drive letter that
    another system would read as a way out of the folder."""
    parts = dest.split("/")
    plain = all(part not in ("", ".", "..") and "\\" not in part and ":" not in part for part in parts)
    return bool(dest) and not dest.startswith("/") and plain
