"""`cohandbook check-pr` over real temporary git repositories, one rule at a time.

li-na (GitHub lina-drives) and zhou-kai (GitHub zhoukai) are contributors; xinghe-community is the operator
named in mkdocs.yml. Every pull request is a branch `pr` off `main`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from gitrepo import GitRepo

from cohandbook.cli.main import cli
from conftest import TODAY, Repo, dump

LINA, ZHOU, OPERATOR = "lina-drives", "zhoukai", "xinghe-community"
OPEN = "handbooks/guide/modules/open-one"
ESSAY = "## 充电\n\n" + "家里装充电桩之前，先确认车位产权和物业的要求，再约电力公司上门勘察。" * 10 + "\n"


@pytest.fixture
def pr(repo: Repo) -> GitRepo:
    return GitRepo(repo).start()


def codes(result: Result) -> list[tuple[str, str]]:
    """(file, code) of every error in the JSON report."""
    return [(f["file"], f["code"]) for f in json.loads(result.output) if f["level"] == "error"]


def refused(pr: GitRepo, author: str) -> list[tuple[str, str]]:
    result = pr.check(author, "--format", "json")
    assert result.exit_code == 1, result.output
    return codes(result)


def passes(pr: GitRepo, author: str) -> None:
    result = pr.check(author)
    assert result.exit_code == 0, result.output
    assert "符合提交规则" in result.output


# Legitimate pull requests


def test_a_claim_made_with_the_claim_command_passes(pr: GitRepo) -> None:
    from click.testing import CliRunner

    from cohandbook.cli.main import cli

    claimed = CliRunner().invoke(
        cli, ["--root", str(pr.root), "claim", "guide/open-one", "--by", "li-na", "--today", TODAY]
    )
    assert claimed.exit_code == 0
    pr.commit("认领 open-one")
    passes(pr, LINA)


def test_submitting_ones_own_claim_passes(pr: GitRepo) -> None:
    pr.on("main")
    pr.repo.module("guide", "open-one", {"status": "claimed", "contributors": ["li-na"], "claimed": "2026-11-20"})
    pr.merged("li-na 认领")
    front = {"status": "submitted", "contributors": ["li-na"], "claimed": "2026-11-20", "submitted": TODAY}
    pr.repo.module("guide", "open-one", front, ESSAY, **{"photo__jpg": b"\xff\xd8\xff"})
    pr.commit("交稿")
    passes(pr, LINA)


def test_a_claim_and_its_content_in_one_pull_request_pass(pr: GitRepo) -> None:
    front = {"status": "submitted", "contributors": ["li-na"], "claimed": TODAY, "submitted": TODAY}
    pr.repo.module("guide", "open-one", front, ESSAY)
    pr.commit("认领并交稿")
    passes(pr, LINA)


def test_naming_a_co_creator_needs_an_operator(pr: GitRepo) -> None:
    """Nobody is put on a claim (and under the claim cap) by someone else's pull request."""
    front = {"status": "submitted", "contributors": ["li-na", "zhou-kai"], "claimed": TODAY, "submitted": TODAY}
    pr.repo.module("guide", "open-one", front, ESSAY)
    pr.commit("认领并交稿，和周凯合作")
    assert refused(pr, LINA) == [(f"{OPEN}/index.md", "pr-credit-changed")]
    passes(pr, OPERATOR)


def test_revising_a_module_under_review_passes(pr: GitRepo) -> None:
    path = pr.root / "handbooks/guide/modules/first-1000km/index.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n补充：冬天胎压会降低。\n", encoding="utf-8")
    pr.commit("按审核意见修改")
    passes(pr, ZHOU)


def test_editing_ones_own_profile_passes(pr: GitRepo) -> None:
    pr.repo.person(
        "li-na",
        name="李娜",
        github="lina-drives",
        skills=["video-shooting"],
        private={"notes": "机密备注"},
        bio="新的简介",
        city="长春",
    )
    pr.repo.write("contributors/avatars/li-na.png", b"\x89PNG\r\n\x1a\n")
    pr.commit("更新简介和头像")
    passes(pr, LINA)


def test_giving_back_ones_own_bare_claim_passes(pr: GitRepo) -> None:
    pr.on("main")
    pr.repo.module("guide", "open-one", {"status": "claimed", "contributors": ["li-na"], "claimed": "2026-11-20"})
    pr.merged("li-na 认领")
    pr.remove(OPEN)
    pr.commit("放弃认领")
    passes(pr, LINA)


