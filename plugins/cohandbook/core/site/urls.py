"""The site's URL scheme (see the spec's URL table), independent of any site generator.

Every page lives at `<path>/index.html`; `use_directory_urls` only decides whether links end in `/` or in
`/index.html`. Links between generated pages are relative, so the site works under any base path (a
GitHub Pages project site lives under `/<repository>/`) and when opened from disk.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Urls:
    use_directory_urls: bool = True

    def dest(self, path: str) -> str:
        return f"{path}/index.html" if path else "index.html"

    def url(self, path: str) -> str:
        if self.use_directory_urls:
            return f"{path}/" if path else ""
        return self.dest(path)

    def relative(self, target: str, base: str) -> str:
        """Link from page `base` to page `target` (both site paths), like mkdocs.utils.get_relative_url."""
        return relative_url(self.url(target), self.url(base))

    def relative_file(self, target: str, base: str) -> str:
        """Link from page `base` to a static file `target` (a site path such as `contributors/avatars/a.png`)."""
        return relative_url(target, self.url(base))


def relative_url(url: str, base_url: str) -> str:
    base_dir = base_url if base_url.endswith("/") or not base_url else posixpath.dirname(base_url)
    rel = _relpath(url, base_dir)
    return rel + "/" if url.endswith("/") and rel != "." else ("./" if rel == "." else rel)


def _relpath(url: str, base_dir: str) -> str:
    """posixpath.relpath for our site paths (no `.` or `..` parts), without its normalising: a module page
    links to several profiles, so a build calls this thousands of times."""
    target = [part for part in url.split("/") if part]
    base = [part for part in base_dir.split("/") if part]
    common = 0
    while common < min(len(target), len(base)) and target[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + target[common:]) or "."


def home() -> str:
    return ""


def cover(handbook: str) -> str:
    return handbook


def module(handbook: str, module_id: str) -> str:
    return f"{handbook}/{module_id}"


def credits(handbook: str) -> str:
    return f"{handbook}/credits"


def print_edition(handbook: str) -> str:
    return f"{handbook}/print"


def contributors() -> str:
    return "contributors"


def profile(handle: str) -> str:
    return f"contributors/{handle}"


def squads() -> str:
    return "squads"


def squad(squad_id: str) -> str:
    return f"squads/{squad_id}"


def board() -> str:
    return "board"
