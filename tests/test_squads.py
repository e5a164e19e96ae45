"""Squads: the squads page, honor pages of dissolved squads, active squads, and the squad rules."""

from __future__ import annotations

import posixpath

import pytest
from talent_data import CHECKLIST, add_winter_squad, codes, load

from conftest import Repo

MEMBERS = [{"handle": h} for h in ("li-na", "zhou-kai", "zhao-lei")]


def test_dissolved_squad_gets_an_honor_page(repo: Repo) -> None:
    site = add_winter_squad(repo).build()
    page = site.article("squads/ice-and-snow/")
    assert page.h1.get_text() == "冰雪项目组 荣誉出品"
    assert site.soup("squads/ice-and-snow/").title.get_text().startswith("冰雪项目组 荣誉出品")
    assert "冰雪路面驾驶技巧视频系列" in page.select_one(".ch-squad__mission").get_text()
    members = [li.get_text(" ", strip=True) for li in page.select(".ch-squad__members li")]
    assert members == ["赵磊 冰雪路况", "李娜 拍摄", "周凯 剪辑"]
    assert (
        page.select_one(".ch-squad__dates").get_text() == "2026-10-01 成立 · 2026-11-15 解散 · 作品《冰雪路面驾驶指南》"
    )
    assert not page.select(".ch-squad__active")


def test_honor_page_lists_the_works_linked_with_their_credits(repo: Repo) -> None:
    site = add_winter_squad(repo).build()
    works = site.article("squads/ice-and-snow/").select(".ch-squad__works li")
    assert [li.a.get_text() for li in works] == ["冰雪路面制动", "入冬检查"]  # blueprint order, finished work only
    assert works[0].select_one(".ch-squad__credits").get_text() == "李娜（视频拍摄）、赵磊（技术顾问）"
    for li in works:
        assert posixpath.normpath(posixpath.join("squads/ice-and-snow/", li.a["href"])) in (
            "winter/snow-braking",
            "winter/ice-list",
        )
        assert site.exists(posixpath.normpath(posixpath.join("squads/ice-and-snow/", li.a["href"])) + "/")


def test_active_squad_is_shown_as_active(repo: Repo) -> None:
    site = add_winter_squad(repo, dissolved=None).build()
    page = site.article("squads/ice-and-snow/")
    assert page.h1.get_text() == "冰雪项目组"
    assert page.select_one(".ch-squad__status").get_text() == "进行中"
    assert "正在创作中" in page.select_one(".ch-squad__active").get_text()
    assert page.select_one(".ch-progress")  # how far the squad's handbook is
    item = site.article("squads/").select_one(".ch-squad-list__item")
    assert "ch-squad--active" in item["class"] and item.select_one(".ch-squad__status").get_text() == "进行中"


def test_squads_page_lists_active_squads_first(repo: Repo) -> None:
    add_winter_squad(repo)
    repo.squad("night", name="夜行组", members=MEMBERS, formed="2026-11-10")
    items = repo.build().article("squads/").select(".ch-squad-list__item h2 a")
    assert [a.get_text() for a in items] == ["夜行组", "冰雪项目组"]


def test_squads_and_contributors_are_in_the_nav(repo: Repo) -> None:
    tabs = [a.get_text(strip=True) for a in repo.build().soup("").select(".md-tabs__link")]
    assert tabs[-2:] == ["贡献者", "项目组"]


def test_squads_page_without_squads(repo: Repo) -> None:
    assert "还没有项目组" in repo.build().article("squads/").get_text()


# --- the rules -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [2, 6])
def test_squad_size_must_be_three_to_five(repo: Repo, size: int) -> None:
    for i in range(size):
        repo.person(f"p{i}")
    repo.squad("s", name="组", members=[{"handle": f"p{i}"} for i in range(size)])
    assert "squad-size" in codes(repo)


def test_squad_members_must_be_in_the_pool(repo: Repo) -> None:
    repo.squad("s", name="组", members=[*MEMBERS[:2], {"handle": "ghost"}])
    assert "contributor-unknown" in codes(repo)


def test_valid_squad_handbook_has_no_errors(repo: Repo) -> None:
    assert codes(add_winter_squad(repo)) == []


def test_outsider_may_not_create_a_module_of_a_squad_handbook(repo: Repo) -> None:
    add_winter_squad(repo, dissolved=None)
    repo.person("wang-fang", name="王芳")
    repo.module("winter", "later", {"status": "claimed", "contributors": ["wang-fang"], "claimed": "2026-11-20"})
    assert codes(repo) == ["squad-outsider"]


def test_a_dissolved_squads_handbook_is_open_to_the_pool(repo: Repo) -> None:
    add_winter_squad(repo)  # dissolved on 2026-11-15
    repo.person("wang-fang", name="王芳")
    repo.module("winter", "later", {"status": "claimed", "contributors": ["wang-fang"], "claimed": "2026-11-20"})
    assert codes(repo) == []


def test_a_claim_made_the_day_the_squad_formed_stays_valid(repo: Repo) -> None:
    add_winter_squad(repo, dissolved=None)  # formed 2026-10-01
    repo.person("wang-fang", name="王芳")
    repo.module("winter", "later", {"status": "claimed", "contributors": ["wang-fang"], "claimed": "2026-10-01"})
    assert codes(repo) == []


