"""mkdocs.yml, read in one place for the command line and the bot (the plugin gets it from MkDocs, and
`check-pr` from the base revision): the settings every write and check follows."""

from __future__ import annotations

from pathlib import Path

from ..domain.settings import Settings, parse_settings

CONFIG_FILE = "mkdocs.yml"


def settings_at(root: Path) -> Settings:
    """The checked plugin options of the repository at `root` (defaults without mkdocs.yml).

    Raises `SettingsError` with a message for the operator when the file or an option is wrong.
    """
    path = Path(root) / CONFIG_FILE
    return parse_settings(path.read_text(encoding="utf-8") if path.is_file() else None)
