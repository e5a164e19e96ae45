"""Options of the `cohandbook` plugin in mkdocs.yml.

The options that the command line and the bot read too are declared once, in the core's settings table
(`core.domain.settings.OPTIONS`: default, check, meaning); this class takes them from there, so a bad value
fails `mkdocs build` with the same message as every `cohandbook` command. Only the options that name paths
for the build itself are declared here.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..core.domain.settings import OPTIONS, SettingsError, check_option


class CoreOption(c.BaseConfigOption[Any]):
    """An option whose default and check live in the core's settings table."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name, self.default = name, OPTIONS[name].default

    def run_validation(self, value: object) -> Any:
        try:
            return check_option(self.name, value)
        except SettingsError as exc:
            raise c.ValidationError(str(exc)) from None


class CohandbookConfig(base.Config):
    root = c.Optional(c.Dir(exists=True))
    """The handbook repository (holds `handbooks/` and `contributors/`); defaults to mkdocs.yml's folder."""

    search_words = c.Optional(c.File(exists=True))
    """More words for Chinese search (your model names …), on top of the bundled car words: one per line,
    `word frequency` like jieba's user dictionaries. With a frequency on every line the index is cut by
    rjieba, many times faster; a word without one makes the build use jieba, which guesses it."""

    cache = c.Type(bool, default=True)
    """Keep what does not change between builds (rendered module bodies, search entries, whole pages) in
    `cache_dir`, so a rebuild redoes only what changed. Safe to delete; off: every build starts from nothing."""

    cache_dir = c.Type(str, default=".cache/cohandbook")
    """Where the build cache lives, relative to the repository root (`root`); keep it out of git and site/."""

    # Documented in the core's settings table.
    operators = CoreOption("operators")
    claim_cap = CoreOption("claim_cap")
    timezone = CoreOption("timezone")
    today = CoreOption("today")
    issue_template = CoreOption("issue_template")
    private_dir = CoreOption("private_dir")  # accepted so mkdocs.yml can say it; the build never reads it
    repository_visibility = CoreOption("repository_visibility")
    remind_days = CoreOption("remind_days")
    release_after_days = CoreOption("release_after_days")
    claim_days = CoreOption("claim_days")
