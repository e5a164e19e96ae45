"""Real in-process builds of temporary repositories, checked by parsing the HTML."""

from __future__ import annotations

import hashlib
import os
import posixpath
import subprocess
import sys

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from conftest import PROJECT, Repo, Site


def reading_order(site: Site, start: str, limit: int = 50) -> list[str]:
    """Page titles met by following the footer's 下一页 links from `start`."""
    titles, url = [], start
    for _ in range(limit):
        soup = site.soup(url)
        titles.append(soup.select_one("article h1").get_text(strip=True))
        following = soup.select_one("a.md-footer__link--next")
        if following is None:
            break
        url = posixpath.normpath(posixpath.join(url, following["href"])) + "/"
    return titles


def test_module_pages_live_at_spec_urls(repo: Repo) -> None:
    site = repo.build()
    for url in ("guide/setup-video/", "guide/storage/", "guide/first-1000km/", "guide/daily-check/"):
        assert site.exists(url), url
    assert not site.exists("guide/modules/setup-video/")


def test_reading_order_follows_the_blueprint(repo: Repo) -> None:
    order = reading_order(repo.build(), "guide/")
    modules = ["首次车机设置", "隐藏储物空间", "首个一千公里", "每日检查清单", "尚未认领的模块", "创作中的模块"]
    assert order[: 1 + len(modules)] == ["新手车主用车宝典", *modules]


def test_reading_order_follows_the_blueprint_not_folder_names(repo: Repo) -> None:
    path = repo.root / "handbooks/guide/handbook.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["chapters"].reverse()
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    order = reading_order(repo.build(), "guide/")
    assert order.index("首个一千公里") < order.index("首次车机设置")


def test_cover_names_brand_and_every_credited_contributor(repo: Repo) -> None:
    cover = repo.build().article("guide/")
    line = cover.select_one(".ch-credit-line").get_text()
    # Credit order: first module in blueprint order (li-na made setup-video, zhou-kai storage).
    assert line == "由 星河汽车 与社区用户 李娜、周凯共同创作"
    assert cover.h1.get_text() == "新手车主用车宝典"
    assert "给刚提车的你。" in cover.get_text()


def test_module_page_shows_contributors_with_roles(repo: Repo) -> None:
    article = repo.build().article("guide/setup-video/")
    people = [li.get_text(" ", strip=True) for li in article.select(".ch-module-credits li")]
    assert people == ["李娜 视频拍摄、剪辑"]
    assert article.h1.get_text() == "首次车机设置"


def test_default_role_comes_from_the_format(repo: Repo) -> None:
    article = repo.build().article("guide/storage/")
    assert [li.get_text(" ", strip=True) for li in article.select(".ch-module-credits li")] == ["周凯 摄影"]


def test_placeholders_for_open_and_claimed_modules(repo: Repo) -> None:
    site = repo.build()
    open_page = site.article("guide/open-one/").get_text()
    assert "等人认领" in open_page and "写一写充电。" in open_page
    claimed = site.article("guide/claimed-one/").get_text()
    assert "周凯 已认领" in claimed and "2026-12-31" in claimed
    assert "创作中。" not in claimed  # work in progress is not published


def test_submitted_module_is_marked_under_review(repo: Repo) -> None:
    article = repo.build().article("guide/first-1000km/")
    assert article.select_one(".ch-state-submitted").get_text() == "审核中"


def test_module_assets_are_copied_next_to_the_page(repo: Repo) -> None:
    site = repo.build()
    assert (site.root / "guide/storage/p0.jpg").read_bytes().startswith(b"\xff\xd8")
    img = site.article("guide/storage/").select_one(".ch-gallery img")
    assert img["src"] == "p0.jpg" and img["alt"] == "储物格 0"


