"""`cohandbook new` and `cohandbook doctor`: a new operator's first handbook and the set-up checked."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from gitrepo import git
from operatorkit import SLUG, copy_project, lines, run, set_up_as_documented

from conftest import Repo


@pytest.fixture
def operator_repo(repo: Repo) -> Repo:
    return set_up_as_documented(repo)


# ---- new -------------------------------------------------------------------------------------------------------


def test_new_writes_a_blueprint_that_validates_and_builds(repo: Repo) -> None:
    result = run(repo.root, "new", "charging-guide", "--title", "充电与补能指南", "--brand", "极光汽车")
    assert result.exit_code == 0, result.output
    text = (repo.root / "handbooks/charging-guide/handbook.yml").read_text(encoding="utf-8")
    assert "title: 充电与补能指南" in text and "brand: 极光汽车" in text
    assert sorted(re.findall(r"format: (\w+)", text)) == ["article", "checklist", "gallery", "video"]
    assert all("#" in line for line in text.splitlines() if line.lstrip().startswith(("format:", "status:")))
    validated = run(repo.root, "validate", "--format", "json")
    assert [f for f in json.loads(validated.output) if "charging-guide" in f["file"]] == []
    site = repo.build()
    cover = site.article("charging-guide/")
    assert "充电与补能指南" in cover.get_text()
    assert site.exists("charging-guide/intro-video/") and site.exists("charging-guide/checklist/")


def test_new_never_overwrites_an_existing_handbook(repo: Repo) -> None:
    before = (repo.root / "handbooks/guide/handbook.yml").read_bytes()
    result = run(repo.root, "new", "guide", "--title", "别的", "--brand", "极光汽车")
    assert result.exit_code == 1
    assert "已经有一本编号为“guide”的手册了" in result.output
    assert (repo.root / "handbooks/guide/handbook.yml").read_bytes() == before


@pytest.mark.parametrize(("handbook_id", "words"), [("充电", "只能用小写英文字母"), ("board", "被网站占用了")])
def test_new_refuses_an_id_the_site_cannot_use(repo: Repo, handbook_id: str, words: str) -> None:
    result = run(repo.root, "new", handbook_id, "--title", "充电", "--brand", "极光汽车")
    assert result.exit_code == 1 and words in result.output
    assert not (repo.root / "handbooks" / handbook_id).exists()


def test_new_quotes_a_title_yaml_would_misread(repo: Repo) -> None:
    assert run(repo.root, "new", "faq", "--title", "问答: 充电 #1", "--brand", "极光").exit_code == 0
    assert run(repo.root, "validate").exit_code == 0
    assert "问答: 充电 #1" in repo.build().article("faq/").get_text()


# ---- validate and repo_url -------------------------------------------------------------------------------------


def test_validate_warns_when_repo_url_is_missing(repo: Repo) -> None:
    del repo.config["repo_url"]
    repo.write_config()
    result = run(repo.root, "validate", "--format", "json")
    assert result.exit_code == 0
    assert [f["code"] for f in json.loads(result.output) if f["file"] == "mkdocs.yml"] == ["repo-url-missing"]


# ---- doctor, on the machine ------------------------------------------------------------------------------------


def test_doctor_names_every_example_value_left_in_place(tmp_path: Path) -> None:
    root = tmp_path / "clone"
    copy_project(root)
    git(root, "init", "-q", "-b", "main")
    git(root, "remote", "add", "origin", f"https://github.com/{SLUG}.git")
    result = run(root, "doctor")
    assert result.exit_code == 1
    blocking = "\n".join(lines(result, "✗"))
    for topic in ("repo_url", "site_url", "operators", "CODEOWNERS"):
        assert f"｜{topic}：" in blocking, topic
    assert f"repo_url: https://github.com/{SLUG}" in result.output  # the fix names the remote's address
    assert "示例内容还在：handbooks/new-owner-guide/" in result.output


def test_doctor_is_clean_for_a_repository_set_up_as_documented(operator_repo: Repo) -> None:
    result = run(operator_repo.root, "doctor")
    assert result.exit_code == 0, result.output
    assert lines(result, "✗") == []
    assert "都设置好了" in result.output and "没有给 GitHub 令牌" in result.output


def test_doctor_sees_repo_url_disagree_with_the_remote(operator_repo: Repo) -> None:
    git(operator_repo.root, "remote", "set-url", "origin", "https://github.com/someone-else/handbooks.git")
    result = run(operator_repo.root, "doctor")
    assert result.exit_code == 1
    assert "git 远程仓库是 someone-else/handbooks" in result.output


def test_doctor_wants_edit_uri_on_the_default_branch(operator_repo: Repo) -> None:
    git(operator_repo.root, "symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/trunk")
    result = run(operator_repo.root, "doctor")
    assert result.exit_code == 1
    assert "edit_uri 写的分支是 main，但仓库的默认分支是 trunk" in result.output
    assert "edit_uri: edit/trunk/handbooks/" in result.output


def test_doctor_without_repo_url_blocks(operator_repo: Repo) -> None:
    del operator_repo.config["repo_url"]
    operator_repo.write_config(operators=["wang-yun"])
    result = run(operator_repo.root, "doctor")
    assert result.exit_code == 1 and "｜repo_url：mkdocs.yml 里没有 repo_url" in result.output


def test_doctor_names_missing_workflows_and_forms(operator_repo: Repo) -> None:
    (operator_repo.root / ".github/workflows/check.yml").unlink()
    (operator_repo.root / ".github/ISSUE_TEMPLATE/squad.yml").unlink()
    result = run(operator_repo.root, "doctor")
    assert result.exit_code == 1
    assert [line.split("｜")[1] for line in lines(result, "✗")] == [
        "文件：缺少 .github/workflows/check.yml（提交规则检查）。",
        "文件：缺少 .github/ISSUE_TEMPLATE/squad.yml（“组队邀请”表单）。",
    ]


def test_doctor_warns_without_ffmpeg(operator_repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    result = run(operator_repo.root, "doctor")
    assert result.exit_code == 0
    assert any("ffmpeg" in line for line in lines(result, "!"))


def test_a_new_operator_following_the_setup_page_ends_with_a_clean_doctor_and_own_links(tmp_path: Path) -> None:
    """docs/pages/operators/setup.md, step by step, on a copy of this repository."""
    root = tmp_path / "clone"
    copy_project(root)
    git(root, "init", "-q", "-b", "main")
    git(root, "remote", "add", "origin", f"https://github.com/{SLUG}.git")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")  # step 2: the five settings
    config = config.replace("xinghe-auto/handbooks", SLUG).replace("xinghe-auto.github.io", "jiguang-auto.github.io")
    (root / "mkdocs.yml").write_text(config.replace("operators: [xinghe-community]", "operators: [wang-yun]"))
    owners = root / ".github/CODEOWNERS"  # step 3
    owners.write_text(owners.read_text(encoding="utf-8").replace("@xinghe-community", "@jiguang-auto/community"))
    for example in ("handbooks", "contributors/squads", "contributors/avatars"):  # step 4
        shutil.rmtree(root / example)
    for person in root.glob("contributors/*.yml"):
        if person.name != "skills.yml":
            person.unlink()
    assert run(root, "new", "charging-guide", "--title", "充电与补能指南", "--brand", "极光汽车").exit_code == 0  # 5
    (root / "contributors/wang-lei.yml").write_text("name: 王磊\ngithub: wanglei\nskills: [video-shooting]\n")  # 6
    assert run(root, "validate").exit_code == 0
    doctor = run(root, "doctor")
    assert doctor.exit_code == 0 and "都设置好了" in doctor.output, doctor.output
    site = Repo(root)
    site.config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    board = site.build().article("board/")
    links = {a["href"].split("/issues/")[0] for a in board.select("a.ch-claim, a.ch-submit")}
    assert links == {f"https://github.com/{SLUG}"}


@pytest.mark.parametrize("leftover", ["pull-request.yml", "preview.yml"])
def test_doctor_blocks_on_a_leftover_workflow_whose_output_a_fork_could_forge(
    operator_repo: Repo, leftover: str
) -> None:
    (operator_repo.root / ".github/workflows" / leftover).write_text("name: old\n", encoding="utf-8")
    result = run(operator_repo.root, "doctor")
    assert result.exit_code == 1
    assert any(f"还留着 .github/workflows/{leftover}" in line for line in lines(result, "✗"))
