"""`mkdocs serve` rebuilds keep unchanged files in place: after any edit (a module, a photo, a person, the
blueprint, mkdocs.yml, a removed module, a failed build) the served site is byte for byte what a full build of
the same repository writes, and nothing from before the edit stays."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError
from test_build_cache import edit_kept_pages

from conftest import Repo, Site

SERVE_URL = "http://127.0.0.1:8000/"
ACCEPTED = {"status": "accepted", "contributors": ["li-na"], "claimed": "2026-11-01"}


class Served:
    """What `mkdocs serve` does: one set of plugin instances, a fresh configuration for every rebuild."""

    def __init__(self, repo: Repo, **options: object) -> None:
        self.repo, self.site = repo, Site(repo.root / "served")
        repo.write_config(**options)
        self.first = load_config(str(repo.root / "mkdocs.yml"), site_dir=str(self.site.root))
        self.first.plugins.on_startup(command="serve", dirty=False)
        self.rebuild()

    def rebuild(self) -> Site:
        config = load_config(str(self.repo.root / "mkdocs.yml"), site_dir=str(self.site.root))
        build(config, serve_url=SERVE_URL)
        return self.site


def stat(path: Path) -> tuple[int, int]:
    found = path.stat()
    return found.st_ino, found.st_mtime_ns


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def full_build(repo: Repo) -> dict[str, bytes]:
    """What `mkdocs build` writes for the repository as it is now, with the same mkdocs.yml."""
    site_dir = repo.root / "full"
    shutil.rmtree(site_dir, ignore_errors=True)
    config = load_config(str(repo.root / "mkdocs.yml"), site_dir=str(site_dir))
    build(config, serve_url=SERVE_URL)
    return files(site_dir)


def assert_like_a_full_build(served: Served) -> None:
    got, want = files(served.site.root), full_build(served.repo)
    assert sorted(got) == sorted(want)
    assert [name for name in want if got[name] != want[name]] == []


@pytest.fixture
def served(repo: Repo) -> Served:
    return Served(repo)


def edit_module(repo: Repo) -> None:
    repo.module("guide", "daily-check", ACCEPTED, "- [ ] 改过的第一项\n" * 6)


def edit_person(repo: Repo) -> None:
    repo.person("li-na", name="李娜娜", github="lina-drives", skills=["video-shooting"])


def edit_blueprint(repo: Repo) -> None:
    path = repo.root / "handbooks/guide/handbook.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("每日检查清单", "每天出门前的检查"), encoding="utf-8")


def edit_config(repo: Repo) -> None:
    repo.config["site_name"] = "改过名字的手册站"
    repo.write_config()


def replace_photo(repo: Repo) -> None:
    repo.write("handbooks/guide/modules/storage/p1.jpg", b"\xff\xd8\xff\xe0 another, longer photo")


@pytest.mark.parametrize(
    ("edit", "page", "shows"),
    [
        (edit_module, "guide/daily-check/", "改过的第一项"),
        (edit_module, "guide/print/", "改过的第一项"),
        (edit_person, "guide/daily-check/", "李娜娜"),
        (edit_blueprint, "guide/first-1000km/", "每天出门前的检查"),  # navigation, footer
        (edit_config, "guide/storage/", "改过名字的手册站"),
    ],
)
def test_a_rebuild_shows_the_edit_and_equals_a_full_build(
    served: Served, edit: Callable[[Repo], None], page: str, shows: str
) -> None:
    assert shows not in served.site.html(page)
    edit(served.repo)
    assert shows in served.rebuild().html(page)
    assert_like_a_full_build(served)


def test_a_replaced_photo_is_copied_again(served: Served) -> None:
    replace_photo(served.repo)
    served.rebuild()
    assert (served.site.root / "guide/storage/p1.jpg").read_bytes().endswith(b"longer photo")
    assert_like_a_full_build(served)


def test_a_removed_module_and_photo_leave_nothing_behind(served: Served) -> None:
    folder = served.repo.root / "handbooks/guide/modules/storage"
    (folder / "p3.jpg").rename(folder / "p4.jpg")
    gallery = {"status": "accepted", "contributors": ["zhou-kai"], "claimed": "2026-11-01"}
    gallery["gallery"] = [{"file": f"p{i}.jpg", "alt": f"储物格 {i}"} for i in (0, 1, 2, 4)]
    served.repo.module("guide", "storage", gallery, "车里藏着很多储物空间。\n")
    blueprint = served.repo.root / "handbooks/guide/handbook.yml"
    data = yaml.safe_load(blueprint.read_text(encoding="utf-8"))
    data["chapters"][1]["modules"] = [m for m in data["chapters"][1]["modules"] if m["id"] != "open-one"]
    blueprint.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert served.site.exists("guide/open-one/")
    site = served.rebuild()
    assert not (site.root / "guide/storage/p3.jpg").exists() and (site.root / "guide/storage/p4.jpg").exists()
    assert not (site.root / "guide/open-one").exists()
    assert_like_a_full_build(served)


def test_files_in_place_are_kept_and_only_changed_pages_written(served: Served) -> None:
    before = {p: stat(p) for p in served.site.all_files()}
    edit_module(served.repo)
    served.rebuild()
    after = {p: stat(p) for p in served.site.all_files()}
    rewritten = sorted(p.relative_to(served.site.root).as_posix() for p in after if after[p] != before.get(p))
    assert "guide/daily-check/index.html" in rewritten and "guide/print/index.html" in rewritten
    assert "guide/storage/index.html" not in rewritten and "guide/storage/p1.jpg" not in rewritten
    assert not any(p.name.startswith(".") for p in served.site.root.iterdir())


def test_pages_in_place_are_not_made_again(served: Served) -> None:
    mark = "缓存记号</article>"
    edit_kept_pages(served.repo.root / ".cache/cohandbook", lambda html: html.replace("</article>", mark))
    edit_module(served.repo)
    site = served.rebuild()
    assert "缓存记号" not in site.html("guide/storage/")  # the file in place was kept, the cache not read
    assert "改过的第一项" in site.html("guide/daily-check/")


@pytest.mark.usefixtures("expect_warnings")
def test_after_a_failed_rebuild_the_next_one_is_whole(served: Served, caplog: pytest.LogCaptureFixture) -> None:
    path = served.repo.root / "handbooks/guide/handbook.yml"
    blueprint = path.read_text(encoding="utf-8")
    data = yaml.safe_load(blueprint)
    path.write_text(yaml.safe_dump({**data, "status": "published"}, allow_unicode=True), encoding="utf-8")
    with caplog.at_level(logging.ERROR), pytest.raises((PluginError, Abort)):
        served.rebuild()
    path.write_text(blueprint, encoding="utf-8")
    edit_module(served.repo)
    assert "改过的第一项" in served.rebuild().html("guide/daily-check/")
    assert_like_a_full_build(served)


def test_serve_dirty_and_plain_builds_are_left_to_mkdocs(repo: Repo) -> None:
    repo.build()
    assert not any(p.name.startswith(".") for p in (repo.root / "site").iterdir())


def test_a_build_into_another_folder_leaves_the_served_one_alone(served: Served) -> None:
    before = files(served.site.root)
    full = full_build(served.repo)  # the same plugin instances, another site folder
    assert files(served.site.root) == before
    edit_module(served.repo)
    assert "改过的第一项" in served.rebuild().html("guide/daily-check/")
    assert files(served.repo.root / "full") == full  # the other folder's files are not this one's to delete
    assert_like_a_full_build(served)
