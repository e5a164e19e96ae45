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
    """More words for Chinese search, one per line (your model names …), on top of the bundled car words."""

    issue_template = c.Type(str, default="claim.yml")
    """The GitHub issue form that the board's 认领 links open, prefilled."""

    remind_days = c.Type(int, default=3)
    """The bot reminds a claimant this many days before the claim's deadline."""

    release_after_days = c.Type(int, default=14)
    """The bot releases a claim this many days after its deadline passed; merged work keeps its credit."""

    claim_days = c.Type(int, default=14)
    """Days a claim gets when the blueprint's deadline has already passed (a re-claim after a release)."""
