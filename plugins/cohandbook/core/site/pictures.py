"""Pages point at web-sized photos: `srcset`/`sizes`, `width`/`height`, lazy loading, the lightbox's version.

The HTML of a page names photos by their original file (`src="IMG_1.JPG"`, as Markdown and our templates
write them); this rewrites every `<img>`, every link to a photo (the lightbox opens the largest version) and
every video poster to the published versions (see core/media/versions.py). A photo we hold no versions for is
left as it is. Tags are found by patterns without nesting, so the work is linear in the page's length.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote, unquote

from ..media.versions import Picture, version_name

_TAG = re.compile(r"<(img|a|video)\b[^<>]*>", re.IGNORECASE)
_ATTR = re.compile(r'\s([a-zA-Z][\w:-]*)(?:="([^"]*)")?')
_DROPPED = frozenset({"src", "srcset", "sizes", "width", "height", "loading", "fetchpriority", "data-src"})
SCREEN_WIDTH = 960  # `src` for the rare reader that ignores srcset, and the video poster
# How wide each kind of photo is shown (theme/stylesheets/cohandbook.css), in px: a `rem` in `sizes` is the
# browser's 16 px, not Material's 20. The browser picks the width; on a phone a gallery is two columns, and
# on a 3× screen its thumbnails are fetched for about 2.5× (the 480 px version for a 173 px column): no eye
# tells them apart, and six of them cost a quarter of the bytes.
SIZES = (
    ("ch-avatar--large", "100px"),
    ("ch-avatar", "60px"),
    ("ch-card__cover", "(min-width: 45em) 480px, 100vw"),
    ("ch-gallery__photo", "(min-width: 45em) 360px, (min-resolution: 2.5dppx) 34vw, 50vw"),
    ("", "(min-width: 76.25em) 800px, (min-width: 45em) 70vw, 100vw"),
)


@dataclass(frozen=True, slots=True)
class Page:
    """Where the page is (its folder in the site) and how its photos are shown."""

    folder: str  # site folder the page's relative links start from, '' for the root
    printing: bool = False  # the print edition: every photo at print size, all loaded at once


def responsive(text: str, page: Page, pictures: Mapping[str, Picture]) -> str:
    """The page's HTML with every photo we hold versions of pointed at them."""
    if not pictures or "<" not in text:
        return text
    first = [not page.printing]  # the first photo is most likely the largest thing on the first screen

    def tag(match: re.Match[str]) -> str:
        return _rewrite(match.group(0), match.group(1).lower(), page, pictures, first)

    return _TAG.sub(tag, text)


def _rewrite(tag: str, name: str, page: Page, pictures: Mapping[str, Picture], first: list[bool]) -> str:
    attrs = dict((k.lower(), v) for k, v in _ATTR.findall(tag[1 + len(name) : -1]))
    key = {"img": "src", "a": "href", "video": "poster"}[name]
    url = attrs.get(key)
    path = site_path(page.folder, url) if url else None
    picture = pictures.get(path) if path else None
    if picture is None or url is None:
        return tag
    if name == "a":
        return _set(tag, "href", version_url(url, picture.largest))
    if name == "video":
        return _set(tag, "poster", version_url(url, _screen_width(picture)))
    return _img(attrs, url, picture, page, first)


def _img(attrs: dict[str, str], url: str, picture: Picture, page: Page, first: list[bool]) -> str:
    width = picture.largest if page.printing else _screen_width(picture)
    kept = [(k, v) for k, v in attrs.items() if k not in _DROPPED]
    added = [("src", version_url(url, width))]
    if not page.printing:
        srcset = ", ".join(f"{version_url(url, w)} {w}w" for w in picture.widths)
        added += [("srcset", srcset), ("sizes", sizes_for(attrs.get("class", "")))]
        # The lightbox plugin links an image it wraps to `data-src` when there is one: the largest version.
        added.append(("data-src", version_url(url, picture.largest)))
    added += [("width", str(picture.largest)), ("height", str(picture.height_at(picture.largest)))]
    if first[0]:
        added.append(("fetchpriority", "high"))
        first[0] = False
    elif not page.printing:
        added.append(("loading", "lazy"))
    body = "".join(f' {k}="{v}"' if v else f" {k}" for k, v in [*added, *kept])
    return f"<img{body}>"


def sizes_for(classes: str) -> str:
    names = classes.split()
    return next(size for cls, size in SIZES if not cls or cls in names)


def _screen_width(picture: Picture) -> int:
    fitting = [w for w in picture.widths if w <= SCREEN_WIDTH]
    return fitting[-1] if fitting else picture.widths[0]


def _set(tag: str, attr: str, value: str) -> str:
    return re.sub(rf'(\s{attr}=")[^"]*(")', lambda m: f"{m.group(1)}{value}{m.group(2)}", tag, count=1)


def site_path(folder: str, url: str) -> str | None:
    """The site path a relative URL on a page in `folder` points at; None for absolute URLs and anchors."""
    plain = unquote(html.unescape(url)).partition("#")[0].partition("?")[0]
    if not plain or plain.startswith(("/", "data:")) or ":" in plain.partition("/")[0]:
        return None
    path = posixpath.normpath(posixpath.join(folder, plain))
    return None if path.startswith("..") else path


def version_url(url: str, width: int) -> str:
    """The URL of a version: the original's URL with its last part renamed, written as it was written."""
    head, slash, last = url.rpartition("/")
    plain = unquote(html.unescape(last))
    name = version_name(plain, width)
    written = quote(name) if last != html.escape(plain, quote=True) else html.escape(name, quote=True)
    return f"{head}{slash}{written}"
