"""What a reader's phone downloads: the example site with a gallery of six 12 MP phone photos, on slow 4G.

The example repository is copied, its snow-road gallery gets six synthetic 12 MP photos (4032×3024, noisy
JPEGs of about 3 MB each, as a phone writes them) and the snow-braking video module a local MP4 instead of
its Bilibili link. The site is built with `mkdocs build`, served on 127.0.0.1 and opened in Chromium
(Debian's, /usr/bin/chromium) from a server that gzips text as every static host does (GitHub Pages, any
CDN), with Lighthouse's mobile setting: a 390×844 screen at DPR 3, 150 ms round
trip, 1.6 Mbit/s down, 750 kbit/s up (CDP `Network.emulateNetworkConditions`) and a 4× slower CPU.

Figures (bytes as transferred, headers included):

* gallery before scrolling: everything the page loads until the network is quiet (budget ≤ 1 MB);
* gallery after scrolling through: the same after scrolling to the end, screen by screen (≤ 3 MB);
* LCP: the Largest Contentful Paint of the gallery page, from a PerformanceObserver (< 2.5 s);
* video bytes before play: what the video page fetches of its MP4 before the reader presses play (0).

    python bench/page_weight.py            # one run; --rounds 3 for medians; --json for the figures only
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from PIL import Image

PROJECT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
GALLERY = "handbooks/winter-driving/modules/snow-road-gallery"
VIDEO = "handbooks/winter-driving/modules/snow-braking"
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True, "has_touch": True}
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
TEXT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css",
    ".js": "text/javascript",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
}
LCP_SCRIPT = """
window.__lcp = 0;
new PerformanceObserver(list => { for (const e of list.getEntries()) window.__lcp = e.startTime; })
  .observe({type: 'largest-contentful-paint', buffered: true});
