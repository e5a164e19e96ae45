"""The rules a hostile contributor meets outside the page: file rules, YAML caps, revisions, claims, check-pr.

Every rule here failed open before: each test is the attack, then what must happen instead.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from gitrepo import GitRepo

from cohandbook.cli.main import cli
from cohandbook.cli.writer import Conflict, write_change
from cohandbook.core.domain.changes import FileChange, digest
from cohandbook.core.edits.claims import find_target, reclaim
from cohandbook.core.read.reader import read_repository
from cohandbook.core.read.sources import FsSource
from conftest import TODAY, Repo, dump

LINA, ZHOU = "lina-drives", "zhoukai"
OPEN = "handbooks/guide/modules/open-one"
CLAIMED = "handbooks/guide/modules/claimed-one"
JPEG = b"\xff\xd8\xff\xe0 jpeg"
ESSAY = "## 充电\n\n" + "家里装充电桩之前，先确认车位产权和物业的要求，再约电力公司上门勘察。" * 10 + "\n"


def run(repo: Repo, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--root", str(repo.root), *args])


def validate(repo: Repo) -> list[dict[str, object]]:
    result = run(repo, "validate", "--format", "json", "--today", TODAY)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


def codes(findings: list[dict[str, object]]) -> set[tuple[object, object]]:
    return {(f["file"], f["code"]) for f in findings}


# File rules: one table for the reader and the pull-request check


def test_every_file_in_the_data_folders_is_judged(repo: Repo) -> None:
    repo.write("handbooks/guide/modules/readme.md", "迷路的文件")
    repo.write("handbooks/stray.txt", "迷路的文件")
    repo.write("contributors/avatars/li-na.jpg", b"\xff\xd8\xff\xe0" + b"0" * (10 * 1024 * 1024 + 1))
    repo.write("contributors/notes.txt", "随手记")
    repo.write("contributors/avatars/zhou-kai.png", b"<svg onload=alert(1)>")  # not a PNG, whatever its name
    repo.person("li-na", name="李娜", github="lina-drives", skills=["video-shooting"], avatar="avatars/li-na.jpg")
    found = codes(validate(repo))
    assert ("handbooks/guide/modules/readme.md", "file-misplaced") in found
    assert ("handbooks/stray.txt", "file-misplaced") in found
    assert ("contributors/avatars/li-na.jpg", "file-too-large") in found
    assert ("contributors/notes.txt", "file-type") in found
    assert ("contributors/avatars/zhou-kai.png", "file-content") in found
    assert ("contributors/li-na.yml", "asset-missing") not in found  # too large is said once, not twice


def test_an_image_over_the_limit_is_not_also_missing(repo: Repo) -> None:
    front = {"status": "submitted", "contributors": ["zhou-kai"], "claimed": "2026-11-01"}
    gallery = [{"file": f"p{i}.jpg", "alt": f"图 {i}"} for i in range(4)]
    files = {f"p{i}__jpg": JPEG for i in range(3)} | {"p3__jpg": b"\xff\xd8\xff\xe0" + b"0" * (10 * 1024 * 1024)}
    repo.module("guide", "storage", {**front, "gallery": gallery}, "图集。\n", **files)
    found = [(f["file"], f["code"]) for f in validate(repo) if "storage" in str(f["file"])]
    assert found == [("handbooks/guide/modules/storage/p3.jpg", "file-too-large")]


# YAML: every scalar capped, every parse error a finding


@pytest.mark.parametrize("value", ["9" * 4400, "9" * 200, "-" + "9" * 30, '"' + "长" * 5000 + '"'])
def test_oversized_yaml_scalars_are_findings_everywhere(repo: Repo, value: str, expect_warnings: None) -> None:
    repo.write("contributors/zhou-kai.yml", f"name: 周凯\ngithub: zhoukai\njoined: {value}\n")
    findings = [f for f in validate(repo) if f["file"] == "contributors/zhou-kai.yml"]
    assert [f["code"] for f in findings] in (["yaml-too-long"], ["yaml-number-too-large"])
    assert findings[0]["line"] == 3
    with pytest.raises(Exception, match="strict mode"):
        repo.build()


def test_an_oversized_number_in_a_pull_request_is_a_finding(repo: Repo) -> None:
    pr = GitRepo(repo).start()
    repo.module("guide", "open-one", {"status": "claimed", "contributors": ["li-na"], "claimed": TODAY})
    path = repo.root / OPEN / "index.md"
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", f"---\nx: {'9' * 4400}\n", 1), "utf-8")
    pr.commit("大数字")
    result = pr.check(LINA, "--format", "json")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert (f"{OPEN}/index.md", "yaml-too-long") in codes(json.loads(result.output))


# Revisions are checked before git sees them


def test_a_revision_that_looks_like_an_option_never_reaches_git(repo: Repo, tmp_path: Path) -> None:
    pr = GitRepo(repo).start()
    target = tmp_path / "overwritten"
    result = pr.check(LINA, head=f"--output={target}")
    assert result.exit_code == 2
    assert not target.exists()
    assert "不是一个版本名" in result.output


def test_an_unknown_base_gets_a_plain_message(repo: Repo) -> None:
    pr = GitRepo(repo).start()
    result = pr.check(LINA, base="nope")
    assert result.exit_code == 2
    assert "找不到版本“nope”" in result.output and "usage: git" not in result.output


# check-pr fails closed, and names on a claim are not the author's to change


def test_a_module_whose_base_claim_cannot_be_read_is_for_operators(repo: Repo) -> None:
    repo.write(f"{CLAIMED}/index.md", "---\nstatus: claimed\ncontributors: [zhou-kai\n---\n创作中。\n")
    pr = GitRepo(repo).start()
    repo.module("guide", "claimed-one", {"status": "claimed", "contributors": ["li-na"], "claimed": TODAY})
    pr.commit("把别人的模块改成自己的")
    result = pr.check(LINA, "--format", "json")
    assert result.exit_code == 1
    assert (f"{CLAIMED}/index.md", "pr-base-unreadable") in codes(json.loads(result.output))


def test_a_squad_handbook_whose_squad_file_cannot_be_read_is_for_operators(repo: Repo) -> None:
    repo.write("contributors/squads/team.yml", "name: [坏\n")
    repo.handbook("snow", squad="team", chapters=[{"id": "c", "title": "章", "modules": [
        {"id": "m", "title": "模块", "format": "article"}]}])  # fmt: skip
    pr = GitRepo(repo).start()
    repo.module("snow", "m", {"status": "claimed", "contributors": ["li-na"], "claimed": TODAY})
    pr.commit("认领项目组手册的模块")
    result = pr.check(LINA, "--format", "json")
    assert ("handbooks/snow/modules/m/index.md", "pr-base-unreadable") in codes(json.loads(result.output))


def test_moving_a_co_claimant_to_former_contributors_is_refused(repo: Repo) -> None:
    front = {"status": "claimed", "contributors": ["zhou-kai", "li-na"], "claimed": "2026-11-20"}
    repo.module("guide", "claimed-one", front, "创作中。\n")
    pr = GitRepo(repo).start()
    moved = {"status": "claimed", "contributors": ["li-na"], "former_contributors": ["zhou-kai"], "claimed": TODAY}
    repo.module("guide", "claimed-one", moved, "创作中。\n")
    pr.commit("把周凯挪走")
    result = pr.check(LINA, "--format", "json")
    assert result.exit_code == 1
    assert (f"{CLAIMED}/index.md", "pr-credit-changed") in codes(json.loads(result.output))


def test_adding_a_photo_to_a_released_module_asks_for_a_claim(repo: Repo) -> None:
    front = {"status": "open", "former_contributors": ["zhou-kai"]}
    repo.module("guide", "claimed-one", front, "创作中。\n")
    pr = GitRepo(repo).start()
    repo.write(f"{CLAIMED}/photo.jpg", JPEG)
    pr.commit("只加一张照片")
    result = pr.check(LINA)
    assert result.exit_code == 1
    assert "open 改成 open" not in result.output and "要先认领" in result.output


# claim and release never lose or take someone's work


def test_release_keeps_a_draft_written_inside_the_starter_comment(repo: Repo) -> None:
    assert run(repo, "claim", "guide/open-one", "--by", "li-na", "--today", TODAY).exit_code == 0
    index = repo.root / OPEN / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("-->", "我的草稿：充电桩要先问物业。\n-->"), "utf-8")
    result = run(repo, "release", "guide/open-one")
    assert result.exit_code == 0, result.output
    assert "我的草稿" in index.read_text(encoding="utf-8")


def test_release_of_an_untouched_starter_still_removes_it(repo: Repo) -> None:
    assert run(repo, "claim", "guide/open-one", "--by", "li-na", "--today", "2026-11-02").exit_code == 0
    assert run(repo, "release", "guide/open-one").exit_code == 0
    assert not (repo.root / OPEN).exists()


def test_the_second_of_two_simultaneous_claims_fails(repo: Repo) -> None:
    assert run(repo, "release", "guide/claimed-one").exit_code == 0
    repo_data, _ = read_repository(FsSource(repo.root))
    target = find_target(repo_data, "guide", "claimed-one")
    assert target is not None
    index = repo.root / CLAIMED / "index.md"
    day = date_of(TODAY)
    old = index.read_bytes()  # both claimants read it open, and plan from what they read
    first, second = (
        FileChange(target.index, reclaim(old.decode(), target, h, day), digest(old)) for h in ("li-na", "zhou-kai")
    )
    write_change(repo.root, first)
    with pytest.raises(Conflict, match="被别人改过"):
        write_change(repo.root, second)
    assert "li-na" in index.read_text(encoding="utf-8") and not list(index.parent.glob("*cohandbook*"))


def test_a_re_claim_keeps_front_matter_comments(repo: Repo) -> None:
    text = "---\n# 运营备注：这一期延期过\nstatus: open\nformer_contributors:\n  - zhou-kai  # 拍了一半\nvideo: {duration: 30}\n---\n创作中。\n"
    repo.write(f"{CLAIMED}/index.md", text)
    assert run(repo, "claim", "guide/claimed-one", "--by", "li-na", "--today", TODAY).exit_code == 0
    after = (repo.root / CLAIMED / "index.md").read_text(encoding="utf-8")
    assert "# 运营备注：这一期延期过" in after and "zhou-kai  # 拍了一半" in after
    assert f"claimed: {TODAY}\n" in after and "status: claimed\n" in after and after.endswith("---\n创作中。\n")


def date_of(text: str):  # type: ignore[no-untyped-def]
    from datetime import date

    return date.fromisoformat(text)


def test_dump_helper_is_plain_yaml() -> None:
    assert dump({"a": 1}) == "a: 1\n"
