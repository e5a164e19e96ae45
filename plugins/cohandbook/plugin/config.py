"""Options of the `cohandbook` plugin in mkdocs.yml.

The options that the command line and the bot read too are declared once, in the core's settings table
(`core.domain.settings.OPTIONS`: default, check, meaning); `CoreOptions` makes one MkDocs option of each, so
a bad value fails `mkdocs build` with the same message as every `cohandbook` command. Only the options of
the build itself (paths, the cache) are declared here, and `PLUGIN_ONLY_OPTIONS` in the core names them.
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


class CoreOptions(base.Config):
    """Every option of the core's settings table, as one `CoreOption` each: added to each subclass before
    MkDocs collects its schema, so a new option is one entry in `OPTIONS` (and one field of `Settings`)."""

    def __init_subclass__(cls) -> None:
        for name in OPTIONS:
            setattr(cls, name, CoreOption(name))
        super().__init_subclass__()


class CohandbookConfig(CoreOptions):
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
