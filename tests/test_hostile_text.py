"""Hostile one-liners finish fast everywhere, and contributed text cannot forge GitHub log commands.

Each one-liner is a known shape that made a backtracking pattern run for minutes (an attr_list block that
never closes, a run of comment openers, of backticks, of image openers …), at about 60 KB: within the
256 KB cap of index.md, far past what a slow search survives. `validate`, `check-pr` and a real strict
build must each answer within seconds.
"""

from __future__ import annotations

import json
import re
import time

import pytest
from click.testing import CliRunner
from gitrepo import GitRepo

from cohandbook.cli import github_log
from cohandbook.cli.main import cli
from cohandbook.core.bot.form import form_fields
from cohandbook.core.bot.submit_form import read_form
from cohandbook.core.check.markup import scan
from cohandbook.core.read.limits import MARKDOWN_BYTES
from cohandbook.core.site.defuse import defused
from conftest import TODAY, Repo

N = 6_000
ONE_LINERS = {
    "attr list never closes": "文字 {: " + "a=b " * N,
    "attr list of classes never closes": "{: " + ".x #y " * N,
    "comment openers": "<!--" * N * 2,
    "backticks": "`" * N * 8 + "x",
    "backtick runs of growing length": "".join("`" * (i % 40 + 1) + "a" for i in range(N)),
    "image openers": "![" * N * 4,
    "link openers": "[a](" * N * 3,
    "tag openers": "<a " * N * 3,
    "fence openers": "\n".join(["```x"] * N),
    "admonition blanks": "!!!" + " " * N * 8,
    "braces": "{" * N * 8,
    "quotes in attr list": '{: k="' * N * 2,
}
BOUND = 10.0  # seconds for a whole command on this shared machine; the old patterns took minutes


@pytest.mark.parametrize("body", ONE_LINERS.values(), ids=ONE_LINERS.keys())
def test_validate_finishes_on_a_hostile_one_liner(repo: Repo, body: str) -> None:
    repo.module("guide", "first-1000km", {"status": "draft", "contributors": ["li-na"]}, body + "\n")
    started = time.perf_counter()
    result = CliRunner().invoke(cli, ["--root", str(repo.root), "validate", "--format", "json", "--today", TODAY])
    assert time.perf_counter() - started < BOUND
    assert result.exit_code in (0, 1), result.output
    json.loads(result.output)


@pytest.mark.parametrize("body", ONE_LINERS.values(), ids=ONE_LINERS.keys())
def test_the_markup_scan_is_fast_on_each_one_liner(body: str) -> None:
    started = time.perf_counter()
    scan(body)
    assert time.perf_counter() - started < 1.0


def test_check_pr_finishes_on_hostile_one_liners(repo: Repo) -> None:
    pr = GitRepo(repo).start()
    body = "\n\n".join(ONE_LINERS.values())
    repo.module("guide", "first-1000km", {"status": "draft", "contributors": ["li-na"]}, body + "\n")
    pr.commit("hostile")
    started = time.perf_counter()
    result = pr.check("xinghe-community", "--format", "json")
    assert time.perf_counter() - started < BOUND * 2
    assert result.exit_code in (0, 1), result.output
    json.loads(result.output)


def test_strict_build_finishes_on_hostile_one_liners(repo: Repo, expect_warnings: None) -> None:
    # "tag openers" also tries Python-Markdown's own raw-HTML reader (html.parser, quadratic on unclosed
    # tags): the body it gets has such openers written as &lt; (core/site/defuse.py).
    body = "\n\n".join(v for k, v in ONE_LINERS.items() if k != "fence openers")
    repo.module("guide", "first-1000km", {"status": "accepted", "contributors": ["li-na"]}, body + "\n")
    started = time.perf_counter()
    try:
        repo.build(strict=True)
    except BaseException as exc:  # a strict build may refuse the page: what matters is that it ends
        assert not isinstance(exc, (RecursionError, MemoryError, KeyboardInterrupt)), exc
    assert time.perf_counter() - started < BOUND * 6


