"""The operator's console: the review queue and the pool with track records, through the command line."""

from __future__ import annotations

import json
from datetime import date

from click.testing import CliRunner
from talent_data import CHECKLIST, add_winter_squad, load

from cohandbook.cli.main import cli
from cohandbook.core.ops.record import track_records
from conftest import TODAY, Repo


def run(repo: Repo, *args: str, today: str = TODAY):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--root", str(repo.root), *args, "--today", today], env={"COHANDBOOK_PRIVATE": ""})


def submitted(repo: Repo, module: str, day: str, body: str = CHECKLIST, **front: object) -> None:
    front = {"status": "submitted", "contributors": ["li-na"], "claimed": "2026-11-01", "submitted": day, **front}
    repo.module("guide", module, front, body)


# --- review ----------------------------------------------------------------------------------------------


def test_review_lists_submitted_modules_oldest_first_with_days_and_contract(repo: Repo) -> None:
    submitted(repo, "daily-check", "2026-11-10", issue=42)
    submitted(repo, "open-one", "2026-11-20", body="太短了。\n")  # an article of a few characters
    result = run(repo, "review", "--format", "json")
    assert result.exit_code == 0, result.output
    queue = json.loads(result.output)
    assert [(q["module"], q["days_waiting"], q["contract"]) for q in queue] == [
        ("daily-check", 12, "ok"),
        ("open-one", 2, "failing"),
        ("first-1000km", None, "ok"),  # no submitted date: last, its wait unknown
    ]
    assert (queue[0]["issue"], queue[1]["issue"]) == (42, None)
    assert [p["code"] for p in queue[1]["problems"]] == ["article-too-short"]
    text = run(repo, "review").output
    assert text.index("guide/daily-check") < text.index("guide/open-one")
    assert "已等 12 天" in text and "不符合（1 个错误）" in text and "其中 2 个符合格式要求" in text


def test_review_of_one_handbook_and_of_an_unknown_one(repo: Repo) -> None:
    add_winter_squad(repo)
    assert json.loads(run(repo, "review", "winter", "--format", "json").output) == []
    assert "审核队列是空的" in run(repo, "review", "winter").output
    result = run(repo, "review", "nope")
    assert result.exit_code == 2 and "没有手册“nope”" in result.output


# --- track record ----------------------------------------------------------------------------------------


def record_repo(repo: Repo) -> Repo:
    """li-na: on time, late (by the claim's own deadline), a lapse; zhou-kai: an overdue claim."""
    repo.write(
        "handbooks/guide/handbook.yml",
        (repo.root / "handbooks/guide/handbook.yml").read_text(encoding="utf-8") + "deadline: 2026-11-15\n",
    )
    submitted(repo, "daily-check", "2026-11-10")  # on time, 9 days after the claim
    submitted(repo, "open-one", "2026-11-18", deadline="2026-11-17")  # late against its own deadline
    repo.module(
        "guide",
        "storage",
        {"status": "open", "former_contributors": ["li-na"]},
        "留下的草稿。\n",
    )
    return repo


def test_track_record_from_the_repository(repo: Repo) -> None:
    record_repo(repo)
    records = track_records(load(repo)[0], date.fromisoformat(TODAY))
    li_na = records["li-na"]
    assert [(o.module, o.kind) for o in li_na.outcomes] == [
        ("first-1000km", "undated"),  # undated deliveries are ordered by their claim (2026-11-01)
        ("setup-video", "undated"),
        ("daily-check", "on-time"),  # handed in 2026-11-10
        ("open-one", "late"),  # handed in 2026-11-18, its own deadline was 2026-11-17
        ("storage", "lapsed"),  # released: undated, so counted as recent
    ]
    assert li_na.strikes == 3  # the last three: on time (0), late (1), lapsed (2)
    assert li_na.days_to_submit == (9, 17) and li_na.median_days == 13
    assert records["zhou-kai"].count("overdue") == 0  # claimed-one's own deadline is 2026-12-31


def test_an_overdue_claim_counts_until_it_is_handed_in(repo: Repo) -> None:
    blueprint = repo.root / "handbooks/guide/handbook.yml"
    blueprint.write_text(blueprint.read_text(encoding="utf-8") + "deadline: 2026-11-10\n", encoding="utf-8")
    repo.module("guide", "open-one", {"status": "claimed", "contributors": ["zhou-kai"], "claimed": "2026-11-01"})
    records = track_records(load(repo)[0], date.fromisoformat(TODAY))
    assert [(o.module, o.kind) for o in records["zhou-kai"].outcomes if o.kind != "undated"] == [
        ("open-one", "overdue")
    ]
    assert records["zhou-kai"].strikes == 2


