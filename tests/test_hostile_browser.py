"""The pages built from hostile modules, in a real Chromium: no dialog opens, nothing is fetched elsewhere.

The build-level scan (test_hostile_modules.py) reads the HTML; this runs it, so whatever a browser would make
of the markup (an `alert()`, Material's dialog drawn over the page, a tracking pixel) would show here.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from test_browser import DESKTOP, Reader, _QuietHandler, browser  # noqa: F401  (browser is a fixture)
from test_hostile_modules import HOSTILE, hostile_repo

from conftest import Site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site: Site = hostile_repo(tmp_path_factory.mktemp("hostile-browser") / "repo").build(strict=False)
    handler = functools.partial(_QuietHandler, directory=str(site.root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


PAGES = [f"evil/{module}/" for module in HOSTILE] + ["evil/linked/", "evil/print/", "evil/", "board/"]


def test_hostile_pages_open_no_dialog_and_fetch_nothing_elsewhere(browser: Any, hostile_url: str) -> None:  # noqa: F811
    reader = Reader(browser, DESKTOP, "hostile", hostile_url)
    dialogs: list[str] = []
    reader.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        for path in PAGES:
            page = reader.open(path)
            page.mouse.move(200, 300)  # hover handlers, had any survived
            page.wait_for_timeout(50)
            shown = page.evaluate(
                "[...document.querySelectorAll('.md-dialog')]"
                ".filter(d => d.classList.contains('md-dialog--active') || d.closest('.ch-module__body'))"
                ".map(d => d.outerHTML)"
            )
            assert shown == [], (path, shown)
            assert page.evaluate("typeof window.document$ === 'object'"), path  # Material's global intact
    finally:
        reader.close()
    assert dialogs == [], "a hostile page opened a dialog"
    assert reader.foreign == [], "a hostile page fetched from another host"
    assert reader.errors == [], "JavaScript errors"
