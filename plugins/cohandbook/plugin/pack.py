"""Kept pages in a few pack files rather than one file each.

A cold build of a big site keeps hundreds of pages. As one file each, every page costs the file system an
inode to allocate (and, when the folder is deleted, to free): on ext4, right after a folder of them was
deleted, allocating is the most expensive thing a build asks of the kernel. So a build appends the pages it
renders anew to one pack of its own, `pages-<random>.pack`, and the cache's "pages" table says where each
page stands: `[pack, offset, length]`.

* Readers never see half a page: a pack is complete (flushed and closed) before the table that points into
  it is written, and the table is replaced whole.
* Every pack has a random name and a single writer, so two builds at once never write into the same file;
  the table the last of them saves wins, and the other's pack is deleted as unlisted by the next full build.
* A pack is opened once per build and read by offset; an entry that points outside its pack, or into a
  pack that is missing or badly named, is not a kept page.
* Full builds drop entries they did not use; when more than half of the bytes in the packs are dropped
  pages, or the packs are many (each `serve` rebuild adds one), the live pages are copied into one new pack.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

PACK_NAME = re.compile(r"pages-[0-9a-f]{16}\.pack")
MAX_PACKS = 8


class PagePacks:
    """The pack files of one cache folder, for the length of one build."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.readers: dict[str, tuple[IO[bytes], int] | None] = {}  # pack -> (open file, size); None: unusable
        self.writer: IO[bytes] | None = None
        self.name = ""

    def readable(self, entry: Any) -> bool:
        """Whether `entry` is a well-formed `[pack, offset, length]` inside an existing pack."""
        if not (isinstance(entry, list) and len(entry) == 3 and isinstance(entry[0], str)):
            return False
        pack, offset, length = entry
        if not (isinstance(offset, int) and isinstance(length, int) and offset >= 0 and length >= 0):
            return False
        reader = self._reader(pack)
        return reader is not None and offset + length <= reader[1]

    def read(self, entry: Any) -> bytes | None:
        if not self.readable(entry):
            return None
        pack, offset, length = entry
        reader = self.readers[pack]
        assert reader is not None
        file = reader[0]
        file.seek(offset)
        data = file.read(length)
        return data if len(data) == length else None

    def append(self, data: bytes) -> list[Any]:
        """Write a page into this build's pack; its entry for the table."""
        if self.writer is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.name = f"pages-{secrets.token_hex(8)}.pack"
            self.writer = open(self.folder / self.name, "xb")  # noqa: SIM115 - closed in finish()
        offset = self.writer.tell()
        self.writer.write(data)
        return [self.name, offset, len(data)]

    def close_writer(self) -> None:
        """Complete this build's pack: before any table points into it."""
        if self.writer is not None:
            self.writer.close()
            self.writer = None
            self.readers.pop(self.name, None)  # read anew, at its full size

    def finish(self) -> None:
        """The build is saved: close every pack."""
        self.close_writer()
        for reader in self.readers.values():
            if reader is not None:
                reader[0].close()
        self.readers = {}

    def compacted(self, table: dict[str, Any]) -> dict[str, Any]:
        """The table's readable entries; their pages copied into one new pack when the packs they stand in
        are many or mostly dropped pages."""
        self.close_writer()
        entries = {k: v for k, v in table.items() if self.readable(v)}
        packs = {entry[0] for entry in entries.values()}
        live = sum(entry[2] for entry in entries.values())
        total = sum(reader[1] for name in packs if (reader := self.readers[name]) is not None)
        if len(packs) <= MAX_PACKS and total <= 2 * live:
            return entries
        copied: dict[str, Any] = {}
        for key, entry in sorted(entries.items(), key=lambda item: (item[1][0], item[1][1])):
            data = self.read(entry)
            if data is not None:
                copied[key] = self.append(data)
        self.close_writer()
        return copied

    def remove_unlisted(self, listed: Iterable[str]) -> None:
        """Delete the packs no entry of the saved table points into."""
        keep = set(listed)
        if not self.folder.is_dir():
            return
        for entry in os.scandir(self.folder):
            if PACK_NAME.fullmatch(entry.name) and entry.name not in keep:
                with contextlib.suppress(OSError):  # open elsewhere (Windows) or gone: the next full build tries again
                    os.unlink(entry.path)

    def _reader(self, pack: str) -> tuple[IO[bytes], int] | None:
        if pack not in self.readers:
            self.readers[pack] = None
            if PACK_NAME.fullmatch(pack):
                try:
                    file = open(self.folder / pack, "rb")  # noqa: SIM115 - closed in finish()
                except OSError:
                    return None
                self.readers[pack] = (file, os.fstat(file.fileno()).st_size)
        return self.readers[pack]
