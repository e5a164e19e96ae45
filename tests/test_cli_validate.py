"""`cohandbook validate` through click's CliRunner: output a KOC can act on, and exit codes."""

from __future__ import annotations

import json

from click.testing import CliRunner

from cohandbook.cli.main import cli
from conftest import Repo


def run(repo: Repo, *args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--root", str(repo.root), *args], env=env)


def break_module(repo: Repo) -> None:
    repo.module("guide", "daily-check", {"status": "accepted", "contributors": ["li-na"]}, "- [ ] 只有一项\n")


def test_clean_repository_exits_zero(repo: Repo) -> None:
    repo.person("li-na", name="李娜", github="lina-drives", skills=["video-shooting"])  # no operator notes
    result = run(repo, "validate", "--today", "2026-11-22")
    assert result.exit_code == 0, result.output
    assert "检查通过" in result.output


def test_text_report_says_where_what_and_how(repo: Repo) -> None:
    break_module(repo)
    result = run(repo, "validate", "--today", "2026-11-22")
    assert result.exit_code == 1
    assert "handbooks/guide/modules/daily-check/index.md:6" in result.output
    assert "清单只有 1 项，至少需要 5 项" in result.output
    assert "怎么改：每一项单独一行" in result.output


def test_json_shape(repo: Repo) -> None:
    break_module(repo)
    result = run(repo, "validate", "--format", "json", "--today", "2026-11-22")
    data = json.loads(result.output)
    assert result.exit_code == 1
    assert {tuple(sorted(item)) for item in data} == {("code", "file", "hint", "level", "line", "message")}
    assert {"level": "error", "code": "checklist-too-few", "line": 6} in [
        {k: item[k] for k in ("level", "code", "line")} for item in data
    ]


def test_github_format_annotates_and_writes_summary(repo: Repo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    break_module(repo)
    summary = tmp_path / "summary.md"
    result = run(
        repo, "validate", "--format", "github", "--today", "2026-11-22", env={"GITHUB_STEP_SUMMARY": str(summary)}
    )
    assert result.exit_code == 1
    assert "::error file=handbooks/guide/modules/daily-check/index.md,line=6,title=checklist-too-few::" in result.output
    report = summary.read_text(encoding="utf-8")
    assert "| error | `handbooks/guide/modules/daily-check/index.md:6` | 清单只有 1 项" in report


def test_warnings_alone_exit_zero(repo: Repo) -> None:
    repo.person("wu-min", name="吴敏", skils=["writing"])  # typo: unknown key is a warning
    result = run(repo, "validate", "--today", "2026-11-22")
    assert result.exit_code == 0
    assert "不认识的字段“skils”" in result.output


def test_bad_today_in_environment_is_a_usage_error(repo: Repo) -> None:
    result = run(repo, "validate", env={"COHANDBOOK_TODAY": "someday"})
    assert result.exit_code == 2
    assert "COHANDBOOK_TODAY" in result.output


def test_bad_today_is_a_usage_error(repo: Repo) -> None:
    result = run(repo, "validate", "--today", "next-week")
    assert result.exit_code == 2
    assert "2026-12-31" in result.output


def test_unknown_format_is_a_usage_error(repo: Repo) -> None:
    assert run(repo, "validate", "--format", "xml").exit_code == 2


def test_validation_never_rewrites_files(repo: Repo) -> None:
    break_module(repo)
    before = {p: p.read_bytes() for p in repo.root.rglob("*") if p.is_file()}
    run(repo, "validate", "--today", "2026-11-22")
    assert {p: p.read_bytes() for p in repo.root.rglob("*") if p.is_file()} == before
