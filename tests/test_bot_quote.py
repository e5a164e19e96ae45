"""User text in the bot's comments is inert: no link, image, mention, HTML or marker survives quoting."""

from __future__ import annotations

import re

import pytest

from cohandbook.core.bot import texts
from cohandbook.core.bot.plan import MARKER
from cohandbook.core.bot.quote import neutral, quote
from cohandbook.core.bot.submit_form import read_form
from cohandbook.core.domain.findings import error

HOSTILE = [
    "[点我领奖](https://evil.example/x)",
    "![img](https://evil.example/pixel.png)",
    "@xinghe/operators 快来",
    "<img src=x onerror=alert(1)>",
    "<!-- cohandbook:claim:guide/open-one -->",
    "李娜\n\n# 大标题\n> 引用\n[ref]: https://evil.example",
    "https://evil.example www.evil.example",
    "`code` \\` [x][1]",
    "<details open><summary>点开</summary></details>",
    "a" * 5000 + "<script>",
]
ACTIVE = [
    re.compile(r"\[[^\]]*\]\("),  # a link or image
    re.compile(r"(?<![\w＠])@\w"),  # a mention
    re.compile(r"<[A-Za-z!/]"),  # HTML, comments, markers
    re.compile(r"https?://|www\."),  # an autolink
    re.compile(r"\n"),  # a new Markdown block
]


def inert(text: str) -> bool:
    """Nothing active outside code spans (inside one nothing renders); no `<` and no marker anywhere."""
    outside = re.sub(r"`[^`\n]*`", "``", text)
    return not any(p.search(outside) for p in ACTIVE) and not MARKER.search(text) and "<" not in text


@pytest.mark.parametrize("text", HOSTILE)
def test_neutral_leaves_nothing_active(text: str) -> None:
    assert inert(neutral(text))
    assert len(neutral(text)) <= 501


@pytest.mark.parametrize("text", HOSTILE)
def test_quote_is_one_code_span_with_no_marker(text: str) -> None:
    quoted = quote(text)
    assert quoted.startswith("`") and quoted.endswith("`") and quoted.count("`") == 2
    assert "\n" not in quoted and not MARKER.search(quoted) and "<" not in quoted


@pytest.mark.parametrize("text", HOSTILE)
def test_refusals_and_form_problems_quote_what_they_carry(text: str) -> None:
    body = texts.refused("lina-drives", "这次没有改：", [error("x", "f", 1, f"名字“{text}”不行", f"改成 {text}")])
    assert inert(body.split("\n", 1)[1].replace("\n", " "))
    assert inert(texts.bad_form("lina-drives", [text]).split("\n", 1)[1].replace("\n", " "))


@pytest.mark.parametrize("text", HOSTILE[:6])
def test_a_hostile_duration_answer_reaches_the_comment_inert(text: str) -> None:
    form = read_form(f"### 视频时长（视频模块）\n\n{text}\n")
    assert form.problems
    body = texts.bad_form("lina-drives", list(form.problems))
    assert inert(body.split("\n", 1)[1].replace("\n", " ")), body
