"""The `cohandbook` plugin options in mkdocs.yml: defined, defaulted and checked here, once.

The MkDocs plugin, the command line and the bot all read the same options, so each option is declared once
in `OPTIONS` (default, check, meaning). The plugin's typed config takes its defaults and checks from this
table, and the CLI parses mkdocs.yml with `parse_settings`: the same bad option fails both with the same
message.

mkdocs.yml is written by operators, not by strangers, and other projects put `!ENV` or `!!python/name:` tags
in it; the hardened contributor loader would refuse those. So it gets its own tolerant loader: safe
construction only, and any tag it does not know becomes null instead of an error.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from .layout import CLAIM_TEMPLATE
from .lifecycle import DEFAULT_TIMEZONE, parse_date, resolve_today

PLUGIN_NAME = "cohandbook"

# Options only the MkDocs plugin uses (paths it resolves against mkdocs.yml); the CLI accepts and ignores them.
PLUGIN_ONLY_OPTIONS = frozenset({"root", "search_words", "enabled", "cache", "cache_dir"})


class SettingsError(ValueError):
    """mkdocs.yml cannot be read, or the plugin's options have the wrong shape."""


@dataclass(frozen=True, slots=True)
class Option:
    default: Any
    check: Callable[[str, Any], Any]  # (name, raw value) -> value; raises SettingsError
    doc: str


def _where(name: str) -> str:
    return f"mkdocs.yml 里 cohandbook 的 {name}"


