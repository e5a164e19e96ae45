"""`cohandbook accept` and `cohandbook extend`: in-place edits of a module's front matter, and their refusals."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner, Result
from gitrepo import GitRepo

from cohandbook.cli.main import cli
from cohandbook.core.domain.findings import YamlProblem
from cohandbook.core.edits.front_matter import edit_front_matter
from conftest import TODAY, Repo

SUBMITTED = "handbooks/guide/modules/first-1000km/index.md"
CLAIMED = "handbooks/guide/modules/claimed-one/index.md"
ARTICLE = "## 磨合\n\n" + "新车前一千公里要温柔驾驶，胎压监测要常看，热泵空调冬天更省电。" * 12 + "\n"

# An operator's file: a comment on top, comments after values, keys in their own order, CRLF line ends.
ANNOTATED = (
    "---\r\n"
    "# 运营备注：周凯负责文字，李娜补图\r\n"
    "contributors: [zhou-kai, li-na]\r\n"
    "submitted: 2026-11-20    # 周五晚上交的\r\n"
    "status: submitted  # 等审核\r\n"
    "claimed: 2026-11-01\r\n"
    "---\r\n" + ARTICLE.replace("\n", "\r\n")
)


def run(repo: Repo, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--root", str(repo.root), *args])


def lines(repo: Repo, path: str) -> list[str]:
    return (repo.root / path).read_bytes().decode("utf-8").split("\r\n")


def test_accept_changes_two_lines_and_keeps_every_other_byte(repo: Repo) -> None:
    repo.write(SUBMITTED, ANNOTATED.encode("utf-8"))
    result = run(repo, "accept", "guide/first-1000km", "--today", TODAY)
    assert result.exit_code == 0, result.output
    before, after = ANNOTATED.split("\r\n"), lines(repo, SUBMITTED)
    assert after[3:6] == ["submitted: 2026-11-20    # 周五晚上交的", f"accepted: {TODAY}", "status: accepted  # 等审核"]
    assert [line for i, line in enumerate(after) if i not in (4, 5)] == [
        line for i, line in enumerate(before) if i != 4
    ]
    assert run(repo, "validate").exit_code == 0


def test_accept_puts_accepted_after_submitted_in_a_plain_file(repo: Repo) -> None:
    text = f"---\nstatus: submitted\ncontributors: [zhou-kai]\nclaimed: 2026-11-01\nsubmitted: 2026-11-20\nvideo_note: x\n---\n{ARTICLE}"
    text = text.replace("video_note: x\n", "")
    repo.write(SUBMITTED, text)
    assert run(repo, "accept", "guide/first-1000km", "--today", TODAY).exit_code == 0
    edited = (repo.root / SUBMITTED).read_text(encoding="utf-8")
    assert edited == text.replace("status: submitted", "status: accepted").replace(
        "submitted: 2026-11-20\n", f"submitted: 2026-11-20\naccepted: {TODAY}\n"
    )


@pytest.mark.parametrize(
    ("module", "says"),
    [("claimed-one", "还没有交稿"), ("open-one", "还没有人认领"), ("storage", "已经验收过了")],
)
def test_accept_refuses_what_is_not_submitted_and_writes_nothing(repo: Repo, module: str, says: str) -> None:
    path = f"handbooks/guide/modules/{module}/index.md"
    before = (repo.root / path).read_bytes() if (repo.root / path).exists() else None
    result = run(repo, "accept", f"guide/{module}", "--today", TODAY)
    assert result.exit_code == 1
    assert says in result.output
    assert ((repo.root / path).read_bytes() if (repo.root / path).exists() else None) == before


def test_accept_refuses_a_broken_contract(repo: Repo) -> None:
    repo.module(
        "guide",
        "first-1000km",
        {"status": "submitted", "contributors": ["zhou-kai"], "claimed": "2026-11-01"},
        "太短了。\n",
    )
    before = (repo.root / SUBMITTED).read_bytes()
    result = run(repo, "accept", "guide/first-1000km", "--today", TODAY)
    assert result.exit_code == 1 and "字" in result.output
    assert (repo.root / SUBMITTED).read_bytes() == before


def test_validate_refuses_an_acceptance_dated_in_the_future(repo: Repo) -> None:
    repo.module(
        "guide",
        "first-1000km",
        {"status": "accepted", "contributors": ["zhou-kai"], "claimed": "2026-11-01", "accepted": "2026-12-24"},
        ARTICLE,
    )
    result = run(repo, "validate", "--today", TODAY, "--format", "json")
    assert result.exit_code == 1
    assert [f["code"] for f in json.loads(result.output) if f["level"] == "error"] == ["accepted-in-future"]
    assert run(repo, "validate", "--today", "2026-12-24").exit_code == 0


def test_extend_writes_the_claims_deadline_and_the_board_follows(repo: Repo) -> None:
    before = (repo.root / CLAIMED).read_text(encoding="utf-8")
    result = run(repo, "extend", "guide/claimed-one", "--to", "2027-02-01", "--today", TODAY)
    assert result.exit_code == 0, result.output
    after = (repo.root / CLAIMED).read_text(encoding="utf-8")
    assert after == before.replace("claimed: '2026-11-20'\n", "claimed: '2026-11-20'\ndeadline: 2027-02-01\n")
    board = json.loads(run(repo, "board", "guide", "--today", "2027-01-15", "--format", "json").output)
    row = next(r for r in board if r["module"] == "claimed-one")
    assert (row["deadline"], row["state"]) == ("2027-02-01", "claimed")  # the blueprint's 2026-12-31 has passed


def test_extend_again_edits_the_same_line_and_keeps_its_comment(repo: Repo) -> None:
    repo.write(
        CLAIMED,
        "---\nstatus: claimed\ndeadline: 2027-01-01  # 春节前\ncontributors: [zhou-kai]\nclaimed: 2026-11-20\n---\n创作中。\n",
    )
    assert run(repo, "extend", "guide/claimed-one", "--to", "2027-02-01", "--today", TODAY).exit_code == 0
    assert (repo.root / CLAIMED).read_text(encoding="utf-8").splitlines()[2] == "deadline: 2027-02-01  # 春节前"


@pytest.mark.parametrize(
    ("module", "to", "says"),
    [("first-1000km", "2027-01-01", "只有认领中的模块可以延期"), ("claimed-one", "2026-11-01", "已经过去了")],
)
def test_extend_refusals_write_nothing(repo: Repo, module: str, to: str, says: str) -> None:
    path = f"handbooks/guide/modules/{module}/index.md"
    before = (repo.root / path).read_bytes()
    result = run(repo, "extend", f"guide/{module}", "--to", to, "--today", TODAY)
    assert result.exit_code == 1 and says in result.output
    assert (repo.root / path).read_bytes() == before


def test_extend_needs_a_real_date(repo: Repo) -> None:
    assert run(repo, "extend", "guide/claimed-one", "--to", "next week").exit_code == 2


def test_the_placeholder_page_shows_the_claims_own_deadline(repo: Repo) -> None:
    run(repo, "extend", "guide/claimed-one", "--to", "2027-02-01", "--today", TODAY)
    site = repo.build(today="2027-01-15")
    status = site.article("guide/claimed-one/").select_one(".ch-placeholder__status")
    assert status is not None and "2027-02-01" in status.get_text() and "已逾期" not in status.get_text()


def test_a_reclaim_after_a_release_starts_with_a_deadline_in_the_future(repo: Repo) -> None:
    assert run(repo, "release", "guide/claimed-one").exit_code == 0
    result = run(repo, "claim", "guide/claimed-one", "--by", "li-na", "--today", "2027-01-10")
    assert result.exit_code == 0, result.output
    assert "截止日期：2027-01-24（还有 14 天）" in result.output
    assert "deadline: 2027-01-24" in (repo.root / CLAIMED).read_text(encoding="utf-8")
    board = json.loads(run(repo, "board", "guide", "--today", "2027-01-10", "--format", "json").output)
    assert next(r for r in board if r["module"] == "claimed-one")["state"] == "claimed"


def test_front_matter_edit_replaces_a_value_written_as_a_block_and_keeps_the_rest() -> None:
    text = "---\r\nstatus:\r\n  - claimed\r\n# 运营备注\r\nclaimed: 2026-11-01  # 认领日\r\n---\r\n正文\r\n"
    edited = edit_front_matter(text, {"status": "accepted", "claimed": "2026-11-02"})
    assert edited == "---\r\nstatus: accepted\r\n# 运营备注\r\nclaimed: 2026-11-02  # 认领日\r\n---\r\n正文\r\n"


@pytest.mark.parametrize(
    ("text", "changes", "kept"),
    [
        ("---\ntitle: 好\nnotes: |\n  第一段\n\n  第二段\n---\n", {"notes": None}, {"title": "好"}),
        (
            "---\ngallery:\n- file: a.jpg\n# 第二张\n- file: b.jpg\nstatus: claimed\n---\n",
            {"gallery": [{"file": "c.jpg"}]},
            {"status": "claimed"},
        ),
        (
            "---\ncontributors:\n- handle: x\n\n- handle: y\n# 备注\nstatus: claimed\n---\n",
            {"contributors": [{"handle": "z"}]},
            {"status": "claimed"},
        ),
    ],
)
def test_front_matter_edit_replaces_a_whole_block_across_blank_lines_and_comments(
    text: str, changes: dict[str, object], kept: dict[str, object]
) -> None:
    from cohandbook.core.read.yamlsafe import load

    edited = edit_front_matter(text, changes)
    data = dict(load(edited.split("---\n")[1]))
    assert data == {**kept, **{k: v for k, v in changes.items() if v is not None}}


def test_front_matter_edit_writes_lists_removes_keys_and_refuses_what_would_not_read_back() -> None:
    text = (
        "\ufeff---\nstatus: claimed # 状态\ncontributors:\n- handle: li-na\nissue: 7\ndeadline: 2027-01-01\n---\n正文\n"
    )
    edited = edit_front_matter(
        text, {"status": "open", "contributors": None, "issue": None, "former_contributors": [{"handle": "li-na"}]}
    )
    expected = (
        "\ufeff---\nstatus: open # 状态\ndeadline: 2027-01-01\nformer_contributors:\n- handle: li-na\n---\n正文\n"
    )
    assert edited == expected
    with pytest.raises(YamlProblem):
        edit_front_matter("---\ntitle: a\n---\n", {"title: x\nstatus": "open"})


def test_a_contributor_cannot_extend_their_own_deadline_by_pull_request(repo: Repo) -> None:
    pr = GitRepo(repo).start()
    text = (repo.root / CLAIMED).read_text(encoding="utf-8")
    repo.write(CLAIMED, text.replace("claimed: '2026-11-20'\n", "claimed: '2026-11-20'\ndeadline: 2027-06-01\n"))
    pr.commit("延期")
    result = pr.check("zhoukai")
    assert result.exit_code == 1 and "pr-operator-field" in result.output
