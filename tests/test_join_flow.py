"""Joining the talent pool from a phone, against a stand-in GitHub on 127.0.0.1 and a real bare remote: the
加入 form becomes a pull request adding the person's profile, mistakes come all at once, the operator's merge
admits, and check-pr judges the bot's pull request as the applicant's."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs

import pytest
import yaml
from botkit import ALL_LABELS, OWNER_REPO, BotRepo, claim_form_body, issues_event, schedule_event
from click.testing import CliRunner, Result
from gitrepo import git
from pytest_httpserver import HTTPServer
from test_handin_flow import LINA, join_body, only_comment, owners_repo, send
from test_submission import Stand, branch_file, rendered

from cohandbook.cli.main import cli
from cohandbook.core.domain.labels import FORM_TITLES
from conftest import PROJECT, TODAY


@pytest.fixture
def bot_repo(tmp_path: Path) -> BotRepo:
    return BotRepo(owners_repo(tmp_path / "repo"), tmp_path)


@pytest.fixture
def stand(httpserver: HTTPServer) -> Stand:
    return Stand(httpserver)


def test_a_car_owner_joins_is_admitted_by_a_merge_then_claims(bot_repo: BotRepo, stand: Stand) -> None:
    body = join_body("王芳", "wang-fang", "摄影、写作，会修车", city="成都")
    send(bot_repo, stand, 30, body, "加入", login="wangfang88")
    answer = only_comment(stand, 30)
    assert "收到你的申请" in answer and "`wang-fang`" in answer and "摄影、文字写作" in answer
    assert "已关闭" in answer and "认领" in answer and "表里有几处" not in answer
    [pull] = stand.pulls
    assert pull["head"] == "cohandbook/join-30" and pull["base"] == "main" and "Closes #30" in pull["body"]
    assert "`会修车`" in pull["body"]  # the skill the vocabulary lacks, quoted for the operator
    assert stand.github.dispatches == [("check.yml", {"ref": "main", "inputs": {"pr": str(pull["number"])}})]
    profile = branch_file(bot_repo, "contributors/wang-fang.yml", "cohandbook/join-30").decode()
    assert "name: 王芳" in profile and "github: wangfang88" in profile and "city: 成都" in profile
    assert "- photography" in profile and "- writing" in profile and f"joined: {TODAY}" in profile
    assert bot_repo.remote_log() == ["base"]  # admission is the operator's merge, not the bot's
    claim = claim_form_body("guide", "open-one", handle="wang-fang")
    send(bot_repo, stand, 31, claim, "认领", login="wangfang88")
    assert "还没有登记在人才库里" in only_comment(stand, 31)
    git(bot_repo.root, "fetch", "-q", "origin", "cohandbook/join-30")
    git(bot_repo.root, "merge", "-q", "--no-edit", "FETCH_HEAD")  # the operator merges
    git(bot_repo.root, "push", "-q", "origin", "main")
    send(bot_repo, stand, 31, claim, "认领", login="wangfang88", action="edited")
    assert "认领成功" in only_comment(stand, 31)
    assert "这是清单模块：填“清单”" in only_comment(stand, 31)
    link = re.search(r"\(https://github\.com/xinghe/handbook/issues/new\?([^)]+)\)", only_comment(stand, 31))
    assert link is not None
    query = {key: values[0] for key, values in parse_qs(link[1]).items()}
    assert query["template"] == "submit.yml" and query["title"].startswith(
        "交稿：guide/open-one 充电桩（清单：填“清单”"
    )
    # The hand-in through that link, in one go: the fields it prefilled, the checklist typed on a phone.
    items = "出发前：\n• 查看充电桩地图\n• 带上转换头\n到了以后：\n1. 扫码\n2. 插枪\n3. 看仪表"
    form = rendered(handbook=query["handbook"], module=query["module"], items=items)
    send(bot_repo, stand, 36, form, "提交", login="wangfang88")
    assert "收到你的作品「充电桩」" in only_comment(stand, 36)
    said = [body for number in (30, 31, 36) for body in stand.github.bodies(number)]
    assert not any("表里有几处" in body or "出了问题" in body for body in said)  # no second round anywhere


def test_join_mistakes_come_all_at_once_and_a_member_is_told_so(bot_repo: BotRepo, stand: Stand) -> None:
    send(bot_repo, stand, 32, join_body("", "li-na", "摄影"), "加入", login="newcomer")
    taken = only_comment(stand, 32)
    assert taken.startswith("<!-- cohandbook:join:32 -->\n@newcomer 加入表里有几处需要改一下")
    assert "“怎么称呼你”要填" in taken and "用户名 `li-na` 已经有人用了" in taken
    send(bot_repo, stand, 33, join_body("小周", "Zhou Kai!", "摄影"), "加入", login="zhoukai")
    assert "用户名 `Zhou Kai!` 不能用：只能用小写英文字母、数字和连字符" in only_comment(stand, 33)
    send(bot_repo, stand, 37, join_body("小周", "skills", "摄影"), "加入", login="zhoukai")
    assert "用户名 `skills` 不能用" in only_comment(stand, 37)
    send(bot_repo, stand, 34, join_body("李娜", "li-na-2", "摄影"), "加入", login=LINA)
    member = only_comment(stand, 34)
    assert "你已经在人才库里了" in member and "`li-na`" in member and "表里有几处" not in member
    assert stand.pulls == []


def test_the_join_pull_request_passes_the_check_as_an_application(bot_repo: BotRepo, stand: Stand) -> None:
    send(bot_repo, stand, 30, join_body("王芳", "wang-fang", "摄影"), "加入", login="wangfang88")
    git(bot_repo.root, "fetch", "-q", "origin", "cohandbook/join-30:join")

    def check(author: str, head_repo: str, ref: str = "cohandbook/join-30") -> Result:
        origin = ["--head-repo", head_repo, "--base-repo", OWNER_REPO, "--head-ref", ref]
        args = ["--root", str(bot_repo.root), "check-pr", "--base", "main", "--head", "join", "--author", author]
        return CliRunner().invoke(cli, [*args, *origin, "--today", TODAY])

    own = check("github-actions[bot]", OWNER_REPO)
    assert own.exit_code == 0, own.output
    assert "作者 wangfang88（申请加入人才库：wang-fang）" in own.output and "合并即通过申请" in own.output
    someone_else = check("mallory", "mallory/handbook")  # the same profile from a fork: not mallory's to add
    assert someone_else.exit_code == 1 and "不是这次提交的作者 mallory" in someone_else.output
    renamed = check("github-actions[bot]", OWNER_REPO, ref="cohandbook/join-99")
    assert renamed.exit_code == 1 and "作者 github-actions[bot]" in renamed.output


def test_the_first_form_before_any_label_existed_is_still_answered(bot_repo: BotRepo, stand: Stand) -> None:
    """GitHub drops a form's label that does not exist yet: the bot makes the labels and knows the form by
    the title the form gave the issue."""
    stand.github.repo_labels = []
    event = issues_event(35, "wangfang88", join_body("王芳", "wang-fang", "摄影"), [])
    event["issue"]["title"] = "申请加入：王芳"
    assert bot_repo.bot(stand.github, "issues", event).exit_code == 0
    assert [label["name"] for label in stand.github.new_labels] == list(ALL_LABELS)
    assert stand.github.labels[35] == ["加入"]
    assert "收到你的申请" in only_comment(stand, 35)
    assert bot_repo.bot(stand.github, "issues", event).exit_code == 0  # the labels exist now: nothing guessed
    assert stand.github.labels[35] == ["加入"]


def test_the_forms_titles_are_the_ones_the_bot_knows() -> None:
    forms = [
        yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((PROJECT / ".github/ISSUE_TEMPLATE").glob("*.yml"))
    ]
    found = {form["title"]: form["labels"] for form in forms if form.get("labels")}
    assert found == {title: [label] for title, label in FORM_TITLES}  # every labelled form, the squad's too


def test_label_upkeep_that_fails_does_not_stop_the_answer(
    bot_repo: BotRepo, httpserver: HTTPServer, expect_warnings: None
) -> None:
    refusal = {"message": "Resource not accessible by integration"}
    httpserver.expect_request(f"/repos/{OWNER_REPO}/labels").respond_with_json(refusal, status=403)
    stand = Stand(httpserver)  # registered after the refusal: every label call is refused, the rest answered
    event = issues_event(38, "wangfang88", join_body("王芳", "wang-fang", "摄影"), [])
    event["issue"]["title"] = "申请加入：王芳"
    assert bot_repo.bot(stand.github, "issues", event).exit_code == 0
    assert stand.github.new_labels == [] and stand.github.bodies(38) == []  # no label, no form: nothing to say
    schedule = bot_repo.bot(stand.github, "schedule", schedule_event())
    assert schedule.exit_code == 0  # the daily round still runs
