"""One gate for every write: a plan that would add a problem the strict build stops on is refused, and nothing
is written; the claim rules are the same in the CLI and the bot (one claimant leaves alone, an issue is
linked to the claim it created and to no other)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from botkit import OPERATOR, BotRepo, FakeGitHub, claim_form_body, comment_event, issues_event
from click.testing import CliRunner, Result
from gitrepo import git
from pytest_httpserver import HTTPServer

from cohandbook.cli.main import cli
from cohandbook.cli.writer import Conflict, write_change
from cohandbook.core.check.gate import gate
from cohandbook.core.domain.changes import ABSENT, FileChange, digest
from cohandbook.core.read.sources import FsSource
from conftest import TODAY, Repo, standard_repo

SUBMITTED = "handbooks/guide/modules/first-1000km/index.md"
CLAIMED = "handbooks/guide/modules/claimed-one/index.md"
DAY = date.fromisoformat(TODAY)


def run(repo: Repo, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--root", str(repo.root), *args])


def handed_in_tomorrow(repo: Repo) -> bytes:
    """first-1000km handed in with a date after today: accepting it today would date it before its hand-in."""
    text = (repo.root / SUBMITTED).read_text(encoding="utf-8")
    repo.write(SUBMITTED, text.replace("claimed: '2026-11-01'\n", "claimed: '2026-11-01'\nsubmitted: 2026-11-25\n"))
    return (repo.root / SUBMITTED).read_bytes()


def test_accept_refuses_what_the_strict_build_would_refuse_and_writes_nothing(repo: Repo) -> None:
    before = handed_in_tomorrow(repo)
    assert run(repo, "validate", "--today", TODAY).exit_code == 0  # fine as it is
    result = run(repo, "accept", "guide/first-1000km", "--today", TODAY)
    assert result.exit_code == 1, result.output
    assert (
        "网站会出错、发布不出去" in result.output
        and "accepted（2026-11-22）早于 submitted（2026-11-25）" in result.output
    )
    assert "date-order" in result.output
    assert (repo.root / SUBMITTED).read_bytes() == before


def test_the_gate_reports_only_what_a_plan_adds(repo: Repo) -> None:
    source = FsSource(repo.root)
    broken = FileChange("handbooks/guide/handbook.yml", "title: [unclosed\n", digest(b""))
    added = gate(source, [broken], DAY)
    assert added and all(f.file == "handbooks/guide/handbook.yml" for f in added)
    repo.write("contributors/nobody.yml", "name: [oops\n")  # a problem the repository already has
    fine = FileChange(CLAIMED, (repo.root / CLAIMED).read_text(encoding="utf-8").replace("创作中", "写作中"))
    assert gate(FsSource(repo.root), [fine], DAY) == []
    orphan = FileChange("handbooks/guide/modules/not-planned/index.md", "---\nstatus: open\n---\n", ABSENT)
    assert [f.code for f in gate(source, [orphan], DAY)] == ["module-orphan"]


def test_an_extension_passes_the_gate_and_is_written(repo: Repo) -> None:
    index = repo.root / "handbooks/guide/modules/claimed-one/index.md"
    before = index.read_bytes()
    result = run(repo, "extend", "guide/claimed-one", "--to", "2026-12-01", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert index.read_bytes() != before and "deadline: 2026-12-01" in index.read_text(encoding="utf-8")


def test_the_writer_never_overwrites_what_it_did_not_read(repo: Repo) -> None:
    path = repo.root / CLAIMED
    old = path.read_bytes()
    change = FileChange(CLAIMED, "---\nstatus: open\n---\n", digest(old))
    path.write_bytes(old + b"\n(someone else)\n")
    with pytest.raises(Conflict):
        write_change(repo.root, change)
    assert path.read_bytes().endswith(b"(someone else)\n")
    with pytest.raises(Conflict):
        write_change(repo.root, FileChange(CLAIMED, "new", ABSENT))  # expected no file, found one
    assert not [p for p in path.parent.iterdir() if "cohandbook" in p.name]


def test_a_write_that_fails_halfway_puts_the_old_file_back(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk (or any error) after the old file was moved aside must not leave the module without it."""
    path = repo.root / CLAIMED
    old = path.read_bytes()

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("cohandbook.cli.writer.os.link", full_disk)
    with pytest.raises(OSError):
        write_change(repo.root, FileChange(CLAIMED, "---\nstatus: open\n---\n", digest(old)))
    assert path.read_bytes() == old
    assert not [p for p in path.parent.iterdir() if "cohandbook" in p.name]


