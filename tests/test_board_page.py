"""The /board/ page: open modules with a prefilled claim link, who holds what until when, progress."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from conftest import PROJECT, Repo


def claim_form_ids() -> set[str]:
    form = yaml.safe_load((PROJECT / ".github/ISSUE_TEMPLATE/claim.yml").read_text(encoding="utf-8"))
    return {field["id"] for field in form["body"] if "id" in field}


def test_open_module_has_brief_skills_deadline_and_prefilled_claim_link(repo: Repo) -> None:
    board = repo.build().article("board/")
    item = board.select_one("#guide-open-one")
    assert item.select_one(".ch-board__title a").get_text() == "尚未认领的模块"
    assert item.select_one(".ch-board__brief").get_text() == "写一写充电。"
    link = urlsplit(item.select_one("a.ch-claim")["href"])
    assert (link.scheme, link.netloc, link.path) == ("https", "github.com", "/xinghe-auto/handbooks/issues/new")
    query = {key: values[0] for key, values in parse_qs(link.query).items()}
    assert query["template"] == "claim.yml"
    assert (query["handbook"], query["module"]) == ("guide", "open-one")
    assert "尚未认领的模块" in query["title"]
    # Every prefilled parameter is a field of the issue form, or GitHub would silently drop it.
    assert set(query) - {"template", "title"} <= claim_form_ids()


def test_open_modules_are_grouped_by_chapter_with_skill_labels(repo: Repo) -> None:
    path = repo.root / "handbooks/guide/handbook.yml"
    blueprint = yaml.safe_load(path.read_text(encoding="utf-8"))
    blueprint["deadline"] = "2026-12-31"
    blueprint["chapters"][0]["modules"].append(
        {"id": "charging", "title": "家充安装", "format": "video", "skills": ["video-shooting"]}
    )
    path.write_text(yaml.safe_dump(blueprint, allow_unicode=True), encoding="utf-8")
    board = repo.build().article("board/")
    chapters = [h4.get_text() for h4 in board.select("#guide h4")]
    assert chapters == ["提车第一天", "日常用车"]
    charging = board.select_one("#guide-charging")
    assert [t.get_text() for t in charging.select(".ch-board__needs .ch-tag")] == ["视频拍摄"]
    assert charging.select_one(".ch-board__deadline").get_text() == "2026-12-31（还有 39 天）"


def test_claimed_and_overdue_modules_show_claimant_and_deadline(repo: Repo) -> None:
    board = repo.build(today="2027-01-05").article("board/")
    row = board.select_one("tr#guide-claimed-one")
    assert row.select_one(".ch-board__claimants").get_text() == "周凯"
    assert "2026-12-31" in row.get_text()
    assert "ch-state-overdue" in row["class"]
    assert "已逾期 5 天" in row.get_text()
    assert board.select_one("#guide-open-one") is not None  # open modules stay open, however late


def test_progress_bar_per_handbook(repo: Repo) -> None:
    board = repo.build().article("board/")
    bar = board.select_one("#guide .ch-progress__bar span")
    assert bar["style"] == "width: 50%"  # 3 of 6 required modules accepted
    assert "已完成 3/6" in board.select_one("#guide .ch-progress__text").get_text()


def test_without_repo_url_the_site_asks_car_owners_to_contact_the_operators(repo: Repo) -> None:
    del repo.config["repo_url"], repo.config["edit_uri"]
    site = repo.build(operators=["brand-team"])
    board = site.article("board/")
    assert board.select_one("a.ch-claim") is None
    contact = board.select_one("#guide-open-one .ch-contact").get_text()
    assert contact == "想认领或提交作品，请联系这本手册的运营人员（@brand-team）。"
    placeholder = site.article("guide/open-one/")
    assert placeholder.select_one(".ch-contact").get_text() == contact
    for page in (board, placeholder):
        assert "cohandbook" not in page.get_text() and page.select_one("code") is None


def test_squad_handbook_says_only_members_may_claim(repo: Repo) -> None:
    repo.person("a").person("b").person("c")
    repo.squad("team", name="冰雪项目组", members=["a", "b", "c"], handbook="snow")
    repo.handbook(
        "snow",
        squad="team",
        chapters=[{"id": "c", "title": "章", "modules": [{"id": "m", "title": "甲", "format": "article"}]}],
    )
    board = repo.build().article("board/")
    assert "只有组员可以认领" in board.select_one("#snow .ch-board__squad").get_text()
    assert "只有组员" not in board.select_one("#guide").get_text()


def test_titles_are_text_not_markup(repo: Repo) -> None:
    path = repo.root / "handbooks/guide/handbook.yml"
    blueprint = yaml.safe_load(path.read_text(encoding="utf-8"))
    blueprint["chapters"][1]["modules"][2]["title"] = "<b>充电</b> & 续航"
    path.write_text(yaml.safe_dump(blueprint, allow_unicode=True), encoding="utf-8")
    item = repo.build().article("board/").select_one("#guide-open-one")
    assert item.select_one(".ch-board__title a").get_text() == "<b>充电</b> & 续航"
    assert item.select_one(".ch-board__title b") is None


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_board_is_in_the_navigation_and_links_resolve(repo: Repo, use_directory_urls: bool) -> None:
    repo.config["use_directory_urls"] = use_directory_urls
    site = repo.build()
    nav = [a.get_text(strip=True) for a in site.soup("").select(".md-tabs__link")]
    assert "认领看板" in nav
    page = site.root / "board/index.html"
    for link in site.article("board/").select(".ch-board__title a, .ch-board__active a:not(.ch-submit)"):
        target = (page.parent / link["href"]).resolve()
        target = target / "index.html" if target.is_dir() else target
        assert target.is_file(), link["href"]
