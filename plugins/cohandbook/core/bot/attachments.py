"""Files attached to an issue form: where GitHub puts them, and which addresses the bot may fetch.

GitHub writes an attachment into the issue body as `<img … src="…">` (photos), `[name](…)` (other files)
or a bare address on its own line (videos). Only GitHub's own attachment hosts are fetched; anything else
someone pastes (a cloud drive, a file on their own server) is refused before it is contacted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

# Where GitHub serves files attached to issues and comments (the first redirects to the second).
GITHUB_ATTACHMENT_HOSTS: tuple[tuple[str, str], ...] = (
    ("github.com", "/user-attachments/"),
    ("private-user-images.githubusercontent.com", "/"),
    ("user-images.githubusercontent.com", "/"),
    ("objects.githubusercontent.com", "/github-production-repository-file-"),
)
TEST_HOST = "127.0.0.1"

# Applied to one tag (at most MAX_TAG characters) or one line, never across a whole answer: the tags and
# links are found by `str.find`, at most MAX_TRIES candidates a line, so a hostile 65,536-character line of
# `<img <img …` or `[a](` costs a few scans of it, not one scan per candidate.
_SRC = re.compile(r"""\bsrc\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_ALT = re.compile(r"""\balt\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
_BARE = re.compile(r"^\s*<?(https?://\S+?)>?\s*$")
MAX_TAG = 4000  # GitHub's own <img> tags are a few hundred characters
MAX_TRIES = 20


@dataclass(frozen=True, slots=True)
class Attachment:
    url: str
    name: str  # the name GitHub shows (the original file name for most files): a hint, never trusted


@dataclass(frozen=True, slots=True)
class HostPolicy:
    """Which hosts may be fetched. Only GitHub's, except in tests, where it may be 127.0.0.1 and nothing else."""

    hosts: tuple[tuple[str, str], ...] = GITHUB_ATTACHMENT_HOSTS

    @classmethod
    def for_tests(cls, netloc: str) -> HostPolicy:
        if urlsplit(f"http://{netloc}").hostname != TEST_HOST:
            raise ValueError("the attachment hosts may be replaced only by 127.0.0.1, for tests")
        return cls(((netloc, "/"),))

    def allows(self, url: str) -> bool:
        if not well_formed(url):
            return False
        parts = urlsplit(url)
        testing = self.hosts[0][0].startswith(TEST_HOST)
        if parts.scheme != "https" and not (testing and parts.scheme == "http"):
            return False
        if parts.username or parts.password:
            return False
        netloc = parts.netloc.lower()
        return any(netloc == host and parts.path.startswith(prefix) for host, prefix in self.hosts)


def well_formed(url: str) -> bool:
    """GitHub's addresses are plain printable ASCII: a space, a control character or a non-ASCII letter would
    make the HTTP library raise (InvalidURL) or send something other than what the policy judged."""
    return url.isascii() and not any(c.isspace() or not c.isprintable() for c in url)


def attachment_of(line: str) -> Attachment | None:
    """The attachment a line of an answer holds (an image tag, a Markdown link or a bare address)."""
    return _img(line) or _md_link(line) or _bare(line)


def _img(line: str) -> Attachment | None:
    lower = line.lower()
    at, close = lower.find("<img"), -1
    for _ in range(MAX_TRIES):
        if at == -1:
            return None
        if close < at:
            close = line.find(">", at)
            if close == -1:
                return None  # no later tag can close either
        tag = line[at : close + 1]
        if len(tag) <= MAX_TAG and not tag[4:5].isalnum() and (src := _SRC.search(tag)):
            alt = _ALT.search(tag)
            return Attachment(src.group(1), alt.group(1) if alt else "")
        at = lower.find("<img", at + 4)
    return None


def _md_link(line: str) -> Attachment | None:
    """`[name](address)` or `![name](address)`: the address up to the first `)`, without spaces."""
    at, close = line.find("]("), -1
    for _ in range(MAX_TRIES):
        if at == -1:
            return None
        if close < at:
            close = line.find(")", at)
            if close == -1:
                return None
        url, opening = line[at + 2 : close], line.rfind("[", max(0, at - MAX_TAG), at)
        if url and not any(c.isspace() for c in url) and opening != -1 and "]" not in line[opening + 1 : at]:
            return Attachment(url, line[opening + 1 : at])
        at = line.find("](", at + 2)
    return None


def _bare(line: str) -> Attachment | None:
    bare = _BARE.match(line) if len(line) <= MAX_TAG else None
    return Attachment(bare.group(1), "") if bare else None


def attachments_in(text: str) -> list[Attachment]:
    return [a for line in text.splitlines() if (a := attachment_of(line))]
