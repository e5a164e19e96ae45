"""The repository as it would be after a plan: a source that shows the plan's files over another source."""

from __future__ import annotations

from collections.abc import Sequence

from ..domain.changes import FileChange
from .sources import DATA_ROOTS, Entry, Source


class Overlay:
    """`base` with `changes` applied, in memory: nothing is written."""

    def __init__(self, base: Source, changes: Sequence[FileChange]) -> None:
        self.base = base
        self.changes = {c.path: c for c in changes}

    def entries(self) -> list[Entry]:
        kept = [e for e in self.base.entries() if e.path not in self.changes]
        added = [
            Entry(c.path, len(content))
            for c in self.changes.values()
            if (content := c.content) is not None and c.path.split("/")[0] in DATA_ROOTS
        ]
        return sorted(kept + added, key=lambda e: e.path)

    def read(self, path: str) -> bytes:
        change = self.changes.get(path)
        if change is None:
            return self.base.read(path)
        if (content := change.content) is None:
            raise FileNotFoundError(path)
        return content

    def read_head(self, path: str, size: int) -> bytes | None:
        change = self.changes.get(path)
        if change is None:
            return self.base.read_head(path, size)
        content = self.read(path)
        return content if size < 0 else content[:size]
