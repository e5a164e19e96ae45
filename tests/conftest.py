"""Shared test helpers: temporary handbook repositories, real in-process MkDocs builds, HTML parsing.

Every test runs under `fail_on_unexpected_warnings`: a MkDocs or cohandbook warning that a test did not ask
for (with the `expect_warnings` fixture) fails it, so noise cannot creep into real builds unnoticed.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.pop("COHANDBOOK_TODAY", None)  # tests pin dates explicitly; a developer's shell must not leak in

PROJECT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-22"


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


class Repo:
    """A handbook repository under construction in a temporary folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.config: dict[str, Any] = project_config()

    def write(self, path: str, text: str | bytes) -> Path:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")
        return target

    def skills(self, **tags: str) -> Repo:
        self.write("contributors/skills.yml", dump(tags))
        return self

    def person(self, handle: str, **fields: Any) -> Repo:
        fields.setdefault("name", handle)
        self.write(f"contributors/{handle}.yml", dump(fields))
        return self

    def squad(self, squad_id: str, **fields: Any) -> Repo:
        self.write(f"contributors/squads/{squad_id}.yml", dump(fields))
        return self

    def handbook(self, handbook_id: str, **fields: Any) -> Repo:
        fields.setdefault("title", handbook_id)
        fields.setdefault("brand", "星河汽车")
        self.write(f"handbooks/{handbook_id}/handbook.yml", dump(fields))
        return self

    def module(self, handbook: str, module: str, front: dict[str, Any], body: str = "", **files: bytes) -> Repo:
        self.write(f"handbooks/{handbook}/modules/{module}/index.md", f"---\n{dump(front)}---\n{body}")
        for name, content in files.items():
            self.write(f"handbooks/{handbook}/modules/{module}/{name.replace('__', '.')}", content)
        return self

    def write_config(self, *, today: str = TODAY, **plugin_options: Any) -> Path:
        """mkdocs.yml of the project, with "today" pinned and these options for our plugin."""
        config = dict(self.config)
        options = {"today": today, **plugin_options}
        config["plugins"] = [
            {"cohandbook": {**_options(p), **options}} if _is_ours(p) else p for p in config["plugins"]
        ]
        return self.write("mkdocs.yml", dump(config))

    def build(self, *, strict: bool = True, today: str = TODAY, **plugin_options: Any) -> Site:
        self.write_config(today=today, **plugin_options)
        site_dir = self.root / "site"
        cfg = load_config(str(self.root / "mkdocs.yml"), site_dir=str(site_dir), strict=strict)
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            build(cfg)
        finally:
            cfg.plugins.on_shutdown()
        return Site(site_dir)


def _is_ours(plugin: Any) -> bool:
    return plugin == "cohandbook" or (isinstance(plugin, dict) and "cohandbook" in plugin)


def _options(plugin: Any) -> dict[str, Any]:
    return dict(plugin["cohandbook"] or {}) if isinstance(plugin, dict) else {}


def project_config() -> dict[str, Any]:
    """The project's own mkdocs.yml, with paths made absolute so a temporary repository can use it."""
    config = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["custom_dir"] = str(PROJECT / "theme")
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "search" in plugin and plugin["search"]:
            for key in ("jieba_dict_user", "jieba_dict"):
                if key in plugin["search"]:
                    plugin["search"][key] = str(PROJECT / plugin["search"][key])
    return config


