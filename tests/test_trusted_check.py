"""The trusted check end to end: `cohandbook judge` reads a pull request from git objects fetched from the
remote (`refs/pull/<n>/head`, as GitHub serves it), and `cohandbook bot` posts the commit status and the
report for the pull request GitHub names, whatever the verdict files say. GitHub's API is stood in for on
127.0.0.1, with payloads shaped as GitHub sends them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from botkit import OPERATOR, OWNER_REPO, BotRepo, FakeGitHub, dispatch_event, pull_object, pull_request_target_event
from click.testing import CliRunner, Result
from gitrepo import GIT_ENV, git
from pytest_httpserver import HTTPServer

from cohandbook.cli.main import cli
from cohandbook.core.bot.check_report import CONTEXT
from cohandbook.core.bot.events import EventError, PullCheckEvent, parse_event
from cohandbook.github.api import GitHub
from cohandbook.github.trusted import request_check
from conftest import TODAY, Repo, dump, standard_repo

RUN_URL = f"https://github.com/{OWNER_REPO}/actions/runs/4242"


@pytest.fixture
def bot_repo(tmp_path: Path) -> BotRepo:
    return BotRepo(standard_repo(tmp_path / "repo"), tmp_path)


@pytest.fixture
def github(httpserver: HTTPServer) -> FakeGitHub:
    return FakeGitHub(httpserver)


def push_pull_request(bot_repo: BotRepo, tmp: Path, number: int, files: dict[str, str], message: str = "改动") -> str:
    """A contributor's commits, pushed where GitHub keeps every pull request's head: refs/pull/<n>/head."""
    work = tmp / f"contributor-{number}"
    if not work.exists():
        bot_repo.clone(work)
    for path, text in files.items():
        Repo(work).write(path, text)
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", message)
    git(work, "push", "-q", "--force", "origin", f"HEAD:refs/pull/{number}/head")
    return git(work, "rev-parse", "HEAD")


def claim_text(status: str = "claimed") -> str:
    return f"---\n{dump({'status': status, 'contributors': ['li-na'], 'claimed': TODAY})}---\n充电。\n"


def judge(bot_repo: BotRepo, github: FakeGitHub, name: str, payload: dict[str, object], out: Path) -> Result:
    event = out.parent / f"{out.name}-event.json"
    event.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    env = {
        "GITHUB_TOKEN": "ghs_read",
        "GITHUB_REPOSITORY": OWNER_REPO,
        "GITHUB_API_URL": github.url,
        "GITHUB_EVENT_NAME": name,
        "GITHUB_EVENT_PATH": str(event),
        "GITHUB_OUTPUT": str(out.parent / f"{out.name}-output"),
        "COHANDBOOK_TODAY": TODAY,
        **{k: v for k, v in GIT_ENV.items() if k.startswith("GIT_")},
    }
    return CliRunner().invoke(cli, ["--root", str(bot_repo.root), "judge", "--out", str(out)], env=env)


def outputs(out: Path) -> dict[str, str]:
    text = (out.parent / f"{out.name}-output").read_text(encoding="utf-8")
    return dict(line.split("=", 1) for line in text.splitlines())


def base(bot_repo: BotRepo) -> str:
    return git(bot_repo.root, "rev-parse", "HEAD")


# The judge: no write token, reads the pull request as data


def test_judge_reads_the_pull_request_from_git_objects_and_writes_the_verdict(
    bot_repo: BotRepo, github: FakeGitHub, tmp_path: Path
) -> None:
    head = push_pull_request(bot_repo, tmp_path, 7, {"handbooks/guide/modules/open-one/index.md": claim_text()})
    payload = pull_request_target_event(pull_object(7, head, base(bot_repo)))
    result = judge(bot_repo, github, "pull_request_target", payload, tmp_path / "verdict")
    assert result.exit_code == 0, result.output
    verdict = tmp_path / "verdict"
    assert (verdict / "number").read_text() == "7" and (verdict / "head_sha").read_text() == head
    assert json.loads((verdict / "findings.json").read_text(encoding="utf-8")) == []
    assert (verdict / "pages").read_text() == "guide/open-one/\n"
    assert outputs(verdict) == {"number": "7", "head": head, "base": base(bot_repo), "accepted": "true"}
    assert not (bot_repo.root / "handbooks/guide/modules/open-one").exists()  # never checked out
    assert git(bot_repo.root, "status", "--porcelain") == ""


def test_judge_refuses_what_the_rules_refuse(bot_repo: BotRepo, github: FakeGitHub, tmp_path: Path) -> None:
    files = {".github/workflows/check.yml": "on: pull_request\n", "mkdocs.yml": "site_name: x\n"}
    head = push_pull_request(bot_repo, tmp_path, 8, files)
    payload = pull_request_target_event(pull_object(8, head, base(bot_repo)))
    assert judge(bot_repo, github, "pull_request_target", payload, tmp_path / "v").exit_code == 0
    codes = {(f["code"], f["file"]) for f in json.loads((tmp_path / "v/findings.json").read_text(encoding="utf-8"))}
    assert {("pr-operator-only", ".github/workflows/check.yml"), ("pr-operator-only", "mkdocs.yml")} <= codes
    assert outputs(tmp_path / "v")["accepted"] == "false"


def test_a_dispatched_judge_asks_github_which_pull_request_it_is(
    bot_repo: BotRepo, github: FakeGitHub, tmp_path: Path
) -> None:
    head = push_pull_request(bot_repo, tmp_path, 9, {"handbooks/guide/modules/open-one/index.md": claim_text()})
    github.pull_objects[9] = pull_object(9, head, base(bot_repo))
    assert judge(bot_repo, github, "workflow_dispatch", dispatch_event("9"), tmp_path / "v").exit_code == 0
    assert ("GET", f"/repos/{OWNER_REPO}/pulls/9") in github.calls
    assert outputs(tmp_path / "v")["head"] == head


@pytest.mark.parametrize("pr", ["9; rm -rf /", "-1", "0", "", "１２", "9\n", "1" * 12])
def test_a_dispatched_number_is_digits_only(bot_repo: BotRepo, github: FakeGitHub, tmp_path: Path, pr: str) -> None:
    result = judge(bot_repo, github, "workflow_dispatch", dispatch_event(pr), tmp_path / "v")
    assert result.exit_code == 2 and not (tmp_path / "v").exists() and github.calls == []


def test_a_head_that_is_not_the_pull_requests_is_not_judged(
    bot_repo: BotRepo, github: FakeGitHub, tmp_path: Path
) -> None:
    push_pull_request(bot_repo, tmp_path, 7, {"handbooks/guide/modules/open-one/index.md": claim_text()})
    payload = pull_request_target_event(pull_object(7, "c" * 40, base(bot_repo)))
    assert judge(bot_repo, github, "pull_request_target", payload, tmp_path / "v").exit_code == 2


def test_a_pull_request_into_another_repository_is_not_judged(
    bot_repo: BotRepo, github: FakeGitHub, tmp_path: Path
) -> None:
    head = push_pull_request(bot_repo, tmp_path, 7, {"handbooks/guide/modules/open-one/index.md": claim_text()})
    pull = pull_object(7, head, base(bot_repo))
    pull["base"]["repo"] = {**pull["base"]["repo"], "full_name": "someone/else"}
    assert (
        judge(bot_repo, github, "pull_request_target", pull_request_target_event(pull), tmp_path / "v").exit_code == 2
    )


# The report: write token, reads nothing of the pull request but the verdict, trusts GitHub for the rest


def verdict(folder: Path, number: int, head: str, findings: list[dict[str, object]], pages: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "number").write_text(str(number))
    (folder / "head_sha").write_text(head)
    (folder / "findings.json").write_text(json.dumps(findings, ensure_ascii=False), encoding="utf-8")
    (folder / "pages").write_text(pages)
    return folder


def report(bot_repo: BotRepo, github: FakeGitHub, name: str, payload: dict[str, object], folder: Path | None,
           preview: str = "success") -> Result:  # fmt: skip
    env = {"COHANDBOOK_PREVIEW": preview, "GITHUB_RUN_ID": "4242"}
    return bot_repo.bot(github, name, payload, COHANDBOOK_PR_VERDICT=str(folder or ""), **env)


PROBLEM = {
    "level": "error",
    "code": "pr-operator-only",
    "file": "mkdocs.yml",
    "line": None,
    "message": "只有运营同学能改",
}


def test_a_passing_verdict_sets_the_status_and_links_the_preview(
    bot_repo: BotRepo, github: FakeGitHub, tmp_path: Path
) -> None:
    head = "d" * 40
    folder = verdict(tmp_path / "v", 7, head, [], "guide/open-one/\n")
    payload = pull_request_target_event(pull_object(7, head, "e" * 40))
    assert report(bot_repo, github, "pull_request_target", payload, folder).exit_code == 0
    [(sha, status)] = github.posted_statuses
    assert sha == head
    assert status == {"state": "success", "context": CONTEXT, "description": "符合提交规则，等运营同学审核",
                      "target_url": RUN_URL}  # fmt: skip
    [body] = github.bodies(7)
    assert "没有发现问题" in body and "pr-preview/pr-7/guide/open-one/" in body
    assert bot_repo.remote_log() == ["base"]  # the report commits nothing


def test_the_verdicts_texts_are_flattened(bot_repo: BotRepo, github: FakeGitHub, tmp_path: Path) -> None:
    problem = {**PROBLEM, "file": "handbooks/guide/handbook.yml", "line": 3, "hint": "只改你自己的模块文件夹。",
               "message": "这个文件只有运营同学可以改 <img src=x> @everyone [x](https://evil.example)"}  # fmt: skip
    payload = pull_request_target_event(pull_object(7, "d" * 40, "e" * 40))
    report(bot_repo, github, "pull_request_target", payload, verdict(tmp_path / "v", 7, "d" * 40, [problem]))
    [body] = github.bodies(7)
    assert "handbooks/guide/handbook.yml" in body and "第 3 行" in body and "怎么改：只改你自己的模块文件夹。" in body
    assert "<img" not in body and "@everyone" not in body and "](https://evil.example)" not in body


def test_a_failing_verdict_is_a_failure_and_an_edit_in_place(
    bot_repo: BotRepo, github: FakeGitHub, tmp_path: Path
) -> None:
    payload = pull_request_target_event(pull_object(7, "d" * 40, "e" * 40))
    report(bot_repo, github, "pull_request_target", payload, verdict(tmp_path / "a", 7, "d" * 40, [PROBLEM]))
    payload = pull_request_target_event(pull_object(7, "f" * 40, "e" * 40))
    report(bot_repo, github, "pull_request_target", payload, verdict(tmp_path / "b", 7, "f" * 40, []))
    assert [(sha[0], s["state"]) for sha, s in github.posted_statuses] == [("d", "failure"), ("f", "success")]
    assert "有 1 处需要修改" in github.posted_statuses[0][1]["description"]
    [body] = github.bodies(7)  # one comment, edited
    assert "没有发现问题" in body and "fffffff" in body


@pytest.mark.parametrize(
    "lie",
    [
        {"number": 99, "head": "d" * 40},  # another pull request's number
        {"number": 7, "head": "a" * 40},  # another commit
        {"number": 7, "head": "not hex"},  # unreadable
        None,  # no verdict at all: the judge failed
    ],
)
def test_the_number_and_head_come_from_github_even_when_the_verdict_lies(
    bot_repo: BotRepo, github: FakeGitHub, tmp_path: Path, lie: dict[str, object] | None, expect_warnings: None
) -> None:
    folder = verdict(tmp_path / "v", int(str(lie["number"])), str(lie["head"]), []) if lie else None
    payload = pull_request_target_event(pull_object(7, "d" * 40, "e" * 40))
    report(bot_repo, github, "pull_request_target", payload, folder)
    assert [(sha, s["state"]) for sha, s in github.posted_statuses] == [("d" * 40, "error")]
    assert set(github.comments) == {7}
    [body] = github.bodies(7)
    assert "没有完成" in body and "没有发现问题" not in body and "网页预览" not in body


def test_a_hand_in_is_reported_on_its_pull_request_and_to_the_submitter(
    bot_repo: BotRepo, github: FakeGitHub, tmp_path: Path
) -> None:
    head = "d" * 40
    github.pull_objects[42] = pull_object(
        42, head, "e" * 40, login="github-actions[bot]", head_repo=OWNER_REPO, head_ref="cohandbook/submit-12"
    )
    folder = verdict(tmp_path / "v", 42, head, [], "guide/open-one/\n")
    assert report(bot_repo, github, "workflow_dispatch", dispatch_event("42"), folder).exit_code == 0
    assert [(sha, s["state"]) for sha, s in github.posted_statuses] == [(head, "success")]
    assert "没有发现问题" in github.bodies(42)[0]
    [told] = github.bodies(12)
    assert "#42" in told and "pr-preview/pr-42/" in told


def test_the_submitter_is_told_to_edit_the_form_not_to_save_files(
    bot_repo: BotRepo, github: FakeGitHub, tmp_path: Path
) -> None:
    """The car owner changes a hand-in by editing the 提交 form: their copy has no version number and no
    "save again"; the pull request's own report keeps both for the operator."""
    head = "d" * 40
    github.pull_objects[42] = pull_object(
        42, head, "e" * 40, login="github-actions[bot]", head_repo=OWNER_REPO, head_ref="cohandbook/submit-12"
    )
    folder = verdict(tmp_path / "v", 42, head, [PROBLEM])
    assert report(bot_repo, github, "workflow_dispatch", dispatch_event("42"), folder).exit_code == 0
    [told] = github.bodies(12)
    assert "请编辑你填的表单" in told and head[:7] not in told and "再保存一次" not in told
    [on_pull] = github.bodies(42)
    assert head[:7] in on_pull and "再保存一次" in on_pull


