"""Jinja rendering for generated pages: autoescape on, every contributed string is text, never markup."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from ..domain.model import FORMAT_LABELS, ROLE_LABELS, STATE_LABELS
from . import urls

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>])")


def md_escape(text: str) -> str:
    """Text that Markdown and HTML both show literally (for the few places we emit Markdown)."""
    return str(escape(_MD_SPECIAL.sub(r"\\\1", text)))


def url_path(name: str) -> str:
    """A file name from the module folder as a relative URL: percent-encoded, so a space, `#` or `?` in it
    stays part of the name, and never read as a scheme or a host."""
    return quote(name, safe="/")


def _paragraphs(text: str) -> Markup:
    """Plain text with blank-line paragraphs, escaped: summaries and bios are text, not Markdown."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return Markup("".join(f"<p>{escape(p)}</p>" for p in parts))


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        # Our templates ship with the package and cannot change during a build; without this Jinja stats
        # the file behind every {% include %} of every page.
        auto_reload=False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["paragraphs"] = _paragraphs
    env.filters["md_escape"] = md_escape
    env.filters["url_path"] = url_path
    env.globals.update(FORMAT_LABELS=FORMAT_LABELS, ROLE_LABELS=ROLE_LABELS, STATE_LABELS=STATE_LABELS, urls=urls)
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def _comment_safe(text: object) -> str:
    """Text inside an HTML comment: `--` could end the comment early and show the rest on the site."""
    return str(text).replace("--", "- -")


@cache
def text_environment() -> Environment:
    """For files a contributor opens in an editor (the starter index.md). They are not pages: HTML escaping
    would show them `&lt;` where they typed `<`; what must stay hidden goes into a comment instead."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=False,
        auto_reload=False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["comment_safe"] = _comment_safe
    env.globals.update(FORMAT_LABELS=FORMAT_LABELS, ROLE_LABELS=ROLE_LABELS, STATE_LABELS=STATE_LABELS)
    return env


def render_text(template: str, **context: Any) -> str:
    return text_environment().get_template(template).render(**context)