def test_published_handbook_shows_accepted_modules_only(repo: Repo) -> None:
    repo.handbook(
        "done",
        title="已完成",
        status="published",
        chapters=[
            {
                "id": "c",
                "title": "章",
                "modules": [
                    {"id": "a", "title": "甲", "format": "checklist"},
                    {"id": "b", "title": "乙", "format": "checklist", "optional": True},
                ],
            }
        ],
    )
    repo.module(
        "done", "a", {"status": "accepted", "contributors": ["li-na"], "claimed": "2026-11-01"}, "- [ ] x\n" * 5
    )
    repo.module(
        "done", "b", {"status": "submitted", "contributors": ["li-na"], "claimed": "2026-11-01"}, "- [ ] y\n" * 5
    )
    site = repo.build()
    assert site.exists("done/a/")
    assert not site.exists("done/b/")  # optional and not accepted: not on a published handbook


def test_published_handbook_with_unaccepted_required_module_fails(
    repo: Repo, caplog: pytest.LogCaptureFixture, expect_warnings: None
) -> None:
    repo.handbook(
        "done",
        status="published",
        chapters=[{"id": "c", "title": "章", "modules": [{"id": "a", "title": "甲", "format": "checklist"}]}],
    )
    with pytest.raises(Abort):
        repo.build(strict=False)  # fails even without --strict
    assert any("[published-incomplete]" in r.getMessage() and "甲" in r.getMessage() for r in caplog.records)


def test_data_error_is_logged_with_file_and_line_and_fails_strict(
    repo: Repo, caplog: pytest.LogCaptureFixture, expect_warnings: None
) -> None:
    repo.module("guide", "daily-check", {"status": "accepted", "contributors": ["nobody"]}, "- [ ] a\n" * 6)
    with pytest.raises(Abort):
        repo.build()
    messages = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert any("handbooks/guide/modules/daily-check/index.md:4: [contributor-unknown]" in m for m in messages)


def test_broken_front_matter_still_builds_without_strict(
    repo: Repo, caplog: pytest.LogCaptureFixture, expect_warnings: None
) -> None:
    repo.write("handbooks/guide/modules/daily-check/index.md", "---\nstatus: [accepted\n---\nbody\n")
    site = repo.build(strict=False)
    assert "等人认领" in site.article("guide/daily-check/").get_text()  # shown as open, not lost silently
    assert any("daily-check/index.md:3: [yaml-syntax]" in r.getMessage() for r in caplog.records)


def test_private_notes_never_reach_the_site(repo: Repo) -> None:
    site = repo.build()
    for file in site.all_files():
        if file.suffix in {".html", ".json", ".xml", ".txt", ".js"}:
            assert "机密备注" not in file.read_text(encoding="utf-8", errors="replace"), file


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_links_between_generated_pages_resolve(repo: Repo, use_directory_urls: bool) -> None:
    repo.config["use_directory_urls"] = use_directory_urls
    site = repo.build()
    cover = site.root / "guide/index.html"
    for link in site.soup("guide/").select(".ch-contents a"):
        target = (cover.parent / link["href"]).resolve()
        target = target / "index.html" if target.is_dir() else target
        assert target.is_file(), link["href"]


