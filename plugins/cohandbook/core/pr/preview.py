"""What a pull request may bring into its preview: its module and contributor files, and nothing else.

The preview is the base branch as it is, with the pull request's changed files laid over it where they are
contributed data: a module folder's `index.md` and media, a profile and an avatar. Each such file is read
from git objects and must pass the same file rules as `check-pr` (a plain name, an allowed type, within its
size limit, content matching its type, never a link); a deletion there is followed. Everything else the pull
request changes (mkdocs.yml, plugins/, theme/, .github/, blueprints, squads, any other file) is left out,
so the site is built by the base's configuration, theme and plugins only. The whole is capped in files and
bytes, so a pull request cannot make the preview build run out of disk or time.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.layout import CONTRIBUTORS, HANDBOOKS, module_page
from ..read.files import HEAD_BYTES, MIB, file_findings, place_of
from ..read.sources import Change, Entry, Source

# The places of contributed data: what a contributor may change in a pull request at all.
DATA_PLACES = frozenset({"module", "module-asset", "person", "avatar"})
MAX_FILES = 400  # a gallery of 40 photos in ten modules; more is not one contribution
MAX_BYTES = 150 * MIB  # six 25 MB videos; GitHub's artifact and Pages limits are far above this


@dataclass(frozen=True, slots=True)
class PreviewSelection:
    """Which head files to write over the base, which to delete, and what was left out (for the log)."""

    write: tuple[Entry, ...]
    delete: tuple[str, ...]
    left_out: tuple[str, ...]

    @property
    def size(self) -> int:
        return sum(e.size for e in self.write)


def select_preview(changes: tuple[Change, ...] | list[Change], head: Source) -> PreviewSelection:
    """The pull request's changes that go into its preview, in path order, within the caps."""
    entries = {e.path: e for e in head.entries()}
    write: list[Entry] = []
    delete: list[str] = []
    left_out: list[str] = []
    budget = MAX_BYTES

    def read_head(path: str) -> bytes | None:
        return head.read_head(path, HEAD_BYTES)

    for change in sorted(changes, key=lambda c: c.path):
        entry = entries.get(change.path)
        if place_of(change.path).kind not in DATA_PLACES or not change.path.startswith(
            (f"{HANDBOOKS}/", f"{CONTRIBUTORS}/")
        ):
            left_out.append(change.path)
        elif change.deleted:
            delete.append(change.path)
        elif entry is None or len(write) >= MAX_FILES or entry.size > budget or file_findings(entry, read_head):
            left_out.append(change.path)
        else:
            write.append(entry)
            budget -= entry.size
    return PreviewSelection(tuple(write), tuple(delete), tuple(left_out))


def changed_pages(changes: tuple[Change, ...] | list[Change]) -> tuple[str, ...]:
    """The module pages (`handbook/module/`) a pull request changes, for the report's preview links."""
    pages = set()
    for change in changes:
        place = place_of(change.path)
        if change.path.startswith(f"{HANDBOOKS}/") and place.kind in ("module", "module-asset"):
            pages.add(module_page(place.handbook, place.module))
    return tuple(sorted(pages))
