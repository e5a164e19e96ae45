"""The build cache: what does not change between builds, kept in a folder outside the site, by content.

Every entry is addressed by a hash of everything it was made from plus a salt: the versions of the packages
that take part in a build (MkDocs, Material, Markdown and its extensions, the sanitizer, jieba …) and the
bytes of cohandbook's own code and templates. A changed input, option, extension or version gives another
address, so a stale entry is never read; entries this build did not use are dropped when a full build
saves. Deleting the folder only costs the next build its speed.

Entries are JSON (never pickle): a cache folder restored from somewhere else can hold wrong data, never code.
Small entries live in one JSON file per kind; whole pages, which are large, in pack files (see pack.py) that
the "pages" table points into.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from importlib import metadata
from pathlib import Path
from typing import Any

from .pack import PagePacks

PACKAGE = Path(__file__).resolve().parent.parent  # plugins/cohandbook: code, templates, data
# Distributions whose code shapes a page: a new version of any of them gives every entry a new address.
DISTRIBUTIONS = (
    "mkdocs",
    "mkdocs-material",
    "Markdown",
    "pymdown-extensions",
    "Pygments",
    "Jinja2",
    "nh3",
    "jieba",
    "rjieba",
    "mkdocs-glightbox",
    "segno",
    "cohandbook",
)
FORMAT = "2"  # the layout of the cache folder itself (2: pages in packs)
PAGES = "pages"


def digest(*parts: str | bytes) -> str:
    """A hash of the parts, each length-prefixed so that ("ab", "c") and ("a", "bc") differ."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def tree_digest(folder: Path) -> str:
    """The paths and bytes of every file under `folder`, in a stable order."""
    parts: list[str | bytes] = []
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return digest(*parts)


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def code_salt() -> str:
    """What every entry depends on: the cache format, package versions and cohandbook's own files."""
    versions = [f"{name}={_version(name)}" for name in DISTRIBUTIONS]
    return digest(FORMAT, *versions, tree_digest(PACKAGE))


class BuildCache:
    """Entries by kind and key. `folder=None` keeps them in memory only (the cache option is off)."""

    def __init__(self, folder: Path | None, salt: str) -> None:
        self.folder = folder
        self.salt = salt
        self.tables: dict[str, dict[str, Any]] = {}
        self.used: dict[str, set[str]] = {}
        self.packs: PagePacks | None = None  # open while a build reads or writes kept pages

    def key(self, kind: str, *parts: str | bytes) -> str:
        return digest(self.salt, kind, *parts)

    def get(self, kind: str, key: str) -> Any:
        value = self._table(kind).get(key)
        if value is not None:
            self.used.setdefault(kind, set()).add(key)
        return value

    def put(self, kind: str, key: str, value: Any) -> None:
        self._table(kind)[key] = value
        self.used.setdefault(kind, set()).add(key)

    def _table(self, kind: str) -> dict[str, Any]:
        if kind not in self.tables:
            self.tables[kind] = self._load(kind)
        return self.tables[kind]

    def _load(self, kind: str) -> dict[str, Any]:
        if self.folder is None:
            return {}
        try:
            data = json.loads((self.folder / f"{kind}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # missing or damaged: start empty, the build is only slower
        return data if isinstance(data, dict) and data.get("salt") == self.salt else {}

    def has_page(self, key: str) -> bool:
        if self.folder is None or not self._packs().readable(self._table(PAGES).get(key)):
            return False
        self.used.setdefault(PAGES, set()).add(key)
        return True

    def read_page(self, key: str) -> str | None:
        """A kept page, read when the page is written, so a build never holds every kept page at once."""
        if self.folder is None:
            return None
        data = self._packs().read(self._table(PAGES).get(key))
        try:
            return None if data is None else data.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def use_page(self, key: str) -> None:
        """A kept page this build needs but does not read."""
        self.used.setdefault(PAGES, set()).add(key)

    def put_page(self, key: str, html: str) -> None:
        if self.folder is not None:
            self.put(PAGES, key, self._packs().append(html.encode("utf-8")))

    def _packs(self) -> PagePacks:
        assert self.folder is not None
        if self.packs is None:
            self.packs = PagePacks(self.folder)
        return self.packs

    def close(self) -> None:
        """The build ended without saving (an error, or a pass that renders but does not build): close packs."""
        if self.packs is not None:
            self.packs.finish()
        self.tables.pop(PAGES, None)
        self.packs = None

    def save(self, *, prune: bool) -> None:
        """Write the tables; `prune` (a full build) also drops what this build did not use."""
        if self.folder is None:
            return
        packs = self._packs()
        if prune:
            self._table(PAGES)  # even when no page was asked for: its packs are dropped with it
            for kind, table in self.tables.items():
                self.tables[kind] = {k: v for k, v in table.items() if k in self.used.get(kind, set())}
        if PAGES in self.tables:
            self.tables[PAGES] = packs.compacted(self.tables[PAGES])  # complete packs before a table names them
        packs.close_writer()
        for kind, table in self.tables.items():
            _write_atomic(self.folder / f"{kind}.json", json.dumps({**table, "salt": self.salt}, ensure_ascii=False))
        if prune:
            packs.remove_unlisted(entry[0] for entry in self.tables[PAGES].values())
            for old in ("pages", "templates"):  # a file per page and per template: the cache's first layout
                if (self.folder / old).is_dir():
                    shutil.rmtree(self.folder / old, ignore_errors=True)
        packs.finish()
        # Read again by the next build (of `mkdocs serve`): another build may have compacted the packs meanwhile.
        self.tables.pop(PAGES, None)
        self.packs, self.used = None, {}


def _write_atomic(path: Path, text: str) -> None:
    """Readers never see half a file: write beside it, then rename over it."""
    temporary = path.with_name(f".tmp-{os.getpid()}-{path.name}")
    try:
        temporary.write_text(text, encoding="utf-8")
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