def test_two_builds_are_byte_identical(repo: Repo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def digest() -> dict[str, str]:
        site = repo.build()
        return {str(p.relative_to(site.root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in site.all_files()}

    first = digest()
    assert first == digest()


def test_markdown_link_to_a_module_still_open_resolves(repo: Repo) -> None:
    body = "".join(f"- [ ] 检查第 {i} 项\n" for i in range(6)) + "\n另见[充电](../open-one/index.md)。\n"
    repo.module(
        "guide", "daily-check", {"status": "accepted", "contributors": ["li-na"], "claimed": "2026-11-01"}, body
    )
    link = repo.build().article("guide/daily-check/").find("a", string="充电")
    assert link["href"] == "../open-one/"


def _local_targets(site: Site):  # type: ignore[no-untyped-def]
    """(page, reference, resolved path) for every relative link, image and script of every HTML page."""
    for page in site.root.rglob("*.html"):  # 404.html links absolutely, from site_url: skipped below
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for tag, attr in (("a", "href"), ("img", "src"), ("script", "src"), ("link", "href"), ("source", "src")):
            for element in soup.find_all(tag):
                ref = element.get(attr)
                if not ref or ref.startswith(("#", "mailto:", "javascript:", "/")) or "://" in ref:
                    continue
                target = (page.parent / ref.split("#")[0].split("?")[0]).resolve()
                yield page, ref, target / "index.html" if target.is_dir() else target


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_every_local_link_on_every_page_resolves(repo: Repo, use_directory_urls: bool) -> None:
    data = yaml.safe_load((repo.root / "handbooks/guide/handbook.yml").read_text(encoding="utf-8"))
    data["cover"] = "cover.jpg"
    data["chapters"][1]["modules"][2]["resources"] = [{"title": "充电说明", "file": "resources/charging.png"}]
    repo.write("handbooks/guide/handbook.yml", yaml.safe_dump(data, allow_unicode=True))
    repo.write("handbooks/guide/cover.jpg", b"\xff\xd8\xff\xe0 cover")
    repo.write("handbooks/guide/resources/charging.png", b"\x89PNG\r\n\x1a\n resource")
    repo.config["use_directory_urls"] = use_directory_urls
    site = repo.build()
    broken = [(p.relative_to(site.root), ref) for p, ref, target in _local_targets(site) if not target.is_file()]
    assert broken == []
    checked = {ref for _, ref, _ in _local_targets(site)}
    assert any(ref.endswith("guide/cover.jpg") for ref in checked)  # the library's cover image
    assert any(ref.endswith("resources/charging.png") for ref in checked)  # a placeholder's resource


@pytest.mark.parametrize(
    ("url", "chapter"),
    [
        ("guide/storage/", ["首次车机设置", "隐藏储物空间"]),
        ("guide/daily-check/", ["首个一千公里", "每日检查清单", "尚未认领的模块"]),
    ],
)
def test_every_chapter_lists_all_its_modules_in_the_sidebar(repo: Repo, url: str, chapter: list[str]) -> None:
    """Module pages are index.md files; the first one of a chapter must not be taken for the chapter's page."""
    nav = repo.build().soup(url).select_one("nav.md-nav--primary")
    titles = [a.get_text(" ", strip=True) for a in nav.select("a.md-nav__link")]
    assert all(title in titles for title in chapter), titles


def test_builds_are_identical_across_processes_and_hash_seeds(example_copy: Repo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Set and dict order changes with PYTHONHASHSEED; nothing of it may reach the output."""
    example_copy.write("mkdocs.yml", dump_config(example_copy))
    digests = []
    for seed in ("0", "1"):
        site = tmp_path / f"site-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed, "COHANDBOOK_TODAY": "2026-11-22", "NO_MKDOCS_2_WARNING": "1"}
        env["PYTHONPATH"] = str(PROJECT / "plugins")
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-f", "mkdocs.yml", "-d", str(site)]
        subprocess.run(command, cwd=example_copy.root, env=env, check=True, capture_output=True)
        digests.append(
            {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).digest() for p in Site(site).all_files()}
        )
    assert len(digests[0]) > 50
    assert digests[0] == digests[1]


def dump_config(repo: Repo) -> str:
    return yaml.safe_dump(repo.config, allow_unicode=True, sort_keys=False)


def test_pages_kept_out_of_the_nav_on_purpose_raise_no_notice(repo: Repo, caplog: pytest.LogCaptureFixture) -> None:
    site = repo.build()
    assert site.exists("contributors/li-na/") and site.exists("guide/print/")
    assert not any("not included in the" in r.getMessage() for r in caplog.records)


def test_claimant_on_a_placeholder_links_to_their_profile(repo: Repo) -> None:
    site = repo.build()
    link = site.article("guide/claimed-one/").select_one(".ch-placeholder__status a.ch-name")
    assert link.get_text() == "周凯"
    assert posixpath.normpath(posixpath.join("guide/claimed-one/", link["href"])) == "contributors/zhou-kai"