"""


def phone_photo(index: int) -> bytes:
    """A 12 MP JPEG of about 3 MB: a gradient under noise, as much detail as a phone photo of a road."""
    size = (4032, 3024)
    base = Image.linear_gradient("L").rotate(index * 40).resize(size).convert("RGB")
    coarse = Image.merge("RGB", [Image.effect_noise((672, 504), 60) for _ in range(3)]).resize(size, Image.BICUBIC)
    fine = Image.effect_noise(size, 12).convert("RGB")
    buffer = io.BytesIO()
    Image.blend(Image.blend(base, coarse, 0.5), fine, 0.2).save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


def make_repo(root: Path) -> None:
    for folder in ("handbooks", "contributors", "theme"):
        shutil.copytree(PROJECT / folder, root / folder)
    shutil.copy(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    gallery = root / GALLERY
    for old in gallery.glob("*.jpg"):
        old.unlink()
    photos = [{"file": f"IMG_{4100 + i}.jpg", "alt": f"路面照片 {i + 1}"} for i in range(6)]
    for i, item in enumerate(photos):
        (gallery / item["file"]).write_bytes(phone_photo(i))
    _edit_front(gallery / "index.md", gallery=photos)
    video = root / VIDEO
    subprocess.run(
        ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=1280x720:rate=30:duration=20",
         "-c:v", "libx264", "-pix_fmt", "yuv420p", "-movflags", "+faststart", str(video / "clip.mp4")],
        check=True,
    )  # fmt: skip
    _edit_front(video / "index.md", video={"file": "clip.mp4", "duration": 20, "poster": "poster.jpg"})


def _edit_front(index: Path, **fields: Any) -> None:
    _, front, body = index.read_text(encoding="utf-8").split("---\n", 2)
    data = {**yaml.safe_load(front), **fields}
    index.write_text(f"---\n{yaml.safe_dump(data, allow_unicode=True, sort_keys=False)}---\n{body}", encoding="utf-8")


def build(root: Path) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site"], cwd=root, env=env, check=True)
    print(f"built in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return root / "site"


class _Host(http.server.SimpleHTTPRequestHandler):
    """A static host as GitHub Pages or any CDN is one: text (HTML, CSS, JS, JSON, SVG) is sent gzipped."""

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        path = path / "index.html" if path.is_dir() else path
        if path.suffix not in TEXT_TYPES or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", TEXT_TYPES[path.suffix])
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Host, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class Tab:
    """A phone tab on slow 4G that counts every byte it receives, by URL."""

    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context(locale="zh-CN", **PHONE)
        self.page = self.context.new_page()
        self.page.add_init_script(LCP_SCRIPT)
        self.cdp = self.context.new_cdp_session(self.page)
        self.cdp.send("Network.enable")
        self.cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        self.cdp.send("Network.emulateNetworkConditions", SLOW_4G)
        self.cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        self.urls: dict[str, str] = {}
        self.bytes: dict[str, float] = {}
        self.cdp.on("Network.requestWillBeSent", lambda e: self.urls.__setitem__(e["requestId"], e["request"]["url"]))
        self.cdp.on("Network.dataReceived", self._data)
        self.cdp.on("Network.loadingFinished", self._finished)

    def _data(self, event: dict[str, Any]) -> None:
        url = self.urls.get(event["requestId"], "?")
        self.bytes[url] = self.bytes.get(url, 0) + event.get("encodedDataLength", 0)

    def _finished(self, event: dict[str, Any]) -> None:
        url = self.urls.get(event["requestId"], "?")
        self.bytes[url] = max(self.bytes.get(url, 0), event.get("encodedDataLength", 0))

    def quiet(self, seconds: float = 1.5) -> None:
        """Wait until nothing more arrives for a while (images load lazily as they come into view)."""
        total = -1.0
        while total != self.total():
            total = self.total()
            self.page.wait_for_timeout(seconds * 1000)

    def total(self, suffix: str = "") -> float:
        return sum(size for url, size in self.bytes.items() if url.split("?")[0].endswith(suffix))

    def close(self) -> None:
        self.context.close()


def measure_gallery(browser: Any, base: str) -> dict[str, float]:
    tab = Tab(browser)
    tab.page.goto(base + "winter-driving/snow-road-gallery/", wait_until="load")
    tab.quiet()
    before, lcp = tab.total(), tab.page.evaluate("window.__lcp")
    height = tab.page.evaluate("document.documentElement.scrollHeight")
    for top in range(0, height + 844, 600):
        tab.page.evaluate(f"window.scrollTo(0, {top})")
        tab.page.wait_for_timeout(400)
    tab.quiet()
    after = tab.total()
    largest = max((s for u, s in tab.bytes.items() if ".webp" in u or ".jpg" in u), default=0)
    if os.environ.get("PAGE_WEIGHT_DEBUG"):
        for url, size in sorted(tab.bytes.items(), key=lambda x: -x[1])[:25]:
            print(f"{size / 1e3:9.1f} kB  {url}", file=sys.stderr)
    tab.close()
    return {"before_mb": before / 1e6, "after_mb": after / 1e6, "lcp_s": lcp / 1000, "largest_image_kb": largest / 1e3}


def measure_video(browser: Any, base: str) -> dict[str, float]:
    tab = Tab(browser)
    tab.page.goto(base + "winter-driving/snow-braking/", wait_until="load")
    tab.quiet()
    before = tab.total(".mp4")
    tab.page.click("video")
    tab.page.evaluate("document.querySelector('video').play()")
    tab.page.wait_for_timeout(3000)
    after = tab.total(".mp4")
    tab.close()
    return {"video_bytes_before_play": before, "video_kb_after_play": after / 1e3}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="page-weight-") as temp:
        root = Path(temp)
        make_repo(root)
        originals = sum(p.stat().st_size for p in (root / GALLERY).glob("*.jpg"))
        print(f"gallery originals: {originals / 1e6:.1f} MB", file=sys.stderr)
        site = build(root)
        runs: list[dict[str, float]] = []
        with serve(site) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for _ in range(args.rounds):
                runs.append({**measure_gallery(browser, base), **measure_video(browser, base)})
            browser.close()
    figures = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    budget = {"before_mb": 1.0, "after_mb": 3.0, "lcp_s": 2.5, "video_bytes_before_play": 0}
    for key, value in figures.items():
        limit = budget.get(key)
        verdict = "" if limit is None else ("  ok" if value <= limit else f"  OVER (≤ {limit})")
        print(f"{key:26} {value:10.2f}{verdict}")


if __name__ == "__main__":
    main()
