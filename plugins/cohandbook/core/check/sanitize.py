"""Sanitizing a contributor's rendered Markdown with nh3 (the Rust `ammonia` sanitizer).

A hand-written regex filter cannot be trusted against HTML's parsing quirks; ammonia parses with html5ever,
the same way a browser does, and keeps only an allowlist. The allowlist is what Python-Markdown and the
extensions in mkdocs.yml produce (admonitions, details, code highlighting, task lists, tabs, tables,
footnotes, attr_list's sizes and classes) and nothing else: no scripts, no event handlers, no `style` beyond
table alignment, no iframes (videos are embedded by our own templates from front matter, never from
contributed HTML), no `javascript:` or `data:` URLs.

`check/markup.py` reads the same allowlist to tell a contributor, with a line number, what this removes.
"""

from __future__ import annotations

import re

import nh3

TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "details",
        "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
        "img", "input", "ins", "kbd", "label", "li", "mark", "ol", "p", "pre", "s", "small", "span",
        "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
    }
)  # fmt: skip

ATTRIBUTES: dict[str, set[str]] = {
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href"},
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
# contributor names like that would be found first (DOM clobbering). pymdownx.tabbed's own ids stay.
RESERVED_ID = re.compile(r"^__")
TABBED_ID = re.compile(r"^__tabbed_\d+(_\d+)?$")
ID_ATTRIBUTES = frozenset({"id", "for", "name"})
SAFE_ID_PREFIX = "ch-"


def safe_id(value: str) -> str:
    """An id (or a label's `for`, a radio's `name`) that cannot clobber one of Material's own elements."""
    if RESERVED_ID.match(value) and not TABBED_ID.match(value):
        return SAFE_ID_PREFIX + value
    return value


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    return safe_id(value) if attribute in ID_ATTRIBUTES else value


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


def sanitize(html: str) -> str:
    """The contributor's rendered Markdown with everything outside the allowlist removed."""
    return _UNTYPED_INPUT.sub(r'<input type="checkbox"\1>', _CLEANER.clean(html))
