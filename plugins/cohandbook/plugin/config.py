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
    """More words for Chinese search, one per line (your model names …), on top of the bundled car words."""

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
