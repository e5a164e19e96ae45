"""Squads by invitation through the bot: the 组队 form, `/加入` and `/婉拒`, `/成组` and `/解散`.

Real git with a bare remote, GitHub's REST API stood in for on 127.0.0.1, payloads shaped like GitHub's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from botkit import OPERATOR, BotRepo, FakeGitHub, _issue, comment_event, issues_event, user
from click.testing import Result
from pytest_httpserver import HTTPServer

from conftest import TODAY, standard_repo

ISSUE = 30
SQUAD_FILE = "contributors/squads/ice.yml"
MEMBERS = ["lina-drives", "zhoukai", "sunyu", "zhaolei"]


def form_body(members: list[str] = MEMBERS, handbook: str = "guide", squad_id: str = "ice") -> str:
    """The issue body GitHub renders from .github/ISSUE_TEMPLATE/squad.yml."""
    listed = "\n".join(f"@{m}" for m in members)
    return (
        f"### 项目组编号\n\n{squad_id}\n\n### 项目组名字\n\n冰雪项目组\n\n### 任务\n\n冰雪路面驾驶技巧视频系列\n\n"
        f"### 手册编号\n\n{handbook or '_No response_'}\n\n### 成员\n\n{listed}"
    )


@pytest.fixture
def bot_repo(tmp_path: Path) -> BotRepo:
    repo = standard_repo(tmp_path / "repo")
    repo.person("sun-yu", name="孙宇", github="sunyu").person("zhao-lei", name="赵磊", github="zhaolei")
    repo.person("wu-min", name="吴敏", github="wumin")
    return BotRepo(repo, tmp_path)


@pytest.fixture
def github(httpserver: HTTPServer) -> FakeGitHub:
    return FakeGitHub(httpserver)


class Thread:
    """People commenting on the 组队 issue: each comment is stored where GitHub would list it, then the bot runs."""

    def __init__(self, bot_repo: BotRepo, github: FakeGitHub, body: str = "") -> None:
        self.bot_repo, self.github, self.body = bot_repo, github, body or form_body()
        self.next_id = 100

    def open(self, login: str = OPERATOR, action: str = "opened") -> Result:
        payload = issues_event(ISSUE, login, self.body, ["组队"], action)
        return self.bot_repo.bot(self.github, "issues", payload)

    def say(self, login: str, text: str) -> Result:
        self.next_id += 1
        self.github.comments.setdefault(ISSUE, []).append({"id": self.next_id, "user": user(login), "body": text})
        payload: dict[str, Any] = comment_event(ISSUE, login, text, comment_id=self.next_id, labels=["组队"])
        payload["issue"] = _issue(ISSUE, OPERATOR, self.body, ["组队"], title="组队邀请：冰雪项目组")
        result = self.bot_repo.bot(self.github, "issue_comment", payload)
        assert result.exit_code == 0, result.output
        return result

    def invitation(self) -> str:
        return next(b for b in self.github.bodies(ISSUE) if b.startswith(f"<!-- cohandbook:squad:{ISSUE} -->"))

    def formed(self) -> str:
        return next(b for b in self.github.bodies(ISSUE) if b.startswith(f"<!-- cohandbook:squad-formed:{ISSUE} -->"))

    def last(self) -> str:
        return self.github.bodies(ISSUE)[-1]


def test_an_operator_s_form_invites_each_member_and_commits_nothing(bot_repo: BotRepo, github: FakeGitHub) -> None:
    thread = Thread(bot_repo, github)
    assert thread.open().exit_code == 0
    assert bot_repo.remote_log() == ["base"]
    text = thread.invitation()
    assert "@lina-drives、@zhoukai、@sunyu、@zhaolei：运营同学邀请你们组成项目组「冰雪项目组」" in text
    assert "**任务**：冰雪路面驾驶技巧视频系列" in text
    assert "整本《新手车主用车宝典》" in text and "个模块（" in text
    assert "`/加入` 或 `/婉拒`" in text and "还没回复：@lina-drives、@zhoukai、@sunyu、@zhaolei" in text
    assert "机密备注" not in text  # li-na's private notes never leave the store


def test_someone_else_s_form_is_refused(bot_repo: BotRepo, github: FakeGitHub) -> None:
    assert Thread(bot_repo, github).open(login="lina-drives").exit_code == 0
    assert github.bodies(ISSUE) == [
        f"<!-- cohandbook:squad:{ISSUE} -->\n@lina-drives 组队邀请只能由运营同学发出，这个 Issue 不会处理。"
    ]
    assert bot_repo.remote_log() == ["base"]


@pytest.mark.parametrize(
    ("members", "words"),
    [
        (["lina-drives", "zhoukai"], "项目组要有 3 到 5 位成员，现在是 2 位。"),
        (["lina-drives", "zhoukai", "nobody-here"], "这些 GitHub 用户还不在人才库里：@nobody-here。"),
        (["lina-drives", "zhoukai", "a b c"], "“@a b c”不是 GitHub 用户名"),
    ],
)
def test_a_form_that_breaks_the_squad_rules_says_why(
    bot_repo: BotRepo, github: FakeGitHub, members: list[str], words: str
) -> None:
    Thread(bot_repo, github, form_body(members)).open()
    body = github.bodies(ISSUE)[0]
    assert words in body and "没有做任何改动" in body
    assert bot_repo.remote_log() == ["base"]


def test_the_squad_forms_once_three_joined_and_everyone_answered(bot_repo: BotRepo, github: FakeGitHub) -> None:
    thread = Thread(bot_repo, github)
    thread.open()
    thread.say("lina-drives", "/加入")
    thread.say("zhoukai", "好的\n/加入")
    thread.say("sunyu", "/加入")
    assert bot_repo.remote_log() == ["base"]  # zhaolei has not answered yet
    assert "已加入：@lina-drives、@zhoukai、@sunyu" in thread.invitation()
    thread.say("zhaolei", "/婉拒 这个月出差")
    assert bot_repo.remote_log()[0] == "组队 ice：李娜、周凯、孙宇（#30）"
    squad = yaml.safe_load(bot_repo.remote_file(SQUAD_FILE) or "")
    assert [m["handle"] for m in squad["members"]] == ["li-na", "zhou-kai", "sun-yu"]
    assert squad["name"] == "冰雪项目组" and str(squad["formed"]) == TODAY and squad["handbook"] == "guide"
    assert "squad: ice" in (bot_repo.remote_file("handbooks/guide/handbook.yml") or "")
    assert "项目组「冰雪项目组」成立了！成员：李娜（li-na）、周凯（zhou-kai）、孙宇（sun-yu）" in thread.formed()
    invitation = thread.invitation()  # kept, with everyone's answer
    assert "**任务**：冰雪路面驾驶技巧视频系列" in invitation and "**项目组已经成立**" in invitation
    assert "已加入：@lina-drives、@zhoukai、@sunyu" in invitation and "婉拒：@zhaolei" in invitation


def test_a_rerun_after_forming_commits_nothing_more(bot_repo: BotRepo, github: FakeGitHub) -> None:
    thread = Thread(bot_repo, github)
    thread.open()
    for login in ("lina-drives", "zhoukai", "sunyu", "zhaolei"):
        thread.say(login, "/加入")
    assert bot_repo.remote_log()[0].startswith("组队 ice：")
    assert len(yaml.safe_load(bot_repo.remote_file(SQUAD_FILE) or "")["members"]) == 4
    said = github.bodies(ISSUE)
    thread.open(action="edited")
    assert len(bot_repo.remote_log()) == 2
    assert github.bodies(ISSUE) == said  # the same comments, nothing repeated or rewritten


def test_the_last_word_counts(bot_repo: BotRepo, github: FakeGitHub) -> None:
    thread = Thread(bot_repo, github)
    thread.open()
    thread.say("lina-drives", "/加入")
    thread.say("lina-drives", "/婉拒")
    assert "婉拒：@lina-drives" in thread.invitation() and "已加入：（无）" in thread.invitation()


def test_someone_not_invited_is_refused(bot_repo: BotRepo, github: FakeGitHub) -> None:
    thread = Thread(bot_repo, github)
    thread.open()
    thread.say("wumin", "/加入")
    assert thread.last().endswith("@wumin 这份组队邀请没有邀请你。想参加的话，请联系运营同学。")
    assert "还没回复：@lina-drives、@zhoukai、@sunyu、@zhaolei" in thread.invitation()


def test_an_operator_forms_with_three_while_one_is_silent(bot_repo: BotRepo, github: FakeGitHub) -> None:
    thread = Thread(bot_repo, github)
    thread.open()
    thread.say("lina-drives", "/加入")
    thread.say("zhoukai", "/加入")
    thread.say(OPERATOR, "/成组")
    assert "现在只有 2 人加入，至少要 3 人才能成组" in thread.last()
    thread.say("sunyu", "/成组")
    assert thread.last().endswith("@sunyu 只有运营同学可以用 /成组。")
    thread.say("sunyu", "/加入")
    assert bot_repo.remote_log() == ["base"]
    thread.say(OPERATOR, "/成组")
    squad = yaml.safe_load(bot_repo.remote_file(SQUAD_FILE) or "")
    assert [m["handle"] for m in squad["members"]] == ["li-na", "zhou-kai", "sun-yu"]


def test_an_operator_dissolves_the_squad(bot_repo: BotRepo, github: FakeGitHub) -> None:
    thread = Thread(bot_repo, github)
    thread.open()
    for login in ("lina-drives", "zhoukai", "sunyu", "zhaolei"):
        thread.say(login, "/加入")
    thread.say("lina-drives", "/解散")
    assert thread.last().endswith("只有运营同学可以用 /解散。")
    thread.say(OPERATOR, "/解散")
    assert bot_repo.remote_log()[0] == f"解散项目组 ice（{OPERATOR}，#30）"
    assert f"dissolved: {TODAY}" in (bot_repo.remote_file(SQUAD_FILE) or "")
    assert "已于" in thread.last() and "解散" in thread.last()


def test_without_a_handbook_the_blueprints_stay_as_they_were(bot_repo: BotRepo, github: FakeGitHub) -> None:
    thread = Thread(bot_repo, github, form_body(MEMBERS[:3], handbook=""))
    thread.open()
    assert "运营同学会和项目组一起定下要做的手册" in thread.invitation()
    for login in MEMBERS[:3]:
        thread.say(login, "/加入")
    assert bot_repo.remote_log()[0].startswith("组队 ice：")
    assert "squad:" not in (bot_repo.remote_file("handbooks/guide/handbook.yml") or "")


def test_the_form_s_labels_are_the_ones_the_bot_reads() -> None:
    from cohandbook.core.bot.squad_invite import FIELDS, SQUAD_LABEL
    from conftest import PROJECT

    form = yaml.safe_load((PROJECT / ".github/ISSUE_TEMPLATE/squad.yml").read_text(encoding="utf-8"))
    labels = {item["id"]: item["attributes"]["label"] for item in form["body"] if "id" in item}
    assert labels == FIELDS and form["labels"] == [SQUAD_LABEL]


def test_nothing_is_done_when_github_cannot_list_the_answers(
    bot_repo: BotRepo, httpserver: HTTPServer, expect_warnings: None
) -> None:
    failing = {"message": "Server Error"}
    httpserver.expect_request(f"/repos/xinghe/handbook/issues/{ISSUE}/comments", method="GET").respond_with_json(
        failing, status=502
    )
    github = FakeGitHub(httpserver)  # its handlers come after the failing one
    assert Thread(bot_repo, github).open().exit_code == 1
    assert bot_repo.remote_log() == ["base"] and github.bodies(ISSUE) == []


def test_the_first_invitation_opened_before_the_label_existed_is_answered(
    bot_repo: BotRepo, github: FakeGitHub
) -> None:
    github.repo_labels = []  # a new repository: the form's label 组队 does not exist, so GitHub sets none
    payload = issues_event(ISSUE, OPERATOR, form_body(), [])
    payload["issue"]["title"] = "组队邀请：冰雪项目组"
    assert bot_repo.bot(github, "issues", payload).exit_code == 0
    assert "组队" in github.repo_labels and github.labels[ISSUE] == ["组队"]
    assert "运营同学邀请你们组成项目组「冰雪项目组」" in Thread(bot_repo, github).invitation()