def test_operators_may_change_anything(pr: GitRepo) -> None:
    pr.repo.write("mkdocs.yml", dump({**pr.repo.config, "site_name": "新名字"}))
    pr.repo.handbook(
        "guide",
        title="改名了",
        chapters=[{"id": "c", "title": "章", "modules": [{"id": "open-one", "title": "甲", "format": "article"}]}],
    )
    pr.remove("handbooks/guide/modules")
    pr.repo.write(".github/workflows/x.yml", "name: x\n")
    pr.commit("运营调整")
    passes(pr, "Xinghe-Community")  # GitHub logins are case-insensitive


def test_squad_members_share_their_squads_modules(pr: GitRepo) -> None:
    pr.on("main")
    for handle in ("a", "b", "c"):
        pr.repo.person(handle, github=f"gh-{handle}")
    pr.repo.squad("team", name="冰雪项目组", members=["a", "b", "c"], handbook="snow")
    modules = [{"id": m, "title": m, "format": "checklist"} for m in ("m1", "m2", "m3")]
    pr.repo.handbook("snow", squad="team", chapters=[{"id": "c", "title": "章", "modules": modules}])
    pr.repo.module("snow", "m1", {"status": "claimed", "contributors": ["a"], "claimed": "2026-11-20"})
    pr.merged("项目组开工")
    items = "".join(f"- [ ] 第 {i} 项\n" for i in range(6))
    pr.repo.module("snow", "m1", {"status": "submitted", "contributors": ["a", "b"], "claimed": "2026-11-20"}, items)
    for module in ("m2", "m3"):  # squads are not held to the claim cap
        pr.repo.module("snow", module, {"status": "claimed", "contributors": ["b"], "claimed": TODAY})
    pr.commit("b 帮 a 完成清单，并认领两个模块")
    passes(pr, "gh-b")
    assert refused(pr, LINA) == [(f"handbooks/snow/modules/{m}/index.md", "pr-squad-only") for m in ("m1", "m2", "m3")]


def test_a_co_claimant_may_leave_a_claim_the_others_keep_but_not_release_it(pr: GitRepo) -> None:
    pr.on("main")
    claim = {"status": "claimed", "contributors": ["zhou-kai", "li-na"], "claimed": "2026-11-20"}
    pr.repo.module("guide", "claimed-one", claim, "创作中。\n")
    pr.merged("两人认领")
    pr.repo.module("guide", "claimed-one", {**claim, "contributors": ["zhou-kai"]}, "创作中。\n")
    pr.commit("李娜退出")
    passes(pr, LINA)
    pr.repo.module("guide", "claimed-one", {**claim, "contributors": ["li-na"]}, "创作中。\n")
    pr.commit("李娜把周凯去掉")
    assert ("handbooks/guide/modules/claimed-one/index.md", "pr-credit-changed") in refused(pr, LINA)


def test_a_squad_member_cannot_drop_a_squadmates_credit(pr: GitRepo) -> None:
    """Squad members may add each other to their squad's modules; only operators remove a credit."""
    pr.on("main")
    for handle in ("a", "b"):
        pr.repo.person(handle, github=f"gh-{handle}")
    pr.repo.squad("team", name="冰雪项目组", members=["a", "b"], handbook="snow")
    modules = [{"id": "m1", "title": "m1", "format": "checklist"}]
    pr.repo.handbook("snow", squad="team", chapters=[{"id": "c", "title": "章", "modules": modules}])
    items = "".join(f"- [ ] 第 {i} 项\n" for i in range(6))
    done = {"status": "accepted", "contributors": ["a", "b"], "claimed": "2026-11-10", "accepted": "2026-11-20"}
    pr.repo.module("snow", "m1", done, items)
    pr.merged("项目组交付")
    again = {"status": "submitted", "contributors": ["b"], "former_contributors": [], "claimed": "2026-11-10"}
    pr.repo.module("snow", "m1", again, items + "- [ ] 补一项\n")
    pr.commit("b 改清单，顺手去掉了 a")
    assert ("handbooks/snow/modules/m1/index.md", "pr-credit-changed") in refused(pr, "gh-b")
    pr.repo.module("snow", "m1", {**again, "former_contributors": ["a"]}, items + "- [ ] 补一项\n")
    pr.commit("b 把 a 挪到之前的贡献者")
    assert ("handbooks/snow/modules/m1/index.md", "pr-credit-changed") in refused(pr, "gh-b")


