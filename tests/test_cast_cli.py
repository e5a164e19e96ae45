"""`cohandbook cast` through CliRunner, and the pool adapter that feeds casting from the repository."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from itertools import combinations

import pytest
from click.testing import CliRunner
from talent_data import add_winter_squad, load

from cohandbook.cli.main import cli
from cohandbook.core.casting.explain import place_text
from cohandbook.core.casting.pool import handbook_needs, talent_pool
from cohandbook.core.casting.search import Candidate, Proposal, recency_penalty
from conftest import TODAY, Repo

SKILLS = {"snow": "冰雪路况", "video": "视频拍摄", "edit": "剪辑", "ev": "电动车技术", "write": "文字写作"}


def run(repo: Repo, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--root", str(repo.root), *args, "--today", TODAY])


def cast_json(repo: Repo, *args: str) -> list[dict]:  # type: ignore[type-arg]
    result = run(repo, "cast", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def pool_repo(repo: Repo) -> Repo:
    """Seven people: several ways to cover snow+video+edit+ev, differing in size and load."""
    repo.skills(**SKILLS)
    people = {
        "an": ["snow", "video"],
        "bo": ["edit", "ev"],
        "cy": ["snow", "video", "edit"],
        "di": ["ev"],
        "ed": ["write"],
        "fu": ["video", "edit"],
        "gu": ["snow"],
    }
    for handle, skills in people.items():
        repo.person(handle, name=handle.upper(), skills=skills)
    return repo


def test_json_shape_best_first(repo: Repo) -> None:
    proposals = cast_json(pool_repo(repo), "--needs", "snow,video,edit,ev", "--top", "4")
    assert len(proposals) == 4
    assert all(set(p) == {"members", "covers", "missing", "score", "rank", "tied"} for p in proposals)
    assert [p["score"] for p in proposals] == sorted((p["score"] for p in proposals), reverse=True)
    best = proposals[0]
    assert best["missing"] == [] and list(best["covers"]) == ["snow", "video", "edit", "ev"]
    assert all(set(handles) <= set(best["members"]) for handles in best["covers"].values())


def test_first_proposal_is_the_brute_force_optimum(repo: Repo) -> None:
    """Through the adapter: the best squad over every 3-5 subset, by coverage, size, load, rest, handles."""
    pool_repo(repo)
    repo.module("guide", "open-one", {"status": "claimed", "contributors": ["cy"], "claimed": "2026-11-20"})
    repo.squad("old", name="旧组", members=[{"handle": h} for h in ("an", "bo", "di")], formed="2026-11-01")
    needs = ["snow", "video", "edit", "ev", "write"]
    pool = talent_pool(load(repo)[0], date.fromisoformat(TODAY))

    def key(squad: tuple[Candidate, ...]) -> tuple:  # type: ignore[type-arg]
        covered = {n for n in needs if any(n in c.skills for c in squad)}
        rest = sum(recency_penalty(c.last_squad, date.fromisoformat(TODAY)) for c in squad)
        return (-len(covered), len(squad), sum(c.load for c in squad), rest, sorted(c.handle for c in squad))

    best = min((s for k in (3, 4, 5) for s in combinations(pool, k)), key=key)
    assert cast_json(repo, "--needs", ",".join(needs))[0]["members"] == sorted(c.handle for c in best)


def test_lighter_load_wins_among_equal_coverage(repo: Repo) -> None:
    repo.skills(**SKILLS)
    for handle in ("a1", "a2", "b1", "c1"):
        repo.person(handle, skills=["snow"] if handle.startswith("a") else ["edit"])
    repo.module("guide", "open-one", {"status": "claimed", "contributors": ["a1"], "claimed": "2026-11-20"})
    best = cast_json(repo, "--needs", "snow,edit", "--size", "3", "--top", "1")[0]
    assert "a2" in best["members"] and "a1" not in best["members"]


def test_pool_load_counts_active_claims_and_active_squads_only(repo: Repo) -> None:
    add_winter_squad(repo, dissolved=None)
    repo.module("guide", "open-one", {"status": "claimed", "contributors": ["li-na"], "claimed": "2026-10-01"})
    pool = {c.handle: c for c in talent_pool(load(repo)[0], date.fromisoformat(TODAY))}
    # li-na: a claim on open-one + the active squad; zhou-kai: a claim on claimed-one + the squad.
    assert (pool["li-na"].load, pool["zhou-kai"].load, pool["zhao-lei"].load) == (2, 2, 1)
    assert pool["li-na"].last_squad == date(2026, 10, 1)
    assert pool["li-na"].skills == frozenset({"video-shooting"})


def test_dissolved_squad_no_longer_weighs_on_its_members(repo: Repo) -> None:
    add_winter_squad(repo, dissolved="2026-11-15")
    pool = {c.handle: c for c in talent_pool(load(repo)[0], date.fromisoformat(TODAY))}
    assert (pool["li-na"].load, pool["zhao-lei"].load) == (0, 0)
    assert pool["zhao-lei"].last_squad == date(2026, 10, 1)  # still remembered for the rest rule


def test_handbook_needs_come_from_open_and_overdue_modules(repo: Repo) -> None:
    add_winter_squad(repo)
    # winter: snow-braking and ice-list are accepted, `later` (photography) is open.
    assert handbook_needs(*_repo_and_book(repo, "winter"), date.fromisoformat(TODAY)) == ("photography",)
    proposals = cast_json(repo, "--handbook", "winter", "--top", "1")
    assert list(proposals[0]["covers"]) == ["photography"]


def _repo_and_book(repo: Repo, handbook: str):  # type: ignore[no-untyped-def]
    data = load(repo)[0]
    return data, data.handbook(handbook)


def test_needs_win_over_handbook(repo: Repo) -> None:
    add_winter_squad(repo)
    proposals = cast_json(repo, "--handbook", "winter", "--needs", "snow-driving", "--top", "1")
    assert list(proposals[0]["covers"]) == ["snow-driving"]


def test_text_report_explains_each_proposal(repo: Repo) -> None:
    pool_repo(repo)
    result = run(repo, "cast", "--needs", "snow,video,edit,ev,write", "--size", "3", "--top", "2")
    assert result.exit_code == 0, result.output
    first = result.output.split("方案 2")[0]
    assert "方案 1" in first and "排序：" in result.output
    assert "✓ 文字写作（write） ← ED" in first
    assert "依据：覆盖 5/5 项技能" in first
    assert "得分" not in result.output  # the ranking is explained in words, not as a number
    assert "方案 1（最合适的一组" in first
    assert re.search(r"方案 2（(和方案 1 并列|排在上一组后面，因为[^）]+)）", result.output)


@pytest.mark.parametrize(
    ("criteria", "words"),
    [
        ((3, 3, 0, 0, 0), "覆盖的所需技能少 1 项"),
        ((4, 4, 0, 0, 0), "多 1 个人"),
        ((4, 3, 2, 0, 0), "近期放弃或逾期的记录多（扣分多 2）"),
        ((4, 3, 0, 3, 0), "手上正在做的事多 3 件"),
        ((4, 3, 0, 0, 90), "有成员最近刚组过队，要让他们歇一歇（新近度罚分多 90）"),
    ],
)
def test_place_in_the_ranking_is_said_by_the_first_criterion_that_differs(
    criteria: tuple[int, int, int, int, int], words: str
) -> None:
    above = Proposal(members=("a",), covers=(), missing=(), score=9, reasons=(), criteria=(4, 3, 0, 0, 0))
    below = replace(above, score=1, rank=2, criteria=criteria)
    assert place_text(below, above) == f"排在上一组后面，因为{words}"
    assert place_text(above, None) == "最合适的一组"


def test_missing_skill_is_reported(repo: Repo) -> None:
    pool_repo(repo)
    repo.skills(**SKILLS, nobody="没人会")
    best = cast_json(repo, "--needs", "snow,nobody", "--top", "1")[0]
    assert best["missing"] == ["nobody"] and list(best["covers"]) == ["snow"]
    text = run(repo, "cast", "--needs", "snow,nobody", "--top", "1").output
    assert "✗ 没人会（nobody）：未覆盖" in text and "人才库中无人具备：nobody" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--needs", "snow,typo"], "不认识的技能标签：typo"),
        (["--needs", " , "], "至少写一个技能标签"),
        (["--needs", "snow", "--size", "2-4"], "3-5 之内"),
        (["--needs", "snow", "--size", "5-3"], "3-5 之内"),
        (["--needs", "snow", "--size", "three"], "不是人数范围"),
        (["--needs", "snow", "--top", "0"], "--top"),
        ([], "--needs"),
        (["--handbook", "nope"], "手册“nope”不存在"),
    ],
)
def test_usage_errors_exit_2(repo: Repo, args: list[str], message: str) -> None:
    result = run(pool_repo(repo), "cast", *args)
    assert result.exit_code == 2
    assert message in result.output


def test_handbook_without_open_work_is_an_input_error(repo: Repo) -> None:
    result = run(repo, "cast", "--handbook", "guide")  # guide's open modules list no skills
    assert result.exit_code == 1
    assert "推算不出所需技能" in result.output


def test_pool_smaller_than_a_squad(tmp_path) -> None:  # type: ignore[no-untyped-def]
    small = Repo(tmp_path / "small").skills(**SKILLS).person("an", skills=["snow"]).person("bo", skills=["edit"])
    result = run(small, "cast", "--needs", "snow")
    assert result.exit_code == 0 and "凑不出一个项目组" in result.output
    assert cast_json(small, "--needs", "snow") == []


def test_tied_proposals_say_so_in_text_and_json(repo: Repo) -> None:
    """an+bo cover everything; the third member is padding, and two idle people tie for it."""
    repo.skills(**SKILLS)
    for handle, skills in {"an": ["snow", "video"], "bo": ["edit", "ev"], "p1": [], "p2": []}.items():
        repo.person(handle, name=handle.upper(), skills=skills)
    for handle in ("li-na", "zhou-kai"):
        (repo.root / f"contributors/{handle}.yml").unlink()
    got = cast_json(repo, "--needs", "snow,video,edit,ev", "--size", "3", "--top", "2")
    assert [(p["members"], p["rank"], p["tied"]) for p in got] == [
        (["an", "bo", "p1"], 1, True),
        (["an", "bo", "p2"], 1, True),
    ]
    text = run(repo, "cast", "--needs", "snow,video,edit,ev", "--size", "3", "--top", "2").output
    assert "并列）：AN（an）" in text and "方案 1、方案 2 并列" in text and "区别只在 p1" in text