def co_claimed(repo: Repo) -> None:
    text = (repo.root / CLAIMED).read_text(encoding="utf-8")
    repo.write(CLAIMED, text.replace("contributors:\n- zhou-kai\n", "contributors:\n- zhou-kai\n- li-na\n"))


def test_a_co_claimant_releases_only_themselves_in_the_cli(repo: Repo) -> None:
    co_claimed(repo)
    assert "- li-na" in (repo.root / CLAIMED).read_text(encoding="utf-8")
    result = run(repo, "release", "guide/claimed-one", "--by", "li-na")
    assert result.exit_code == 0, result.output
    text = (repo.root / CLAIMED).read_text(encoding="utf-8")
    # The folder holds work ("创作中。"), so the leaver keeps a credit; the one who stays keeps the claim.
    assert "status: claimed\ncontributors:\n- zhou-kai\nformer_contributors:\n- li-na\n" in text
    assert run(repo, "release", "guide/claimed-one", "--by", "li-na").exit_code == 1  # not theirs any more


@pytest.fixture
def bot_repo(tmp_path: Path) -> BotRepo:
    return BotRepo(standard_repo(tmp_path / "repo"), tmp_path)


@pytest.fixture
def github(httpserver: HTTPServer) -> FakeGitHub:
    return FakeGitHub(httpserver)


def push(bot_repo: BotRepo, message: str) -> None:
    git(bot_repo.root, "commit", "-q", "-am", message)
    git(bot_repo.root, "push", "-q", "origin", "main")


def test_the_bot_accept_refuses_what_the_gate_refuses(bot_repo: BotRepo, github: FakeGitHub) -> None:
    handed_in_tomorrow(bot_repo.repo)
    text = (bot_repo.root / SUBMITTED).read_text(encoding="utf-8")
    bot_repo.repo.write(SUBMITTED, text.replace("status: submitted\n", "status: submitted\nissue: 3\n"))
    push(bot_repo, "linked")
    result = bot_repo.bot(github, "issue_comment", comment_event(3, OPERATOR, "/验收"))
    assert result.exit_code == 0, result.output
    assert bot_repo.remote_log()[0] == "linked"
    [answer] = github.bodies(3)
    assert "网站会出错、发布不出去" in answer and "早于 submitted（2026-11-25）" in answer
    assert 3 not in github.closed


def test_a_claim_typed_on_someone_elses_claim_issue_is_not_linked_to_it(bot_repo: BotRepo, github: FakeGitHub) -> None:
    assert run(bot_repo.repo, "release", "guide/claimed-one").exit_code == 0  # open again, its work stays
    push(bot_repo, "released")
    body = claim_form_body("guide", "open-one", "li-na")
    assert bot_repo.bot(github, "issues", issues_event(7, "lina-drives", body, ["认领"])).exit_code == 0
    result = bot_repo.bot(github, "issue_comment", comment_event(7, "zhoukai", "/认领 guide/claimed-one"))
    assert result.exit_code == 0, result.output
    taken = bot_repo.remote_file(CLAIMED) or ""
    assert "status: claimed" in taken and "- handle: zhou-kai" in taken and "issue:" not in taken
    assert bot_repo.bot(github, "issue_comment", comment_event(7, OPERATOR, "/放弃")).exit_code == 0
    assert bot_repo.remote_file("handbooks/guide/modules/open-one/index.md") is None  # the issue's own claim
    assert "status: claimed" in (bot_repo.remote_file(CLAIMED) or "")  # the other one untouched