def test_a_claim_older_than_the_squad_may_still_be_finished(pr: GitRepo) -> None:
    """li-na claimed before the squad took the handbook over: she may hand it in, not claim anything new."""
    pr.on("main")
    for handle in ("a", "b", "c"):
        pr.repo.person(handle, github=f"gh-{handle}")
    pr.repo.squad("team", name="冰雪项目组", members=["a", "b", "c"], handbook="guide", formed="2026-11-21")
    blueprint = pr.root / "handbooks/guide/handbook.yml"
    blueprint.write_text(blueprint.read_text(encoding="utf-8") + "squad: team\n", encoding="utf-8")
    pr.repo.module("guide", "open-one", {"status": "claimed", "contributors": ["li-na"], "claimed": "2026-11-20"})
    pr.merged("项目组接手，li-na 的认领在先")
    front = {"status": "submitted", "contributors": ["li-na"], "claimed": "2026-11-20", "submitted": TODAY}
    pr.repo.module("guide", "open-one", front, ESSAY)
    pr.commit("li-na 交稿")
    passes(pr, LINA)
    pr.repo.module("guide", "claimed-one", {"status": "claimed", "contributors": ["li-na"], "claimed": TODAY})
    pr.commit("li-na 想再认领一个")
    assert ("handbooks/guide/modules/claimed-one/index.md", "pr-squad-only") in refused(pr, LINA)


# Refused pull requests, each naming the file


def test_editing_someone_elses_module_is_refused(pr: GitRepo) -> None:
    path = pr.root / "handbooks/guide/modules/claimed-one/index.md"
    path.write_text(path.read_text(encoding="utf-8") + "我来帮你写。\n", encoding="utf-8")
    pr.commit("改别人的模块")
    result = pr.check(LINA)
    assert result.exit_code == 1
    assert "handbooks/guide/modules/claimed-one/index.md" in result.output
    assert "周凯" in result.output and "不能修改别人的模块" in result.output


def test_taking_a_held_claim_is_refused(pr: GitRepo) -> None:
    pr.repo.module("guide", "claimed-one", {"status": "claimed", "contributors": ["li-na"], "claimed": TODAY})
    pr.commit("抢认领")
    assert refused(pr, LINA) == [("handbooks/guide/modules/claimed-one/index.md", "pr-module-held")]


def test_a_claim_merged_meanwhile_on_the_base_wins(pr: GitRepo) -> None:
    pr.repo.module("guide", "open-one", {"status": "claimed", "contributors": ["li-na"], "claimed": TODAY})
    pr.commit("li-na 认领 open-one")
    pr.on("main")
    pr.repo.module("guide", "open-one", {"status": "claimed", "contributors": ["zhou-kai"], "claimed": TODAY})
    pr.commit("zhou-kai 先认领了 open-one（已合并）")
    assert refused(pr, LINA) == [(f"{OPEN}/index.md", "pr-module-held")]


@pytest.mark.parametrize(
    "path",
    [
        "handbooks/guide/handbook.yml",
        "mkdocs.yml",
        ".github/workflows/check.yml",
        "plugins/cohandbook/x.py",
        "theme/main.html",
        "contributors/skills.yml",
        "contributors/squads/new.yml",
        "README.md",
    ],
)
def test_files_outside_module_folders_are_for_operators(pr: GitRepo, path: str) -> None:
    target = pr.root / path
    pr.repo.write(path, (target.read_text(encoding="utf-8") if target.exists() else "") + "\n# 改一下\n")
    pr.commit(f"改 {path}")
    assert (path, "pr-operator-only") in refused(pr, LINA)


def test_someone_elses_profile_is_refused(pr: GitRepo) -> None:
    pr.repo.person("zhou-kai", name="周凯", github="zhoukai", skills=["writing", "photography"], bio="被改了")
    pr.commit("改别人的档案")
    assert refused(pr, LINA) == [("contributors/zhou-kai.yml", "pr-operator-only")]


def test_self_accepting_is_refused(pr: GitRepo) -> None:
    path = pr.root / "handbooks/guide/modules/first-1000km/index.md"
    path.write_text(path.read_text(encoding="utf-8").replace("status: submitted", "status: accepted"), encoding="utf-8")
    pr.commit("自己验收")
    result = pr.check(ZHOU, "--format", "json")
    assert codes(result) == [("handbooks/guide/modules/first-1000km/index.md", "pr-self-accept")]
    assert json.loads(result.output)[0]["line"] == 2  # the status line, where GitHub shows the annotation


