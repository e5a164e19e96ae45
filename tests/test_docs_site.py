"""The documentation is a site of its own (docs/mkdocs.yml over docs/pages/), and the README only leads there."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from bs4 import BeautifulSoup
from click.testing import CliRunner
from mkdocs.commands.build import build
from mkdocs.config import load_config

from cohandbook.cli.main import cli
from conftest import PROJECT, Site

DOCS = PROJECT / "docs" / "pages"
CONFIG = PROJECT / "docs" / "mkdocs.yml"
README = (PROJECT / "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def docs_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site_dir = tmp_path_factory.mktemp("docs-site")
    cfg = load_config(str(CONFIG), site_dir=str(site_dir), strict=True)
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        build(cfg)
    finally:
        cfg.plugins.on_shutdown()
    return Site(site_dir)


def nav_files(entries: list[object]) -> list[str]:
    found: list[str] = []
    for entry in entries:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        found += nav_files(value) if isinstance(value, list) else [str(value)]
    return found


def test_the_three_audiences_are_tabs_of_one_chinese_site(docs_site: Site) -> None:
    soup = docs_site.soup("/")
    assert soup.html is not None and soup.html["lang"] == "zh"
    tabs = [a.get_text(" ", strip=True) for a in soup.select(".md-tabs__link")]
    assert tabs == ["首页", "运营手册", "车主指南", "Developers"]


def test_setup_page_names_every_setting_the_operator_must_change(docs_site: Site) -> None:
    text = " ".join(docs_site.article("/operators/setup/").get_text(" ").split())
    for setting in ("repo_url", "site_url", "edit_uri", "operators", "CODEOWNERS", "cohandbook new", "doctor"):
        assert setting in text, setting
    assert ".venv/bin/cohandbook" in docs_site.article("/operators/").get_text(" ")


def test_every_page_is_in_the_navigation_and_every_nav_entry_is_a_page() -> None:
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    listed = sorted(nav_files(config["nav"]))
    on_disk = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))
    assert listed == on_disk


def test_pages_owned_by_other_parts_are_in_the_site(docs_site: Site) -> None:
    for page in (
        "dev/security",
        "dev/architecture",
        "dev/benchmarks",
        "dev/hostile-input",
        "operators/github",
        "owners/handin",
        "owners/join",
        "dev/departures",
    ):
        assert docs_site.exists(f"/{page}/"), page


def test_no_google_fonts_and_no_cdn(docs_site: Site) -> None:
    for path in docs_site.all_files():
        if path.suffix in {".html", ".css", ".js"} and "assets" not in path.parts:
            text = path.read_text(encoding="utf-8")
            assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, path
            assert not re.search(r"<script[^>]+src=\"https?://", text), path


def test_search_cuts_chinese_into_words(docs_site: Site) -> None:
    index = json.loads((docs_site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert "zh" in index["config"]["lang"]
    setup = next(doc for doc in index["docs"] if doc["location"].startswith("operators/setup/"))
    assert "\u200b" in setup["text"]  # Material joins jieba's cuts with a zero-width space


def test_developer_content_of_the_old_readme_lives_in_docs() -> None:
    dev = "\n".join(p.read_text(encoding="utf-8") for p in sorted((DOCS / "dev").glob("*.md")))
    for phrase in (
        "| subpackage | holds | imports |",
        "Handing in from a phone",
        "Where cohandbook departs from the product contract",
        "Module formats",
        "The private store",
    ):
        assert phrase in dev, phrase


def test_readme_is_short_and_leads_into_the_docs() -> None:
    assert len(README.splitlines()) <= 150
    for target in re.findall(r"\]\((docs/[^)]+)\)", README):
        assert (PROJECT / target).is_file(), target


def test_every_make_target_the_readme_shows_exists() -> None:
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, re.MULTILINE))
    shown = set(re.findall(r"^make ([a-z-]+)", README, re.MULTILINE))
    assert {"site", "test"} <= shown and shown <= targets


def test_every_cohandbook_command_the_readme_shows_exists() -> None:
    shown = re.findall(r"^\.venv/bin/cohandbook ([a-z-]+)", README, re.MULTILINE)
    assert shown
    for command in shown:
        result = CliRunner().invoke(cli, [command, "--help"])
        assert result.exit_code == 0, (command, result.output)


def test_readme_says_where_the_command_is_after_make_site() -> None:
    assert ".venv/bin/" in README and "PATH" in README


def test_docs_links_of_the_readme_render_as_pages(docs_site: Site) -> None:
    for target in re.findall(r"\]\(docs/pages/([^)]+)\.md\)", README):
        url = "/" if target == "index" else "/" + target.removesuffix("/index") + "/"
        assert BeautifulSoup(docs_site.html(url), "lxml").select_one("article") is not None, url


def test_docs_folder_holds_only_markdown_and_the_config_above_it() -> None:
    assert {p.suffix for p in DOCS.rglob("*") if p.is_file()} == {".md"}
    assert sorted(p.name for p in DOCS.parent.iterdir()) == ["mkdocs.yml", "pages"]
    assert yaml.safe_load(CONFIG.read_text(encoding="utf-8"))["docs_dir"] == "pages"


def test_make_and_both_workflows_build_the_docs_from_docs_mkdocs_yml() -> None:
    for path in ("Makefile", ".github/workflows/deploy.yml", ".github/workflows/bot.yml"):
        assert "mkdocs build --strict -f docs/mkdocs.yml\n" in (PROJECT / path).read_text(encoding="utf-8"), path
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    assert (CONFIG.parent / config["site_dir"]).resolve() == PROJECT / "site" / "docs"  # beside the handbooks' site