def test_a_co_claimant_leaves_through_the_bot_and_the_claim_goes_on(bot_repo: BotRepo, github: FakeGitHub) -> None:
    co_claimed(bot_repo.repo)
    text = (bot_repo.root / CLAIMED).read_text(encoding="utf-8")
    bot_repo.repo.write(CLAIMED, text.replace("status: claimed\n", "status: claimed\nissue: 5\n"))
    push(bot_repo, "two claimants")
    result = bot_repo.bot(github, "issue_comment", comment_event(5, "lina-drives", "/放弃"))
    assert result.exit_code == 0, result.output
    after = bot_repo.remote_file(CLAIMED) or ""
    assert "contributors:\n- zhou-kai\nformer_contributors:\n- li-na\n" in after and "status: claimed" in after
    assert "你已退出" in github.bodies(5)[-1]


def commit_on(repo: Repo, day: str, message: str) -> None:
    import os
    import subprocess

    from gitrepo import GIT_ENV

    env = {**GIT_ENV, "GIT_COMMITTER_DATE": f"{day}T12:00:00+0000", "GIT_AUTHOR_DATE": f"{day}T12:00:00+0000"}
    for args in (["add", "-A"], ["commit", "-q", "-m", message]):
        subprocess.run(
            ["git", "-c", "commit.gpgsign=false", *args], cwd=repo.root, env={**os.environ, **env}, check=True
        )


def test_the_track_record_believes_the_day_the_branch_saw_a_hand_in_not_the_written_one(repo: Repo) -> None:
    from cohandbook.core.ops.record import track_records
    from cohandbook.core.read.history import handed_in
    from cohandbook.core.read.reader import read_repository

    start_history(repo)
    claim = {"status": "claimed", "contributors": ["li-na"], "claimed": "2026-11-05", "deadline": "2026-11-10"}
    repo.module("guide", "open-one", claim, "草稿。\n")
    commit_on(repo, "2026-11-05", "claim")
    body = "## 充电\n\n" + "回家充电要先问物业，公共快充桩先看功率，冬天预热电池再出门更省电。" * 12 + "\n"
    repo.module("guide", "open-one", {**claim, "status": "submitted", "submitted": "2026-11-06"}, body)
    commit_on(repo, "2026-11-20", "hand in, dated twelve days early")
    seen = handed_in(repo.root)
    assert seen is not None and seen[("guide", "open-one")] == date(2026, 11, 20)
    data, _ = read_repository(FsSource(repo.root))
    believed = track_records(data, DAY, (), seen)["li-na"].outcomes
    assert [(o.module, o.kind, o.ended) for o in believed if o.module == "open-one"] == [
        ("open-one", "late", date(2026, 11, 20))
    ]
    assert handed_in(repo.root / "handbooks") is not None  # inside the work tree: still the repository's history
    import json

    queue = json.loads(run(repo, "review", "--format", "json", "--today", TODAY).output)
    [queued] = [item for item in queue if item["module"] == "open-one"]
    assert queued["submitted"] == "2026-11-20" and queued["days_waiting"] == 2  # not twelve days early


def start_history(repo: Repo) -> None:
    from gitrepo import GitRepo

    GitRepo(repo).start()
    git(repo.root, "checkout", "-q", "main")


def test_the_daily_round_neither_reminds_nor_releases_a_claim_with_an_open_hand_in(
    bot_repo: BotRepo, github: FakeGitHub
) -> None:
    from botkit import schedule_event

    body = claim_form_body("guide", "open-one", "li-na")
    assert bot_repo.bot(github, "issues", issues_event(7, "lina-drives", body, ["认领"])).exit_code == 0
    assert bot_repo.bot(github, "issue_comment", comment_event(7, OPERATOR, "/延期 2026-12-01")).exit_code == 0
    github.open_pulls[12] = ["handbooks/guide/modules/open-one/index.md", "handbooks/guide/modules/open-one/a.jpg"]
    for day in ("2026-11-29", "2026-12-03", "2026-12-20"):
        assert bot_repo.bot(github, "schedule", schedule_event(), today=day).exit_code == 0
    assert not [b for b in github.bodies(7) if "remind:" in b or "overdue:" in b or "lapsed:" in b]
    assert bot_repo.remote_file("handbooks/guide/modules/open-one/index.md") is not None
    assert ("GET", "/repos/xinghe/handbook/pulls/12/files") in github.calls
    del github.open_pulls[12]  # the pull request was closed without merging: the round goes on
    assert bot_repo.bot(github, "schedule", schedule_event(), today="2026-12-20").exit_code == 0
    assert bot_repo.remote_file("handbooks/guide/modules/open-one/index.md") is None