def test_writing_ones_own_acceptance_date_is_refused(pr: GitRepo) -> None:
    front = {"status": "submitted", "contributors": ["zhou-kai", "li-na"], "claimed": "2026-11-01", "accepted": TODAY}
    pr.repo.module("guide", "first-1000km", front, ESSAY)
    pr.commit("顺手写上验收日期")
    result = pr.check(ZHOU, "--format", "json")
    assert codes(result) == [("handbooks/guide/modules/first-1000km/index.md", "pr-self-accept")]
    assert json.loads(result.output)[0]["line"] == 7


@pytest.mark.parametrize(("status", "code"), [("open", "pr-status"), ("claimed", None)])
def test_status_moves_are_limited(pr: GitRepo, status: str, code: str | None) -> None:
    pr.repo.module(
        "guide",
        "first-1000km",
        {"status": status, "contributors": ["zhou-kai", "li-na"], "claimed": "2026-11-01"},
        ESSAY,
    )
    pr.commit(f"改成 {status}")
    if code is None:
        passes(pr, ZHOU)  # withdrawing a submission to keep working on it
    else:
        assert refused(pr, ZHOU) == [("handbooks/guide/modules/first-1000km/index.md", code)]


def test_deleting_handed_in_work_is_refused(pr: GitRepo) -> None:
    pr.remove("handbooks/guide/modules/daily-check")
    pr.commit("删掉已完成的模块")
    assert refused(pr, LINA) == [("handbooks/guide/modules/daily-check/index.md", "pr-status")]


def test_symbolic_links_are_refused(pr: GitRepo) -> None:
    pr.repo.module("guide", "open-one", {"status": "claimed", "contributors": ["li-na"], "claimed": TODAY})
    os.symlink("../../../../mkdocs.yml", pr.root / OPEN / "notes.md")
    pr.commit("链接")
    result = pr.check(LINA)
    assert result.exit_code == 1
    assert f"{OPEN}/notes.md" in result.output and "符号链接" in result.output
    assert refused(pr, LINA) == [(f"{OPEN}/notes.md", "symlink")]  # said once, not twice


@pytest.mark.parametrize("name", ["setup.exe", "page.html", "run.sh", ".DS_Store", "data.json"])
def test_disallowed_file_types_are_refused(pr: GitRepo, name: str) -> None:
    pr.repo.module("guide", "open-one", {"status": "claimed", "contributors": ["li-na"], "claimed": TODAY})
    pr.repo.write(f"{OPEN}/{name}", b"MZ\x90\x00")
    pr.commit("奇怪的文件")
    assert refused(pr, LINA) == [(f"{OPEN}/{name}", "file-name" if name.startswith(".") else "file-type")]


def test_files_over_the_size_limit_are_refused(pr: GitRepo) -> None:
    pr.repo.module("guide", "open-one", {"status": "claimed", "contributors": ["li-na"], "claimed": TODAY})
    pr.repo.write(f"{OPEN}/clip.srt", "字" * 400_000)  # 1.2 MB of captions; the limit is 1 MB
    pr.commit("太大")
    result = pr.check(LINA)
    assert "超过了 1.0 MB 的上限" in result.output
    assert refused(pr, LINA) == [(f"{OPEN}/clip.srt", "file-too-large")]


@pytest.mark.parametrize(
    ("field", "value", "line"),
    [("skills", ["video-shooting", "writing"], 3), ("private", {"notes": "我很棒"}, 5), ("github", "lina-new", 2)],
)
def test_changing_ones_own_protected_fields_is_refused(pr: GitRepo, field: str, value: object, line: int) -> None:
    fields = {"name": "李娜", "github": "lina-drives", "skills": ["video-shooting"], "private": {"notes": "机密备注"}}
    pr.repo.person("li-na", **{**fields, field: value})
    pr.commit(f"改 {field}")
    result = pr.check(LINA, "--format", "json")
    assert codes(result) == [("contributors/li-na.yml", "pr-profile-field")]
    assert json.loads(result.output)[0]["line"] == line


