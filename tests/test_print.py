"""The print edition /<handbook>/print/: the whole handbook on one printable page, from the rendered modules."""

from __future__ import annotations

import json
import posixpath
import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from cohandbook.cli.main import cli
from cohandbook.core.site.print_edition import qr_svg, rebase
from conftest import Repo, Site, pdf_pages

PRINT = "guide/print/"


@pytest.fixture
def site(repo: Repo) -> Site:
    return repo.build()


def print_article(site: Site) -> BeautifulSoup:
    return site.article(PRINT).select_one(".ch-print")


def resolves(site: Site, page: str, url: str) -> bool:
    target = site.root / posixpath.normpath(posixpath.join(page, url.split("#")[0]))
    return (target / "index.html").is_file() if url.endswith("/") else target.is_file()


def test_cover_names_the_handbook_and_everyone_printed(site: Site) -> None:
    cover = print_article(site).select_one(".ch-print-cover")
    assert cover.h1.get_text() == "新手车主用车宝典"
    assert cover.select_one(".ch-cover__brand").get_text() == "星河汽车"
    # 首个一千公里 is still under review: not printed, so its writers are not credited here (yet).
    assert cover.select_one(".ch-credit-line").get_text() == "由 星河汽车 与社区用户 李娜、周凯共同创作"


def test_collective_credit_lists_people_by_role(site: Site) -> None:
    credits = print_article(site).select_one(".ch-print-credits dl")
    roles = dict(
        zip([dt.get_text() for dt in credits.select("dt")], [dd.get_text() for dd in credits.select("dd")], strict=True)
    )
    assert roles == {"视频拍摄": "李娜", "摄影": "周凯", "文字": "李娜", "剪辑": "李娜"}


def test_contents_and_modules_follow_the_blueprint_accepted_only(site: Site) -> None:
    article = print_article(site)
    contents = [a.get_text() for a in article.select(".ch-print-contents li a")]
    assert contents == ["首次车机设置", "隐藏储物空间", "每日检查清单"]
    modules = article.select("article.ch-print-module")
    assert [m.h1.get_text() for m in modules] == contents
    assert [a["href"] for a in article.select(".ch-print-contents li a")] == [f"#{m['id']}" for m in modules]
    assert [h.get_text() for h in article.select(".ch-print-contents h3")] == [
        "第 1 章 · 提车第一天",
        "第 2 章 · 日常用车",
    ]


def test_video_becomes_poster_qr_code_and_link(site: Site) -> None:
    module = print_article(site).select_one("#m-setup-video")
    poster = module.select_one(".ch-print-video img")
    assert poster["src"] == "../setup-video/poster.jpg" and resolves(site, PRINT, poster["src"])
    url = "https://www.bilibili.com/video/BV1Xx411c7mD"
    assert str(module.select_one(".ch-print-video__qr svg")) == str(BeautifulSoup(qr_svg(url), "lxml").svg)
    assert module.select_one(".ch-print-video__url a")["href"] == url
    assert "时长 1:58" in module.select_one(".ch-print-video__qr").get_text()
    assert not module.find(["iframe", "video", "template"])


def test_local_video_qr_code_points_at_the_published_module(repo: Repo) -> None:
    repo.handbook(
        "v", chapters=[{"id": "c", "title": "章", "modules": [{"id": "m", "title": "视频", "format": "video"}]}]
    )
    front = {"status": "accepted", "contributors": ["li-na"], "claimed": "2026-11-01"}
    video = {"file": "clip.mp4", "duration": 60, "poster": "poster.jpg"}
    repo.module(
        "v",
        "m",
        {**front, "video": video},
        "正文。\n",
        clip__mp4=b"\0\0\0\x18ftypisom",
        poster__jpg=b"\xff\xd8\xff\xe0",
    )
    link = repo.build().article("v/print/").select_one(".ch-print-video__url a")
    assert link["href"] == "https://xinghe-auto.github.io/handbooks/v/m/"  # site_url from mkdocs.yml


def test_gallery_becomes_a_compact_grid_of_eagerly_loaded_images(site: Site) -> None:
    images = print_article(site).select("#m-storage .ch-gallery img")
    assert [img["src"] for img in images] == [f"../storage/p{i}.jpg" for i in range(4)]
    assert all(resolves(site, PRINT, img["src"]) for img in images)
    assert not any(img.has_attr("loading") for img in images)  # lazy images may miss the printer


def test_module_bodies_are_the_ones_their_pages_rendered(site: Site) -> None:
    for module in ("setup-video", "storage", "daily-check"):
        page = site.article(f"guide/{module}/").select_one(".ch-module__body").get_text()
        printed = print_article(site).select_one(f"#m-{module} .ch-module__body").get_text()
        assert printed == page


def test_ids_are_unique_and_in_page_links_land(repo: Repo) -> None:
    body = (
        "## 第一节\n\n正文[^1]。\n\n## 第二节\n\n" + "".join(f"- [ ] 第 {i} 项\n" for i in range(6)) + "\n[^1]: 注释\n"
    )
    front = {"status": "accepted", "contributors": ["li-na"], "claimed": "2026-11-01"}
    repo.module("guide", "daily-check", front, body)
    article = print_article(repo.build())
    ids = Counter(element["id"] for element in article.find_all(id=True))
    assert ids and max(ids.values()) == 1
    for link in article.select('a[href^="#"]'):
        assert link["href"][1:] in ids, link


