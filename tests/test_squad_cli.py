"""`cohandbook squad form` and `squad dissolve`: files written, refusals, and what the site and pool make of them."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner
from talent_data import add_winter_squad, codes, load

from cohandbook.cli.main import cli
from cohandbook.core.casting.pool import talent_pool
from conftest import TODAY, Repo

HOSTILE = "<script>alert(1)</script> *李* [x](javascript:alert(1))"


def run(repo: Repo, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--root", str(repo.root), *args, "--today", TODAY])


def form(repo: Repo, squad_id: str = "night", members: str = "li-na,zhou-kai,zhao-lei", *extra: str):  # type: ignore[no-untyped-def]
    return run(
        repo, "squad", "form", squad_id, "--name", "夜行组", "--members", members, "--mission", "夜间驾驶", *extra
    )


@pytest.fixture
def pool(repo: Repo) -> Repo:
    return repo.person("zhao-lei", name="赵磊").person("wang-fang", name="王芳")


def test_form_writes_a_valid_squad_file(pool: Repo) -> None:
    result = form(pool, "night", "li-na,zhou-kai,zhao-lei", "--role", "li-na=拍摄")
    assert result.exit_code == 0, result.output
    assert "contributors/squads/night.yml" in result.output
    repo, findings = load(pool)
    assert [f for f in findings if f.file.startswith("contributors/")] == []
    squad = repo.squads["night"]
    assert (squad.name, squad.mission, squad.formed, squad.dissolved) == (
        "夜行组",
        "夜间驾驶",
        date(2026, 11, 22),
        None,
    )
    assert [(m.handle, m.role) for m in squad.members] == [("li-na", "拍摄"), ("zhou-kai", ""), ("zhao-lei", "")]


@pytest.mark.parametrize("name", [HOSTILE, "yes", "a: b # c", "2026-01-01", '"引号"', "&anchor"])
def test_names_round_trip_as_text(pool: Repo, name: str) -> None:
    result = run(pool, "squad", "form", "s", "--name", name, "--members", "li-na,zhou-kai,zhao-lei", "--mission", name)
    assert result.exit_code == 0, result.output
    squad = load(pool)[0].squads["s"]
    assert (squad.name, squad.mission) == (name, name)


@pytest.mark.parametrize(
    ("squad_id", "members", "message"),
    [
        ("night", "li-na,zhou-kai", "3 到 5 位成员，现在是 2 位"),
        ("night", "li-na,zhou-kai,zhao-lei,wang-fang,ghost,ghost2", "人才库里没有这些用户：ghost、ghost2"),
        ("night", "li-na,zhou-kai,zhao-lei,wang-fang,li-na", "成员重复：li-na"),
        ("Night!", "li-na,zhou-kai,zhao-lei", "编号“Night!”不合规范"),
    ],
)
def test_form_refuses_bad_squads_and_writes_nothing(pool: Repo, squad_id: str, members: str, message: str) -> None:
    result = form(pool, squad_id, members)
    assert result.exit_code == 1
    assert message in result.output
    assert not (pool.root / "contributors/squads").exists()


def test_form_refuses_an_empty_name(pool: Repo) -> None:
    result = run(pool, "squad", "form", "s", "--name", " ", "--members", "li-na,zhou-kai,zhao-lei", "--mission", "m")
    assert result.exit_code == 1 and "不能是空的" in result.output


def test_form_refuses_six_members(pool: Repo) -> None:
    pool.person("sun-yu").person("qian-hao")
    result = form(pool, "big", "li-na,zhou-kai,zhao-lei,wang-fang,sun-yu,qian-hao")
    assert result.exit_code == 1 and "现在是 6 位" in result.output


def test_form_refuses_an_existing_id_and_keeps_the_file(pool: Repo) -> None:
    path = pool.write("contributors/squads/night.yml", "name: 原来的\n")
    result = form(pool)
    assert result.exit_code == 1 and "不会覆盖" in result.output
    assert path.read_text(encoding="utf-8") == "name: 原来的\n"


def test_form_refuses_unknown_handbook_and_a_busy_one(repo: Repo) -> None:
    add_winter_squad(repo, dissolved=None)
    repo.person("wang-fang")
    assert "手册“nope”不存在" in form(repo, "x", "li-na,zhou-kai,wang-fang", "--handbook", "nope").output
    result = form(repo, "x", "li-na,zhou-kai,wang-fang", "--handbook", "winter")
    assert result.exit_code == 1 and "正由项目组“ice-and-snow”制作" in result.output
    assert not (repo.root / "contributors/squads/x.yml").exists()


def test_form_for_a_handbook_names_the_squad_in_the_blueprint(pool: Repo) -> None:
    blueprint = pool.root / "handbooks/guide/handbook.yml"
    blueprint.write_text("# 运营写的注释\n" + blueprint.read_text(encoding="utf-8"), encoding="utf-8")
    result = form(pool, "night", "li-na,zhou-kai,zhao-lei", "--handbook", "guide")
    assert result.exit_code == 0, result.output
    text = blueprint.read_text(encoding="utf-8")
    assert text.startswith("# 运营写的注释\n") and "squad: night\nchapters:" in text
    assert load(pool)[0].handbook("guide").squad == "night"
    # From now on only members may make the handbook: validation, and the claim command, say so.
    pool.module("guide", "open-one", {"status": "claimed", "contributors": ["wang-fang"], "claimed": "2026-11-23"})
    assert codes(pool) == ["squad-outsider"]  # the day after it formed (that day's own claims stay valid)


def test_second_season_squad_replaces_a_dissolved_one(repo: Repo) -> None:
    add_winter_squad(repo, dissolved="2026-11-15")
    repo.person("wang-fang")
    result = form(repo, "winter-2", "li-na,zhou-kai,wang-fang", "--handbook", "winter")
    assert result.exit_code == 0, result.output
    assert load(repo)[0].handbook("winter").squad == "winter-2"
    assert codes(repo) == []  # ice-and-snow is dissolved: its handbook line is history


def test_outsider_cannot_claim_a_module_of_the_new_squad_handbook(pool: Repo) -> None:
    assert form(pool, "night", "li-na,zhou-kai,zhao-lei", "--handbook", "guide").exit_code == 0
    result = run(pool, "claim", "guide/open-one", "--by", "wang-fang")
    assert result.exit_code == 1
    assert not (pool.root / "handbooks/guide/modules/open-one").exists()


def test_dissolve_records_the_date_and_keeps_the_rest(repo: Repo) -> None:
    add_winter_squad(repo, dissolved=None)
    path = repo.root / "contributors/squads/ice-and-snow.yml"
    path.write_text("# 冬季项目\n" + path.read_text(encoding="utf-8") + "workspace: 内部群\n", encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    result = run(repo, "squad", "dissolve", "ice-and-snow")
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    assert after == before.replace("formed: '2026-10-01'\n", "formed: '2026-10-01'\ndissolved: 2026-11-22\n")
    assert load(repo)[0].squads["ice-and-snow"].dissolved == date(2026, 11, 22)


def test_dissolve_makes_the_honor_page_and_frees_the_members(repo: Repo) -> None:
    add_winter_squad(repo, dissolved=None)
    today = date.fromisoformat(TODAY)
    busy = {c.handle: c.load for c in talent_pool(load(repo)[0], today)}
    result = run(repo, "squad", "dissolve", "ice-and-snow")
    assert result.exit_code == 0 and "成为荣誉页" in result.output
    free = {c.handle: c.load for c in talent_pool(load(repo)[0], today)}
    assert [busy[h] - free[h] for h in ("li-na", "zhou-kai", "zhao-lei")] == [1, 1, 1]
    assert repo.build().article("squads/ice-and-snow/").h1.get_text() == "冰雪项目组 荣誉出品"


def test_dissolving_a_squad_without_accepted_work_promises_no_honor_page(pool: Repo) -> None:
    assert form(pool, "night", "li-na,zhou-kai,zhao-lei").exit_code == 0
    result = run(pool, "squad", "dissolve", "night")
    assert result.exit_code == 0 and "不生成荣誉页" in result.output
    assert pool.build().article("squads/night/").h1.get_text() == "夜行组"


@pytest.mark.parametrize(
    ("dissolved", "squad_id", "message"),
    [
        ("2026-11-15", "ice-and-snow", "已于 2026-11-15 解散"),
        (None, "nope", "没有项目组“nope”"),
    ],
)
def test_dissolve_refusals(repo: Repo, dissolved: str | None, squad_id: str, message: str) -> None:
    add_winter_squad(repo, dissolved=dissolved)
    path = repo.root / "contributors/squads/ice-and-snow.yml"
    before = path.read_text(encoding="utf-8")
    result = run(repo, "squad", "dissolve", squad_id)
    assert result.exit_code == 1 and message in result.output
    assert path.read_text(encoding="utf-8") == before


def test_dissolve_before_formed_is_refused(repo: Repo) -> None:
    add_winter_squad(repo, dissolved=None)
    result = CliRunner().invoke(
        cli, ["--root", str(repo.root), "squad", "dissolve", "ice-and-snow", "--today", "2026-09-01"]
    )
    assert result.exit_code == 1 and "早于成立日期" in result.output
