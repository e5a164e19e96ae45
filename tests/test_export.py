"""`cohandbook export DIR`: the stitched site as a plain docs tree that Zensical and plain MkDocs build as it is.

The example repository is exported once per module and built with Zensical (from PyPI, in a subprocess: it
runs its own Rust runtime) and with MkDocs without our plugin (in-process); both are compared page by page
with the site our plugin builds. A temporary repository with hostile names, private notes, hidden tags and a
squad workspace is scanned file by file, and a module whose code holds a Markdown fence keeps it as code.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import test_browser
import yaml
from bs4 import BeautifulSoup
from click.testing import CliRunner, Result
from mkdocs.commands.build import build
from mkdocs.config import load_config
from test_browser import DESKTOP, reading, serve
from test_people_pages import HOSTILE, MARKER, assert_inert, hostile_repo, site_texts

from cohandbook.cli.export import write_tree
from cohandbook.cli.main import cli
from cohandbook.core.site.export import (
    INLINE_BELOW,
    MANIFEST,
    ExportFile,
    front_matter_text,
    manifest_text,
    one_line,
    read_manifest,
)
from conftest import PROJECT, TODAY, Repo, Site

ZENSICAL = Path(sys.executable).parent / "zensical"
browser = test_browser.browser  # the browser tests' Chromium, as a fixture of this module too


FOREIGN_RESOURCE = re.compile(r"<(?:script|link|img)\b[^>]*\b(?:src|href)=\"(?:https?:)?//")
GLIGHTBOX = {"touchNavigation": True, "effect": "fade", "slide_effect": "slide", "background": "none", "shadow": False}


def export(root: Path, target: Path, today: str = TODAY) -> Result:
    return CliRunner().invoke(cli, ["--root", str(root), "export", str(target), "--today", today])


def zensical_build(folder: Path) -> Site:
    """`zensical build` in the exported folder, as the export says (the pages' snippets are found from there)."""
    result = subprocess.run([str(ZENSICAL), "build"], cwd=folder, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No issues found" in result.stdout + result.stderr, result.stdout + result.stderr
    return Site(folder / "site")


def mkdocs_build(folder: Path, site_dir: Path) -> Site:
    with contextlib.chdir(folder):
        config = load_config(str(folder / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    return Site(site_dir)


def pages(site: Site) -> set[str]:
    return {str(p.parent.relative_to(site.root)) for p in site.root.rglob("index.html")}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("export") / "out"
    result = export(PROJECT, target)
    assert result.exit_code == 0, result.output
    return target


@pytest.fixture(scope="module")
def zensical_site(exported: Path) -> Site:
    return zensical_build(exported)


def test_zensical_builds_every_page_of_the_site(example_site: Site, zensical_site: Site) -> None:
    assert pages(zensical_site) == pages(example_site)
    assert len(pages(example_site)) > 25


def test_titles_credit_lines_and_navigation_order_are_the_sites(example_site: Site, zensical_site: Site) -> None:
    for page in sorted(pages(example_site)):
        url = "" if page == "." else page + "/"
        ours, theirs = example_site.soup(url), zensical_site.soup(url)
        assert theirs.title.get_text() == ours.title.get_text(), url
        assert theirs.select_one("article h1").get_text() == ours.select_one("article h1").get_text(), url
    cover = "new-owner-guide/"
    line = zensical_site.article(cover).select_one(".ch-credit-line").get_text()
    assert line == example_site.article(cover).select_one(".ch-credit-line").get_text()
    assert line.startswith("由 星河汽车 与社区用户 ")
    module = "new-owner-guide/first-1000km/"
    assert nav_targets(zensical_site, module) == nav_targets(example_site, module)
    tabs = [a.get_text(strip=True) for a in zensical_site.soup(module).select(".md-tabs__link")]
    assert tabs == ["手册库", "新手车主用车宝典", "冰雪路面驾驶指南", "认领看板", "贡献者", "项目组"]


def nav_targets(site: Site, url: str) -> list[str]:
    """The pages the primary navigation links to, in order (headings of the open page left out)."""
    found: list[str] = []
    for link in site.soup(url).select(".md-nav--primary a.md-nav__link[href]"):
        target = (Path("/" + url) / link["href"]).resolve().as_posix()
        if "#" not in link["href"] and target not in found:
            found.append(target)
    return found


@pytest.mark.parametrize("url", ["new-owner-guide/first-1000km/", "new-owner-guide/hidden-storage/"])
def test_module_pages_carry_the_sites_header_credits_format_block_and_body(
    example_site: Site, zensical_site: Site, url: str
) -> None:
    ours, theirs = (
        example_site.article(url).select_one(".ch-module"),
        zensical_site.article(url).select_one(".ch-module"),
    )
    for element in ours.select("[data-search-exclude]"):  # Zensical honours it and drops the attribute
        del element["data-search-exclude"]
    assert str(theirs) == str(ours)


def test_plain_mkdocs_builds_the_export_strictly(example_site: Site, exported: Path, tmp_path: Path) -> None:
    site = mkdocs_build(exported, tmp_path / "mkdocs-site")
    assert pages(site) == pages(example_site)
    module = "winter-driving/snow-road-gallery/"
    assert site.article(module).select_one(".ch-gallery a.glightbox img") is not None
    assert site.soup(module).select_one('script[src$="glightbox.min.js"]') is not None
    assert site.soup("board/").select_one('script[src$="glightbox.min.js"]') is None


def test_the_export_is_deterministic(exported: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert export(PROJECT, again).exit_code == 0
    ignored = {"site", ".cache"}  # what the builds above added
    first = {p.relative_to(exported): p.read_bytes() for p in exported.rglob("*") if p.is_file()}
    first = {rel: data for rel, data in first.items() if rel.parts[0] not in ignored}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first == second


def test_pages_are_one_html_block_with_no_script_or_style_from_elsewhere(exported: Path) -> None:
    config = yaml.safe_load((exported / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["plugins"] == ["search", {"glightbox": {**GLIGHTBOX, "manual": True}}]
    snippets = {"base_path": ["fragments"], "check_paths": True, "restrict_base_path": True, "url_download": False}
    assert config["markdown_extensions"] == [{"pymdownx.snippets": snippets}]
    pages = sorted((exported / "docs").rglob("*.md"))
    assert len(pages) > 25
    fragments = []
    for page in pages:
        source = page.relative_to(exported / "docs").as_posix()
        stub = page.read_text(encoding="utf-8").split("---\n")[2]
        fragment = (exported / "fragments" / source).with_suffix(".html")
        if fragment.is_file():  # nothing else for Markdown to read in the page file
            assert stub == f'--8<-- "{source.removesuffix(".md")}.html"\n', page
            body = fragment.read_text(encoding="utf-8")
            fragments.append(fragment)
        else:  # a small page keeps its HTML
            body = stub
            assert len(body) < INLINE_BELOW, page
        assert body.startswith('<div class="ch-export">') and body.count("\n") == 1, page
        assert not FOREIGN_RESOURCE.search(body), page
    assert 10 < len(fragments) < len(pages)  # the module pages and covers; small ones are inline
    assert sorted(fragments) == sorted(p for p in (exported / "fragments").rglob("*") if p.is_file())
    gallery = (exported / "fragments/new-owner-guide/hidden-storage/index.html").read_text(encoding="utf-8")
    assert 'src="../../assets/javascripts/glightbox.min.js"' in gallery  # Zensical then fetches no copy of its own
    assert 'GLightboxOptions = {"closeEffect": "fade", "openEffect": "fade"' in gallery  # the site's effect


@pytest.mark.parametrize(
    "title",
    [
        '引号"与\\反斜杠',
        "冒号: 井号 # 与 - 横线",
        "[方括号]{花括号}",
        "行\u2028分隔\u0085",
        "yes",
        "~",
        "1.0",
        "\t制表",
        "删除\x7f与\x9f",
        "非字符\ufffe\uffff",
    ],
)
def test_front_matter_reads_back_as_written(title: str) -> None:
    meta = {"title": title, "hide": ["toc", "navigation"], "search": {"exclude": True}, "glightbox": False}
    assert yaml.safe_load(front_matter_text(meta)) == meta


def test_private_notes_hidden_tags_and_workspace_never_leave(repo: Repo, tmp_path: Path) -> None:
    hostile_repo(repo)
    skills = repo.root / "contributors/skills.yml"
    skills.write_text(skills.read_text(encoding="utf-8") + f"hidden-tag: {MARKER} 技能\n", encoding="utf-8")
    repo.person("zhou-kai", name="周凯", github="zhoukai", private={"notes": MARKER, "skills": ["hidden-tag"]})
    squad = repo.root / "contributors/squads/ice-and-snow.yml"
    squad.write_text(squad.read_text(encoding="utf-8") + f"workspace: {MARKER} 内部群\n", encoding="utf-8")
    blueprint = repo.root / "handbooks/guide/handbook.yml"
    data = yaml.safe_load(blueprint.read_text(encoding="utf-8"))
    data["chapters"][1]["modules"][2]["title"] = HOSTILE  # the open module: a placeholder in the navigation
    blueprint.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    repo.write_config()
    target = tmp_path / "out"
    result = export(repo.root, target)
    assert result.exit_code == 0, result.output
    site = zensical_build(target)
    texts = site_texts(Site(target))
    assert any("周凯" in text for text in texts.values())  # the scan reads what the files really hold
    assert [path for path, text in texts.items() if MARKER in text] == []
    for url in ("contributors/li-na/", "guide/open-one/", "squads/ice-and-snow/"):
        assert_inert(site.soup(url))
    profile = site.soup("contributors/li-na/")
    assert profile.select_one("article h1").get_text() == HOSTILE
    assert profile.title.get_text().startswith(HOSTILE)
    nav = [link.get_text(strip=True) for link in site.soup("guide/open-one/").select(".md-nav--primary .md-nav__link")]
    assert HOSTILE in nav


FENCED = "示例：\n\n````text\n第一行\n```\n\t缩进一格\n````\n\n结束。\n" + "这是正文。" * 80 + "\n"


def test_a_fence_inside_a_code_block_stays_code(repo: Repo, tmp_path: Path) -> None:
    repo.module(
        "guide", "first-1000km", {"status": "accepted", "contributors": ["zhou-kai"], "claimed": "2026-11-01"}, FENCED
    )
    ours = repo.build().article("guide/first-1000km/").select_one(".ch-module__body pre code")
    assert export(repo.root, tmp_path / "out").exit_code == 0
    theirs = zensical_build(tmp_path / "out").article("guide/first-1000km/").select_one(".ch-module__body pre code")
    assert theirs.get_text() == ours.get_text() == "第一行\n```\n    缩进一格\n"  # Markdown expands the tab


SNIPPET_LINES = (
    '示例：\n\n```text\n--8<-- "/etc/hostname"\n--8<-- \'../mkdocs.yml\'\n```\n\n--8<-- "../mkdocs.yml"\n\n结束。\n'
)


def test_a_contributors_snippet_line_stays_text(repo: Repo, tmp_path: Path) -> None:
    """The export's pages bring their HTML in with snippet lines; a contributor's own never includes a file."""
    body = SNIPPET_LINES + "这是正文。" * 80 + "\n"
    repo.module(
        "guide", "first-1000km", {"status": "accepted", "contributors": ["zhou-kai"], "claimed": "2026-11-01"}, body
    )
    repo.write_config()
    assert export(repo.root, tmp_path / "out").exit_code == 0
    article = zensical_build(tmp_path / "out").article("guide/first-1000km/")
    assert (
        article.select_one(".ch-module__body pre code").get_text()
        == "--8<-- \"/etc/hostname\"\n--8<-- '../mkdocs.yml'\n"
    )
    assert '--8<-- "../mkdocs.yml"' in article.select_one(".ch-module__body").get_text()
    assert "site_name" not in article.get_text() and "markdown_extensions" not in article.get_text()


def files_of(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_an_earlier_export_is_updated_in_place(repo: Repo, tmp_path: Path) -> None:
    """Only what changed is written, what the site lost is removed, and nothing else in the folder is touched;
    the result is byte for byte a fresh export."""
    repo.person("wang-fang", name="王芳")
    repo.squad("team", name="冰雪项目组", members=["li-na", "zhou-kai", "wang-fang"], formed="2026-11-01")
    repo.write_config()
    target = tmp_path / "out"
    assert export(repo.root, target).exit_code == 0
    assert (target / "docs/squads/team/index.md").is_file()
    zensical_build(target)
    (target / "docs" / "mine.txt").write_text("我的笔记", encoding="utf-8")
    before = files_of(target)
    module = repo.root / "handbooks/guide/modules/first-1000km/index.md"
    longer = "\n新加的一句：记得检查胎压。\n\n" + "这是正文。" * 400 + "\n"  # past INLINE_BELOW: now a fragment
    module.write_text(module.read_text(encoding="utf-8") + longer, encoding="utf-8")
    (repo.root / "contributors/squads/team.yml").unlink()  # its page goes
    result = export(repo.root, target)
    assert result.exit_code == 0, result.output
    after = files_of(target)
    changed = sorted(path for path in after if path in before and after[path] != before[path])
    fragment, page = "fragments/guide/first-1000km/index.html", "docs/guide/first-1000km/index.md"
    assert fragment not in before and fragment in after
    assert after[page][0] != before[page][0] and after[page][0].endswith(b'--8<-- "guide/first-1000km/index.html"\n')
    assert [p for p in changed if not p.startswith(("fragments/", "docs/")) and p not in (MANIFEST, "mkdocs.yml")] == []
    assert len(changed) < len(before) / 4  # the rest was left as it was (bytes and modification time)
    assert not any("squads/team" in path for path in after if not path.startswith(("site/", ".cache/")))
    assert after["docs/mine.txt"] == before["docs/mine.txt"]
    assert [p for p in after if p.startswith("site/")] == [p for p in before if p.startswith("site/")]
    fresh = tmp_path / "fresh"
    assert export(repo.root, fresh).exit_code == 0
    ours = {
        p: data for p, (data, _) in after.items() if not p.startswith(("site/", ".cache/")) and p != "docs/mine.txt"
    }
    assert ours == {p: data for p, (data, _) in files_of(fresh).items()}
    assert "新加的一句" in zensical_build(target).article("guide/first-1000km/").get_text()
    module.write_text(module.read_text(encoding="utf-8") + "\n又加一句。\n", encoding="utf-8")
    assert export(repo.root, target).exit_code == 0
    again = files_of(target)
    assert again[fragment][0] != after[fragment][0]
    assert again[page][0] != after[page][0]  # the fragment's hash: a running `zensical serve` sees the page change


def test_an_earlier_export_never_overwrites_a_file_it_did_not_write(repo: Repo, tmp_path: Path) -> None:
    repo.write_config()
    target = tmp_path / "out"
    assert export(repo.root, target).exit_code == 0
    stranger = target / "docs/contributors/li-na/index.md"
    stranger.unlink()
    manifest = (target / MANIFEST).read_text(encoding="utf-8")
    (target / MANIFEST).write_text(manifest.replace("docs/contributors/li-na/index.md\n", ""), encoding="utf-8")
    stranger.write_text("我自己写的页面", encoding="utf-8")
    before = files_of(target)
    result = export(repo.root, target)
    assert result.exit_code == 1 and "不是导出写的" in result.output and "li-na" in result.output
    assert files_of(target) == before
    (target / MANIFEST).write_text("docs/index.md\n../../etc/passwd\n", encoding="utf-8")  # not ours any more
    result = export(repo.root, target)
    assert result.exit_code == 1 and "不是空文件夹" in result.output


def test_an_update_turns_a_file_into_a_folder_and_back(tmp_path: Path) -> None:
    target = tmp_path / "out"
    write_tree(target, [ExportFile("docs/x", text="文件")], set())
    write_tree(target, [ExportFile("docs/x/index.md", text="页面")], {"docs/x"})
    assert (target / "docs/x/index.md").read_text(encoding="utf-8") == "页面"
    write_tree(target, [ExportFile("docs/x", text="又是文件")], {"docs/x/index.md"})
    assert (target / "docs/x").read_text(encoding="utf-8") == "又是文件"
    assert read_manifest((target / MANIFEST).read_text(encoding="utf-8")) == {"docs/x"}


@pytest.mark.parametrize("line", ["..\\..\\secret.txt", "C:\\x", "docs/../../x", "/etc/passwd", "docs//x"])
def test_a_manifest_naming_a_way_out_is_not_an_earlier_export(line: str) -> None:
    assert read_manifest(manifest_text([ExportFile("docs/index.md")]) + line + "\n") is None


def test_an_export_never_follows_a_symbolic_link_out_of_its_folder(repo: Repo, tmp_path: Path) -> None:
    repo.write_config()
    target, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    assert export(repo.root, target).exit_code == 0
    shutil.move(target / "fragments" / "guide", elsewhere)
    (target / "fragments" / "guide").symlink_to(elsewhere, target_is_directory=True)
    module = repo.root / "handbooks/guide/modules/first-1000km/index.md"
    module.write_text(module.read_text(encoding="utf-8") + "\n新加的一句。\n", encoding="utf-8")
    before = files_of(elsewhere)
    result = export(repo.root, target)
    assert result.exit_code == 1 and "符号链接" in result.output
    assert files_of(elsewhere) == before


def test_one_line_keeps_text_and_attributes_and_drops_control_characters() -> None:
    html = '<pre class="x"\n  title="a\nb">1\n\t2</pre>\r\n<p>\x02好\x7f</p><!-- c\n -->'
    assert one_line(html) == '<pre class="x"   title="a&#10;b">1&#10;&#9;2</pre>&#10;<p>好</p><!-- c  -->'
    assert BeautifulSoup(one_line(html), "lxml").pre.get_text() == "1\n\t2"


def test_refuses_a_folder_that_is_not_empty_or_inside_the_data(repo: Repo, tmp_path: Path) -> None:
    repo.write_config()
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("mine", encoding="utf-8")
    result = export(repo.root, tmp_path / "full")
    assert result.exit_code == 1 and "不是空文件夹" in result.output
    assert [p.name for p in (tmp_path / "full").iterdir()] == ["keep.txt"]
    result = export(repo.root, repo.root / "handbooks" / "out")
    assert result.exit_code == 1 and not (repo.root / "handbooks" / "out").exists()
    theme = tmp_path / "theme"
    shutil.copytree(PROJECT / "theme", theme)
    repo.write_config()
    config = yaml.safe_load((repo.root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["custom_dir"] = str(theme)
    (repo.root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    result = export(repo.root, theme / "out")
    assert result.exit_code == 1 and "主题文件夹" in result.output and not (theme / "out").exists()
    (tmp_path / "empty").mkdir()
    assert export(repo.root, tmp_path / "empty").exit_code == 0


def test_errors_stop_the_export_before_anything_is_written(repo: Repo, tmp_path: Path) -> None:
    repo.module("guide", "daily-check", {"status": "accepted", "contributors": ["li-na"]}, "- [ ] 只有一项\n")
    repo.write_config()
    result = export(repo.root, tmp_path / "out")
    assert result.exit_code == 1
    assert "清单只有 1 项" in result.output and "没有导出" in result.output
    assert not (tmp_path / "out").exists()


# --- in a real browser -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def zensical_url(zensical_site: Site) -> Iterator[str]:
    yield from serve(zensical_site.root)


@pytest.mark.browser
def test_zensical_search_finds_a_chinese_word_from_mid_sentence(browser: Any, zensical_url: str) -> None:
    """Zensical's own search (no jieba), on the exported site; nothing fetched from elsewhere, no script error."""
    for reader in reading(browser, DESKTOP, "zensical", zensical_url):
        page = reader.open("new-owner-guide/")
        page.locator(".md-search__button").click()
        page.locator("input[role=combobox]").fill("胎压监测")
        result = page.locator("[role=listbox] a[role=option]").first
        result.wait_for()
        assert "/new-owner-guide/first-1000km/" in result.get_attribute("href")
        assert result.locator("menu li").last.inner_text() == "新车第一个一千公里"
        reader.shot("search-胎压监测", full_page=False)
        gallery = reader.open("new-owner-guide/hidden-storage/")
        gallery.locator(".ch-gallery a.glightbox").first.click()
        gallery.locator(".glightbox-container .gslide-desc").first.wait_for()
