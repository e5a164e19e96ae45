"""A plan of file changes: what every write (a command, the bot) computes before anything touches a file.

A change carries what its writer read (`expect`, a SHA-256 of the old bytes, or `ABSENT`), so whoever applies
it can refuse when the file changed meanwhile. The plan is judged first (`check.gate`): the repository as it
would be afterwards must not have an error the strict build would stop on that it did not have before.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

ABSENT = "absent"  # `expect` of a file that must not exist yet


@dataclass(frozen=True, slots=True)
class FileChange:
    path: str  # relative to the repository root, POSIX separators
    text: str | None  # None deletes the file (unless `data` is set)
    expect: str = ""  # the old file's digest(), ABSENT, or "" when the writer did not read it
    data: bytes | None = None  # binary content (a converted photo); used when `text` is None

    @property
    def deletes(self) -> bool:
        return self.text is None and self.data is None

    @property
    def content(self) -> bytes | None:
        """The new bytes, or None for a deletion."""
        return self.text.encode("utf-8") if self.text is not None else self.data


def digest(data: bytes | None) -> str:
    """What a change expects to find: the SHA-256 of the bytes read, or ABSENT for no file."""
    return ABSENT if data is None else hashlib.sha256(data).hexdigest()
