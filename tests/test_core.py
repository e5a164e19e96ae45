"""Core units from plain values: lifecycle, text measures, contracts, credits, references."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from cohandbook.core.check.contracts import check_contract
from cohandbook.core.check.validate import check_source, validate
from cohandbook.core.domain.credits import credit_line, credited_handles
from cohandbook.core.domain.lifecycle import TodayError, module_state, resolve_today
from cohandbook.core.domain.model import (
    Asset,
    Chapter,
    Contributor,
    Credit,
    Handbook,
    Limits,
    ModuleSpec,
    ModuleWork,
    Photo,
    Repository,
    Squad,
    SquadMember,
    Video,
)
from cohandbook.core.read.markdown import count_chars, reading_minutes, split_front_matter, task_items
from cohandbook.core.read.sources import FsSource
from conftest import Repo

TODAY = date(2026, 11, 22)


def spec(module_id: str = "m", fmt: str = "article", **kw: object) -> ModuleSpec:
    return ModuleSpec(id=module_id, title=module_id, format=fmt, **kw)  # type: ignore[arg-type]


def work(module_id: str = "m", status: str = "submitted", body: str = "", **kw: object) -> ModuleWork:
    kw.setdefault("contributors", (Credit("li-na", ()),))
    kw.setdefault("claimed", date(2026, 11, 1))
    file = f"handbooks/h/modules/{module_id}/index.md"
    return ModuleWork(handbook="h", module=module_id, file=file, status=status, body=body, **kw)  # type: ignore[arg-type]


def handbook(*specs: ModuleSpec, **kw: object) -> Handbook:
    return Handbook(
        id="h",
        title="手册",
        brand="星河汽车",
        file="handbooks/h/handbook.yml",
        chapters=(Chapter("c", "章", specs),),
        **kw,
    )  # type: ignore[arg-type]


def repository(hb: Handbook, *works: ModuleWork, **kw: object) -> Repository:
    people = kw.pop("people", {"li-na": "李娜", "zhou-kai": "周凯"})
    return Repository(
        handbooks=(hb,),
        works={(w.handbook, w.module): w for w in works},
        contributors={h: Contributor(h, n, f"contributors/{h}.yml") for h, n in people.items()},  # type: ignore[union-attr]
        skills={"writing": "文字"},
        **kw,  # type: ignore[arg-type]
    )


# Lifecycle ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "deadline", "expected"),
    [
        (None, None, "open"),
        ("open", None, "open"),
        ("claimed", None, "claimed"),
        ("claimed", date(2026, 11, 22), "claimed"),  # due today is not overdue yet
        ("claimed", date(2026, 11, 21), "overdue"),
        ("submitted", date(2026, 1, 1), "submitted"),  # handed in: never overdue
        ("accepted", None, "accepted"),
    ],
)
def test_module_state(status: str | None, deadline: date | None, expected: str) -> None:
    s = spec(deadline=deadline)
    w = work(status=status) if status else None
    assert module_state(handbook(s), s, w, TODAY) == expected


def test_handbook_deadline_applies_when_module_has_none() -> None:
    s = spec()
    assert module_state(handbook(s, deadline=date(2026, 11, 1)), s, work(status="claimed"), TODAY) == "overdue"


def test_today_uses_shanghai_calendar_not_utc() -> None:
    late_utc = datetime(2026, 11, 22, 17, 0, tzinfo=UTC)  # already 23 Nov in Shanghai
    assert resolve_today(now=late_utc) == date(2026, 11, 23)
    assert resolve_today(now=late_utc, timezone="UTC") == date(2026, 11, 22)


def test_today_overrides_in_order() -> None:
    env = {"COHANDBOOK_TODAY": "2027-01-02"}
    assert resolve_today("2027-03-04", env) == date(2027, 3, 4)
    assert resolve_today(None, env) == date(2027, 1, 2)
    with pytest.raises(TodayError, match="2026-12-31"):
        resolve_today("tomorrow", {})
    with pytest.raises(TodayError, match="时区"):
        resolve_today(None, {}, timezone="Mars/Olympus")


# Text measures -----------------------------------------------------------------------------------


def test_count_chars_counts_each_cjk_character_once_and_ignores_markup() -> None:
    assert count_chars("## 标题\n\n**胎压**要常看，[链接](https://x.y)。\n\n![图](a.jpg)") == len(
        "标题胎压要常看，链接。"
    )


def test_reading_time_for_chinese_text() -> None:
    assert reading_minutes("字" * 400) == 1
    assert reading_minutes("字" * 2000) == 5
    assert reading_minutes("OTA字" * 400 + "e-mail " * 200) == 4  # 400 characters, 600 words: Chinese ends a word


def test_task_items_ignore_code_blocks() -> None:
    body = "- [ ] 一\n- [x] 二\n```\n- [ ] 代码里\n```\n* [ ] 三\n"
    assert task_items(body) == 3


def test_front_matter_split_keeps_body_line() -> None:
    split = split_front_matter("---\na: 1\nb: 2\n---\n正文\n")
    assert split.front == "a: 1\nb: 2\n" and split.body == "正文\n" and split.body_line == 5


# Format contracts --------------------------------------------------------------------------------


def codes(findings: list) -> set[str]:  # type: ignore[type-arg]
    return {f.code for f in findings}


def test_video_contract() -> None:
    s = spec(fmt="video", limits=Limits(max_duration=100))
    assert codes(check_contract(s, work())) == {"video-missing"}
    bare = work(video=Video(line=5))
    assert codes(check_contract(s, bare)) == {"video-source-missing", "video-duration-missing", "video-poster-missing"}
    long = work(video=Video(bilibili="BV1Xx411c7mD", duration=101, poster="p.jpg"), assets=(Asset("p.jpg", 1),))
    assert codes(check_contract(s, long)) == {"video-too-long"}
    local = work(video=Video(file="v.mp4", duration=60, poster="p.jpg"), assets=(Asset("p.jpg", 1),))
    assert codes(check_contract(s, local)) == {"asset-missing"}


def test_gallery_contract_counts_front_matter_and_body_images() -> None:
    s = spec(fmt="gallery")
    photos = tuple(Photo(f"{i}.jpg", f"图{i}", 3 + i) for i in range(3))
    assets = tuple(Asset(f"{i}.jpg", 1) for i in range(4))
    assert codes(check_contract(s, work(gallery=photos, assets=assets))) == {"gallery-too-few"}
    with_body = work(gallery=photos, assets=assets, body="![图3](3.jpg)\n")
    assert check_contract(s, with_body) == []
    no_alt = work(gallery=(*photos, Photo("3.jpg", "", 9)), assets=assets)
    found = check_contract(s, no_alt)
    assert codes(found) == {"gallery-alt-missing"} and found[0].line == 9


def test_article_contract_bounds() -> None:
    s = spec(limits=Limits(min_chars=10, max_chars=20))
    assert codes(check_contract(s, work(body="太短"))) == {"article-too-short"}
    assert check_contract(s, work(body="刚" * 15)) == []
    assert codes(check_contract(s, work(body="长" * 21))) == {"article-too-long"}


def test_checklist_contract() -> None:
    s = spec(fmt="checklist")
    assert codes(check_contract(s, work(body="- [ ] a\n" * 4))) == {"checklist-too-few"}
    assert check_contract(s, work(body="- [ ] a\n" * 5)) == []


def test_external_images_are_refused() -> None:
    found = check_contract(spec(), work(body="正文" * 200 + "\n\n![x](https://evil.example/t.png)\n", body_line=7))
    assert codes(found) == {"image-external"} and found[0].line == 9


# Validation across files ---------------------------------------------------------------------------


def test_unknown_contributor_and_skill_are_errors() -> None:
    s = spec(skills=("writing", "writting"))
    w = work(body="字" * 400, contributors=(Credit("nobody", (), 3),))
    found = validate(repository(handbook(s), w), TODAY)
    assert {(f.code, f.line) for f in found} >= {("contributor-unknown", 3), ("skill-unknown", 0)}


def test_orphan_module_folder_is_an_error() -> None:
    found = validate(repository(handbook(spec("a")), work("stray", status="claimed")), TODAY)
    assert [(f.code, f.file) for f in found] == [("module-orphan", "handbooks/h/modules/stray/index.md")]


def test_published_handbook_needs_every_required_module_accepted() -> None:
    hb = handbook(spec("a"), spec("b", optional=True), status="published")
    found = validate(repository(hb), TODAY)
    assert [(f.code, f.line) for f in found] == [("published-incomplete", 0)]


def test_squad_rules() -> None:
    squad = Squad("s", "组", "contributors/squads/s.yml", members=(SquadMember("li-na"), SquadMember("ghost")))
    hb = handbook(spec(), squad="s")
    w = work(body="字" * 400, contributors=(Credit("zhou-kai", ()),))
    found = validate(repository(hb, w, squads={"s": squad}), TODAY)
    assert codes(found) == {"squad-size", "contributor-unknown", "squad-outsider"}


def test_credit_line_order_follows_blueprint() -> None:
    a, b = spec("a"), spec("b")
    wa = work("a", status="accepted", contributors=(Credit("zhou-kai", ()), Credit("li-na", ())))
    wb = work("b", status="accepted", contributors=(Credit("li-na", ()),))
    repo = repository(handbook(a, b), wb, wa)
    handles = credited_handles(repo, repo.handbooks[0], TODAY)
    assert handles == ["zhou-kai", "li-na"]
    assert credit_line("星河汽车", [repo.name_of(h) for h in handles]) == "由 星河汽车 与社区用户 周凯、李娜共同创作"


def test_released_contributors_keep_credit() -> None:
    w = work(status="accepted", contributors=(Credit("zhou-kai", ()),), former_contributors=(Credit("li-na", ()),))
    repo = repository(handbook(spec()), w)
    assert credited_handles(repo, repo.handbooks[0], TODAY) == ["zhou-kai", "li-na"]


def test_duplicate_chapter_and_module_ids_are_refused_at_their_line(repo: Repo) -> None:
    repo.handbook(
        "dup",
        chapters=[
            {"id": "c", "title": "一", "modules": [{"id": "m", "title": "甲", "format": "article"}]},
            {"id": "c", "title": "二", "modules": [{"id": "n", "title": "乙", "format": "article"}]},
            {"id": "d", "title": "三", "modules": [{"id": "m", "title": "丙", "format": "article"}]},
        ],
    )
    parsed, findings = check_source(FsSource(repo.root), TODAY)
    dup = [(f.line, f.message) for f in findings if f.code == "duplicate-id"]
    text = (repo.root / "handbooks/dup/handbook.yml").read_text(encoding="utf-8").splitlines()
    assert [line for line, _ in dup] == [i + 1 for i, t in enumerate(text) if t.strip() in ("- id: c", "- id: m")][2:]
    assert "章节编号“c”重复了" in dup[0][1] and "模块编号“m”重复了" in dup[1][1]
    chapters = parsed.handbook("dup").chapters
    assert [c.id for c in chapters] == ["c", "d"] and [m.id for _, m in parsed.handbook("dup").modules()] == ["m"]


def test_reading_again_parses_only_what_changed_and_reports_the_same(repo: Repo) -> None:
    """The reader keeps each file's parse by its text (for `mkdocs serve`): a second reading gives the same
    values and findings, and a changed file is parsed again."""
    repo.write("contributors/bad-yaml.yml", "name: [unclosed\n")
    first = check_source(FsSource(repo.root), TODAY)
    again = check_source(FsSource(repo.root), TODAY)
    assert again == first and any(f.file == "contributors/bad-yaml.yml" for f in again[1])
    repo.person("li-na", name="李娜娜")
    repo.module(
        "guide", "daily-check", {"status": "accepted", "contributors": ["li-na"], "claimed": "2026-11-01"}, "新"
    )
    changed, _ = check_source(FsSource(repo.root), TODAY)
    assert changed.contributors["li-na"].name == "李娜娜"
    assert changed.works[("guide", "daily-check")].body.strip() == "新"