def test_an_index_over_the_cap_is_refused_unread(repo: Repo) -> None:
    repo.module(
        "guide", "first-1000km", {"status": "draft", "contributors": ["li-na"]}, "字" * (MARKDOWN_BYTES // 3 + 900)
    )
    result = CliRunner().invoke(cli, ["--root", str(repo.root), "validate", "--format", "json", "--today", TODAY])
    found = [f for f in json.loads(result.output) if f["code"] == "file-too-large"]
    assert found and found[0]["file"].endswith("first-1000km/index.md")
    assert "256 KB 的上限" in found[0]["message"] and "删短" in found[0]["hint"]


def test_form_headings_with_long_blanks_are_read_quickly() -> None:
    body = "### 模块编号" + " \t" * 40_000 + "\n\nopen-one\n### " + " " * 80_000 + "x"
    started = time.perf_counter()
    fields = form_fields(body)
    assert time.perf_counter() - started < 1.0
    assert fields["模块编号"] == "open-one"
    assert read_form("### 清单（清单模块）\n\n- [ ] 检查胎压   \n2. 看油量\n").items == ("检查胎压", "看油量")


# GitHub's log: contributed text never starts a line of its own.
FORGERIES = [
    "evil\n::error file=mkdocs.yml,line=1::伪造的错误",
    "evil\r\n::warning::伪造",
    "evil\n::add-mask::secret",
    "evil%0A::error::already escaped",
    "::error::at the start",
]


@pytest.mark.parametrize("forged", FORGERIES)
def test_a_hostile_front_matter_key_cannot_forge_an_annotation(repo: Repo, forged: str) -> None:
    key = json.dumps(forged, ensure_ascii=False)  # a double-quoted YAML key keeps its newline escapes
    front = f"---\nstatus: draft\ncontributors: [li-na]\n{key}: 1\n---\n正文\n"
    repo.write("handbooks/guide/modules/first-1000km/index.md", front)
    result = CliRunner().invoke(cli, ["--root", str(repo.root), "validate", "--format", "github", "--today", TODAY])
    lines = result.output.splitlines()
    assert any("title=field-unknown" in line for line in lines), result.output  # the key is reported …
    for line in lines:  # … and no line but our own annotations is a command
        if line.lstrip().startswith("::"):
            assert re.match(
                r"::(error|warning) file=(handbooks|contributors)/[^:,]+(,line=\d+)?,title=[\w-]+::", line
            ), line


def test_github_log_escaping_is_the_toolkits() -> None:
    assert github_log.data("a%b\r\nc") == "a%25b%0D%0Ac"
    assert github_log.prop("x:y,z\n") == "x%3Ay%2Cz%0A"
    # The runner trims leading white space before it looks for `::`, and reads `##[…]` anywhere in a line.
    for forged in ("::error::x", "  ::error::x", "\t::add-mask::x"):
        assert not github_log.line(forged).lstrip().startswith("::"), forged
    assert "##[" not in github_log.line("a ##[warning]b") and "##[" not in github_log.data("##[error]b")
    assert "\n" not in github_log.line("a\n::error::b")


@pytest.mark.parametrize(
    "body",
    [
        "正文 a <b> c <d\n<img\n  src=x.jpg>\n",
        "```html\n" + "<a " * 300 + "\n```\n",
        "`" + "<a " * 300 + "`\n",
        "<!-- 注释 <b> -->\n" + "a < b\n" * 300,
    ],
)
def test_a_real_body_reaches_markdown_unchanged(body: str) -> None:
    assert defused(body) == body


@pytest.mark.parametrize("opener", ["<a ", "<a/", "<a b='", "</x ", "<img\n"])
def test_many_unclosed_openers_become_text_for_markdown(opener: str) -> None:
    body = opener * 3000
    assert "&lt;" in defused(body)
    assert defused(body).replace("&lt;", "<") == body


def test_log_records_of_the_bot_are_single_escaped_lines() -> None:
    import logging

    formatter = github_log._OneLine("%(message)s")
    record = logging.LogRecord("x", logging.ERROR, "f", 1, "comment %s", ("a\n::error file=x::forged",), None)
    assert formatter.format(record) == "comment a%0A::error file=x::forged"
    record = logging.LogRecord("x", logging.ERROR, "f", 1, "::warning::%s", ("x",), None)
    assert not formatter.format(record).startswith("::")
