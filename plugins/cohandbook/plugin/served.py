"""`mkdocs serve` rebuilds: keep the previous build's files in place instead of deleting and writing them all.

MkDocs empties the site folder before every rebuild of `mkdocs serve` and writes every file again. On a big
handbook that is most of a rebuild: thousands of folders removed and made again, every image copied, when
one module changed. Under `mkdocs serve` (not `--dirty`, not `--clean`) this plugin instead

* moves the site's entries into a hidden folder before MkDocs empties the site (MkDocs never removes hidden
  entries), and moves them back before anything is written;
* deletes, before anything is written, the files of the previous build's pages and static files that this
  build no longer has (a removed module, a renamed photo);
* copies a static file only when its source changed since it was copied (size, modification time and inode
  of the source, and the copy itself untouched since);
* writes a page only when its HTML differs from the previous build's (a hash of it is kept), and then as a
  new file: rewriting a file in place makes ext4 flush it to disk at once, which costs more than the write;
* does not even make a page again whose page cache entry (pagecache.py: everything the theme's HTML of the
  page is made from) is the one its file in place was made from.

Every page whose HTML changed, and every static file whose source changed, is written as in a full build;
a page or file that is not written is the same bytes a full build writes; what else MkDocs,
the theme and the plugins we know write (the search index, the sitemap, 404.html, the lightbox's assets)
is written on every build at the same addresses while the configuration does not change. When it changed,
an unknown plugin takes part, or the previous build failed, the rebuild is the full one MkDocs makes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

STASH = ".cohandbook-previous"  # hidden: MkDocs' emptying of the site folder leaves it alone
# Where MkDocs writes a page whose bytes are already in place (only where the null device is a path).
NOWHERE = os.devnull if os.name == "posix" else None
Stat = tuple[int, int, int]


class ServedSite:
    """What the previous build of this `mkdocs serve` process wrote, to keep what is still right."""

    def __init__(self) -> None:
        self.key: str | None = None  # the configuration the files were built with
        self.site_dir: str | None = None  # and where
        self.outputs: set[str] | None = None  # pages and static files of the previous build
        self.copies: dict[str, tuple[Stat, Stat]] = {}  # destination -> (source, copy) when copied
        # destination -> (hash of the HTML, its file once written, the page cache's key it was made from)
        self.pages: dict[str, tuple[bytes, Stat | None, str | None]] = {}
        self.unwritten: list[File] = []  # pages of this build sent to NOWHERE
        self.stash: Path | None = None

    def set_aside(self, site_dir: str, key: str) -> None:
        """Before MkDocs empties the site folder: move the previous build's files out of its way."""
        if self.outputs is None or (key, site_dir) != (self.key, self.site_dir) or not os.path.isdir(site_dir):
            self.forget()
            self.key, self.site_dir = key, site_dir
            return
        stash = Path(site_dir) / STASH
        shutil.rmtree(stash, ignore_errors=True)
        stash.mkdir()
        for entry in os.scandir(site_dir):
            if not entry.name.startswith("."):
                os.rename(entry.path, stash / entry.name)
        self.stash = stash

    def bring_back(self, site_dir: str, files: list[File]) -> None:
        """Before MkDocs writes: the previous files back in place, those no longer built deleted."""
        current = {f.abs_dest_path for f in files}
        if self.stash is not None and self.outputs is not None:
            for entry in os.scandir(self.stash):
                os.rename(entry.path, os.path.join(site_dir, entry.name))
            self.stash.rmdir()
            self.stash = None
            for path in sorted(self.outputs - current):
                _remove(path, site_dir)
        self.outputs = current
        for file in files:
            if not file.is_documentation_page() and file.abs_src_path is not None:
                file.copy_file = self._copier(file)  # type: ignore[method-assign,assignment]

    def _copier(self, file: File) -> Callable[[bool], None]:
        copy = file.copy_file

        def copy_if_changed(dirty: bool = False) -> None:
            source, target = _stat(file.abs_src_path), file.abs_dest_path
            if source is not None and self.copies.get(target) == (source, _stat(target)):
                return
            copy(dirty)
            copied = _stat(target)
            if source is not None and copied is not None:
                self.copies[target] = (source, copied)

        return copy_if_changed

    def in_place(self, page: Page, key: str) -> bool:
        """Whether the page's file holds what the page cache's entry `key` became, untouched since: then
        the page is not made again (the page cache prints a stand-in) and not written."""
        target = page.file.abs_dest_path
        kept = self.pages.get(target)
        found = NOWHERE is not None and kept is not None and kept[2] == key and kept[1] == _stat(target)
        page.cohandbook_in_place = found  # type: ignore[attr-defined]
        return found

    def page_done(self, page: Page, output: str) -> None:
        """After every `on_post_page` handler, before MkDocs writes `output` to the page's file."""
        file = page.file
        target = file.abs_dest_path
        if getattr(page, "cohandbook_in_place", False):
            self._unwritten(file)  # `output` is the stand-in
            return
        if not output.strip():  # MkDocs writes nothing: the previous build's file must not stay
            _remove(target, os.path.dirname(target))
            self.pages.pop(target, None)
            return
        digest = hashlib.sha256(output.encode("utf-8", "surrogatepass")).digest()
        kept = self.pages.get(target)
        key = getattr(page, "cohandbook_key", None)
        if kept is not None and kept[:2] == (digest, _stat(target)) and NOWHERE is not None:
            self.pages[target] = (digest, kept[1], key)
            self._unwritten(file)
            return
        if kept is not None:
            _unlink(target)
        self.pages[target] = (digest, None, key)  # its file's stat once written

    def _unwritten(self, file: File) -> None:
        assert NOWHERE is not None
        file.abs_dest_path = NOWHERE  # type: ignore[misc]
        self.unwritten.append(file)

    def finish(self) -> None:
        """At `on_post_build`: the pages' own paths again, and the files of those written."""
        for file in self.unwritten:
            del file.abs_dest_path  # a cached property: computed again from the site folder
        self.unwritten = []
        for target, (digest, stat, key) in list(self.pages.items()):
            if stat is None:
                self.pages[target] = (digest, _stat(target), key)

    def forget(self) -> None:
        """The next build starts from an empty site folder (the configuration changed, a build failed)."""
        if self.stash is not None:
            shutil.rmtree(self.stash, ignore_errors=True)
        self.key, self.site_dir, self.outputs, self.copies, self.pages, self.stash = None, None, None, {}, {}, None
        self.unwritten = []


def included(files: Files, inclusion: Callable[..., bool]) -> list[File]:
    """The files MkDocs writes in this build: pages and static files of the inclusion level."""
    return [f for f in files if inclusion(f.inclusion)]


def _stat(path: str | None) -> Stat | None:
    if path is None:
        return None
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_size, found.st_mtime_ns, found.st_ino)


def _unlink(path: str) -> bool:
    try:
        os.unlink(path)
    except OSError:
        return False
    return True


def _remove(path: str, site_dir: str) -> None:
    """A file the previous build wrote and this one does not, and the folders it leaves empty."""
    if not _unlink(path):
        return
    folder = os.path.dirname(path)
    while folder != site_dir and folder.startswith(site_dir + os.sep):
        try:
            os.rmdir(folder)
        except OSError:
            return
        folder = os.path.dirname(folder)
