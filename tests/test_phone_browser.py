"""The example site on a 390 px phone (DPR 3): nothing clipped or crowded, and photos sized for the screen.

Each check measures the laid-out page in a real Chromium (boxes, lines, requests); a screenshot of every
page goes to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from test_browser import Reader, browser, reading, serve  # noqa: F401  (browser: a fixture)

from conftest import Site

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True, "has_touch": True}


@pytest.fixture(scope="module")
def base_url(example_site: Site) -> Iterator[str]:
    yield from serve(example_site.root)


@pytest.fixture
def phone(browser: Any, base_url: str) -> Iterator[Reader]:  # noqa: F811 (the fixture imported above)
    yield from reading(browser, PHONE, "phone390", base_url)


def box(page: Any, selector: str) -> dict[str, float]:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, selector
    return dict(found)


def lines(page: Any, selector: str) -> list[int]:
    """How many lines each matching element's text takes."""
    script = "els => els.map(e => e.getClientRects().length > 1 ? e.getClientRects().length : e.getClientRects()[0] ? Math.round(e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight || 20)) : 0)"
    return list(page.locator(selector).evaluate_all(script))


def test_the_boards_table_fits_the_phone(phone: Reader) -> None:
    page = phone.open("board/")
    table = page.locator(".ch-board__active table").first
    table.scroll_into_view_if_needed()
    phone.shot("board")
    sizes = table.evaluate("t => [t.scrollWidth, t.clientWidth, t.getBoundingClientRect().right]")
    assert sizes[0] <= sizes[1] + 1 and sizes[2] <= 390
    for cell in page.locator(".ch-board__active td").all():
        assert cell.evaluate("c => c.scrollWidth <= c.clientWidth + 1"), cell.inner_text()
    assert "已逾期 7 天" in table.inner_text()  # the tests pin today to 2026-11-22
    assert set(lines(page, ".ch-board__active .ch-date")) == {1}


def test_the_review_state_keeps_clear_of_the_edit_icon(phone: Reader) -> None:
    page = phone.open("new-owner-guide/kids-seat/")
    phone.shot("under-review", full_page=False)
    state, edit = box(page, ".ch-state-submitted"), box(page, ".md-content__button")
    overlaps_vertically = state["y"] < edit["y"] + edit["height"] and edit["y"] < state["y"] + state["height"]
    assert not overlaps_vertically or state["x"] + state["width"] + 8 <= edit["x"]
    # However long the chapter's title, the meta line (审核中 last) wraps before it reaches the icon.
    meta = page.locator(".ch-module-header__meta").evaluate(
        "m => m.getBoundingClientRect().right - parseFloat(getComputedStyle(m).paddingRight)"
    )
    assert meta + 16 <= edit["x"]


def test_a_profiles_links_start_at_the_margin(phone: Reader) -> None:
    page = phone.open("contributors/li-na/")
    phone.shot("profile", full_page=False)
    assert abs(box(page, ".ch-profile__links li")["x"] - box(page, ".ch-profile__bio")["x"]) <= 1


def test_states_and_dates_never_break_inside(phone: Reader) -> None:
    page = phone.open("new-owner-guide/")
    phone.shot("cover")
    assert set(lines(page, "article .ch-state")) == {1}


def test_a_phone_fetches_small_versions_of_the_gallery(phone: Reader) -> None:
    fetched: list[str] = []
    phone.page.on("request", lambda request: fetched.append(request.url))
    page = phone.open("winter-driving/snow-road-gallery/")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    phone.settle()
    phone.shot("gallery")
    photos = [url.rpartition("/")[2] for url in fetched if url.endswith(".webp")]
    gallery = [
        name
        for name in photos
        if name.split(".")[0] in {"packed-snow", "black-ice", "fresh-snow", "icy-bridge", "ruts"}
    ]
    assert len(gallery) == 5 and all(name.endswith(".480w.webp") for name in gallery), photos
    assert not any(url.endswith((".jpg", ".jpeg", ".png")) and "/assets/" not in url for url in fetched)
    largest = page.locator("a.glightbox").first.get_attribute("href")
    assert largest and not largest.endswith(".480w.webp")
