"""`cohandbook pdf HANDBOOK`: the print edition as a PDF, printed by headless Chromium.

Chromium lays the page out exactly as a reader's browser prints it, with our print stylesheet, so the PDF and
a reader's own print-out are the same book. Chinese text needs a CJK font on the machine (Noto CJK).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import click

from ..core.read.site_config import CONFIG_FILE
from ..core.site.urls import print_edition
from .common import Context, fail, stderr, today_option

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
INSTALL_HINT = (
    "在 Debian/Ubuntu 上安装：sudo apt-get install chromium fonts-noto-cjk；或者用 --chromium 指定浏览器的路径。"
)
PRINT_SECONDS = 180


def find_chromium(explicit: str | None = None) -> str | None:
    """The browser to print with: the one given, else the first Chromium on PATH."""
    if explicit:
        return explicit if Path(explicit).is_file() and os.access(explicit, os.X_OK) else None
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def chromium_command(browser: str, page: Path, pdf: Path) -> list[str]:
    """Headless Chromium printing one local page to PDF, with nothing fetched from the network."""
    command = [
        browser,
        "--headless",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--no-first-run",
        "--no-pdf-header-footer",
        f"--print-to-pdf={pdf}",
    ]
    if os.geteuid() == 0:
        command.append("--no-sandbox")  # Chromium refuses to start its sandbox as root (containers, CI)
    return [*command, page.resolve().as_uri()]


@click.command()
@click.argument("handbook", metavar="手册编号")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="PDF 写到哪里（默认：手册编号.pdf）。",
)
@click.option(
    "--site",
    "site_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="用这个已经生成好的网站，不再重新生成。",
)
@click.option("--chromium", "browser", metavar="路径", help="用哪个 Chromium（或 Chrome）来打印。")
@today_option
@click.pass_obj
def pdf(
    ctx: Context, handbook: str, output: Path | None, site_dir: Path | None, browser: str | None, today: str | None
) -> None:
    """把一本手册的打印版（/手册编号/print/）用 Chromium 打印成 PDF。"""
    executable = find_chromium(browser)
    if executable is None:
        fail(f"没有找到 Chromium 浏览器，PDF 要用它来排版打印。{INSTALL_HINT}")
    output = output or Path(f"{handbook}.pdf")
    with tempfile.TemporaryDirectory(prefix="cohandbook-pdf-") as scratch:
        site = site_dir or build_site(ctx.root, Path(scratch) / "site", ctx.today(today).isoformat())
        page = site / print_edition(handbook) / "index.html"
        if not page.is_file():
            fail(f"网站里没有手册“{handbook}”的打印版（{page}）。检查手册编号，它就是 handbooks/ 下的文件夹名。")
        print_pdf(executable, page, output)
    stderr(f"已生成 {output}")


def build_site(root: Path, site_dir: Path, today: str) -> Path:
    """Build the whole site once into `site_dir`, the way `mkdocs build` would (not strict: a PDF is a preview)."""
    from mkdocs.commands.build import build  # only this command needs MkDocs; keep the others fast
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    config_file = root / CONFIG_FILE
    if not config_file.is_file():
        fail(f"{root} 里没有 mkdocs.yml：请在手册仓库的根目录运行，或用 --root 指定。")
    try:
        config = load_config(str(config_file), site_dir=str(site_dir))
        config.plugins["cohandbook"].config["today"] = today
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as exc:
        fail(f"网站构建失败：{exc}")
    return site_dir


def print_pdf(browser: str, page: Path, output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    command = chromium_command(browser, page, output.resolve())
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=PRINT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        fail(f"Chromium 在 {PRINT_SECONDS} 秒内没有打印完。")
    if result.returncode != 0 or not output.is_file():
        fail(f"Chromium 打印失败（退出码 {result.returncode}）：{result.stderr.strip()[-500:]}")
