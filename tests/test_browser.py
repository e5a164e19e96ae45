"""A reader's tour of the built example site in a real Chromium, on a desk and on a phone.

Playwright drives Debian's Chromium (never a downloaded one) against the site served on localhost. Every
request to another host is blocked and recorded: the tour proves the pages need nothing from elsewhere.
Screenshots go to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import PROJECT, Site, pdf_pages

pytestmark = pytest.mark.browser

ARTIFACTS = PROJECT / "test-artifacts"
LAUNCH_ARGS = [
    "--no-sandbox",  # we run as root in containers and CI
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"viewport": {"width": 1280, "height": 860}}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
HANDBOOK = "new-owner-guide"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(example_site: Site) -> Iterator[str]:
    yield from serve(example_site.root)


def serve(folder: Path) -> Iterator[str]:
    """A built site on 127.0.0.1, as a reader's browser fetches it from a web server."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser(chromium: str) -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # like a missing Chromium: skipped on a laptop, a failure in CI
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but Playwright is not installed: pip install -e '.[test]'")
        pytest.skip("Playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=LAUNCH_ARGS)
        yield launched
        launched.close()


class Reader:
    """One browser tab with a device's screen; remembers what it tried to fetch from elsewhere."""

    def __init__(self, browser: Any, device: dict[str, Any], name: str, base_url: str) -> None:
        self.context = browser.new_context(locale="zh-CN", **device)
        self.page = self.context.new_page()
        self.name = name
        self.base_url = base_url
        self.foreign: list[str] = []
        self.errors: list[str] = []
        self.context.route(re.compile(r"^(?!http://127\.0\.0\.1:)"), self._block)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _block(self, route: Any) -> None:
        self.foreign.append(route.request.url)
        route.abort()

    def open(self, path: str) -> Any:
        self.page.goto(self.base_url + path)
        self.settle()
        return self.page

    def settle(self) -> None:
        self.page.wait_for_load_state("load")
        self.page.evaluate("Promise.all(Array.from(document.images, i => i.decode().catch(() => null)))")
        self.page.evaluate("document.fonts.ready.then(() => true)")

    def shot(self, label: str, full_page: bool = True) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{self.name}-{label}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        return path

    def title(self) -> str:
        return self.page.locator("article h1").first.inner_text().strip()

    def close(self) -> None:
        self.context.close()


def reading(browser: Any, device: dict[str, Any], name: str, base_url: str) -> Iterator[Reader]:
    """A reader for one test; afterwards nothing may have been fetched from elsewhere or failed in JavaScript."""
    reader = Reader(browser, device, name, base_url)
    yield reader
    reader.close()
    assert reader.foreign == [], "pages fetched from other hosts"
    assert reader.errors == [], "JavaScript errors"


@pytest.fixture
def desk(browser: Any, base_url: str) -> Iterator[Reader]:
    yield from reading(browser, DESKTOP, "desktop", base_url)


@pytest.fixture
def phone(browser: Any, base_url: str) -> Iterator[Reader]:
    yield from reading(browser, PHONE, "phone", base_url)


def blueprint_titles(handbook: str) -> list[str]:
    data = yaml.safe_load((PROJECT / f"handbooks/{handbook}/handbook.yml").read_text(encoding="utf-8"))
    return [module["title"] for chapter in data["chapters"] for module in chapter["modules"]]


def test_next_links_walk_the_handbook_in_blueprint_order(desk: Reader) -> None:
    desk.open(f"{HANDBOOK}/")
    titles = [desk.title()]
    for number in range(len(blueprint_titles(HANDBOOK))):
        desk.page.locator("a.md-footer__link--next").click()
        desk.settle()
        titles.append(desk.title())
        desk.shot(f"tour-{number + 1:02d}")
    assert titles == ["新手车主用车宝典", *blueprint_titles(HANDBOOK)]


TOUR = {
    "home": "",
    "cover": f"{HANDBOOK}/",
    "video": f"{HANDBOOK}/infotainment-setup/",
    "gallery": f"{HANDBOOK}/hidden-storage/",
    "article": f"{HANDBOOK}/first-1000km/",
    "checklist": f"{HANDBOOK}/daily-checklist/",
    "placeholder": f"{HANDBOOK}/voice-assistant/",
    "print": f"{HANDBOOK}/print/",
}


@pytest.mark.parametrize("device", ["desk", "phone"])
def test_every_kind_of_page_fits_the_screen(request: pytest.FixtureRequest, device: str) -> None:
    reader: Reader = request.getfixturevalue(device)
    for label, path in TOUR.items():
        page = reader.open(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{label} scrolls sideways by {overflow}px"
        assert page.evaluate("document.documentElement.lang") == "zh"
        reader.shot(label)
        reader.shot(f"{label}-screen", full_page=False)


def test_module_header_reads_the_same_on_a_phone(phone: Reader) -> None:
    page = phone.open(f"{HANDBOOK}/infotainment-setup/")
    header = page.locator(".ch-module-header")
    assert header.locator(".ch-badge").text_content() == "视频时长 1:58"  # the · between them is CSS
    box = header.bounding_box()
    assert box is not None and box["width"] <= 390


def open_search(reader: Reader, query: str) -> list[str]:
    page = reader.page
    page.locator("label.md-header__button[for='__search']").click()
    field = page.locator("input.md-search__input")
    field.fill(query)
    field.press("End")  # Material searches on key events; an IME's committed text arrives like this too
    page.locator(".md-search-result__item").first.wait_for()
    titles = page.locator(".md-search-result__item > .md-search-result__link h1").all_inner_texts()
    return [title.replace("\u200b", "").strip() for title in titles]  # jieba's word breaks


@pytest.mark.parametrize(("query", "module"), [("热泵", "低温下的电池与续航"), ("胎压监测", "新车第一个一千公里")])
def test_searching_a_chinese_word_finds_its_module(phone: Reader, query: str, module: str) -> None:
    phone.open(f"{HANDBOOK}/")
    found = open_search(phone, query)
    assert module in found, found
    assert not any("打印版" in title for title in found)
    phone.shot(f"search-{query}", full_page=False)


def test_gallery_photo_opens_in_the_lightbox_with_its_caption(desk: Reader) -> None:
    page = desk.open(f"{HANDBOOK}/hidden-storage/")
    captions = page.locator(".ch-gallery figcaption").all_inner_texts()
    page.locator(".ch-gallery a.glightbox").first.click()
    slide = page.locator(".glightbox-container .gslide.current")
    slide.locator("img").wait_for(state="visible")
    page.wait_for_timeout(400)  # the opening animation
    assert slide.locator(".gslide-desc").inner_text().strip() == captions[0]
    desk.shot("lightbox", full_page=False)
    page.keyboard.press("ArrowRight")
    page.locator(".glightbox-container .gslide.current .gslide-desc", has_text=captions[1]).wait_for()
    page.keyboard.press("Escape")
    page.locator(".glightbox-container").wait_for(state="detached")


def test_ticking_a_checklist_box_sticks_on_this_device(phone: Reader) -> None:
    page = phone.open(f"{HANDBOOK}/daily-checklist/")
    boxes = page.locator(".ch-module__body .task-list-item input[type=checkbox]")
    page.locator(".ch-module__body .task-list-item").first.click()  # the whole line is the tap target
    assert boxes.first.is_checked()
    phone.shot("checklist-ticked", full_page=False)
    page.reload()
    phone.settle()
    assert boxes.first.is_checked()  # still ticked after a reload
    page.get_by_role("button", name="清空勾选").click()
    assert not any(box.is_checked() for box in boxes.all())


def test_video_player_loads_only_when_the_reader_presses_play(desk: Reader) -> None:
    page = desk.open(f"{HANDBOOK}/infotainment-setup/")
    assert page.locator("iframe").count() == 0
    page.locator("a[data-ch-embed]").click()
    frame = page.locator(".ch-video__player iframe")
    assert frame.get_attribute("src").startswith("https://player.bilibili.com/player.html?bvid=BV1Xx411c7mD")
    page.wait_for_timeout(300)
    assert any(url.startswith("https://player.bilibili.com/") for url in desk.foreign)
    desk.foreign.clear()  # the one request the reader asked for


def test_print_edition_prints_without_the_site_around_it(desk: Reader) -> None:
    page = desk.open(f"{HANDBOOK}/print/")
    desk.shot("print-screen")
    page.emulate_media(media="print")
    hidden = ".md-header, .md-tabs, .md-sidebar, .md-footer, .ch-print-toolbar"
    assert page.evaluate(
        f"[...document.querySelectorAll('{hidden}')].every(e => getComputedStyle(e).display == 'none')"
    )
    modules = page.locator("article.ch-print-module")
    assert modules.count() >= 4
    breaks = page.evaluate(
        "[...document.querySelectorAll('article.ch-print-module')].map(e => getComputedStyle(e).breakBefore)"
    )
    assert set(breaks) == {"page"}  # every module starts a fresh page
    desk.shot("print-media")
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf_pages(pdf) >= 3 + modules.count()


@pytest.mark.parametrize("path", [f"{HANDBOOK}/daily-checklist/", "winter-driving/winter-prep-checklist/"])
def test_a_checklist_prints_on_one_clean_page(desk: Reader, path: str) -> None:
    page = desk.open(path)
    page.emulate_media(media="print")
    assert page.locator(".ch-checklist-tools").evaluate("e => getComputedStyle(e).display") == "none"
    pdf = page.pdf(format="A4")
    assert pdf_pages(pdf) == 1
    desk.shot("checklist-print-" + path.split("/")[0])