def test_active_squad_and_blueprint_must_name_each_other(repo: Repo) -> None:
    add_winter_squad(repo, dissolved=None)
    path = repo.root / "handbooks/winter/handbook.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("squad: ice-and-snow\n", ""), encoding="utf-8")
    assert codes(repo) == ["squad-handbook-mismatch"]  # the squad says winter; the blueprint names nobody


def test_dissolved_squad_may_outlive_its_blueprint_link(repo: Repo) -> None:
    """After a squad is dissolved the operator may open its handbook to everyone again."""
    add_winter_squad(repo, dissolved="2026-11-15")
    path = repo.root / "handbooks/winter/handbook.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("squad: ice-and-snow\n", ""), encoding="utf-8")
    repo.person("wang-fang", name="王芳")
    repo.module("winter", "later", {"status": "claimed", "contributors": ["wang-fang"], "claimed": "2026-11-20"})
    assert codes(repo) == []


def test_released_outsider_keeps_credit_without_an_error(repo: Repo) -> None:
    add_winter_squad(repo)
    repo.person("wang-fang", name="王芳")
    front = {
        "status": "accepted",
        "claimed": "2026-10-02",
        "contributors": ["zhao-lei"],
        "former_contributors": ["wang-fang"],
    }
    repo.module("winter", "ice-list", front, CHECKLIST)
    assert codes(repo) == []


def test_blueprint_and_squad_file_must_agree(repo: Repo) -> None:
    add_winter_squad(repo)
    repo.squad("other", name="另一组", members=MEMBERS, handbook="guide", formed="2026-11-01", dissolved="2026-11-10")
    path = repo.root / "handbooks/winter/handbook.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("squad: ice-and-snow", "squad: other"), encoding="utf-8")
    # The blueprint names `other`, whose file says it made `guide`.
    findings = [f for f in load(repo)[1] if f.is_error]
    assert [(f.code, f.file) for f in findings] == [("squad-handbook-mismatch", "handbooks/winter/handbook.yml")]


# --- pages and rules that tell the truth -------------------------------------------------------------------


def test_dissolved_squad_without_finished_work_gets_no_honor_page(repo: Repo) -> None:
    add_winter_squad(repo)
    for module in ("snow-braking", "ice-list"):
        (repo.root / f"handbooks/winter/modules/{module}/index.md").unlink()
        (repo.root / f"handbooks/winter/modules/{module}").rmdir()
    site = repo.build()
    page = site.article("squads/ice-and-snow/")
    assert page.h1.get_text() == "冰雪项目组"
    assert "荣誉出品" not in site.html("squads/ice-and-snow/")
    assert "没有留下完成的作品" in page.select_one(".ch-squad__unfinished").get_text()
    item = site.article("squads/").select_one(".ch-squad-list__item")
    assert "ch-squad--dissolved" in item["class"]
    assert item.select_one(".ch-squad__status").get_text() == "已解散，没有完成的作品"


def test_squad_page_lists_only_its_members_work(repo: Repo) -> None:
    add_winter_squad(repo)
    repo.person("wang-fang", name="王芳")
    # A second season: the new squad's page must not claim the first squad's work.
    repo.squad(
        "second", name="二期组", handbook="winter", members=[{"handle": "wang-fang"}, *MEMBERS[:2]], formed="2026-11-16"
    )
    blueprint = repo.root / "handbooks/winter/handbook.yml"
    blueprint.write_text(blueprint.read_text(encoding="utf-8").replace("squad: ice-and-snow", "squad: second"), "utf-8")
    repo.module(
        "winter", "ice-list", {"status": "accepted", "claimed": "2026-10-02", "contributors": ["zhao-lei"]}, CHECKLIST
    )
    site = repo.build()
    works = [li.a.get_text() for li in site.article("squads/second/").select(".ch-squad__works li")]
    # li-na is in both squads, but 冰雪路面制动 was made before the second squad formed: the first squad's alone.
    assert works == []
    assert site.article("squads/ice-and-snow/").h1.get_text() == "冰雪项目组 荣誉出品"


def test_forming_a_squad_over_accepted_community_work_breaks_nothing(repo: Repo) -> None:
    """Accepted modules and earlier claims by non-members stay valid; only new work is for members."""
    from click.testing import CliRunner

    from cohandbook.cli.main import cli

    repo.person("zhao-lei", name="赵磊").person("wang-fang", name="王芳")
    args = ["--root", str(repo.root), "squad", "form", "night", "--name", "夜行组", "--members"]
    args += ["zhao-lei,wang-fang,li-na", "--mission", "夜间驾驶", "--handbook", "guide", "--today", "2026-11-22"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "first-1000km（zhou-kai）" in result.output and "claimed-one（zhou-kai）" in result.output
    assert codes(repo) == []  # zhou-kai's accepted gallery, his submitted article and his claim stay valid
    repo.build()  # strict
    repo.module("guide", "open-one", {"status": "claimed", "contributors": ["zhou-kai"], "claimed": "2026-11-22"})
    assert codes(repo) == []  # made the day the squad formed: still valid
    repo.module("guide", "open-one", {"status": "claimed", "contributors": ["zhou-kai"], "claimed": "2026-11-23"})
    assert codes(repo) == ["squad-outsider"]  # a new claim by a non-member after that is refused