def test_a_forks_branch_named_like_a_hand_in_reaches_no_issue(
    bot_repo: BotRepo, github: FakeGitHub, tmp_path: Path
) -> None:
    pull = pull_object(7, "d" * 40, "e" * 40, login="github-actions[bot]", head_ref="cohandbook/submit-12",
                       head_repo="mallory/handbook")  # fmt: skip
    report(
        bot_repo,
        github,
        "pull_request_target",
        pull_request_target_event(pull),
        verdict(tmp_path / "v", 7, "d" * 40, []),
    )
    assert set(github.comments) == {7}


def test_a_closed_pull_request_gets_nothing(bot_repo: BotRepo, github: FakeGitHub, tmp_path: Path) -> None:
    github.pull_objects[7] = pull_object(7, "d" * 40, "e" * 40, state="closed")
    report(bot_repo, github, "workflow_dispatch", dispatch_event("7"), verdict(tmp_path / "v", 7, "d" * 40, []))
    assert github.posted_statuses == [] and github.comments == {}


def test_the_judge_and_the_report_agree_end_to_end(bot_repo: BotRepo, github: FakeGitHub, tmp_path: Path) -> None:
    head = push_pull_request(bot_repo, tmp_path, 7, {"handbooks/guide/modules/open-one/index.md": claim_text()})
    payload = pull_request_target_event(pull_object(7, head, base(bot_repo)))
    assert judge(bot_repo, github, "pull_request_target", payload, tmp_path / "v").exit_code == 0
    assert report(bot_repo, github, "pull_request_target", payload, tmp_path / "v").exit_code == 0
    assert [(sha, s["state"]) for sha, s in github.posted_statuses] == [(head, "success")]


