"""The plugin's options are read once, by the core: the build and every command agree on them and on "today"."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any
from unittest.mock import ANY
from zoneinfo import ZoneInfo

import pytest
import yaml
from click.testing import CliRunner
from mkdocs.exceptions import Abort, PluginError

from cohandbook.cli.main import cli
from cohandbook.core.domain.settings import OPTIONS, Settings, SettingsError, parse_settings
from cohandbook.plugin.config import CohandbookConfig
from conftest import Repo, dump

BAD_OPTIONS = [
    ({"claim_cap": 0}, "claim_cap 应该是不小于 1 的整数"),
    ({"claim_cap": "两个"}, "claim_cap 应该是不小于 1 的整数"),
    ({"operators": "xinghe-community"}, "operators 应该是 GitHub 用户名的列表"),
    ({"timezone": "Asia/Beijing"}, "“Asia/Beijing”不是时区名"),
    ({"today": "12/01/2026"}, "“12/01/2026”不是日期"),
    ({"issue_template": "../claim.yml"}, "issue_template 应该是 .github/ISSUE_TEMPLATE/ 里的文件名"),
]


def with_options(repo: Repo, **options: Any) -> Repo:
    config = dict(repo.config)
    config["plugins"] = [{"cohandbook": options} if _ours(p) else p for p in config["plugins"]]
    repo.write("mkdocs.yml", dump(config))
    return repo


def _ours(plugin: Any) -> bool:
    return plugin == "cohandbook" or (isinstance(plugin, dict) and "cohandbook" in plugin)


def cli_run(repo: Repo, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--root", str(repo.root), *args])


@pytest.mark.parametrize(("options", "message"), BAD_OPTIONS)
def test_a_bad_option_fails_the_build_and_every_command_with_the_same_message(
    repo: Repo, options: dict[str, Any], message: str, caplog: pytest.LogCaptureFixture, expect_warnings: None
) -> None:
    with pytest.raises((Abort, PluginError)):
        repo.build(**{"today": None, **options})
    assert message in caplog.text  # MkDocs logs the option's error, then aborts
    with_options(repo, **options)
    for command in (
        ["validate"],
        ["board"],
        ["cast", "--needs", "writing"],
        ["claim", "guide/open-one", "--by", "li-na"],
    ):
        result = cli_run(repo, *command)
        assert result.exit_code != 0
        assert message in result.output
    assert not (repo.root / "handbooks/guide/modules/open-one").exists()


def test_every_core_option_is_an_option_of_the_plugin_with_the_core_default() -> None:
    config = CohandbookConfig()
    config.load_dict({})
    failed, _ = config.validate()
    assert failed == []
    for name, option in OPTIONS.items():
        assert config[name] == option.default
        assert getattr(Settings(), name) == option.default


def test_unknown_options_are_refused_by_the_command_line() -> None:
    text = dump({"plugins": [{"cohandbook": {"claim_kap": 3}}]})
    with pytest.raises(SettingsError, match="没有选项 claim_kap"):
        parse_settings(text)


def test_plugin_only_paths_are_accepted_by_the_command_line() -> None:
    assert parse_settings(dump({"plugins": [{"cohandbook": {"root": ".", "search_words": "w.txt"}}]})) == Settings()


# UTC+14 and UTC-11 are 25 hours apart: their calendar dates always differ, so a command that ignores the
# configured timezone cannot pass by luck.
@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago"])
def test_every_command_takes_today_in_the_configured_timezone(repo: Repo, zone: str) -> None:
    with_options(repo.person("zhao-lei", name="赵磊"), timezone=zone)
    before = datetime.now(ZoneInfo(zone)).date()
    formed = cli_run(repo, "squad", "form", "night", "--name", "夜行组", "--members", "li-na,zhou-kai,zhao-lei",
                     "--mission", "夜间驾驶")  # fmt: skip
    dissolved = cli_run(repo, "squad", "dissolve", "night")
    after = datetime.now(ZoneInfo(zone)).date()
    assert formed.exit_code == 0 and dissolved.exit_code == 0, formed.output + dissolved.output
    squad = yaml.safe_load((repo.root / "contributors/squads/night.yml").read_text(encoding="utf-8"))
    assert squad["formed"] in (before, after)
    assert squad["dissolved"] in (before, after)


def test_pinned_today_in_mkdocs_yml_reaches_the_command_line_and_the_environment_wins(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_options(repo, today="2026-12-30")
    assert _days_left(cli_run(repo, "board", "--format", "json").output) == 1
    monkeypatch.setenv("COHANDBOOK_TODAY", "2026-12-25")
    assert _days_left(cli_run(repo, "board", "--format", "json").output) == 6
    assert _days_left(cli_run(repo, "board", "--format", "json", "--today", "2026-12-21").output) == 10


def _days_left(output: str) -> int:
    rows = yaml.safe_load(output)
    return next(r["days_left"] for r in rows if r["module"] == "claimed-one")


def test_settings_resolve_today_in_their_timezone() -> None:
    assert Settings(today=date(2026, 1, 2)).resolve_today(None, {}) == date(2026, 1, 2)
    assert Settings(today=date(2026, 1, 2)).resolve_today("2026-03-04", {}) == date(2026, 3, 4)


def test_each_option_is_declared_once_and_every_side_takes_it_from_there() -> None:
    from dataclasses import fields

    from cohandbook.core.domain.settings import PLUGIN_ONLY_OPTIONS
    from cohandbook.plugin.config import CohandbookConfig

    schema = {name for name, _ in CohandbookConfig._schema}
    assert set(OPTIONS) <= schema  # made from the core's table, not listed again
    assert schema - set(OPTIONS) == PLUGIN_ONLY_OPTIONS - {"enabled"}  # MkDocs adds `enabled` itself
    assert set(OPTIONS) == {f.name for f in fields(Settings)} - {"repo_url", "site_url"}


def test_mkdocs_yml_is_read_in_one_place_and_its_plugins_alike_everywhere(tmp_path: Path) -> None:
    from cohandbook.core.domain.settings import plugin_options
    from cohandbook.core.read.site_config import config_at, settings_at
    from cohandbook.core.site import export_config

    assert config_at(tmp_path) == {} and settings_at(tmp_path) == Settings()
    text = "site_name: x\nsite_url: !ENV SITE\nplugins:\n  - material/search\n  - cohandbook:\n      claim_cap: 2\n"
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    assert config_at(tmp_path) == {"site_name": "x", "site_url": None, "plugins": ANY}
    assert settings_at(tmp_path).claim_cap == 2
    assert export_config.plugin_options is plugin_options  # the export reads the list as the settings do
    assert plugin_options(config_at(tmp_path)["plugins"]) == {"search": {}, "cohandbook": {"claim_cap": 2}}
    assert plugin_options({"cohandbook": "x", "search": None}) == {"cohandbook": {}, "search": {}}
    (tmp_path / "mkdocs.yml").write_text("- a\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="键: 值"):
        config_at(tmp_path)


def test_no_module_but_the_site_config_opens_mkdocs_yml() -> None:
    package = Path(__file__).parents[1] / "plugins" / "cohandbook"
    opening = re.compile(r"""/ "mkdocs\.yml"|\("mkdocs\.yml"\)|_TolerantLoader""")
    found = {
        str(p.relative_to(package)) for p in package.rglob("*.py") if opening.search(p.read_text(encoding="utf-8"))
    }
    assert found == {"core/domain/settings.py"}  # the loader; core/read/site_config.py names the file


def test_the_documented_option_table_is_made_from_the_settings() -> None:
    from cohandbook.core.domain.settings import option_table

    table = option_table()
    assert all(f"| `{name}` |" in table for name in OPTIONS) and "| `claim_cap` | `2` |" in table
    docs = (Path(__file__).parents[1] / "docs" / "pages" / "dev" / "architecture.md").read_text(encoding="utf-8")
    assert table in docs, (
        "docs/pages/dev/architecture.md's option table differs; paste settings.option_table():\n" + table
    )
