"""Options of the `cohandbook` plugin in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class CohandbookConfig(base.Config):
    root = c.Optional(c.Dir(exists=True))
    """The handbook repository (holds `handbooks/` and `contributors/`); defaults to mkdocs.yml's folder."""

    timezone = c.Type(str, default="Asia/Shanghai")
    """Deadlines are calendar days in this timezone, whatever the build machine's clock says."""

    today = c.Optional(c.Type(str))
    """Pin "today" (YYYY-MM-DD) for reproducible builds; $COHANDBOOK_TODAY does the same from outside."""

    operators = c.ListOfItems(c.Type(str), default=[])
    """GitHub logins of operators: they may change anything in a pull request."""

    claim_cap = c.Type(int, default=2)
    """How many modules one person may hold claimed (not yet handed in) at the same time."""

    search_words = c.Optional(c.File(exists=True))
    """More words for Chinese search (your model names …), on top of the bundled car words: one per line,
    `word frequency` like jieba's user dictionaries. With a frequency on every line the index is cut by
    rjieba, many times faster; a word without one makes the build use jieba, which guesses it."""

    issue_template = c.Type(str, default="claim.yml")
    """The GitHub issue form that the board's 认领 links open, prefilled."""

    cache = c.Type(bool, default=True)
    """Keep what does not change between builds (rendered module bodies, search entries, whole pages) in
    `cache_dir`, so a rebuild redoes only what changed. Safe to delete; off: every build starts from nothing."""

    cache_dir = c.Type(str, default=".cache/cohandbook")
    """Where the build cache lives, relative to the repository root (`root`); keep it out of git and site/."""