# The bot's own pull requests start the trusted check themselves


def test_the_bot_dispatches_the_check_for_its_hand_in(github: FakeGitHub) -> None:
    client = GitHub(github.url, OWNER_REPO, "ghs_test")
    assert request_check(client, 42, "cohandbook/submit-12", "main")
    github.pull_objects[43] = pull_object(43, "d" * 40, "e" * 40, head_repo=OWNER_REPO, head_ref="cohandbook/submit-13")
    assert request_check(client, None, "cohandbook/submit-13", "main")  # an updated hand-in: found by its branch
    assert not request_check(client, None, "cohandbook/submit-14", "main")  # no such pull request: no promise
    assert github.dispatches == [
        ("check.yml", {"ref": "main", "inputs": {"pr": "42"}}),
        ("check.yml", {"ref": "main", "inputs": {"pr": "43"}}),
    ]


def test_the_check_events_are_told_from_the_bots_daily_round() -> None:
    assert parse_event("workflow_dispatch", dispatch_event("7")) == PullCheckEvent("workflow_dispatch", 7, None)
    assert type(parse_event("workflow_dispatch", {"inputs": {}})).__name__ == "ScheduleEvent"
    assert type(parse_event("workflow_dispatch", {})).__name__ == "ScheduleEvent"
    with pytest.raises(EventError):
        parse_event("pull_request_target", {"pull_request": {"number": 7}})
    assert OPERATOR  # the stand-in's operator is not who the report trusts: GitHub's pull request is


