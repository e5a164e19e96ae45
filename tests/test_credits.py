"""Credits from declared front matter: the core's grouping, and the credits page, cover and module pages."""

from __future__ import annotations

import posixpath
from dataclasses import replace
from datetime import date

import pytest
from talent_data import CHECKLIST, add_winter_squad

from cohandbook.core.domain.credits import credit_line, handbook_credits
from cohandbook.core.domain.model import Chapter, Contributor, Credit, Handbook, ModuleSpec, ModuleWork, Repository
from cohandbook.core.domain.progress import module_rows
from cohandbook.core.site.urls import Urls
from conftest import Repo, Site

TODAY = date(2026, 11, 22)


def literal_repo() -> tuple[Repository, Handbook]:
    """Two modules where credit-line order (first module) differs from order within a role."""
    specs = (
        ModuleSpec("one", "第一篇", "article"),
        ModuleSpec("two", "第二段", "video"),
    )
    handbook = Handbook("h", "手册", "星河汽车", "handbooks/h/handbook.yml", chapters=(Chapter("c", "章", specs),))
    works = {
        ("h", "one"): ModuleWork(
            "h", "one", "f1", "accepted", (Credit("bo", ("writing",)), Credit("al", ("writing",)))
        ),
        ("h", "two"): ModuleWork(
            "h", "two", "f2", "accepted", (Credit("al", ("video",)),), former_contributors=(Credit("bo", ("video",)),)
        ),
    }
    people = {h: Contributor(h, name, f"contributors/{h}.yml") for h, name in (("al", "阿力"), ("bo", "博文"))}
    return Repository((handbook,), works, people), handbook


def test_credits_group_by_role_in_vocabulary_order_people_in_credit_line_order() -> None:
    repo, handbook = literal_repo()
    credits = handbook_credits(repo, module_rows(repo, handbook, TODAY))
    table = [(group.label, [(c.name, [s.id for s in specs]) for c, specs in group.people]) for group in credits.by_role]
    # bo is credited first (first module lists bo first), so bo leads every role, even video where al is listed first.
    assert table == [
        ("视频拍摄", [("博文", ["two"]), ("阿力", ["two"])]),
        ("文字", [("博文", ["one"]), ("阿力", ["one"])]),
    ]


def test_credits_by_module_keep_former_contributors() -> None:
    repo, handbook = literal_repo()
    credits = handbook_credits(repo, module_rows(repo, handbook, TODAY))
    two = credits.by_module[1]
    assert [(c.handle, c.roles) for c in two.credits] == [("al", ("video",)), ("bo", ("video",))]


def test_credits_leave_out_work_not_on_the_site() -> None:
    repo, handbook = literal_repo()
    published = replace(handbook, status="published")
    works = dict(repo.works)
    works[("h", "two")] = ModuleWork("h", "two", "f2", "submitted", (Credit("al", ()),))
    repo = Repository((published,), works, repo.contributors)
    credits = handbook_credits(repo, module_rows(repo, published, TODAY))
    assert [w.spec.id for w in credits.by_module] == ["one"]  # a published handbook shows accepted work only


def test_credit_line_wording() -> None:
    assert credit_line("星河汽车", ["李娜", "周凯"]) == "由 星河汽车 与社区用户 李娜、周凯共同创作"
    assert credit_line("星河汽车", []) == "由 星河汽车 创作"


def resolve(site: Site, page: str, href: str) -> str:
    """The site path a relative link on `page` points at."""
    return posixpath.normpath(posixpath.join(page, href)).strip("/")