def test_dissolving_a_squad_frees_its_handbook_for_the_pool(repo: Repo) -> None:
    from talent_data import add_winter_squad

    add_winter_squad(repo, dissolved=None)
    repo.person("wang-fang", name="王芳")
    refused = run(repo, "claim", "winter/later", "--by", "wang-fang", "--today", TODAY)
    assert refused.exit_code == 1 and "只有组员可以认领" in refused.output
    result = run(repo, "squad", "dissolve", "ice-and-snow", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "现在向人才库里的所有人开放认领" in result.output
    claimed = run(repo, "claim", "winter/later", "--by", "wang-fang", "--today", TODAY)
    assert claimed.exit_code == 0, claimed.output
    assert run(repo, "validate", "--today", TODAY).exit_code == 0
    page = repo.build().article("board/").get_text()
    assert "只有组员可以认领" not in page


def test_a_squad_formed_and_dissolved_the_same_day_has_no_honour_page_for_older_work(repo: Repo) -> None:
    repo.person("zhao-lei", name="赵磊").person("wang-fang", name="王芳")
    form = ["squad", "form", "day-one", "--name", "一日组", "--members", "li-na,zhou-kai,zhao-lei"]
    form += ["--mission", "试一试", "--handbook", "guide", "--today", TODAY]
    assert run(repo, *form).exit_code == 0
    result = run(repo, "squad", "dissolve", "day-one", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "不生成荣誉页" in result.output  # guide's accepted modules were made before the squad existed
    site = repo.build()
    assert "荣誉出品" not in site.html("squads/day-one/")
    assert site.article("squads/day-one/").select(".ch-squad__works li") == []


ARTICLE = "## 充电\n\n" + "回家充电要先问物业，公共快充桩先看功率，冬天预热电池再出门更省电。" * 12 + "\n"
OPEN = "handbooks/guide/modules/open-one/index.md"


def bot_hand_in(bot_repo: BotRepo, tmp: Path, submitted: str = TODAY) -> str:
    """The claim of open-one (issue 7), and a hand-in on the bot's branch cohandbook/submit-9; its head commit."""
    work = bot_repo.clone(tmp / "handin")
    git(work, "checkout", "-q", "-b", "cohandbook/submit-9")
    text = (work / OPEN).read_text(encoding="utf-8").replace("status: claimed", "status: submitted")
    text = text.replace("issue: 7\n", f"issue: 7\nsubmitted: {submitted}\n").split("---\n", 2)
    (work / OPEN).write_text(f"---\n{text[1]}---\n{ARTICLE}", encoding="utf-8")
    git(work, "-c", "user.name=bot", "-c", "user.email=bot@x", "commit", "-q", "-am", "交稿")
    git(work, "push", "-q", "origin", "cohandbook/submit-9")
    return git(work, "rev-parse", "HEAD")


def merging(bot_repo: BotRepo, tmp: Path):  # type: ignore[no-untyped-def]
    def merge(number: int, sha: str) -> None:
        work = bot_repo.clone(tmp / f"merge-{number}")
        git(work, "-c", "user.name=gh", "-c", "user.email=gh@x", "merge", "-q", "--no-ff", "-m", "Merge", sha)
        git(work, "push", "-q", "origin", "main")

    return merge


def test_accept_on_the_bots_hand_in_pull_request_merges_and_accepts(
    bot_repo: BotRepo, github: FakeGitHub, tmp_path: Path
) -> None:
    body = claim_form_body("guide", "open-one", "li-na")
    assert bot_repo.bot(github, "issues", issues_event(7, "lina-drives", body, ["认领"])).exit_code == 0
    sha = bot_hand_in(bot_repo, tmp_path)
    github.own_pulls[20], github.pulls[20], github.on_merge = "cohandbook/submit-9", sha, merging(bot_repo, tmp_path)
    github.statuses[sha] = "pending"
    result = bot_repo.bot(github, "issue_comment", comment_event(20, OPERATOR, "/验收", pr=True))
    assert result.exit_code == 0, result.output
    assert github.merged == {} and "cohandbook/提交规则" in github.bodies(20)[-1]
    github.statuses[sha] = "success"
    result = bot_repo.bot(github, "issue_comment", comment_event(20, OPERATOR, "/验收", comment_id=556, pr=True))
    assert result.exit_code == 0, result.output
    assert github.merged[20]["sha"] == sha
    after = bot_repo.remote_file(OPEN) or ""
    assert "status: accepted" in after and f"accepted: {TODAY}" in after and "回家充电" in after
    assert "已合并并验收" in github.bodies(20)[-1]
    assert set(github.closed) == {7, 9}
    assert ("GET", f"/repos/xinghe/handbook/commits/{sha}/status") in github.calls


def test_accept_on_a_hand_in_refuses_what_the_gate_refuses_and_merges_nothing(
    bot_repo: BotRepo, github: FakeGitHub, tmp_path: Path
) -> None:
    body = claim_form_body("guide", "open-one", "li-na")
    assert bot_repo.bot(github, "issues", issues_event(7, "lina-drives", body, ["认领"])).exit_code == 0
    sha = bot_hand_in(bot_repo, tmp_path, submitted="2026-11-25")  # handed in "after" today: dates contradict
    github.own_pulls[20], github.pulls[20], github.statuses[sha] = "cohandbook/submit-9", sha, "success"
    result = bot_repo.bot(github, "issue_comment", comment_event(20, OPERATOR, "/accept", pr=True))
    assert result.exit_code == 0, result.output
    assert github.merged == {} and "网站会出错、发布不出去" in github.bodies(20)[-1]
    assert "status: claimed" in (bot_repo.remote_file(OPEN) or "")


def test_accept_on_the_submission_issue_finds_the_module_from_the_form(
    bot_repo: BotRepo, github: FakeGitHub, tmp_path: Path
) -> None:
    body = claim_form_body("guide", "open-one", "li-na")
    assert bot_repo.bot(github, "issues", issues_event(7, "lina-drives", body, ["认领"])).exit_code == 0
    sha = bot_hand_in(bot_repo, tmp_path)
    merging(bot_repo, tmp_path)(20, sha)  # an operator merged the hand-in on GitHub
    git(bot_repo.root, "pull", "-q", "--ff-only", "origin", "main")  # the bot's run checks out the branch as it is
    event = comment_event(9, OPERATOR, "/验收", labels=["提交"])
    event["issue"]["body"] = body  # the submission form names the module like the claim form
    result = bot_repo.bot(github, "issue_comment", event)
    assert result.exit_code == 0, result.output
    assert "status: accepted" in (bot_repo.remote_file(OPEN) or "")
    assert "已验收" in github.bodies(9)[-1]


def test_the_bot_follows_the_squad_rule_while_the_squad_is_active(tmp_path: Path, github: FakeGitHub) -> None:
    from talent_data import add_winter_squad

    repo = standard_repo(tmp_path / "repo")
    add_winter_squad(repo, dissolved=None)
    repo.person("wang-fang", name="王芳", github="wangfang")
    bot_repo = BotRepo(repo, tmp_path)
    body = claim_form_body("winter", "later", "wang-fang")
    assert bot_repo.bot(github, "issues", issues_event(30, "wangfang", body, ["认领"])).exit_code == 0
    assert "只有组员可以认领" in github.bodies(30)[-1] and bot_repo.remote_log() == ["base"]
    squad = repo.root / "contributors/squads/ice-and-snow.yml"
    squad.write_text(squad.read_text(encoding="utf-8") + f"dissolved: {TODAY}\n", encoding="utf-8")
    push(bot_repo, "冰雪项目组解散")
    result = bot_repo.bot(github, "issues", issues_event(30, "wangfang", body, ["认领"], "edited"))
    assert result.exit_code == 0, result.output
    assert "认领成功" in github.bodies(30)[-1]
    assert "handle: wang-fang" in (bot_repo.remote_file("handbooks/winter/modules/later/index.md") or "")


def test_a_hand_in_passes_the_same_gate_before_its_branch_is_pushed(tmp_path: Path, httpserver: HTTPServer) -> None:
    from test_submission import Stand, gallery_body, hand_in, small_repo

    repo = small_repo(tmp_path / "repo")
    trunk = "handbooks/guide/modules/trunk/index.md"
    repo.write(trunk, (repo.root / trunk).read_text(encoding="utf-8").replace("2026-11-20", "2026-11-25"))
    bot_repo, stand = BotRepo(repo, tmp_path), Stand(httpserver)
    result = hand_in(bot_repo, stand, gallery_body(stand))  # handed in today, "claimed" three days from now
    assert result.exit_code == 0, result.output
    [answer] = stand.github.bodies(12)
    assert "网站会出错、发布不出去" in answer and "submitted（2026-11-22）早于 claimed（2026-11-25）" in answer
    assert stand.pulls == [] and "cohandbook/submit-12" not in git(bot_repo.remote, "branch", "--list")


def test_the_note_for_operators_reaches_the_hand_in_pull_request(tmp_path: Path, httpserver: HTTPServer) -> None:
    from test_submission import Stand, gallery_body, hand_in, small_repo

    bot_repo, stand = BotRepo(small_repo(tmp_path / "repo"), tmp_path), Stand(httpserver)
    note = "第三张是晚上拍的，@someone 说可以 [看这里](https://example.com)"
    body = gallery_body(stand).replace(
        "### 想对运营同学说的话（选填）\n\n_No response_", f"### 想对运营同学说的话（选填）\n\n{note}"
    )
    assert note in body
    assert hand_in(bot_repo, stand, body).exit_code == 0
    [pull] = stand.pulls
    assert f"交稿人想对运营同学说：`{note}`" in pull["body"]  # as code: no mention, no link


def test_a_handler_added_later_is_gated_without_doing_anything(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    from cohandbook.core.bot import decide as deciding
    from cohandbook.core.bot.events import ScheduleEvent
    from cohandbook.core.bot.plan import Comment, Plan
    from cohandbook.core.bot.world import World
    from cohandbook.core.domain.settings import Settings
    from cohandbook.core.read.reader import read_repository

    def careless(event: object, world: World) -> Plan:
        broken = FileChange("handbooks/guide/handbook.yml", "title: [\n", digest(b""))
        return Plan(changes=(broken,), message="x", comments=(Comment(8, "cohandbook:x:8", "好了"),), failure_issue=8)

    monkeypatch.setattr(deciding, "HANDLERS", [(lambda e: True, careless)])
    source = FsSource(repo.root)
    data, findings = read_repository(source)
    world = World(data, tuple(findings), source, Settings(), DAY, "https://github.com/o/r", "main")
    plan = deciding.decide(ScheduleEvent("schedule"), world)
    assert plan.changes == () and plan.merge is None
    [answer] = plan.comments
    assert (
        answer.marker == "cohandbook:x:8" and "网站会出错、发布不出去" in answer.body and "handbook.yml" in answer.body
    )


def test_the_writer_keeps_a_files_mode_and_gives_new_files_the_usual_one(repo: Repo) -> None:
    import os
    import stat

    path = repo.root / CLAIMED
    path.chmod(0o640)
    old = path.read_bytes()
    write_change(repo.root, FileChange(CLAIMED, old.decode() + "\n", digest(old)))
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    new = "handbooks/guide/modules/open-one/index.md"
    write_change(repo.root, FileChange(new, "---\nstatus: open\n---\n", ABSENT))
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE((repo.root / new).stat().st_mode) == 0o666 & ~umask


def test_a_problem_the_repository_had_is_not_the_plans_even_when_its_words_change(repo: Repo) -> None:
    blueprint = repo.root / "handbooks/guide/handbook.yml"
    blueprint.write_text(blueprint.read_text(encoding="utf-8") + "status: published\n", encoding="utf-8")
    before = run(repo, "validate", "--today", TODAY)
    assert before.exit_code == 1 and "当前：open" in before.output  # open-one is required and not accepted
    result = run(repo, "claim", "guide/open-one", "--by", "li-na", "--today", TODAY)
    assert result.exit_code == 0, result.output  # "当前：claimed" now: the same problem, not a new one
    assert "当前：claimed" in run(repo, "validate", "--today", TODAY).output