class Site:
    """A built site: parsed pages by URL path."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, url_path: str) -> Path:
        target = self.root / url_path.strip("/")
        return target / "index.html" if not url_path.endswith(".html") else target

    def exists(self, url_path: str) -> bool:
        return self.path(url_path).is_file()

    def html(self, url_path: str) -> str:
        return self.path(url_path).read_text(encoding="utf-8")

    def soup(self, url_path: str) -> BeautifulSoup:
        return BeautifulSoup(self.html(url_path), "lxml")

    def article(self, url_path: str) -> BeautifulSoup:
        article = self.soup(url_path).select_one("article.md-content__inner")
        assert article is not None, f"no article on {url_path}"
        return article

    def all_files(self) -> Iterator[Path]:
        return (p for p in sorted(self.root.rglob("*")) if p.is_file())


def pdf_pages(pdf: bytes) -> int:
    """Pages in a PDF that Chromium printed (its page objects are not compressed)."""
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


GALLERY_IMAGES = {f"p{i}__jpg": b"\xff\xd8\xff\xe0 jpeg" for i in range(4)}


def standard_repo(root: Path) -> Repo:
    """A small but complete repository: every format, every state, two people, one squad-less handbook."""
    repo = Repo(root)
    repo.skills(**{"video-shooting": "视频拍摄", "writing": "文字写作", "photography": "摄影"})
    repo.person("li-na", name="李娜", github="lina-drives", skills=["video-shooting"], private={"notes": "机密备注"})
    repo.person("zhou-kai", name="周凯", github="zhoukai", skills=["writing", "photography"])
    repo.handbook(
        "guide",
        title="新手车主用车宝典",
        summary="给刚提车的你。",
        chapters=[
            {
                "id": "first-day",
                "title": "提车第一天",
                "modules": [
                    {"id": "setup-video", "title": "首次车机设置", "format": "video", "skills": ["video-shooting"]},
                    {"id": "storage", "title": "隐藏储物空间", "format": "gallery"},
                ],
            },
            {
                "id": "daily",
                "title": "日常用车",
                "modules": [
                    {"id": "first-1000km", "title": "首个一千公里", "format": "article"},
                    {"id": "daily-check", "title": "每日检查清单", "format": "checklist"},
                    {"id": "open-one", "title": "尚未认领的模块", "format": "article", "brief": "写一写充电。"},
                    {"id": "claimed-one", "title": "创作中的模块", "format": "video", "deadline": "2026-12-31"},
                ],
            },
        ],
    )
    repo.module(
        "guide",
        "setup-video",
        {
            "status": "accepted",
            "contributors": [{"handle": "li-na", "roles": ["video", "editing"]}],
            "claimed": "2026-11-01",
            "video": {"bilibili": "BV1Xx411c7mD", "duration": 118, "poster": "poster.jpg"},
        },
        "两分钟学会首次设置车机。\n",
        poster__jpg=b"\xff\xd8\xff\xe0 poster",
    )
    repo.module(
        "guide",
        "storage",
        {
            "status": "accepted",
            "contributors": ["zhou-kai"],
            "claimed": "2026-11-01",
            "gallery": [{"file": f"p{i}.jpg", "alt": f"储物格 {i}"} for i in range(4)],
        },
        "车里藏着很多储物空间。\n",
        **GALLERY_IMAGES,
    )
    repo.module(
        "guide",
        "first-1000km",
        {"status": "submitted", "contributors": ["zhou-kai", "li-na"], "claimed": "2026-11-01"},
        "## 磨合\n\n" + "新车前一千公里要温柔驾驶，胎压监测要常看，热泵空调冬天更省电。" * 12 + "\n",
    )
    repo.module(
        "guide",
        "daily-check",
        {"status": "accepted", "contributors": [{"handle": "li-na", "roles": ["writing"]}], "claimed": "2026-11-01"},
        "".join(f"- [ ] 检查第 {i} 项\n" for i in range(6)),
    )
    repo.module(
        "guide",
        "claimed-one",
        {"status": "claimed", "contributors": ["zhou-kai"], "claimed": "2026-11-20"},
        "创作中。\n",
    )
    return repo


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return standard_repo(tmp_path / "repo")


@pytest.fixture
def example_copy(tmp_path: Path) -> Repo:
    """A copy of the project's own example repository."""
    root = tmp_path / "example"
    for folder in ("handbooks", "contributors"):
        shutil.copytree(PROJECT / folder, root / folder)
    return Repo(root)


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The project's example repository, built once for the tests that only read it (browser, PDF)."""
    root = tmp_path_factory.mktemp("example-site")
    for folder in ("handbooks", "contributors"):
        shutil.copytree(PROJECT / folder, root / folder)
    return Repo(root).build()


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's Chromium, which the browser tests drive (Playwright never downloads a browser here).

    Outside CI a machine without it skips those tests; in CI (CI=true) a missing browser is a failure, so
    the browser tests can never silently stop running.
    """
    from cohandbook.cli.pdf import find_chromium

    found = find_chromium()
    if found is None and os.environ.get("CI") == "true":
        pytest.fail("CI=true but Chromium is not installed: `make test` installs it (apt-get install chromium).")
    if found is None:
        pytest.skip("Chromium is not installed (`make test` installs it); browser tests skipped outside CI")
    return found


@pytest.fixture
def expect_warnings() -> None:
    """Request this fixture in a test that checks warnings itself (through `caplog`)."""


@pytest.fixture(autouse=True)
def fail_on_unexpected_warnings(request: pytest.FixtureRequest, caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    caplog.set_level(logging.INFO)
    yield
    if "expect_warnings" in request.fixturenames:
        return
    unexpected = [r for r in caplog.get_records("call") if r.levelno >= logging.WARNING]
    assert not unexpected, "unexpected log warnings:\n" + "\n".join(r.getMessage() for r in unexpected)
