"""Someone else's text inside the bot's comment: it may say anything, it may do nothing.

A profile `name:`, a duration answer, a file name or a handle can hold Markdown links and images, `@team`
mentions, HTML, and our own `<!-- cohandbook:… -->` markers (which the bot reads back to find its comments).
`neutral` keeps such text readable and inert: one line, capped, the characters that make links, images,
mentions, HTML and markers replaced by their full-width look-alikes, web addresses no longer autolinked.
`quote` is the same inside a code span. Every piece of user text the bot puts into a comment goes through
one of the two (directly, or through the findings and problems that texts.py lists).
"""

from __future__ import annotations

_INERT = str.maketrans({"<": "＜", ">": "＞", "@": "＠", "[": "［", "]": "］", "`": "'", "\\": "＼", "|": "｜"})
_LIMIT = 500


def neutral(text: str, limit: int = _LIMIT) -> str:
    """User text (or a message holding some) as plain, inert words on one line.

    Code spans (`…`, as `quote` writes them) stay code spans, only `<` and `>` changed inside: nothing
    renders in a span, and no marker can form. With an odd number of backticks none is kept.
    """
    flat = " ".join(text.split())
    flat = flat[:limit] + ("…" if len(flat) > limit else "")
    parts = flat.split("`") if flat.count("`") % 2 == 0 else [flat.replace("`", "'")]
    return "`".join(_inert(part) if index % 2 == 0 else _span(part) for index, part in enumerate(parts))


def _inert(text: str) -> str:
    text = text.translate(_INERT)
    for unsafe, safe in (("://", "：//"), ("www.", "www．")):
        text = text.replace(unsafe, safe)
    return text


def _span(text: str) -> str:
    return text.replace("<", "＜").replace(">", "＞")


def quote(text: str, limit: int = 80) -> str:
    """User text as a short code span (shown as typed, nothing in it renders), or （空） when blank."""
    flat = " ".join(text.split())
    if not flat:
        return "（空）"
    shown = flat[:limit].replace("`", "'").replace("<", "＜").replace(">", "＞")
    return f"`{shown}{'…' if len(flat) > limit else ''}`"
