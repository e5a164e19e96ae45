"""A second, squad-made handbook on top of `standard_repo`: people, squads and credits across two handbooks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cohandbook.core.check.validate import check_source
from cohandbook.core.domain.model import Repository
from cohandbook.core.read.sources import FsSource
from conftest import TODAY, Repo

CHECKLIST = "".join(f"- [ ] 第 {i} 项\n" for i in range(6))
PNG = b"\x89PNG\r\n\x1a\n fake"


def add_winter_squad(repo: Repo, *, dissolved: str | None = "2026-11-15") -> Repo:
    """zhao-lei joins; li-na, zhou-kai and zhao-lei make the `winter` handbook as the squad `ice-and-snow`."""
    repo.skills(
        **{"video-shooting": "视频拍摄", "writing": "文字写作", "photography": "摄影", "snow-driving": "冰雪路况"}
    )
    repo.person("zhao-lei", name="赵磊", city="哈尔滨", skills=["snow-driving", "writing"])  # no GitHub account
    squad = {
        "name": "冰雪项目组",
        "mission": "冰雪路面驾驶技巧视频系列",
        "handbook": "winter",
        "members": [
            {"handle": "zhao-lei", "role": "冰雪路况"},
            {"handle": "li-na", "role": "拍摄"},
            {"handle": "zhou-kai", "role": "剪辑"},
        ],
        "formed": "2026-10-01",
    }
    if dissolved:
        squad["dissolved"] = dissolved
    repo.squad("ice-and-snow", **squad)
    repo.handbook(
        "winter",
        title="冰雪路面驾驶指南",
        squad="ice-and-snow",
        chapters=[
            {
                "id": "snow",
                "title": "冰雪路上",
                "modules": [
                    {"id": "snow-braking", "title": "冰雪路面制动", "format": "checklist", "skills": ["snow-driving"]},
                    {"id": "ice-list", "title": "入冬检查", "format": "checklist", "skills": ["writing"]},
                    {"id": "later", "title": "以后再做", "format": "article", "skills": ["photography"]},
                ],
            }
        ],
    )
    accepted = {"status": "accepted", "claimed": "2026-10-02"}
    repo.module(
        "winter",
        "snow-braking",
        {
            **accepted,
            "contributors": [{"handle": "li-na", "roles": ["video"]}, {"handle": "zhao-lei", "roles": ["expertise"]}],
        },
        CHECKLIST,
    )
    repo.module("winter", "ice-list", {**accepted, "contributors": ["zhao-lei"]}, CHECKLIST)
    return repo


def load(repo: Repo, today: str = TODAY) -> tuple[Repository, list]:  # type: ignore[type-arg]
    return check_source(FsSource(Path(repo.root)), date.fromisoformat(today))


def codes(repo: Repo) -> list[str]:
    return [f.code for f in load(repo)[1] if f.is_error]
