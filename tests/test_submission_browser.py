"""A hand-in from a phone, seen on a phone: the module page the bot's pull request builds, served from its
preview path, and the pages that invite the hand-in. Screenshots go to test-artifacts/ for a person."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from botkit import BotRepo
from gitrepo import git
from media_files import jpeg
from test_browser import PHONE, Reader, _QuietHandler, browser, reading  # noqa: F401 (browser: a fixture)
from test_submission import BRANCH, Stand, hand_in, img, rendered, small_repo

pytestmark = pytest.mark.browser
PREVIEW = "pr-preview/pr-12/"


def photo_body(stand: Stand) -> str:
    captions = [
        "后备箱地板下面的隐藏储物格",
        "掀开侧板，还有一个放三角牌的位置",
        "备胎下面的工具盒",
        "座椅放倒后的平整空间",
    ]
    colours = [(180, 60, 40), (40, 120, 180), (90, 150, 60), (200, 170, 40)]
    lines = []
    for n, (caption, colour) in enumerate(zip(captions, colours, strict=True)):
        lines += [img(stand.attach(f"shot{n}", jpeg((1200, 900), gps=True, colour=colour))), caption]
    intro = "后备箱比你想的大：四个藏东西的地方，一次看完。"
    return rendered(handbook="guide", module="trunk", photos="\n".join(lines), intro=intro)


@pytest.fixture
def preview_root(tmp_path: Path, httpserver: Any) -> Path:
    """The bot's hand-in, checked out and built as the pull-request check builds it, under its preview path."""
    stand = Stand(httpserver)
    bot_repo = BotRepo(small_repo(tmp_path / "repo"), tmp_path)
    assert hand_in(bot_repo, stand, photo_body(stand)).exit_code == 0
    git(bot_repo.root, "fetch", "-q", "origin", f"{BRANCH}:{BRANCH}")
    git(bot_repo.root, "checkout", "-q", BRANCH)
    site = bot_repo.repo.build()
    served = tmp_path / "pages"
    shutil.copytree(site.root, served / PREVIEW)
    return served


@pytest.fixture
def phone_on_preview(browser: Any, preview_root: Path) -> Iterator[Reader]:  # noqa: F811
    handler = functools.partial(_QuietHandler, directory=str(preview_root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield from reading(browser, PHONE, "phone-submission", f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()


def fits(page: Any) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


def test_a_gallery_handed_in_from_a_phone_reads_well_on_a_phone(phone_on_preview: Reader) -> None:
    page = phone_on_preview.open(PREVIEW + "guide/trunk/")
    assert fits(page) <= 0
    assert phone_on_preview.title() == "后备箱的隐藏空间"
    widths = page.evaluate("Array.from(document.querySelectorAll('article img'), i => i.naturalWidth)")
    assert len(widths) == 4 and all(w > 0 for w in widths)
    text = page.locator("article").inner_text()
    assert "后备箱地板下面的隐藏储物格" in text and "李娜" in text and "审核中" in text
    assert text.index("后备箱比你想的大") < text.index("后备箱地板下面的隐藏储物格")  # the introduction leads
    phone_on_preview.shot("module")
    phone_on_preview.shot("module-screen", full_page=False)


def test_a_claimed_module_offers_the_submission_form_on_a_phone(phone_on_preview: Reader) -> None:
    page = phone_on_preview.open(PREVIEW + "guide/voice-assistant/")
    assert fits(page) <= 0
    button = page.locator("a.ch-submit")
    assert button.is_visible() and button.bounding_box()["width"] <= 390
    phone_on_preview.shot("placeholder-screen", full_page=False)
    page = phone_on_preview.open(PREVIEW + "board/")
    assert fits(page) <= 0 and page.locator("a.ch-join").is_visible()
    phone_on_preview.shot("board")