def test_an_unknown_author_is_told_how_to_join(pr: GitRepo) -> None:
    pr.repo.person("newbie", name="新朋友", github="newbie-gh")  # adding oneself does not count: the base decides
    pr.repo.module("guide", "open-one", {"status": "claimed", "contributors": ["newbie"], "claimed": TODAY})
    pr.commit("我想参加")
    result = pr.check("newbie-gh")
    assert result.exit_code == 1
    assert "还没有登记在人才库里" in result.output
    assert "https://github.com/xinghe-auto/handbooks/issues/new?template=join.yml" in result.output
    assert "github: newbie-gh" in result.output


def test_a_pull_request_cannot_make_its_author_an_operator(pr: GitRepo) -> None:
    config = {**pr.repo.config, "plugins": ["search", {"cohandbook": {"operators": ["lina-drives"]}}]}
    pr.repo.write("mkdocs.yml", dump(config))
    pr.repo.handbook("guide", title="我说了算", chapters=[])
    pr.commit("自封运营")
    result = pr.check(LINA, "--format", "json")
    assert {("mkdocs.yml", "pr-operator-only"), ("handbooks/guide/handbook.yml", "pr-operator-only")} <= set(
        codes(result)
    )


def test_the_claim_cap_applies_to_new_claims(pr: GitRepo) -> None:
    pr.repo.handbook(
        "more",
        chapters=[
            {"id": "c", "title": "章", "modules": [{"id": m, "title": m, "format": "article"} for m in ("a", "b")]}
        ],
    )
    pr.merged("运营新增手册")
    for module in ("a", "b"):
        pr.repo.module("more", module, {"status": "claimed", "contributors": ["zhou-kai"], "claimed": TODAY})
    pr.commit("一口气认领两个")
    result = pr.check(ZHOU, "--format", "json")
    assert set(codes(result)) == {
        ("handbooks/more/modules/a/index.md", "pr-claim-cap"),
        ("handbooks/more/modules/b/index.md", "pr-claim-cap"),
    }
    assert "每人最多 2 个" in json.loads(result.output)[0]["message"]


def test_removing_someone_elses_credit_is_refused(pr: GitRepo) -> None:
    pr.repo.module(
        "guide", "first-1000km", {"status": "submitted", "contributors": ["zhou-kai"], "claimed": "2026-11-01"}, ESSAY
    )
    pr.commit("把李娜去掉")
    result = pr.check(ZHOU)
    assert result.exit_code == 1
    assert "不能把 李娜 从贡献者里去掉" in result.output


def test_a_module_not_in_the_blueprint_is_refused(pr: GitRepo) -> None:
    pr.repo.module("guide", "my-idea", {"status": "claimed", "contributors": ["li-na"], "claimed": TODAY})
    pr.commit("自己加的模块")
    assert ("handbooks/guide/modules/my-idea/index.md", "pr-module-unknown") in refused(pr, LINA)


def test_listing_only_someone_else_on_an_open_module_is_refused(pr: GitRepo) -> None:
    pr.repo.module("guide", "open-one", {"status": "claimed", "contributors": ["zhou-kai"], "claimed": TODAY})
    pr.commit("替别人认领")
    assert refused(pr, LINA) == [(f"{OPEN}/index.md", "pr-credit-changed"), (f"{OPEN}/index.md", "pr-not-listed")]


# The head is validated like `validate`


def test_the_head_is_validated(pr: GitRepo) -> None:
    front = {"status": "submitted", "contributors": ["li-na"], "claimed": TODAY, "submitted": TODAY}
    pr.repo.module("guide", "open-one", front, "太短了。\n")
    pr.commit("交稿太短")
    assert refused(pr, LINA) == [(f"{OPEN}/index.md", "article-too-short")]


def test_problems_the_base_already_had_do_not_block(pr: GitRepo) -> None:
    pr.on("main")
    pr.repo.module(
        "guide",
        "daily-check",
        {"status": "accepted", "contributors": ["li-na"], "claimed": "2026-11-01"},
        "- [ ] 只有一项\n",
    )
    pr.merged("主分支上已经有问题")
    pr.repo.module("guide", "open-one", {"status": "claimed", "contributors": ["zhou-kai"], "claimed": TODAY})
    pr.commit("认领")
    result = pr.check(ZHOU)
    assert result.exit_code == 0, result.output
    assert "（合并前就有的问题）清单只有 1 项" in result.output


def test_revisions_are_read_from_git_not_from_the_working_tree(pr: GitRepo) -> None:
    pr.repo.module("guide", "open-one", {"status": "claimed", "contributors": ["li-na"], "claimed": TODAY})
    pr.commit("认领")
    pr.repo.write("handbooks/guide/handbook.yml", "这不是 YAML: [")  # uncommitted mess in the checkout
    pr.repo.write(f"{OPEN}/virus.exe", b"MZ")
    passes(pr, LINA)


