"""`cohandbook board` through CliRunner, and the board values it shares with the /board/ page."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner, Result

from cohandbook.cli.main import cli
from cohandbook.core.domain.settings import Settings
from cohandbook.core.read.reader import read_repository
from cohandbook.core.read.sources import FsSource
from cohandbook.core.site.board import board_sections, claim_loads, claim_url, wanted_skills
from conftest import TODAY, Repo, dump

KEYS = {"handbook", "chapter", "module", "title", "format", "state", "contributors", "deadline"}


def run(repo: Repo, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--root", str(repo.root), "board", *args])


def board_json(repo: Repo, *args: str) -> dict[str, dict]:
    result = run(repo, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return {row["module"]: row for row in json.loads(result.output)}


def test_json_has_one_row_per_module_in_the_contract_shape(repo: Repo) -> None:
    rows = board_json(repo, "--today", TODAY)
    assert list(rows) == ["setup-video", "storage", "first-1000km", "daily-check", "open-one", "claimed-one"]
    assert all(set(row) >= KEYS for row in rows.values())
    assert rows["claimed-one"] | {"skills": None} == {
        "handbook": "guide",
        "chapter": "daily",
        "module": "claimed-one",
        "title": "创作中的模块",
        "format": "video",
        "state": "claimed",
        "contributors": ["zhou-kai"],
        "deadline": "2026-12-31",
        "days_left": 39,
        "skills": None,
        "optional": False,
    }
    assert {row["state"] for row in rows.values()} == {"accepted", "submitted", "open", "claimed"}
    assert rows["first-1000km"]["contributors"] == ["zhou-kai", "li-na"]


def test_a_claim_past_its_deadline_is_overdue(repo: Repo) -> None:
    rows = board_json(repo, "--today", "2027-01-03")
    assert (rows["claimed-one"]["state"], rows["claimed-one"]["days_left"]) == ("overdue", -3)
    text = run(repo, "--today", "2027-01-03").output
    assert "已逾期  claimed-one" in text and "逾期 3 天" in text


def test_today_comes_from_the_environment_when_not_given(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COHANDBOOK_TODAY", "2027-01-01")
    assert board_json(repo)["claimed-one"]["state"] == "overdue"


def test_text_shows_progress_claimants_and_deadlines(repo: Repo) -> None:
    result = run(repo, "--today", TODAY)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "《新手车主用车宝典》（guide）"
    assert lines[1] == "进度：已完成 3/6 个必做模块（50%） · 审核中 1 · 创作中 1 · 待认领 1"
    claimed = next(line for line in lines if "claimed-one" in line)
    assert "周凯" in claimed and "截止 2026-12-31，还有 39 天" in claimed


def test_claim_cap_is_reported_per_person(repo: Repo) -> None:
    repo.module("guide", "open-one", {"status": "claimed", "contributors": ["zhou-kai"], "claimed": TODAY})
    text = run(repo, "--today", TODAY).output
    assert "认领上限：每人同时最多 2 个模块" in text
    assert "周凯（zhou-kai） 2/2（已满）  open-one、claimed-one" in text
    over = run(repo, "--today", TODAY, "--cap", "1").output
    assert "周凯（zhou-kai） 2/1（超出上限）" in over


def test_cap_is_read_from_mkdocs_yml(repo: Repo) -> None:
    repo.write("mkdocs.yml", dump({**repo.config, "plugins": [{"cohandbook": {"claim_cap": 1}}]}))
    assert "周凯（zhou-kai） 1/1（已满）" in run(repo, "--today", TODAY).output


def test_skills_the_open_modules_need(repo: Repo) -> None:
    repo.handbook(
        "more",
        chapters=[
            {
                "id": "c",
                "title": "章",
                "modules": [
                    {"id": "a", "title": "甲", "format": "video", "skills": ["video-shooting", "writing"]},
                    {"id": "b", "title": "乙", "format": "article", "skills": ["writing"]},
                ],
            }
        ],
    )
    text = run(repo, "--today", TODAY).output
    wanted = text.split("待认领模块需要的技能：\n")[1].splitlines()
    assert wanted[:2] == ["  文字写作（writing）× 2", "  视频拍摄（video-shooting）× 1"]
    assert "需要：视频拍摄、文字写作" in next(line for line in text.splitlines() if "  a  " in line)


def test_one_handbook_only(repo: Repo) -> None:
    repo.handbook(
        "more", chapters=[{"id": "c", "title": "章", "modules": [{"id": "x", "title": "甲", "format": "article"}]}]
    )
    assert {row["handbook"] for row in board_json(repo, "more").values()} == {"more"}
    unknown = run(repo, "nowhere")
    assert unknown.exit_code == 2
    assert "guide、more" in unknown.output


def test_markdown_is_a_table_per_handbook_that_titles_cannot_break(repo: Repo) -> None:
    repo.handbook(
        "more",
        chapters=[{"id": "c", "title": "章", "modules": [{"id": "x", "title": "A | <b>B</b>", "format": "article"}]}],
    )
    result = run(repo, "--format", "markdown", "--today", TODAY)
    assert result.exit_code == 0
    rows = [line for line in result.output.splitlines() if line.startswith("| 章 |")]
    assert rows == ["| 章 | A \\| &lt;b&gt;B&lt;/b&gt; `x` | 文章 | 待认领 |  |  |"]
    assert result.output.count("| 章节 | 模块 |") == 2


def test_claim_url_is_prefilled_and_encoded(repo: Repo) -> None:
    found, _ = read_repository(FsSource(repo.root))
    row = next(r for r in board_sections(found, date(2026, 11, 22))[0].rows if r.spec.id == "open-one")
    settings = Settings(repo_url="https://github.com/o/r", issue_template="claim.yml")
    url = claim_url(settings, row)
    assert url == (
        "https://github.com/o/r/issues/new?template=claim.yml"
        "&title=%E8%AE%A4%E9%A2%86%EF%BC%9Aguide%2Fopen-one%20%E5%B0%9A%E6%9C%AA%E8%AE%A4%E9%A2%86%E7%9A%84%E6%A8%A1%E5%9D%97"
        "&handbook=guide&module=open-one"
    )
    assert claim_url(Settings(), row) is None


def test_loads_and_skills_are_ordered(repo: Repo) -> None:
    repo.module("guide", "open-one", {"status": "claimed", "contributors": ["li-na", "zhou-kai"], "claimed": TODAY})
    found, _ = read_repository(FsSource(repo.root))
    loads = claim_loads(found, 2)
    assert [(load.handle, len(load.works), load.full) for load in loads] == [("zhou-kai", 2, True), ("li-na", 1, False)]
    assert wanted_skills(found, board_sections(found, date(2026, 11, 22))) == []