def test_people_shows_public_and_hidden_tags_load_and_record(repo: Repo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    record_repo(repo)
    add_winter_squad(repo, dissolved=None)
    store = tmp_path / "store"
    (store / "people").mkdir(parents=True)
    (store / "people/li-na.yml").write_text("notes: 适合外景\nskills: [snow-driving]\n", encoding="utf-8")
    (store / "squads").mkdir()
    (store / "squads/ice-and-snow.yml").write_text("workspace: 冰雪群\n", encoding="utf-8")
    args = ["--root", str(repo.root), "people", "li-na", "--format", "json", "--today", TODAY]
    result = CliRunner().invoke(cli, args, env={"COHANDBOOK_PRIVATE": str(store)})
    assert result.exit_code == 0, result.output
    (person,) = json.loads(result.output)
    assert person["skills"] == ["video-shooting"] and person["hidden_skills"] == ["snow-driving"]
    assert person["notes"] == "适合外景"
    assert person["load"]["squads"] == ["ice-and-snow"] and person["workspaces"] == {"ice-and-snow": "冰雪群"}
    record = person["record"]
    assert (record["delivered"], record["on_time"], record["late"], record["lapsed"]) == (
        5,
        1,
        1,
        1,
    )  # with the winter squad's snow-braking
    assert record["squads_served"] == ["ice-and-snow"]
    assert record["median_days_to_submit"] is not None
    text = CliRunner().invoke(cli, [*args[:-4], "--today", TODAY], env={"COHANDBOOK_PRIVATE": str(store)}).output
    assert "隐性技能：冰雪路况（snow-driving）" in text and "备注：适合外景" in text and "放弃/被释放 1" in text
    assert "进行中的项目组 1（ice-and-snow：冰雪群）" in text


def test_people_of_an_unknown_handle_is_a_usage_error(repo: Repo) -> None:
    result = run(repo, "people", "nobody")
    assert result.exit_code == 2 and "人才库里没有“nobody”" in result.output


def test_everyone_in_the_pool_by_handle(repo: Repo) -> None:
    handles = [p["handle"] for p in json.loads(run(repo, "people", "--format", "json").output)]
    assert handles == ["li-na", "zhou-kai"]


# --- lapses that only the history remembers --------------------------------------------------------------


def test_released_bare_claims_count_from_the_git_history(repo: Repo) -> None:
    """`release` deletes a bare claim's folder; the track record still sees the lapse, from the commits."""
    from gitrepo import GitRepo, git

    repo.skills(**{"video-shooting": "视频拍摄", "writing": "文字写作", "photography": "摄影", "hidden": "隐藏"})
    repo.person("wang-fang", name="王芳", skills=["writing"]).person("sun-yu", name="孙宇")
    history = GitRepo(repo).start()
    git(repo.root, "checkout", "-q", "main")
    for day in ("2026-11-05", "2026-11-12"):
        assert run(repo, "claim", "guide/open-one", "--by", "zhou-kai", "--cap", "5", today=day).exit_code == 0
        history.commit(f"claim {day}")
        result = CliRunner().invoke(cli, ["--root", str(repo.root), "release", "guide/open-one"])
        assert result.exit_code == 0 and "已删除" in result.output, result.output
        history.commit(f"release {day}")
    (person,) = json.loads(run(repo, "people", "zhou-kai", "--format", "json").output)
    lapses = [o for o in person["record"]["outcomes"] if o["outcome"] == "lapsed"]
    assert [o["module"] for o in lapses] == ["guide/open-one", "guide/open-one"]
    assert person["record"]["lapsed"] == 2 and person["record"]["strikes"] >= 4
    # Casting for writing: wang-fang (no record) comes before zhou-kai, whose last two claims lapsed.
    args = ("cast", "--needs", "writing", "--size", "3", "--top", "2", "--format", "json")
    proposals = json.loads(run(repo, *args).output)
    assert "wang-fang" in proposals[0]["members"] and "zhou-kai" not in proposals[0]["members"]


def test_a_module_dropped_from_the_blueprint_is_no_lapse(repo: Repo) -> None:
    from cohandbook.core.read.history import Lapse

    lapses = [
        Lapse("guide", "gone", ("zhou-kai",), date(2026, 11, 1)),
        Lapse("guide", "open-one", ("li-na",), date(2026, 11, 2)),
    ]
    records = track_records(load(repo)[0], date.fromisoformat(TODAY), lapses)
    assert [(o.module, o.kind) for o in records["zhou-kai"].outcomes if o.kind == "lapsed"] == []
    assert [(o.module, o.ended) for o in records["li-na"].outcomes if o.kind == "lapsed"] == [
        ("open-one", date(2026, 11, 2))
    ]


def test_outside_a_git_repository_there_is_no_history(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    from cohandbook.core.read.history import lapsed_claims

    assert lapsed_claims(Path(tmp_path)) == []