@pytest.mark.parametrize(
    ("login", "head_repo", "ref", "issue"),
    [
        ("github-actions[bot]", OWNER_REPO, "cohandbook/submit-12", 12),
        ("github-actions[bot]", OWNER_REPO, "cohandbook/join-5", 5),
        ("github-actions[bot]", "mallory/handbook", "cohandbook/submit-12", None),  # a fork's branch
        ("mallory", OWNER_REPO, "cohandbook/submit-12", None),  # not the bot
        ("github-actions[bot]", OWNER_REPO, "cohandbook/submit-12x", None),
        ("github-actions[bot]", OWNER_REPO, "cohandbook/submit-012", None),
        ("github-actions[bot]", OWNER_REPO, "feature/cohandbook/submit-12", None),
    ],
)
def test_only_the_bots_own_branch_names_a_form_issue(login: str, head_repo: str, ref: str, issue: int | None) -> None:
    from cohandbook.core.pr.trusted import pull_target

    pull = pull_object(7, "d" * 40, "e" * 40, login=login, head_repo=head_repo, head_ref=ref)
    assert pull_target(pull).handin_issue == issue


def test_a_deeply_nested_verdict_is_an_unfinished_check(
    bot_repo: BotRepo, github: FakeGitHub, tmp_path: Path, expect_warnings: None
) -> None:
    folder = verdict(tmp_path / "v", 7, "d" * 40, [])
    (folder / "findings.json").write_text("[" * 200_000 + "]" * 200_000)
    payload = pull_request_target_event(pull_object(7, "d" * 40, "e" * 40))
    assert report(bot_repo, github, "pull_request_target", payload, folder).exit_code == 0
    assert [s["state"] for _, s in github.posted_statuses] == ["error"]


