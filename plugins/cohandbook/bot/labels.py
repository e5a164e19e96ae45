"""Creating the bot's labels where they are missing: one read of the repository's labels, then one
`POST /repos/{owner}/{repo}/labels` per missing label (a label made meanwhile by someone else is fine)."""

from __future__ import annotations

import logging

from ..core.bot.labels import missing
from .github import GitHub, GitHubError

log = logging.getLogger("cohandbook.bot")


def ensure_labels(github: GitHub) -> tuple[str, ...]:
    """The names of the labels created now."""
    made = []
    for label in missing(github.labels()):
        try:
            github.create_label(label.name, label.color, label.description)
        except GitHubError as exc:
            if exc.status != 422:  # 422: it exists already (another run made it a moment ago)
                raise
            continue
        log.info("cohandbook bot: created the label %s", label.name)
        made.append(label.name)
    return tuple(made)
