"""Each module format's page design, checked on real builds: one header for all, one block per format."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from cohandbook.core.read.markdown import reading_minutes
from cohandbook.core.site.module_view import clock
from conftest import Repo, Site

MODULE_PAGES = {
    "guide/setup-video/": ("第 1 章 · 提车第一天", "视频", "时长 1:58", "首次车机设置"),
    "guide/storage/": ("第 1 章 · 提车第一天", "图集", "4 张图", "隐藏储物空间"),
    "guide/first-1000km/": ("第 2 章 · 日常用车", "文章", "阅读约 1 分钟", "首个一千公里"),
    "guide/daily-check/": ("第 2 章 · 日常用车", "清单", "6 项", "每日检查清单"),
}


@pytest.fixture
def site(repo: Repo) -> Site:
    return repo.build()


def video_repo(repo: Repo, video: dict[str, object], **files: bytes) -> Site:
    repo.handbook(
        "v",
        chapters=[{"id": "c", "title": "章", "modules": [{"id": "m", "title": "视频模块", "format": "video"}]}],
    )
    front = {"status": "accepted", "contributors": ["li-na"], "claimed": "2026-11-01", "video": video}
    repo.module("v", "m", front, "正文。\n", poster__jpg=b"\xff\xd8\xff\xe0 poster", **files)
    return repo.build()


@pytest.mark.parametrize("url", MODULE_PAGES)
def test_every_format_has_the_same_header(site: Site, url: str) -> None:
    chapter, label, fact, title = MODULE_PAGES[url]
    header = site.article(url).select_one(".ch-module > header.ch-module-header")
    assert header is not None
    assert header.select_one(".ch-module-header__chapter").get_text() == chapter
    badge = header.select_one(".ch-badge")
    assert badge.contents[0] == label and badge.select_one(".ch-badge__fact").get_text() == fact
    assert header.h1.get_text() == title
    assert header.select(".ch-module-credits li")
    assert site.article(url).select_one(".ch-module-footer .ch-credit-line")


def test_bilibili_video_waits_for_the_reader_behind_its_poster(site: Site) -> None:
    video = site.article("guide/setup-video/").select_one("figure.ch-video")
    launch = video.select_one("a[data-ch-embed]")
    assert launch["href"] == "https://www.bilibili.com/video/BV1Xx411c7mD"  # without JavaScript: watch there
    assert launch.select_one("img.ch-video__poster")["src"] == "poster.jpg"
    iframe = video.find("template").find("iframe")  # inert until the reader presses play (soupsieve skips <template>)
    assert iframe["src"].startswith("https://player.bilibili.com/player.html?bvid=BV1Xx411c7mD&")
    assert "allow-scripts" in iframe["sandbox"]
    assert video.select_one(".ch-video__duration").get_text() == "时长 1:58"
    assert video.figcaption.a.get_text() == "在 B 站观看"
    assert len(video.find_all("iframe")) == 1


def test_youtube_video_embeds_through_youtube_nocookie(repo: Repo) -> None:
    site = video_repo(repo, {"youtube": "dQw4w9WgXcQ", "duration": "2:05", "poster": "poster.jpg"})
    video = site.article("v/m/").select_one("figure.ch-video")
    assert video.find("template").find("iframe")["src"].startswith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")
    assert video.select_one(".ch-video__duration").get_text() == "时长 2:05"
    assert video.figcaption.a.get_text() == "在 YouTube 观看"


def test_local_video_plays_in_page_with_poster_and_captions(repo: Repo) -> None:
    video = {"file": "clip.webm", "duration": 90, "poster": "poster.jpg", "captions": "clip.vtt"}
    site = video_repo(repo, video, clip__webm=b"\x1aE\xdf\xa3 webm", clip__vtt=b"WEBVTT\n")
    figure = site.article("v/m/").select_one("figure.ch-video")
    player = figure.select_one("video")
    assert player["poster"] == "poster.jpg" and player.has_attr("controls")
    assert player.source["src"] == "clip.webm" and player.source["type"] == "video/webm"
    track = player.track
    assert (track["kind"], track["src"], track["srclang"]) == ("captions", "clip.vtt", "zh")
    assert figure.find("iframe") is None and figure.find("template") is None
    assert (site.root / "v/m/clip.vtt").is_file()


def test_gallery_is_a_grid_of_lightbox_links_captioned_by_alt_text(site: Site) -> None:
    article = site.article("guide/storage/")
    items = article.select(".ch-gallery > figure.ch-gallery__item")
    assert len(items) == 4
    for number, item in enumerate(items):
        link, image = item.a, item.img
        assert "glightbox" in link["class"] and link["href"] == image["src"] == f"p{number}.jpg"
        assert link["data-description"] == image["alt"] == item.figcaption.get_text() == f"储物格 {number}"
        assert link["data-gallery"] == "storage"  # one lightbox per module: swipe through its photos
        assert image.parent is link and link.parent is item  # glightbox did not wrap our link again
    assert not article.select("a.glightbox a, a.glightbox > a")


def test_lightbox_assets_are_local_and_only_on_pages_with_photos(site: Site) -> None:
    gallery = site.soup("guide/storage/")
    assert gallery.select_one('script[src$="assets/javascripts/glightbox.min.js"]')
    assert (site.root / "assets/javascripts/glightbox.min.js").is_file()
    for without_photos in ("guide/", "guide/first-1000km/", "guide/print/"):  # cover, article, print edition
        assert not site.soup(without_photos).select('script[src*="glightbox"]'), without_photos


def test_images_in_a_module_body_open_in_the_lightbox_too(repo: Repo) -> None:
    repo.module(
        "guide",
        "storage",
        {"status": "accepted", "contributors": ["zhou-kai"], "claimed": "2026-11-01"},
        "".join(f"![储物格 {i}](p{i}.jpg)\n\n" for i in range(4)),
        **{f"p{i}__jpg": b"\xff\xd8\xff\xe0 jpeg" for i in range(4)},
    )
    body = repo.build().article("guide/storage/").select_one(".ch-module__body")
    assert [a["href"] for a in body.select("a.glightbox")] == [f"p{i}.jpg" for i in range(4)]


def test_article_shows_reading_time_computed_for_chinese(site: Site) -> None:
    badge = site.article("guide/first-1000km/").select_one(".ch-badge__fact").get_text()
    assert badge == "阅读约 1 分钟"


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("车" * 400, 1), ("车" * 1000, 2), ("车" * 1400, 4), ("word " * 400, 2), ("车" * 200 + " word" * 100, 1)],
)
def test_reading_time_counts_chinese_characters_not_words(text: str, minutes: int) -> None:
    assert reading_minutes(text) == minutes


def test_checklist_boxes_can_be_ticked_and_printed(site: Site) -> None:
    article = site.article("guide/daily-check/")
    boxes = article.select(".ch-module__body li.task-list-item input[type=checkbox]")
    assert len(boxes) == 6
    assert not any(box.has_attr("disabled") for box in boxes)  # readers tick them on their phone
    assert all(box.find_next_sibling("span", class_="task-list-indicator") for box in boxes)  # custom checkbox
    tools = article.select_one(".ch-checklist-tools")
    assert tools.has_attr("data-search-exclude")
    assert tools.select_one("button[data-ch-print]").get_text() == "打印这份清单"


@pytest.mark.parametrize(("seconds", "shown"), [(5, "0:05"), (118, "1:58"), (600, "10:00"), (3723, "1:02:03")])
def test_clock(seconds: int, shown: str) -> None:
    assert clock(seconds) == shown


def test_pages_declare_chinese(site: Site) -> None:
    assert site.soup("guide/storage/").html["lang"] == "zh"


# What a page may load from elsewhere: only the video players, and only when the reader presses play.
# (Links, <a href>, to read on elsewhere or to edit on GitHub, load nothing by themselves.)
ALLOWED_FRAMES = re.compile(r"^https://(player\.bilibili\.com/player\.html|www\.youtube-nocookie\.com/embed/)")


def test_built_example_site_loads_nothing_from_other_sites(example_copy: Repo) -> None:
    """No CDN, no Google Fonts, no GitHub API: a reader offline or in China gets the whole page."""
    site = example_copy.build()
    for page in (p for p in site.all_files() if p.suffix == ".html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for element in soup.find_all(["script", "link", "img", "source", "track", "video", "iframe", "audio"]):
            if element.name == "link" and set(element.get("rel", [])) & {"canonical", "alternate"}:
                continue  # names the published address; loads nothing
            for attribute in ("src", "href", "poster"):
                url = element.get(attribute, "")
                if element.name == "iframe" and ALLOWED_FRAMES.match(url):
                    continue
                assert not re.match(r"^(https?:)?//", url), (page, element.name, url)
        assert not soup.select('[data-md-component="source"]'), page  # Material's GitHub API widget
        for element in soup.find_all(True):
            assert not any(name.startswith("on") for name in element.attrs), (page, element.name)
    for sheet in (p for p in site.all_files() if p.suffix == ".css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", sheet.read_text(encoding="utf-8")), sheet