def test_print_edition_is_linked_from_the_cover_and_not_in_the_navigation(site: Site) -> None:
    cover_link = site.article("guide/").select_one(".ch-cover__actions a")
    assert cover_link["href"] == "print/" and cover_link.get_text() == "打印版 / 存为 PDF"
    nav_links = {a["href"] for a in site.soup("guide/storage/").select("nav.md-nav--primary a[href]")}
    assert not any("print" in href for href in nav_links)
    assert site.soup(PRINT).title.get_text().startswith("新手车主用车宝典（打印版）")


def test_toolbar_leads_back_to_the_online_handbook(site: Site) -> None:
    back = site.article(PRINT).select_one(".ch-print-toolbar a")
    assert back["href"] == "../" and resolves(site, PRINT, back["href"])


def test_images_resolve_without_directory_urls(repo: Repo) -> None:
    repo.config["use_directory_urls"] = False
    site = repo.build()
    page = site.root / "guide/print/index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    images = soup.select(".ch-print img")
    assert images and all((page.parent / img["src"]).resolve().is_file() for img in images)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<img src="p.jpg">', '<img src="../m/p.jpg">'),
        ('<a href="sub/x.jpg?v=1#top">', '<a href="../m/sub/x.jpg?v=1#top">'),
        ('<a href="../other/">', '<a href="../other/">'),
        ('<a href="./">', '<a href="../m/">'),
        ('<a href="https://example.com/a?b=1&amp;c">', '<a href="https://example.com/a?b=1&amp;c">'),
        ('<a href="mailto:x@example.com">', '<a href="mailto:x@example.com">'),
        ('<a href="/root.html">', '<a href="/root.html">'),
        ('<h2 id="_1">', '<h2 id="m-m-_1">'),
        ('<a href="#fn:1">', '<a href="#m-m-fn:1">'),
        ('<label for="__tabbed_1_1">', '<label for="m-m-__tabbed_1_1">'),
        ('<p>text href="x.jpg"</p>', '<p>text href="x.jpg"</p>'),
    ],
)
def test_rebase_moves_urls_to_the_print_page_and_prefixes_ids(html: str, expected: str) -> None:
    assert rebase(html, "m", "m-m") == expected


def test_print_edition_is_not_indexed(site: Site) -> None:
    """Every sentence of the handbook would otherwise be found twice."""
    assert site.exists("guide/print/")
    index = json.loads((site.root / "search/search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert not any(location.startswith("guide/print/") for location in locations)
    assert "guide/first-1000km/" in locations


@pytest.mark.browser
def test_pdf_command_prints_the_edition_with_chinese_fonts(example_site: Site, chromium: str, tmp_path: Path) -> None:
    output = tmp_path / "book.pdf"
    arguments = ["pdf", "new-owner-guide", "--site", str(example_site.root), "--chromium", chromium, "-o", str(output)]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 0, result.output
    pdf = output.read_bytes()
    assert pdf.startswith(b"%PDF")
    printed = example_site.article("new-owner-guide/print/").select("article.ch-print-module")
    assert pdf_pages(pdf) >= 3 + len(printed)  # cover, credits, contents, then a fresh page per module
    assert re.search(rb"/FontName\s*/[A-Z]{6}\+NotoSansCJK", pdf)  # Chinese set in Noto CJK, embedded


@pytest.mark.browser
def test_pdf_command_builds_the_site_itself(repo: Repo, chromium: str, tmp_path: Path) -> None:
    repo.build()  # writes mkdocs.yml into the repository, as a real one has
    output = tmp_path / "guide.pdf"
    arguments = [
        "--root",
        str(repo.root),
        "pdf",
        "guide",
        "--chromium",
        chromium,
        "-o",
        str(output),
        "--today",
        "2026-11-22",
    ]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 0, result.output
    assert output.read_bytes().startswith(b"%PDF")


def test_pdf_command_explains_a_missing_browser(repo: Repo, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--root", str(repo.root), "pdf", "guide", "--chromium", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert "没有找到 Chromium" in result.output and "apt-get install chromium fonts-noto-cjk" in result.output


@pytest.mark.browser
def test_pdf_command_names_an_unknown_handbook(example_site: Site, chromium: str, tmp_path: Path) -> None:
    arguments = ["pdf", "no-such-book", "--site", str(example_site.root), "--chromium", chromium]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 1 and "no-such-book" in result.output


@pytest.mark.parametrize("url", ["https://www.bilibili.com/video/BV1Xx411c7mD", "https://example.com/a?b=c&d=<e>"])
def test_qr_code_svg_draws_exactly_segnos_modules(url: str) -> None:
    """Read the rectangles back into a grid: it must be segno's matrix, module for module."""
    import segno

    svg = BeautifulSoup(qr_svg(url), "lxml").svg
    expected = segno.make(url, error="m", micro=False, mask=0).matrix
    size = len(expected)
    grid = [[0] * size for _ in range(size)]
    for x, y, width in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\d+z", svg.find_all("path")[1]["d"]):
        for dx in range(int(width)):
            grid[int(y) - 2][int(x) - 2 + dx] = 1
    assert grid == [[1 if cell else 0 for cell in row] for row in expected]
    assert svg.title.get_text() == url