# Output formats and usage


def test_github_format_prints_annotations_and_writes_the_step_summary(
    pr: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    path = pr.root / "handbooks/guide/modules/first-1000km/index.md"
    path.write_text(path.read_text(encoding="utf-8").replace("status: submitted", "status: accepted"), encoding="utf-8")
    pr.repo.write("mkdocs.yml", "site_name: x\n")
    pr.commit("两处问题")
    result = pr.check(ZHOU, "--format", "github")
    assert result.exit_code == 1
    annotations = [line for line in result.output.splitlines() if line.startswith("::")]
    assert annotations[0].startswith(
        "::error file=handbooks/guide/modules/first-1000km/index.md,line=2,title=pr-self-accept::"
    )
    assert annotations[1].startswith("::error file=mkdocs.yml,title=pr-operator-only::")
    report = summary.read_text(encoding="utf-8")
    assert "作者 zhoukai（贡献者：zhou-kai），改动了 2 个文件" in report
    assert "| 错误 | `mkdocs.yml` |" in report and "有 2 个问题要先改好" in report


def test_unknown_revisions_are_a_usage_error(pr: GitRepo) -> None:
    result = pr.check(LINA, head="no-such-branch")
    assert result.exit_code == 2
    assert "no-such-branch" in result.output


def test_operators_come_from_the_bases_mkdocs_yml_whatever_tags_it_uses(pr: GitRepo) -> None:
    pr.on("main")
    config = dump({**pr.repo.config, "plugins": ["search", {"cohandbook": {"operators": ["ops-team"]}}]})
    pr.repo.write("mkdocs.yml", config + "hooks:\n  - !!python/name:os.getcwd\nextra:\n  key: !ENV [KEY, x]\n")
    pr.merged("换运营")
    blueprint = pr.root / "handbooks/guide/handbook.yml"
    blueprint.write_text(
        blueprint.read_text(encoding="utf-8").replace("给刚提车的你。", "运营改过的简介"), encoding="utf-8"
    )
    pr.commit("运营改蓝图")
    assert pr.check("ops-team").exit_code == 0
    assert pr.check(OPERATOR).exit_code == 1


# The project's own example repository: real content, a published squad handbook


@pytest.fixture
def example_pr(example_copy: Repo) -> GitRepo:
    return GitRepo(example_copy).start()


def test_example_a_parent_revises_her_article_under_review(example_pr: GitRepo) -> None:
    path = example_pr.root / "handbooks/new-owner-guide/modules/kids-seat/index.md"
    path.write_text(
        path.read_text(encoding="utf-8") + "\n补充：冬天给宝宝穿厚外套时，安全带会勒不紧，上车后先脱外套。\n",
        encoding="utf-8",
    )
    example_pr.commit("按审核意见补充")
    passes(example_pr, "wumin-mama")
    assert refused(example_pr, "zhoukai-ev") == [
        ("handbooks/new-owner-guide/modules/kids-seat/index.md", "pr-module-held")
    ]


def test_example_claiming_the_open_video_module(example_pr: GitRepo) -> None:
    root = str(example_pr.root)
    claim = ["--root", root, "claim", "new-owner-guide/voice-assistant", "--by", "zhou-kai", "--today", TODAY]
    assert CliRunner().invoke(cli, claim).exit_code == 0
    example_pr.commit("认领语音助手视频")
    passes(example_pr, "zhoukai-ev")


def test_example_a_published_squad_handbook_is_frozen_for_contributors(example_pr: GitRepo) -> None:
    path = example_pr.root / "handbooks/winter-driving/modules/battery-in-cold/index.md"
    text = path.read_text(encoding="utf-8").replace("status: accepted", "status: submitted")
    path.write_text(text + "\n补充一段。\n", encoding="utf-8")
    example_pr.commit("改已发布的文章")
    # The squad is dissolved: its members no longer share its modules, and the handbook is published.
    index = "handbooks/winter-driving/modules/battery-in-cold/index.md"
    member = refused(example_pr, "qianhao-cut")
    assert ("handbooks/winter-driving/handbook.yml", "published-incomplete") in member
    assert (index, "pr-module-held") in member
    outsider = refused(example_pr, "chenxi-draws")
    assert (index, "pr-module-held") in outsider
