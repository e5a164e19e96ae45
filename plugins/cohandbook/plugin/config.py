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

    private_dir = c.Optional(c.Type(str))
    """The operators' private store (people/<handle>.yml, squads/<id>.yml), outside the repository.

    Only the CLI and the bot read it ($COHANDBOOK_PRIVATE overrides it); the site build never opens it.
    """

    repository_visibility = c.Choice(("public", "private"), default="public")
    """Whether the repository is public (forked by contributors): then `validate` warns about `private:` and
    `workspace:` in its files and `cohandbook private move` moves them into the private store."""
