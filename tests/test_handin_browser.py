"""What the submission form's answers become, seen on a 390-px phone: a checklist typed with groups and
bullets, and an article that replaced the operator's placeholder, built from the bot's branch as the
pull-request preview builds it. Screenshots go to test-artifacts/ for a person."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from botkit import BotRepo
from gitrepo import git
from test_browser import PHONE, Reader, _QuietHandler, browser, reading  # noqa: F401 (browser: a fixture)
from test_handin_flow import ARTICLE, NOTE, owners_repo, send
from test_submission import Stand, rendered

pytestmark = pytest.mark.browser
ITEMS = "## 孩子\n• 湿巾\n• 水杯\n• 安抚玩具\n\n证件与车辆：\n1. 驾驶证\n2、行驶证\n① 保险单\n□ 备用钥匙"


@pytest.fixture
def site_root(tmp_path: Path, httpserver: Any) -> Path:
    """Both hand-ins merged into one checkout of the bot's branches, built as the preview builds them."""
    stand = Stand(httpserver)
    bot_repo = BotRepo(owners_repo(tmp_path / "repo"), tmp_path)
    send(
        bot_repo,
        stand,
        12,
        rendered(handbook="guide", module="winter-kit", items=ITEMS, intro="出门前对一遍。"),
        "提交",
    )
    send(bot_repo, stand, 13, rendered(handbook="guide", module="snow-tips", text=ARTICLE), "提交")
    for number in (12, 13):
        git(bot_repo.root, "fetch", "-q", "origin", f"cohandbook/submit-{number}")
        git(bot_repo.root, "merge", "-q", "--no-edit", "FETCH_HEAD")
    return bot_repo.repo.build().root


@pytest.fixture
def phone(browser: Any, site_root: Path) -> Iterator[Reader]:  # noqa: F811
    handler = functools.partial(_QuietHandler, directory=str(site_root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield from reading(browser, PHONE, "phone-handin", f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()


def test_a_grouped_checklist_reads_as_headings_and_boxes_on_a_phone(phone: Reader) -> None:
    page = phone.open("guide/winter-kit/")
    assert int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth")) <= 0
    article = page.locator("article")
    headings = article.locator("h2").all_inner_texts()
    assert "孩子" in headings and "证件与车辆" in headings
    items = article.locator("li:has(input[type=checkbox])").all_inner_texts()
    assert [i.strip() for i in items] == ["湿巾", "水杯", "安抚玩具", "驾驶证", "行驶证", "保险单", "备用钥匙"]
    text = article.inner_text()
    assert "•" not in text and "##" not in text and "[ ]" not in text and "①" not in text and "：" not in headings[0]
    phone.shot("checklist")


def test_an_article_shows_what_was_sent_and_not_the_placeholder(phone: Reader) -> None:
    page = phone.open("guide/snow-tips/")
    text = page.locator("article").inner_text()
    assert NOTE not in text and "出发前" in page.locator("article h2").all_inner_texts()
    assert len(page.locator("article p").all()) >= 2  # the typed lines stay paragraphs
    phone.shot("article", full_page=False)
