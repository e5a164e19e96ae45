"""The whole bot: real git repositories with a bare remote, GitHub's REST API stood in for on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest
from botkit import (
    OPERATOR,
    BotRepo,
    FakeGitHub,
    claim_form_body,
    comment_event,
    issues_event,
    schedule_event,
    workflow_run_event,
)
from gitrepo import git
from pytest_httpserver import HTTPServer

from conftest import TODAY, standard_repo

MODULE = "handbooks/guide/modules/open-one/index.md"


@pytest.fixture
def bot_repo(tmp_path: Path) -> BotRepo:
    return BotRepo(standard_repo(tmp_path / "repo"), tmp_path)


@pytest.fixture
def github(httpserver: HTTPServer) -> FakeGitHub:
    return FakeGitHub(httpserver)


def claim_by_form(bot_repo: BotRepo, github: FakeGitHub, login: str = "lina-drives", number: int = 7, **kw: str):
    body = claim_form_body(kw.get("handbook", "guide"), kw.get("module", "open-one"), kw.get("handle", "li-na"))
    return bot_repo.bot(github, "issues", issues_event(number, login, body, ["认领"], kw.get("action", "opened")))


def test_a_claim_through_the_form_commits_pushes_comments_and_labels(bot_repo: BotRepo, github: FakeGitHub) -> None:
    result = claim_by_form(bot_repo, github)
    assert result.exit_code == 0, result.output
    assert bot_repo.remote_log()[0] == "认领 guide/open-one：li-na（#7）"
    index = bot_repo.remote_file(MODULE)
    assert index is not None and "status: claimed" in index and "issue: 7" in index and "handle: li-na" in index
    [comment] = github.bodies(7)
    assert comment.startswith("<!-- cohandbook:claim-form:7 -->")
    assert "@lina-drives 认领成功" in comment and "写一写充电" in comment  # the brief
    assert "正文 300 到 4000 字" in comment  # the format's contract
    assert "https://github.com/xinghe/handbook/upload/main/handbooks/guide/modules/open-one" in comment
    assert f"https://github.com/xinghe/handbook/edit/main/{MODULE}" in comment
    assert github.labels[7] == ["已认领"]


def test_editing_the_form_again_changes_nothing_and_repeats_nothing(bot_repo: BotRepo, github: FakeGitHub) -> None:
    claim_by_form(bot_repo, github)
    result = claim_by_form(bot_repo, github, action="edited")
    assert result.exit_code == 0, result.output
    assert bot_repo.remote_log().count("认领 guide/open-one：li-na（#7）") == 1
    assert len(github.bodies(7)) == 1


def test_a_taken_module_is_refused_and_nothing_committed(bot_repo: BotRepo, github: FakeGitHub) -> None:
    result = claim_by_form(bot_repo, github, module="claimed-one", login="lina-drives", number=8)
    assert result.exit_code == 0, result.output
    assert bot_repo.remote_log() == ["base"]
    [comment] = github.bodies(8)
    assert "已经有人在做了" in comment and "周凯" in comment and "没有做任何改动" in comment
    assert 8 not in github.labels


def test_a_stranger_is_told_how_to_join(bot_repo: BotRepo, github: FakeGitHub) -> None:
    result = claim_by_form(bot_repo, github, login="new-owner-2026", handle="new-owner", number=9)
    assert result.exit_code == 0, result.output
    assert bot_repo.remote_log() == ["base"]
    [comment] = github.bodies(9)
    assert "还没有登记在人才库里" in comment
    assert "https://github.com/xinghe/handbook/issues/new?template=join.yml" in comment


def test_the_login_decides_who_claims_never_the_typed_handle(bot_repo: BotRepo, github: FakeGitHub) -> None:
    claim_by_form(bot_repo, github, login="lina-drives", handle="zhou-kai")
    index = bot_repo.remote_file(MODULE)
    assert index is not None and "handle: li-na" in index and "zhou-kai" not in index


def test_a_wrong_module_in_the_form_is_answered_with_what_to_fix(bot_repo: BotRepo, github: FakeGitHub) -> None:
    result = claim_by_form(bot_repo, github, module="no-such-module<script>", number=10)
    assert result.exit_code == 0
    [comment] = github.bodies(10)
    assert "没有编号为 `no-such-module<script>` 的模块" in comment
    assert bot_repo.remote_log() == ["base"]


def test_claim_by_comment(bot_repo: BotRepo, github: FakeGitHub) -> None:
    result = bot_repo.bot(github, "issue_comment", comment_event(11, "lina-drives", "我想做这个\n/认领 guide/open-one"))
    assert result.exit_code == 0, result.output
    assert "issue: 11" in (bot_repo.remote_file(MODULE) or "")
    assert "认领成功" in github.bodies(11)[0]


def submitted_linked_to_issue(bot_repo: BotRepo) -> str:
    """first-1000km, submitted, with comments and an unusual key order an operator wrote."""
    path = "handbooks/guide/modules/first-1000km/index.md"
    text = (bot_repo.root / path).read_text(encoding="utf-8")
    front, body = text.split("---\n", 2)[1:]
    text = (
        "---\n# 运营备注：先看视频\nclaimed: 2026-11-01   # 认领\n"
        + front.replace("claimed: '2026-11-01'\n", "")
        + "issue: 3\n---\n"
        + body
    )
    bot_repo.repo.write(path, text)
    git(bot_repo.root, "commit", "-q", "-am", "link")
    git(bot_repo.root, "push", "-q", "origin", "main")
    return path


def test_an_operator_accepts_by_comment(bot_repo: BotRepo, github: FakeGitHub) -> None:
    path = submitted_linked_to_issue(bot_repo)
    before = (bot_repo.root / path).read_text(encoding="utf-8")
    result = bot_repo.bot(github, "issue_comment", comment_event(3, OPERATOR, "/验收"))
    assert result.exit_code == 0, result.output
    after = bot_repo.remote_file(path) or ""
    assert "status: accepted" in after and f"accepted: {TODAY}" in after
    changed = [line for line in after.splitlines() if line not in before.splitlines()]
    assert sorted(changed) == [f"accepted: {TODAY}", "status: accepted"]
    assert after.split("---\n", 2)[2] == before.split("---\n", 2)[2]
    assert "已验收" in github.bodies(3)[0]
    assert github.closed[3] == {"state": "closed", "state_reason": "completed"}


def test_a_contributor_cannot_accept(bot_repo: BotRepo, github: FakeGitHub) -> None:
    submitted_linked_to_issue(bot_repo)
    result = bot_repo.bot(github, "issue_comment", comment_event(3, "lina-drives", "/accept"))
    assert result.exit_code == 0
    assert bot_repo.remote_log()[0] == "link"
    assert "只有运营同学可以验收" in github.bodies(3)[0]


def test_the_claimant_releases_by_comment(bot_repo: BotRepo, github: FakeGitHub) -> None:
    claim_by_form(bot_repo, github)
    result = bot_repo.bot(github, "issue_comment", comment_event(7, "lina-drives", "/放弃"))
    assert result.exit_code == 0, result.output
    assert bot_repo.remote_file(MODULE) is None
    assert bot_repo.remote_log()[0].startswith("释放 guide/open-one")
    assert "已放弃" in github.bodies(7)[-1]


def test_someone_else_cannot_release(bot_repo: BotRepo, github: FakeGitHub) -> None:
    claim_by_form(bot_repo, github)
    result = bot_repo.bot(github, "issue_comment", comment_event(7, "zhoukai", "/release"))
    assert result.exit_code == 0
    assert bot_repo.remote_file(MODULE) is not None
    assert "只有认领人或运营同学" in github.bodies(7)[-1]


def test_an_operator_extends_a_claim(bot_repo: BotRepo, github: FakeGitHub) -> None:
    claim_by_form(bot_repo, github)
    result = bot_repo.bot(github, "issue_comment", comment_event(7, OPERATOR, "/延期 2027-01-31"))
    assert result.exit_code == 0, result.output
    assert "deadline: 2027-01-31" in (bot_repo.remote_file(MODULE) or "")
    refused = bot_repo.bot(github, "issue_comment", comment_event(7, "lina-drives", "/延期 2027-03-01", comment_id=556))
    assert refused.exit_code == 0
    assert "2027-03-01" not in (bot_repo.remote_file(MODULE) or "")


def test_comments_by_bots_are_ignored(bot_repo: BotRepo, github: FakeGitHub) -> None:
    for login, kind in (("github-actions[bot]", "Bot"), ("renovate[bot]", "User")):
        result = bot_repo.bot(github, "issue_comment", comment_event(12, login, "/认领 guide/open-one", kind=kind))
        assert result.exit_code == 0
    assert github.calls == [] and bot_repo.remote_log() == ["base"]


def test_an_unknown_command_gets_the_list(bot_repo: BotRepo, github: FakeGitHub) -> None:
    bot_repo.bot(github, "issue_comment", comment_event(13, "lina-drives", "/help"))
    [comment] = github.bodies(13)
    assert "/认领 手册编号/模块编号" in comment and "/延期 2026-12-31" in comment
    bot_repo.bot(github, "issue_comment", comment_event(13, "lina-drives", "普通留言，没有命令", comment_id=557))
    assert len(github.bodies(13)) == 1


def test_a_race_of_two_claims_has_one_winner(bot_repo: BotRepo, github: FakeGitHub, tmp_path: Path) -> None:
    stale = bot_repo.clone(tmp_path / "second-runner")  # checked out before the first claim lands
    first = claim_by_form(bot_repo, github, login="lina-drives", number=20)
    second = bot_repo.bot(
        github, "issues", issues_event(21, "zhoukai", claim_form_body("guide", "open-one"), ["认领"]), root=stale
    )
    assert first.exit_code == 0 and second.exit_code == 0, second.output
    assert [m for m in bot_repo.remote_log() if m.startswith("认领")] == ["认领 guide/open-one：li-na（#20）"]
    assert "已经有人在做了" in github.bodies(21)[0]
    assert git(stale, "rev-parse", "HEAD") == git(bot_repo.remote, "rev-parse", "main")


def test_a_failure_half_way_leaves_the_repository_as_it_was(
    bot_repo: BotRepo, github: FakeGitHub, expect_warnings: None
) -> None:
    start = git(bot_repo.root, "rev-parse", "HEAD")
    git(bot_repo.root, "remote", "set-url", "origin", str(bot_repo.root.parent / "gone.git"))
    result = claim_by_form(bot_repo, github)
    assert result.exit_code == 1
    assert git(bot_repo.root, "rev-parse", "HEAD") == start
    assert not (bot_repo.root / MODULE).exists()
    assert git(bot_repo.root, "status", "--porcelain") == ""
    [comment] = github.bodies(7)
    assert "没有做任何改动" in comment


def test_a_malformed_event_is_logged_and_exits_0(bot_repo: BotRepo, github: FakeGitHub, expect_warnings: None) -> None:
    result = bot_repo.bot(github, "issues", {"action": "opened", "issue": {"number": "seven"}})
    assert result.exit_code == 0
    assert github.calls == []


def test_misconfigured_exits_2(bot_repo: BotRepo, github: FakeGitHub) -> None:
    result = claim_by_form_env(bot_repo, github, GITHUB_TOKEN="")
    assert result.exit_code == 2 and "GITHUB_TOKEN" in result.output
    git(bot_repo.root, "remote", "remove", "origin")
    result = claim_by_form_env(bot_repo, github)
    assert result.exit_code == 2 and "origin" in result.output


def claim_by_form_env(bot_repo: BotRepo, github: FakeGitHub, **env: str):
    return bot_repo.bot(
        github, "issues", issues_event(7, "lina-drives", claim_form_body("guide", "open-one"), ["认领"]), **env
    )


def test_reminder_notice_and_release_each_once_across_runs(bot_repo: BotRepo, github: FakeGitHub) -> None:
    claim_by_form(bot_repo, github)  # open-one: no blueprint deadline; an operator gives one
    bot_repo.bot(github, "issue_comment", comment_event(7, OPERATOR, "/延期 2026-12-01"))
    for _ in range(2):
        assert bot_repo.bot(github, "schedule", schedule_event(), today="2026-11-29").exit_code == 0
    reminders = [b for b in github.bodies(7) if "cohandbook:remind:" in b]
    assert len(reminders) == 1 and "@lina-drives" in reminders[0] and "还有 2 天" in reminders[0]
    for _ in range(2):
        bot_repo.bot(github, "schedule", schedule_event(), today="2026-12-03")
    overdue = [b for b in github.bodies(7) if "cohandbook:overdue:" in b]
    assert len(overdue) == 1 and "已经过了截止日期" in overdue[0]
    assert bot_repo.remote_file(MODULE) is not None
    for _ in range(2):
        assert bot_repo.bot(github, "schedule", schedule_event(), today="2026-12-14").exit_code == 0
    assert bot_repo.remote_file(MODULE) is not None  # 13 days overdue: still within the grace
    for _ in range(2):
        assert bot_repo.bot(github, "schedule", schedule_event(), today="2026-12-15").exit_code == 0
    assert bot_repo.remote_file(MODULE) is None
    assert sum(m.startswith("释放 guide/open-one：逾期 14 天") for m in bot_repo.remote_log()) == 1
    lapsed = [b for b in github.bodies(7) if "cohandbook:lapsed:" in b]
    assert len(lapsed) == 1 and "自动释放" in lapsed[0]


def test_a_lapsed_claim_with_merged_work_keeps_its_credit(bot_repo: BotRepo, github: FakeGitHub) -> None:
    path = "handbooks/guide/modules/claimed-one/index.md"
    text = (
        (bot_repo.root / path)
        .read_text(encoding="utf-8")
        .replace("claimed: '2026-11-20'\n", "claimed: '2026-11-20'\nissue: 4\n")
    )
    bot_repo.repo.write(path, text)
    git(bot_repo.root, "commit", "-q", "-am", "link")
    git(bot_repo.root, "push", "-q", "origin", "main")
    assert bot_repo.bot(github, "schedule", schedule_event(), today="2027-01-20").exit_code == 0
    after = bot_repo.remote_file(path) or ""
    assert "status: open" in after and "former_contributors:" in after and "zhou-kai" in after
    assert "创作中。" in after and "issue:" not in after


def test_a_workflow_run_posts_nothing_whatever_its_artifact_says(
    bot_repo: BotRepo, github: FakeGitHub, tmp_path: Path
) -> None:
    """The report comes from the trusted check (tests/test_trusted_check.py), never from another run's artifact."""
    folder = tmp_path / "report"
    folder.mkdir()
    for name, text in (("number", "42"), ("head_sha", "a" * 40), ("findings.json", "[]")):
        (folder / name).write_text(text)
    result = bot_repo.bot(github, "workflow_run", workflow_run_event("a" * 40, [42]), COHANDBOOK_PR_REPORT=str(folder))
    assert result.exit_code == 0 and github.calls == []


