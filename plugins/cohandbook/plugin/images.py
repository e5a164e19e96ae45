"""Contributed photos published as web-sized versions instead of the originals (see core/media/versions.py).

On `on_files` every photo the plan publishes is probed (its header only; the answer is kept in the build
cache by path, size and modification time). Pages are rendered against the originals, so MkDocs' link
checks see the files contributors named; their HTML is then pointed at the versions
(core/site/pictures.py). On `on_env`, before MkDocs copies static files, the originals leave the site and
the versions take their places. Versions are encoded once per photo content, in parallel, into the build
cache's `images/` folder, and copied from there by every later build.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import posixpath
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..core.media import versions
from ..core.media.versions import Picture, encode, probe, version_name
from ..core.read.files import extension
from ..core.site.pages import StaticFile
from ..core.site.pictures import Page as PageView
from ..core.site.pictures import responsive
from .cache import BuildCache, digest

KIND = "pictures"
# What a version's bytes depend on besides the photo: the encoder's code and settings, and Pillow's version.
ENCODER = digest(Path(versions.__file__).read_bytes(), metadata.version("Pillow"))


class Versions:
    """The photos of one build: probed in `plan`, named by pages in `page`, published in `publish`."""

    def __init__(self, cache: BuildCache) -> None:
        self.cache = cache
        self.scratch: str | None = None  # with the cache off: versions live for one build only
        self.pictures: dict[str, Picture] = {}  # site path of an original -> what it is
        self.sources: dict[str, tuple[Path, str]] = {}  # site path -> (original, content digest)
        self.unreadable: list[str] = []  # repository paths of photos Pillow cannot open: published as they are

    @property
    def folder(self) -> Path:
        if self.cache.folder is not None:
            return self.cache.folder / "images"
        if self.scratch is None:
            # Removed when the process ends, not with the build: an export copies versions after its pass.
            self.scratch = tempfile.mkdtemp(prefix="cohandbook-images-")
            atexit.register(shutil.rmtree, self.scratch, True)
        return Path(self.scratch)

    def plan(self, static: list[StaticFile], root: Path) -> None:
        self.pictures, self.sources, self.unreadable = {}, {}, []
        for item in static:
            if not item.versions or extension(item.dest) not in versions.SOURCE_TYPES:
                continue
            if not self._probe(item.dest, root / item.source):
                self.unreadable.append(item.source)

    def _probe(self, dest: str, path: Path) -> bool:
        try:
            stat = path.stat()
        except OSError:
            return False
        key = self.cache.key(KIND, ENCODER, str(path), str(stat.st_size), str(stat.st_mtime_ns))
        entry = self.cache.get(KIND, key)
        if entry is None:
            data = path.read_bytes()
            found = probe(data)
            entry = [hashlib.sha256(data).hexdigest(), *_facts(found)]
            self.cache.put(KIND, key, entry)
        if len(entry) != 4 or not entry[1]:
            return False
        self.pictures[dest] = Picture(entry[1], entry[2], tuple(entry[3]))
        self.sources[dest] = (path, digest(ENCODER, entry[0])[:32])
        return True

    def page(self, html: str, page: Page, *, printing: bool = False) -> str:
        folder = posixpath.dirname(page.file.dest_uri)
        return responsive(html, PageView(folder, printing), self.pictures)

    def published(self) -> dict[str, list[tuple[str, str]]]:
        """Site path of each original -> (site path, file) of its versions: what an export writes instead."""
        return {
            dest: [
                (
                    posixpath.join(posixpath.dirname(dest), version_name(posixpath.basename(dest), w)),
                    str(self._path(dest, w)),
                )
                for w in p.widths
            ]
            for dest, p in self.pictures.items()
        }

    def publish(self, files: Files, config: MkDocsConfig) -> None:
        """Originals out, versions in (encoding those no earlier build made)."""
        self._encode_missing()
        for file in list(files):
            picture = self.pictures.get(file.dest_uri)
            if picture is None or file.abs_src_path is None:
                continue
            files.remove(file)
            for width in picture.widths:
                files.append(self._version_file(file, width, config))

    def _version_file(self, original: File, width: int, config: MkDocsConfig) -> File:
        name = version_name(posixpath.basename(original.dest_uri), width)
        src_uri = posixpath.join(posixpath.dirname(original.src_uri), name)
        path = self._path(original.dest_uri, width)
        file = File.generated(config, src_uri, abs_src_path=str(path))
        file.dest_uri = posixpath.join(posixpath.dirname(original.dest_uri), name)
        return file

    def _path(self, dest: str, width: int) -> Path:
        return self.folder / f"{self.sources[dest][1]}-{width}.webp"

    def _encode_missing(self) -> None:
        todo = {self.sources[d][1]: d for d, p in self.pictures.items() if not self._path(d, p.largest).is_file()}
        if todo:
            self.folder.mkdir(parents=True, exist_ok=True)
            with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:  # Pillow encodes without the GIL
                list(pool.map(self._encode, sorted(todo.values())))

    def _encode(self, dest: str) -> None:
        picture = self.pictures[dest]
        made = encode(self.sources[dest][0].read_bytes(), picture.widths)
        for width in sorted(made):  # the largest last: its presence says all are there
            target = self._path(dest, width)
            temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            temporary.write_bytes(made[width])
            os.replace(temporary, target)

    def finish(self, *, prune: bool) -> None:
        """After a full build: drop the versions of photos the site no longer has."""
        if prune and self.cache.folder is not None and self.folder.is_dir():
            used = {self._path(d, w).name for d, p in self.pictures.items() for w in p.widths}
            for path in self.folder.iterdir():
                if path.name not in used:
                    path.unlink(missing_ok=True)


def _facts(found: Picture | None) -> list[object]:
    return [0, 0, []] if found is None else [found.width, found.height, list(found.widths)]
