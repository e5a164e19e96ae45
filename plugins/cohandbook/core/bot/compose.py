"""The module's index.md after a hand-in: the claim's front matter, now submitted, and the form's content.

Files get names the bot chooses (`photo-01.jpg`, `poster.jpg`, `video.mp4`): a name from a phone or a
stranger never becomes a path. The starter's how-to comment goes; everything else in the front matter
(contributors, claim date, issue, deadline) stays as the claim wrote it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..edits.front_matter import edit_front_matter
from ..read.markdown import split_front_matter
from .draft import Submission

_LEADING_COMMENT = re.compile(r"\A\s*<!--.*?-->\s*", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Stored:
    """Names of the files the runner wrote into the module folder, in the form's order."""

    video: str | None = None
    poster: str | None = None
    photos: tuple[str, ...] = ()


def submitted_index(sub: Submission, stored: Stored, today: date) -> str:
    form = sub.form
    changes: dict[str, Any] = {"status": "submitted", "submitted": today}
    if sub.target.spec.format == "video":
        changes["video"] = _video(sub, stored)
    if sub.target.spec.format == "gallery":
        changes["gallery"] = [{"file": f, "alt": p.caption} for f, p in zip(stored.photos, form.photos, strict=True)]
    # Edited in place: the comments and key order of the claim's front matter stay as they were.
    text = edit_front_matter(sub.index_text, changes)
    split = split_front_matter(text)
    head = text[: len(text) - len(split.body)]
    return head + _body(sub, _LEADING_COMMENT.sub("", split.body))


def _video(sub: Submission, stored: Stored) -> dict[str, Any]:
    form = sub.form
    video: dict[str, Any] = {}
    if stored.video:
        video["file"] = stored.video
    elif form.link:
        video[form.link.site] = form.link.id
    video["duration"] = form.duration
    if stored.poster:
        video["poster"] = stored.poster
    return video


def _body(sub: Submission, kept: str) -> str:
    form = sub.form
    parts = [kept.strip(), form.intro]
    if sub.target.spec.format == "article":
        parts.append(form.text)
    elif sub.target.spec.format == "checklist":
        parts.append("\n".join(f"- [ ] {item}" for item in form.items))
    return "\n\n".join(p.strip() for p in parts if p.strip()) + "\n"
