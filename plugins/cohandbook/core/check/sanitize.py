"""Sanitizing a contributor's rendered Markdown with nh3 (the Rust `ammonia` sanitizer).

A hand-written regex filter cannot be trusted against HTML's parsing quirks; ammonia parses with html5ever,
the same way a browser does, and keeps only an allowlist. The allowlist is what Python-Markdown and the
extensions in mkdocs.yml produce (admonitions, details, code highlighting, task lists, tabs, tables,
footnotes, attr_list's sizes and classes) and nothing else: no scripts, no event handlers, no `style` beyond
table alignment, no iframes (videos are embedded by our own templates from front matter, never from
contributed HTML), no `javascript:` or `data:` URLs, no image from another host (a reader's visit would
be reported to that host, and the picture could change after review), and only the classes and ids that
these formats define: `.md-dialog` or `#__search` borrowed from the theme would draw the theme's own
notices or take over its elements.

`check/markup.py` reads the same allowlist to tell a contributor, with a line number, what this removes.
"""

from __future__ import annotations

import html
import re

import nh3
from pygments.token import STANDARD_TYPES

TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "details",
        "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
        "img", "input", "ins", "kbd", "label", "li", "mark", "ol", "p", "pre", "s", "small", "span",
        "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
    }
)  # fmt: skip

ATTRIBUTES: dict[str, set[str]] = {
    "*": {"class", "id", "title", "lang", "dir", "hidden"},
    "a": {"href", "name"},  # an old-style anchor `<a name="x">`, published as `<a id="x">` (see sanitize)
    "details": {"open"},
    "div": {"data-tabs"},  # pymdownx.tabbed
    "img": {"src", "alt", "width", "height", "loading", "align"},  # attr_list sizes, Material's align
    "input": {"checked", "disabled", "name"},
    "label": {"for"},
    "ol": {"start"},
    "td": {"align", "colspan", "rowspan", "style"},
    "th": {"align", "colspan", "rowspan", "scope", "style"},
}

# Task lists and content tabs are the only inputs Markdown produces; nothing may become a text field.
INPUT_TYPES = {"input": {"type": {"checkbox", "radio"}}}

# Markdown tables align columns with `style="text-align: …"`; no other property gets through.
STYLE_PROPERTIES = frozenset({"text-align"})

URL_SCHEMES = frozenset({"http", "https", "mailto"})

# Tags whose content is code or styling, not text: removed with the tag, never shown as text.
DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "iframe", "object"})

# Material's JavaScript finds its own elements by id (`__search`, `__drawer`, `__config` …); an element a
# contributor names like that would be found first (DOM clobbering). pymdownx.tabbed's own ids stay. An id
# is also a global name in the page's scripts, so only plain names pass: letters, digits, `_ - . :`.
RESERVED_ID = re.compile(r"^__")
TABBED_ID = re.compile(r"^__tabbed_\d+(_\d+)?$")
PLAIN_ID = re.compile(r"^[^\W_][\w\-.:]*$|^_[\w\-.:]+$")
ID_ATTRIBUTES = frozenset({"id", "for", "name"})
SAFE_ID_PREFIX = "ch-"

# The classes that Python-Markdown and the extensions in mkdocs.yml write: admonitions and details (with
# Material's types), task lists, content tabs, footnotes, permalinks, Pygments' token classes and Material's
# grid layout (`grid cards`). Nothing else: not Material's own components (`md-dialog`, `md-banner` …),
# not ours (`ch-…`), not the lightbox's (`glightbox` would open a picture from another host).
ADMONITION_TYPES = frozenset(
    {
        "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success", "check",
        "done", "question", "help", "faq", "warning", "caution", "attention", "failure", "fail", "missing",
        "danger", "error", "bug", "example", "quote", "cite", "inline", "end",
    }
)  # fmt: skip
FORMAT_CLASSES = frozenset(
    {
        "admonition", "admonition-title", "task-list", "task-list-item", "task-list-control",
        "task-list-indicator", "tabbed-set", "tabbed-alternate", "tabbed-labels", "tabbed-content",
        "tabbed-block", "footnote", "footnote-ref", "footnote-backref", "headerlink", "toc", "highlight",
        "highlighttable", "linenos", "linenodiv", "normal", "special", "filename", "hll", "grid", "cards",
    }
)  # fmt: skip
CODE_CLASSES = frozenset(name for name in STANDARD_TYPES.values() if name)
LANGUAGE_CLASS = re.compile(r"^language-[a-z0-9+#_-]{1,30}$")


