"""The command line answers in Chinese: every command's help, and usage errors, click's own included."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import click
import pytest
from click.testing import CliRunner
from mkdocs.__main__ import cli as mkdocs_cli

from cohandbook.cli.main import COMMANDS, cli
from conftest import TODAY, Repo

CJK = re.compile(r"[\u4e00-\u9fff]")
# English that click prints when its own messages are not translated.
ENGLISH = re.compile(r"\b(Usage|Error|Try|Missing|Invalid|No such|Options|Commands|Show this|is not|required)\b")


def run(repo: Repo, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--root", str(repo.root), *args], prog_name="cohandbook")
    assert result.exit_code == 2, result.output
    assert not ENGLISH.search(result.output), result.output
    return result.output


@pytest.mark.parametrize(
    ("args", "usage", "error"),
    [
        (["squad", "form", "ice", "--name", "冰雪"], "squad form [选项] 项目组编号", "缺少选项 '--members'。"),
        (["claim"], "claim [选项] 手册编号/模块编号", "缺少参数 '手册编号/模块编号'。"),
        (["board", "--cap", "0"], "board [选项] [手册编号]", "'--cap' 写得不对：0 不在允许的范围 x>=1 内。"),
        (
            ["board", "--format", "pdf"],
            "board",
            "'--format' 写得不对：'pdf' 不行，只能是 'text', 'json', 'markdown' 之一。",
        ),
        (["board", "--colour"], "board", "没有选项 '--colour'。"),
        (["extend", "guide/x", "--to"], "", "选项 '--to' 后面要写一个值。"),
        (["review", "a", "b"], "review", "多写了参数（b）"),
        (["boad"], "[选项] 命令 [参数]...", "没有命令 'boad'。"),
        (["cast", "--top", "many"], "cast", "'--top' 写得不对：'many' 不是数字。"),
        (["judge"], "judge [选项]", "缺少选项 '--out'。"),
        (["preview", "--base", "main", "--head", "HEAD"], "preview [选项]", "缺少选项 '--out'。"),
        (["collect-previews"], "collect-previews [选项]", "缺少选项 '--into'。"),
        (["release", "guide/x", "--by"], "", "选项 '--by' 后面要写一个值。"),
    ],
)
def test_usage_errors_are_chinese(repo: Repo, args: list[str], usage: str, error: str) -> None:
    output = run(repo, *args)
    assert f"出错了：{error}" in output
    if usage:  # click shows no usage for an option left without its value
        assert output.startswith("用法：cohandbook ") and usage in output.splitlines()[0]
        assert "查看说明。" in output


def test_a_missing_root_folder_is_said_in_chinese(repo: Repo) -> None:
    result = CliRunner().invoke(cli, ["--root", str(repo.root / "nowhere"), "board"])
    assert result.exit_code == 2
    assert "出错了：'--root' 写得不对：" in result.output and "不存在。" in result.output


def all_commands() -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []

    def walk(group: click.Group, path: tuple[str, ...]) -> None:
        ctx = click.Context(group)
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            assert command is not None
            found.append((*path, name))
            if isinstance(command, click.Group):
                walk(command, (*path, name))

    walk(cli, ())
    return found


def test_the_walk_reaches_every_registered_command() -> None:
    walked = all_commands()
    assert {path[0] for path in walked} == set(COMMANDS)
    assert {("squad", "form"), ("squad", "dissolve"), ("private", "move")} <= set(walked)


@pytest.mark.parametrize("path", all_commands(), ids=" ".join)
def test_every_help_is_chinese(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"], prog_name="cohandbook")
    assert result.exit_code == 0
    assert result.output.startswith("用法：cohandbook ")
    assert "选项：" in result.output and not ENGLISH.search(result.output), result.output
    described = re.split(r"\n\s*\n", result.output)[1]
    assert CJK.search(described), described  # the command's own description


def test_every_option_is_explained_in_chinese() -> None:
    ctx = click.Context(cli)
    untranslated = []
    for path in [(), *all_commands()]:
        command: click.Command | None = cli
        for name in path:
            assert isinstance(command, click.Group)
            command = command.get_command(ctx, name)
        assert command is not None
        for param in command.params:
            if isinstance(param, click.Option) and not CJK.search(param.help or ""):
                untranslated.append(f"{' '.join(path)} {param.opts[0]}")
    assert untranslated == []


def test_root_help_lists_commands_in_chinese() -> None:
    output = CliRunner().invoke(cli, ["--help"]).output
    assert "命令：" in output and "显示这段说明。" in output and "显示版本号。" in output


@pytest.fixture
def mkdocs_logger_restored() -> Iterator[None]:
    """MkDocs' own command line sets up the `mkdocs` logger (handler, level, propagation) for the whole
    process; later tests that count warnings must find it as it was."""
    logger = logging.getLogger("mkdocs")
    handlers, level, propagate = list(logger.handlers), logger.level, logger.propagate
    yield
    logger.handlers[:] = handlers
    logger.setLevel(level)
    logger.propagate = propagate


@pytest.mark.usefixtures("mkdocs_logger_restored")
def test_another_click_program_in_the_same_process_keeps_its_english() -> None:
    CliRunner().invoke(cli, ["boad"])
    result = CliRunner().invoke(mkdocs_cli, ["build", "--no-such-flag"])
    assert "No such option" in result.output and "出错了" not in result.output


def test_review_names_formats_as_the_site_does(repo: Repo) -> None:
    result = CliRunner().invoke(cli, ["--root", str(repo.root), "review", "--today", TODAY])
    assert result.exit_code == 0
    assert "（清单）" in result.output or "（文章）" in result.output or "（视频）" in result.output
    assert not re.search(r"（(video|gallery|article|checklist)）", result.output)


def test_claim_tells_the_operator_what_to_do_without_git_words(repo: Repo) -> None:
    args = ["--root", str(repo.root), "claim", "guide/open-one", "--by", "li-na", "--today", TODAY]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "下一步：把这次改动上传到 GitHub" in result.output
    assert not [w for w in ("Pull Request", "推送", "分支", "commit", "git ") if w in result.output]
