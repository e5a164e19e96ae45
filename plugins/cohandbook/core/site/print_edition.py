"""The print edition: a whole handbook on one page, built from the module bodies its pages already rendered.

Every accepted module, in blueprint order, with our header. A video cannot play on paper, so it becomes its
poster, a QR code and the link; a gallery becomes a compact grid. The module bodies are reused as rendered
for their own pages, so their relative URLs (images, anchors) are rebased onto the print page's folder.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

import segno
from markupsafe import Markup, escape

from ..domain.credits import credit_line
from ..domain.model import ROLE_LABELS, Handbook
from ..domain.progress import ModuleRow
from .module_view import ModuleView
from .render import render

# nh3 serialises tags with double-quoted attributes; these are the ones that point somewhere or name something.
TAG = re.compile(r'<[a-zA-Z][a-zA-Z0-9-]*(?:\s+[^\s"\'>/=]+(?:="[^"]*")?)*\s*/?>')
ATTRIBUTE = re.compile(r'(\s)(href|src|id|for|name)="([^"]*)"')
ABSOLUTE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*:|/)")


# A video on paper is its poster and a QR code; a gallery is the same grid, compacted by the print stylesheet.
PRINT_BLOCKS = {"video": "print/video.html", "gallery": "formats/gallery.html"}


@dataclass(frozen=True, slots=True)
class PrintedModule:
    view: ModuleView
    block: Markup  # the format's block, made for paper
    body: Markup


def is_printed(row: ModuleRow) -> bool:
    """What goes on paper: accepted modules only (never work still under review)."""
    return row.state == "accepted" and row.work is not None


def print_html(
    handbook: Handbook,
    printed: list[tuple[ModuleView, str]],
    *,
    link: Callable[[str], str],
    site_url: str | None = None,
) -> str:
    """The print page's HTML from (module, sanitized body) pairs; `link` makes links from the print page."""
    modules = [_printed(view, body, site_url) for view, body in printed]
    names = _names_in_order(modules)
    return render(
        "print.html",
        link=link,
        handbook=handbook,
        modules=modules,
        chapters=_chapters(modules),
        credit_line=credit_line(handbook.brand, names),
        roles=_people_by_role(modules),
    )


def _printed(view: ModuleView, body: str, site_url: str | None) -> PrintedModule:
    row = view.row
    block = ""
    if template := PRINT_BLOCKS.get(row.spec.format):
        watch = _watch_url(view, site_url)
        qr = qr_svg(watch) if watch else None
        block = render(template, view=view, row=row, watch_url=watch, qr=qr, printing=True)
    return PrintedModule(view, *(Markup(rebase(html, row.spec.id, view.anchor)) for html in (block, body)))


QR_BORDER = 2  # quiet zone, in modules
QR_SCALE = 4  # CSS pixels per module on screen; print scales the vector


@cache
def qr_svg(url: str) -> Markup:
    """An inline SVG QR code: no image file, no network, sharp at any print resolution.

    segno encodes; we write the SVG ourselves, one rectangle per run of dark modules in a row. segno's
    generic SVG writer and its search over all eight masks made QR codes the slowest part of a large print
    edition (1.5 ms a code); a fixed mask scans just as well and this writer needs a fifth of the time.
    """
    qr = segno.make(url, error="m", micro=False, mask=0)
    size = len(qr.matrix) + 2 * QR_BORDER
    title = escape(url)
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size * QR_SCALE}" height="{size * QR_SCALE}" '
        f'viewBox="0 0 {size} {size}" class="segno" role="img" aria-label="{title}"><title>{title}</title>'
        f'<path fill="#fff" d="M0 0h{size}v{size}H0z"/><path d="{qr_path(qr.matrix)}"/></svg>'
    )


def qr_path(matrix: Sequence[Sequence[int]]) -> str:
    """SVG path data: a 1-module-high rectangle for every run of dark modules."""
    parts = []
    for y, row in enumerate(matrix):
        x, width = 0, len(row)
        while x < width:
            if not row[x]:
                x += 1
                continue
            start = x
            while x < width and row[x]:
                x += 1
            parts.append(f"M{start + QR_BORDER} {y + QR_BORDER}h{x - start}v1h-{x - start}z")
    return "".join(parts)


def _watch_url(view: ModuleView, site_url: str | None) -> str | None:
    """Where a reader of the paper edition watches the video: the platform's page, or the module online."""
    if view.video is None or view.links is None:
        return None
    if view.links.page:
        return view.links.page
    return f"{site_url.rstrip('/')}/{view.row.handbook.id}/{view.row.spec.id}/" if site_url else None


def rebase(html: str, module_id: str, anchor: str) -> str:
    """Make a module body's URLs work from `<handbook>/print/`, and its ids unique on the shared page."""

    def attribute(match: re.Match[str]) -> str:
        space, name, value = match.groups()
        return f'{space}{name}="{_rebased(name, value, module_id, anchor)}"'

    return TAG.sub(lambda tag: ATTRIBUTE.sub(attribute, tag.group(0)), html)


def _rebased(name: str, value: str, module_id: str, anchor: str) -> str:
    if name in ("id", "for", "name"):
        return f"{anchor}-{value}"
    if value.startswith("#"):
        return f"#{anchor}-{value[1:]}"
    path, rest = re.match(r"([^?#]*)(.*)", value, re.S).groups()  # type: ignore[union-attr]
    if not path or ABSOLUTE.match(path):
        return value
    joined = posixpath.normpath(posixpath.join("..", module_id, path))
    return joined + ("/" if path.endswith(("/", ".")) else "") + rest


def _chapters(modules: list[PrintedModule]) -> list[tuple[int, str, list[PrintedModule]]]:
    grouped: dict[int, tuple[str, list[PrintedModule]]] = {}
    for module in modules:
        grouped.setdefault(module.view.chapter_number, (module.view.row.chapter.title, []))[1].append(module)
    return [(number, title, items) for number, (title, items) in grouped.items()]


def _names_in_order(modules: list[PrintedModule]) -> list[str]:
    """The collective credit of what is printed: people in the order of the first module they made."""
    return list(dict.fromkeys(credit.name for module in modules for credit in module.view.credits))


def _people_by_role(modules: list[PrintedModule]) -> list[tuple[str, list[str]]]:
    table: dict[str, dict[str, None]] = {role: {} for role in ROLE_LABELS}
    for module in modules:
        for credit in module.view.credits:
            for role in credit.roles:
                table.setdefault(role, {})[credit.name] = None
    return [(ROLE_LABELS.get(role, role), list(people)) for role, people in table.items() if people]