def safe_id(value: str) -> str:
    """An id (or a label's `for`, a radio's `name`) that cannot clobber one of Material's own elements."""
    if TABBED_ID.match(value) or (PLAIN_ID.match(value) and not RESERVED_ID.match(value)):
        return value
    return SAFE_ID_PREFIX + re.sub(r"[^\w\-.:]", "-", value)


def allowed_class(name: str) -> bool:
    return (
        name in FORMAT_CLASSES or name in ADMONITION_TYPES or name in CODE_CLASSES or bool(LANGUAGE_CLASS.match(name))
    )


def safe_classes(value: str) -> str | None:
    """Only the classes our formats define; None when nothing is left."""
    kept = [name for name in value.split() if allowed_class(name)]
    return " ".join(kept) or None


def foreign_url(url: str) -> bool:
    """A URL with a scheme or a host: the browser would fetch it from somewhere other than this site.

    Read as a browser reads it: entities decoded, tabs and line breaks inside dropped, leading spaces and
    control characters ignored, a backslash taken for a slash (`/\\evil.example` is `//evil.example`).
    """
    clean = re.sub(r"^[\x00-\x20]+", "", re.sub(r"[\t\n\r]", "", html.unescape(url))).replace("\\", "/")
    return bool(URL_SCHEME.match(clean)) or clean.startswith("//")


URL_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
# Attributes that make the browser fetch something as the page loads (images); links wait for a click.
RESOURCE_ATTRIBUTES = frozenset({"src"})


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute in ID_ATTRIBUTES:
        return safe_id(value) if value else None  # a bare `<p id>` names nothing: dropping it changes nothing
    if attribute == "class":
        return safe_classes(value)
    if attribute in RESOURCE_ATTRIBUTES and foreign_url(value):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    attribute_filter=_filter_attribute,
    url_schemes=set(URL_SCHEMES),
    link_rel="noopener noreferrer nofollow",
    strip_comments=True,
    tag_attribute_values=INPUT_TYPES,
    filter_style_properties=set(STYLE_PROPERTIES),
)


# nh3 drops a `type` outside INPUT_TYPES, and an <input> without a type is a text field: make it a checkbox.
# nh3's output is normalised (lower-case names, double-quoted values), so this pattern sees every attribute.
_UNTYPED_INPUT = re.compile(r'<input((?:\s(?!type=)[a-z-]+="[^"]*")*)\s*/?>')
# `<a name="x">` is how older editors wrote an anchor (obsolete in HTML5): publish it as `<a id="x">`, the
# anchor a reader's `#x` link reaches. The name already went through safe_id; an id on the same tag wins.
# nh3 escapes `<`, `>` and `"` inside values, so each match ends at its own tag: linear time.
_ANCHOR = re.compile(r'<a((?:\s[a-z-]+="[^"]*")*)>')
_ANCHOR_ATTRIBUTE = re.compile(r'\s([a-z-]+)="([^"]*)"')


def _name_to_id(match: re.Match[str]) -> str:
    attributes = dict(_ANCHOR_ATTRIBUTE.findall(match.group(1)))
    if "name" not in attributes:
        return match.group(0)
    name = attributes.pop("name")
    attributes.setdefault("id", name)
    return "<a" + "".join(f' {key}="{value}"' for key, value in attributes.items()) + ">"


def sanitize(html: str) -> str:
    """The contributor's rendered Markdown with everything outside the allowlist removed."""
    cleaned = _UNTYPED_INPUT.sub(r'<input type="checkbox"\1>', _CLEANER.clean(html))
    return _ANCHOR.sub(_name_to_id, cleaned)
