"""Creating the bot's labels where they are missing: one read of the repository's labels, then one
`POST /repos/{owner}/{repo}/labels` per missing label (a label made meanwhile by someone else is fine)."""

from __future__ import annotations

import logging
from dataclasses import replace

from ..core.bot.events import Event, IssueEvent, ScheduleEvent
from ..core.domain.labels import form_label, missing
from .api import GitHub, GitHubError

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


def labelled(event: Event, github: GitHub) -> Event:
    """The labels the forms need, made when missing: on the daily round (and the operator's manual run) and
    on an issue that arrived with no label at all (a form whose label did not exist yet). That first issue
    is not lost: its form is known by the title the form gives it, and it gets its label now."""
    if not (isinstance(event, ScheduleEvent) or (isinstance(event, IssueEvent) and not event.labels)):
        return event
    try:
        made = ensure_labels(github)
    except (GitHubError, OSError) as exc:  # label upkeep never stops the run's real work
        log.error("cohandbook bot: could not make the missing labels: %s", exc)
        return event
    if not made or not isinstance(event, IssueEvent) or event.action != "opened":
        return event
    label = form_label(event.title)
    if label is None:
        return event
    github.add_labels(event.number, [label])
    return replace(event, labels=(label,))
