"""Sanitizing a contributor's rendered Markdown with nh3 (the Rust `ammonia` sanitizer).

A hand-written regex filter cannot be trusted against HTML's parsing quirks; ammonia parses with html5ever,
the same way a browser does, and keeps only an allowlist. The allowlist is what Python-Markdown and the
extensions in mkdocs.yml produce (admonitions, details, code highlighting, task lists, tabs, tables,
footnotes) and nothing else: no scripts, no event handlers, no `style`, no iframes (videos are embedded by
our own templates from front matter, never from contributed HTML), no `javascript:` URLs.
"""

from __future__ import annotations

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
    "abbr": {"title"},
    "details": {"open"},
    "div": {"data-tabs"},
    "img": {"src", "alt", "width", "height", "loading"},
    "input": {"checked", "disabled", "name"},
    "label": {"for"},
    "ol": {"start"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
}

# Task lists and content tabs are the only inputs Markdown produces; nothing may become a text field.
INPUT_TYPES = {"input": {"type": {"checkbox", "radio"}}}

URL_SCHEMES = frozenset({"http", "https", "mailto"})


def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=set(TAGS),
        attributes=ATTRIBUTES,
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
        tag_attribute_values=INPUT_TYPES,
    )