def test_credits_page_groups_by_role_and_module(repo: Repo) -> None:
    site = repo.build()
    article = site.article("guide/credits/")
    assert article.h1.get_text() == "创作者名单"
    roles = {
        s.h3.get_text(): [li.select_one(".ch-name").get_text() for li in s.select("li")]
        for s in article.select(".ch-credits__role")
    }
    assert roles == {"视频拍摄": ["李娜"], "摄影": ["周凯"], "文字": ["李娜", "周凯"], "剪辑": ["李娜"]}
    rows = [[td.get_text("", strip=True) for td in tr.select("td")] for tr in article.select("tbody tr")]
    assert rows[0] == ["提车第一天", "首次车机设置", "李娜（视频拍摄、剪辑）"]
    assert [r[1] for r in rows] == ["首次车机设置", "隐藏储物空间", "首个一千公里", "每日检查清单"]


def test_credits_page_is_in_the_handbook_nav_and_linked_from_the_cover(repo: Repo) -> None:
    site = repo.build()
    link = site.article("guide/").select_one("a.ch-cover__credits")
    assert resolve(site, "guide/", link["href"]) == "guide/credits"
    nav_titles = [a.get_text(strip=True) for a in site.soup("guide/credits/").select(".md-nav__link")]
    assert "创作者名单" in nav_titles


def test_released_claim_keeps_credit_for_merged_work(repo: Repo) -> None:
    repo.person("wang-fang", name="王芳")
    repo.module(
        "guide",
        "daily-check",
        {
            "status": "accepted",
            "contributors": [{"handle": "li-na", "roles": ["writing"]}],
            "former_contributors": [{"handle": "wang-fang", "roles": ["photo"]}],
            "claimed": "2026-11-01",
        },
        CHECKLIST,
    )
    site = repo.build()
    assert "王芳" in site.article("guide/").select_one(".ch-credit-line").get_text()
    module = [li.get_text(" ", strip=True) for li in site.article("guide/daily-check/").select(".ch-module-credits li")]
    assert module == ["李娜 文字", "王芳 摄影"]
    photo = next(s for s in site.article("guide/credits/").select(".ch-credits__role") if s.h3.get_text() == "摄影")
    assert "王芳" in photo.get_text()
    assert "每日检查清单" in site.article("contributors/wang-fang/").select_one(".ch-profile__works").get_text()


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_module_page_names_link_to_profiles(repo: Repo, use_directory_urls: bool) -> None:
    repo.config["use_directory_urls"] = use_directory_urls
    site = repo.build()
    page = "guide/first-1000km/index.html"
    names = site.soup("guide/first-1000km/").select(".ch-module-credits a.ch-name, .ch-module-footer a.ch-name")
    assert [a.get_text() for a in names] == ["周凯", "李娜", "周凯", "李娜"]
    for a in names:
        target = (site.root / page).parent / a["href"]
        target = target / "index.html" if target.is_dir() else target
        assert target.is_file(), a["href"]
        assert site.soup(str(target.relative_to(site.root))).select_one("article h1").get_text() == a.get_text()


def test_squad_handbook_credit_line_follows_blueprint_order(repo: Repo) -> None:
    site = add_winter_squad(repo).build()
    line = site.article("winter/").select_one(".ch-credit-line").get_text()
    assert line == "由 星河汽车 与社区用户 李娜、赵磊共同创作"


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_relative_links_match_posixpath(use_directory_urls: bool) -> None:
    """The fast relative_url agrees with posixpath.relpath on every pair of page paths we generate."""
    link = Urls(use_directory_urls)
    paths = ["", "guide", "guide/credits", "guide/setup-video", "contributors", "contributors/li-na", "squads/a-b"]
    for target in paths:
        for base in paths:
            url, base_url = link.url(target), link.url(base)
            base_dir = base_url if base_url.endswith("/") or not base_url else posixpath.dirname(base_url)
            expected = posixpath.relpath("/" + url, "/" + base_dir)
            expected = (
                expected + "/" if url.endswith("/") and expected != "." else ("./" if expected == "." else expected)
            )
            assert link.relative(target, base) == expected, (target, base)
    assert link.relative_file("contributors/avatars/a.png", "contributors/li-na") == "../avatars/a.png"