def test_a_folder_that_cannot_be_read_is_never_overwritten(bot_repo: BotRepo, github: FakeGitHub) -> None:
    bot_repo.repo.write(MODULE, "没有信息区的文件\n")
    git(bot_repo.root, "add", "-A")
    git(bot_repo.root, "commit", "-q", "-m", "broken")
    git(bot_repo.root, "push", "-q", "origin", "main")
    assert claim_by_form(bot_repo, github).exit_code == 0
    assert bot_repo.remote_file(MODULE) == "没有信息区的文件\n"
    assert "为了不覆盖里面的文件" in github.bodies(7)[0]


def test_another_label_or_a_closed_issue_claims_nothing(bot_repo: BotRepo, github: FakeGitHub) -> None:
    body = claim_form_body("guide", "open-one")
    labeled = issues_event(7, "lina-drives", body, ["认领", "问题"], action="labeled")
    labeled["label"] = {"id": 5, "name": "问题", "color": "ededed"}
    assert bot_repo.bot(github, "issues", labeled).exit_code == 0
    closed = issues_event(7, "lina-drives", body, ["认领"], action="edited")
    closed["issue"]["state"] = "closed"
    assert bot_repo.bot(github, "issues", closed).exit_code == 0
    assert github.calls == [] and bot_repo.remote_log() == ["base"]


def test_a_branch_rule_that_refuses_the_push_is_a_failure_not_a_race(
    bot_repo: BotRepo, github: FakeGitHub, expect_warnings: None
) -> None:
    hook = bot_repo.remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'protected branch' >&2\nexit 1\n")
    hook.chmod(0o755)
    start = git(bot_repo.root, "rev-parse", "HEAD")
    result = claim_by_form(bot_repo, github)
    assert result.exit_code == 1
    assert git(bot_repo.root, "rev-parse", "HEAD") == start and not (bot_repo.root / MODULE).exists()
    assert bot_repo.remote_log() == ["base"]
    assert [c for c in github.calls if c[0] == "POST"] == [("POST", "/repos/xinghe/handbook/issues/7/comments")]
    assert "没有做任何改动" in github.bodies(7)[0]
