"""The `cohandbook` plugin options in mkdocs.yml, read without MkDocs: the CLI needs them too.

mkdocs.yml is written by operators, not by strangers, and other projects put `!ENV` or `!!python/name:` tags
in it; the hardened contributor loader would refuse those. So it gets its own tolerant loader: safe
construction only, and any tag it does not know becomes null instead of an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from .lifecycle import DEFAULT_TIMEZONE

PLUGIN_NAME = "cohandbook"


@dataclass(frozen=True, slots=True)
class Settings:
    operators: tuple[str, ...] = ()
    claim_cap: int = 2
    repo_url: str | None = None
    issue_template: str = "claim.yml"
    timezone: str = DEFAULT_TIMEZONE
    #: the operators' private store (notes, hidden tags, squad workspaces), outside the repository; relative
    #: paths are taken from the repository root; $COHANDBOOK_PRIVATE overrides it. The site build never reads it.
    private_dir: str | None = None
    #: "public" (the default: contributors fork it, so `private:` and `workspace:` in it are warned about)
    #: or "private" (operator notes may stay in the repository's own files)
    repository_visibility: str = "public"

    @property
    def public(self) -> bool:
        return self.repository_visibility == "public"

    def is_operator(self, login: str) -> bool:
        """GitHub logins are case-insensitive."""
        return login.lower() in {o.lower() for o in self.operators}


class SettingsError(ValueError):
    """mkdocs.yml cannot be read, or the plugin's options have the wrong shape."""


class _TolerantLoader(yaml.SafeLoader):
    """SafeLoader that turns unknown tags (`!ENV`, `!!python/name:`) into null."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_TolerantLoader.add_multi_constructor("!", _ignore_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def parse_settings(text: str | None) -> Settings:
    """Settings from mkdocs.yml's text; no file (None) means the defaults."""
    if text is None:
        return Settings()
    try:
        config = yaml.load(text, Loader=_TolerantLoader)
    except yaml.YAMLError as exc:
        raise SettingsError(f"mkdocs.yml 不是有效的 YAML：{exc}") from None
    if not isinstance(config, dict):
        raise SettingsError("mkdocs.yml 的内容应该是“键: 值”。")
    options = _plugin_options(config.get("plugins"))
    return Settings(
        operators=_logins(options.get("operators")),
        claim_cap=_cap(options.get("claim_cap", 2)),
        repo_url=repository_link(config.get("repo_url")),
        issue_template=str(options.get("issue_template") or "claim.yml"),
        timezone=str(options.get("timezone") or DEFAULT_TIMEZONE),
        private_dir=_optional_text(options.get("private_dir"), "private_dir"),
        repository_visibility=_visibility(options.get("repository_visibility", "public")),
    )


def repository_link(repo_url: Any) -> str | None:
    """mkdocs.yml's `repo_url` when it is an https address that issue links can be built on."""
    return repo_url.rstrip("/") if isinstance(repo_url, str) and repo_url.startswith("https://") else None


def _plugin_options(plugins: Any) -> dict[str, Any]:
    """`plugins:` is a list of names and one-key maps, or (also allowed by MkDocs) one map."""
    items = plugins.items() if isinstance(plugins, dict) else [_pair(p) for p in plugins or []]
    for name, options in items:
        if name == PLUGIN_NAME:
            return options if isinstance(options, dict) else {}
    return {}


def _pair(plugin: Any) -> tuple[Any, Any]:
    if isinstance(plugin, dict) and len(plugin) == 1:
        return next(iter(plugin.items()))
    return plugin, None


def _logins(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SettingsError(
            "mkdocs.yml 里 cohandbook 的 operators 应该是 GitHub 用户名的列表，例如 [xinghe-community]。"
        )
    return tuple(v.strip().removeprefix("@") for v in value)


def _cap(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise SettingsError("mkdocs.yml 里 cohandbook 的 claim_cap 应该是不小于 1 的整数。")
    return value


def _optional_text(value: Any, name: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise SettingsError(f"mkdocs.yml 里 cohandbook 的 {name} 应该是一个文件夹路径。")
    return value


VISIBILITIES = ("public", "private")


def _visibility(value: Any) -> str:
    if value not in VISIBILITIES:
        raise SettingsError("mkdocs.yml 里 cohandbook 的 repository_visibility 只能是 public 或 private。")
    return str(value)
