"""The module's index.md after a hand-in: the claim's front matter, now submitted, and the form's content.

Files get names the bot chooses (`photo-01.jpg`, `poster.jpg`, `video.mp4`): a name from a phone or a
stranger never becomes a path. What was sent is what is published: the body is the form's text alone (the
claim's how-to comment, a placeholder or an operator's note in the old body all go); the front matter
(contributors, claim date, issue, deadline, the operator's `resources:`) stays as it was written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..edits.front_matter import edit_front_matter
from ..read.markdown import split_front_matter
from .body import article_markdown, checklist_markdown
from .draft import Submission


@dataclass(frozen=True, slots=True)
class Stored:
    """Names of the files the runner wrote into the module folder, in the form's order."""

    video: str | None = None
    poster: str | None = None
    photos: tuple[str, ...] = ()
    duration: int | None = None  # the video file's own length, measured; it wins over the stated one


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
    return head + form_body(sub)


def _video(sub: Submission, stored: Stored) -> dict[str, Any]:
    form = sub.form
    video: dict[str, Any] = {}
    if stored.video:
        video["file"] = stored.video
    elif form.link:
        video[form.link.site] = form.link.id
    video["duration"] = stored.duration or form.duration
    if stored.poster:
        video["poster"] = stored.poster
    return video


def form_body(sub: Submission) -> str:
    """The module's body from the form alone: the introduction, then the article or the checklist."""
    form = sub.form
    parts = [article_markdown(form.intro)]
    if sub.target.spec.format == "article":
        parts.append(article_markdown(form.text))
    elif sub.target.spec.format == "checklist":
        parts.append(checklist_markdown(form.groups))
    kept = [p.strip() for p in parts if p.strip()]
    return "\n" + "\n\n".join(kept) + "\n" if kept else "\n"