def hand_in_commit(bot_repo: BotRepo, tmp: Path, number: int, login: str) -> str:
    """The bot's hand-in commit (trailers naming the submitter), pushed as the pull request's head."""
    from cohandbook.core.pr.handin import handin_trailers

    front = dump({"status": "claimed", "contributors": ["zhou-kai"], "claimed": "2026-11-20"})
    text = f"---\n{front}---\n创作中，已经拍了一半。\n"
    message = f"交稿：创作中的模块\n\n{handin_trailers(12, login)}"
    return push_pull_request(bot_repo, tmp, number, {"handbooks/guide/modules/claimed-one/index.md": text}, message)


@pytest.mark.parametrize(("head_repo", "judged_as_submitter"), [(OWNER_REPO, True), ("mallory/handbook", False)])
def test_a_dispatched_hand_in_is_judged_as_the_submitter_only_from_the_repositorys_own_branch(
    bot_repo: BotRepo, github: FakeGitHub, tmp_path: Path, head_repo: str, judged_as_submitter: bool
) -> None:
    head = hand_in_commit(bot_repo, tmp_path, 42, "zhoukai")
    github.pull_objects[42] = pull_object(
        42, head, base(bot_repo), login="github-actions[bot]", head_repo=head_repo, head_ref="cohandbook/submit-12"
    )
    assert judge(bot_repo, github, "workflow_dispatch", dispatch_event("42"), tmp_path / "v").exit_code == 0
    codes = {f["code"] for f in json.loads((tmp_path / "v/findings.json").read_text(encoding="utf-8"))}
    assert ("pr-unknown-author" not in codes) == judged_as_submitter
    assert (outputs(tmp_path / "v")["accepted"] == "true") == judged_as_submitter
