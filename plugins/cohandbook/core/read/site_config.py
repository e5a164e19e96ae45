"""mkdocs.yml, read in one place for the command line and the bot (the plugin gets it from MkDocs, and
`check-pr` from the base revision): the settings every write and check follows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..domain.settings import Settings, load_config, parse_settings

CONFIG_FILE = "mkdocs.yml"


def settings_at(root: Path) -> Settings:
    """The checked plugin options of the repository at `root` (defaults without mkdocs.yml).

    Raises `SettingsError` with a message for the operator when the file or an option is wrong.
    """
    return parse_settings(config_text(root))


def config_at(root: Path) -> dict[str, Any]:
    """mkdocs.yml's top-level keys as written (tags such as `!ENV` read as nothing); {} without the file.

    Raises `SettingsError` when the file is not YAML or not a mapping."""
    text = config_text(root)
    return load_config(text) if text is not None else {}


def config_text(root: Path) -> str | None:
    path = Path(root) / CONFIG_FILE
    return path.read_text(encoding="utf-8") if path.is_file() else None
