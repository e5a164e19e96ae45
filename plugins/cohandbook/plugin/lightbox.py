"""The lightbox's tags, added by inserting text instead of by mkdocs-glightbox parsing every page.

mkdocs-glightbox adds its stylesheet, script, a few CSS rules and an init script to every page that wants the
lightbox, by parsing the whole page into a tree and printing it again: about 2 ms a page, a tenth of a cold
build of a book whose every page has a photo. The tags depend only on its configuration and the page's
address, so this puts the same tags in by string, once per page, and tells the plugin to skip the page (it
still wraps images in links, which needs no second parse, and ships its files).

One change to what it writes: its script loads with `defer`, so it no longer holds up the first paint of a
page on a slow phone connection; the init script waits for it (`DOMContentLoaded` runs after deferred
scripts).
"""

from __future__ import annotations

import json
from typing import Any

from mkdocs import utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

CSS = "assets/stylesheets/glightbox.min.css"
SCRIPT = "assets/javascripts/glightbox.min.js"


class LightboxTags:
    """The tags for one build, from the lightbox plugin's configuration; `None` when it is not installed or
    runs in a mode we do not reproduce (Material's privacy plugin rewrites image addresses)."""

    def __init__(self, config: MkDocsConfig) -> None:
        plugin = config.plugins.get("glightbox")
        self.options: dict[str, Any] | None = dict(plugin.config) if plugin is not None else None
        if plugin is not None and getattr(plugin, "using_material_privacy", False):
            self.options = None
        self.material = config.theme.name == "material" or "navigation.instant" in config.theme.get("features", [])
        self.style = _style(self.options, config.theme.name == "material") if self.options else ""
        self.init = _init(self.options, self.material) if self.options else ""

    def add(self, output: str, page: Page) -> str:
        """The page with the lightbox's tags, when it wants them; then the plugin leaves it alone."""
        if self.options is None or page.meta.get("glightbox", True) is False:
            return output
        head, body = output.rfind("</head>"), output.rfind("</body>")
        if head < 0 or body < head:
            return output  # not a page we understand: the plugin does it its own way
        page.meta["glightbox"] = False
        css, script = (utils.get_relative_url(utils.normalize_url(p), page.url) for p in (CSS, SCRIPT))
        tags = f'<link href="{css}" rel="stylesheet"><script src="{script}" defer></script>{self.style}'
        init = f'<script id="init-glightbox">{self.init}</script>'
        return output[:head] + tags + output[head:body] + init + output[body:]


def _style(options: dict[str, Any], material: bool) -> str:
    css = (
        "html.glightbox-open { overflow: initial; height: 100%; }"
        " .gslide-title { margin-top: 0px; user-select: text; }"
        " .gslide-desc { color: #666; user-select: text; }"
        f" .gslide-image img {{ background: {options['background']}; }}"
    )
    if not options["shadow"]:
        css += " .glightbox-clean .gslide-media { -webkit-box-shadow: none; box-shadow: none; }"
    if material:
        css += (
            " .gscrollbar-fixer { padding-right: 15px; } .gdesc-inner { font-size: 0.75rem; }"
            ' body[data-md-color-scheme="slate"] .gdesc-inner { background: var(--md-default-bg-color); }'
            ' body[data-md-color-scheme="slate"] .gslide-title { color: var(--md-default-fg-color); }'
            ' body[data-md-color-scheme="slate"] .gslide-desc { color: var(--md-default-fg-color); }'
        )
    return f'<style id="glightbox-style">{css}</style>'


def _init(options: dict[str, Any], material: bool) -> str:
    box = {k: options[k] for k in ("touchNavigation", "loop", "zoomable", "draggable")}
    box |= {"openEffect": options["effect"], "closeEffect": options["effect"], "slideEffect": options["slide_effect"]}
    reload = "document$.subscribe(() => { lightbox.reload(); });" if material else ""
    return (
        'document.addEventListener("DOMContentLoaded", () => {'
        f" const lightbox = GLightbox({json.dumps(box)}); {reload}"
        " });"
    )