def _logins(name: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise SettingsError(f"{_where(name)} 应该是 GitHub 用户名的列表，例如 [xinghe-community]。")
    return tuple(v.strip().removeprefix("@") for v in value)


def _positive_int(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise SettingsError(f"{_where(name)} 应该是不小于 1 的整数。")
    return value


def _days(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise SettingsError(f"{_where(name)} 应该是不小于 0 的整数（天数）。")
    return value


def _timezone(name: str, value: Any) -> str:
    try:
        ZoneInfo(str(value))
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(f"{_where(name)}“{value}”不是时区名，请写成 Asia/Shanghai 这样的名字。") from None
    return str(value)


def _pinned_day(name: str, value: Any) -> date:
    day = parse_date(value)
    if day is None:
        raise SettingsError(f"{_where(name)}“{value}”不是日期，请写成 2026-12-31 这样的格式。")
    return day


def _file_name(name: str, value: Any) -> str:
    if not isinstance(value, str) or not value or "/" in value:
        raise SettingsError(f"{_where(name)} 应该是 .github/ISSUE_TEMPLATE/ 里的文件名，例如 claim.yml。")
    return value


def _folder(name: str, value: Any) -> str | None:
    if not isinstance(value, str):
        raise SettingsError(f"{_where(name)} 应该是一个文件夹路径，例如 ../handbook-private。")
    return value or None


def _visibility(name: str, value: Any) -> str:
    if value not in ("public", "private"):
        raise SettingsError(f"{_where(name)} 只能是 public 或 private。")
    return str(value)


OPTIONS: dict[str, Option] = {
    "operators": Option((), _logins, "GitHub logins of operators: they may change anything in a pull request."),
    "claim_cap": Option(
        2, _positive_int, "How many modules one person may hold claimed (not yet handed in) at the same time."
    ),
    "timezone": Option(
        DEFAULT_TIMEZONE, _timezone, "Deadlines are calendar days in this timezone, whatever the machine's clock."
    ),
    "today": Option(
        None, _pinned_day, 'Pin "today" (YYYY-MM-DD) for reproducible builds; $COHANDBOOK_TODAY wins over it.'
    ),
    "issue_template": Option(
        CLAIM_TEMPLATE, _file_name, "The GitHub issue form that the board's 认领 links open, prefilled."
    ),
    "private_dir": Option(
        None,
        _folder,
        "The operators' private store (people/<handle>.yml, squads/<id>.yml: notes, hidden tags, workspaces), "
        "outside the repository; relative to the repository root; $COHANDBOOK_PRIVATE wins over it. The CLI and "
        "the bot read it; the site build never does.",
    ),
    "repository_visibility": Option(
        "public",
        _visibility,
        "public (the default: contributors fork it, so validate warns about `private:` and `workspace:` in its "
        "files and `cohandbook private move` moves them to the private store) or private.",
    ),
    "remind_days": Option(3, _days, "The bot reminds a claimant this many days before the claim's deadline."),
    "release_after_days": Option(
        14,
        _positive_int,
        "The bot releases a claim this many days after its deadline passed, as `cohandbook release` does "
        "(work already merged keeps its credit).",
    ),
    "claim_days": Option(
        14,
        _positive_int,
        "Days a claim gets when the blueprint's deadline has already passed (a re-claim after a release, a late "
        "claim), so it never starts overdue.",
    ),
}


@dataclass(frozen=True, slots=True)
class Settings:
    """The checked options (field names are the option names), plus mkdocs.yml's `repo_url`."""

    operators: tuple[str, ...] = OPTIONS["operators"].default
    claim_cap: int = OPTIONS["claim_cap"].default
    timezone: str = OPTIONS["timezone"].default
    today: date | None = OPTIONS["today"].default
    issue_template: str = OPTIONS["issue_template"].default
    private_dir: str | None = OPTIONS["private_dir"].default
    repository_visibility: str = OPTIONS["repository_visibility"].default
    remind_days: int = OPTIONS["remind_days"].default
    release_after_days: int = OPTIONS["release_after_days"].default
    claim_days: int = OPTIONS["claim_days"].default
    repo_url: str | None = None
    site_url: str | None = None  # mkdocs.yml's `site_url`: where pull-request previews are published below

    @property
    def public(self) -> bool:
        return self.repository_visibility == "public"

    def is_operator(self, login: str) -> bool:
        """GitHub logins are case-insensitive."""
        return login.lower() in {o.lower() for o in self.operators}

    def resolve_today(self, override: str | None = None, environ: Mapping[str, str] | None = None) -> date:
        """`--today` wins, then $COHANDBOOK_TODAY, then the pinned `today:`, then the clock in `timezone`."""
        pinned = self.today.isoformat() if self.today else None
        return resolve_today(override, environ, self.timezone, pinned=pinned)


def option_table() -> str:
    """The options as the documentation lists them (docs/pages/dev/architecture.md), made from `OPTIONS`."""
    rows = ["| option | default | meaning |", "| --- | --- | --- |"]
    rows += [f"| `{name}` | {_shown(option.default)} | {option.doc} |" for name, option in OPTIONS.items()]
    return "\n".join(rows) + "\n"


def _shown(default: Any) -> str:
    return "none" if default is None else f"`{list(default) if isinstance(default, tuple) else default}`"


def check_option(name: str, value: Any) -> Any:
    """One option's value, checked; None (the key written without a value) means its default."""
    option = OPTIONS[name]
    return option.default if value is None else option.check(name, value)


def settings_from_options(options: Mapping[str, Any], repo_url: Any = None, site_url: Any = None) -> Settings:
    """Settings from the plugin's option map, every value checked; unknown names are refused."""
    unknown = sorted(set(options) - set(OPTIONS) - PLUGIN_ONLY_OPTIONS)
    if unknown:
        known = "、".join(OPTIONS)
        raise SettingsError(f"mkdocs.yml 里 cohandbook 没有选项 {'、'.join(unknown)}。可用的选项：{known}。")
    values = {f.name: check_option(f.name, options.get(f.name)) for f in fields(Settings) if f.name in OPTIONS}
    return Settings(**values, repo_url=repository_link(repo_url), site_url=repository_link(site_url))


def parse_settings(text: str | None) -> Settings:
    """Settings from mkdocs.yml's text; no file (None) means the defaults."""
    if text is None:
        return Settings()
    config = load_config(text)
    plugin = plugin_options(config.get("plugins")).get(PLUGIN_NAME, {})
    return settings_from_options(plugin, config.get("repo_url"), config.get("site_url"))


def load_config(text: str) -> dict[str, Any]:
    """mkdocs.yml's top-level keys; tags such as `!ENV` read as nothing. Raises `SettingsError`."""
    try:
        config = yaml.load(text, Loader=_TolerantLoader)
    except yaml.YAMLError as exc:
        raise SettingsError(f"mkdocs.yml 不是有效的 YAML：{exc}") from None
    if not isinstance(config, dict):
        raise SettingsError("mkdocs.yml 的内容应该是“键: 值”。")
    return config


def repository_link(repo_url: Any) -> str | None:
    """mkdocs.yml's `repo_url` when it is an https address that issue links can be built on."""
    return repo_url.rstrip("/") if isinstance(repo_url, str) and repo_url.startswith("https://") else None


class _TolerantLoader(yaml.SafeLoader):
    """SafeLoader that turns unknown tags (`!ENV`, `!!python/name:`) into null."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_TolerantLoader.add_multi_constructor("!", _ignore_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def plugin_options(plugins: Any) -> dict[str, dict[str, Any]]:
    """mkdocs.yml's `plugins` (a list of names and one-key mappings, or, also allowed by MkDocs, a mapping) as
    name -> options (`material/search` is `search`); options that are not a mapping read as none."""
    entries = plugins.items() if isinstance(plugins, dict) else [plugin_entry(item) for item in plugins or []]
    return {str(name).removeprefix("material/"): dict(o) if isinstance(o, dict) else {} for name, o in entries}


def plugin_entry(item: Any) -> tuple[Any, Any]:
    """One item of mkdocs.yml's `plugins` list (a name, or a one-key mapping) as (name, options)."""
    return (item, None) if not isinstance(item, dict) else next(iter(item.items()), ("", None))
