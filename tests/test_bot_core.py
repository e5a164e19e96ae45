"""The bot's pure parts from literals: the rendered issue form, commands, events, markers, in-place edits."""

from __future__ import annotations

import pytest

from cohandbook.core.bot.commands import parse_command
from cohandbook.core.bot.events import CommentEvent, EventError, Ignored, ScheduleEvent, parse_event
from cohandbook.core.bot.form import form_fields
from cohandbook.core.bot.plan import Comment, marker_of
from cohandbook.core.edits.front_matter import edit_front_matter


def test_form_fields_read_githubs_rendering() -> None:
    body = "### 手册编号\r\n\r\nguide\r\n\r\n### 你打算怎么做\r\n\r\n_No response_\r\n\r\n### 模块编号\r\n\r\n open-one \r\n"
    assert form_fields(body) == {"手册编号": "guide", "你打算怎么做": "", "模块编号": "open-one"}


def test_a_heading_typed_into_a_later_field_does_not_override_an_earlier_one() -> None:
    body = "### 模块编号\n\nopen-one\n\n### 你打算怎么做\n\n### 模块编号\n\nsomeone-elses\n"
    assert form_fields(body)["模块编号"] == "open-one"


@pytest.mark.parametrize(
    ("body", "name", "module", "date"),
    [
        ("/认领 guide/open-one", "claim", ("guide", "open-one"), None),
        ("谢谢！\n/claim handbooks/guide/modules/open-one/", "claim", ("guide", "open-one"), None),
        ("/放弃", "release", None, None),
        ("/Release guide/open-one", "release", ("guide", "open-one"), None),
        ("/验收", "accept", None, None),
        ("/延期 2027-01-31", "extend", None, "2027-01-31"),
        ("/extend 2027-01-31 guide/open-one", "extend", ("guide", "open-one"), "2027-01-31"),
        ("/帮助", "unknown", None, None),
    ],
)
def test_commands(body: str, name: str, module: tuple[str, str] | None, date: str | None) -> None:
    command = parse_command(body)
    assert command is not None
    assert (command.name, command.module, command.date, command.problem) == (name, module, date, "")


@pytest.mark.parametrize("body", ["我会 /放弃 的", "see https://example.com/认领", "", "> quoted"])
def test_no_command_unless_a_line_starts_with_a_slash(body: str) -> None:
    assert parse_command(body) is None


@pytest.mark.parametrize(
    ("body", "says"),
    [("/认领", "要认领的模块"), ("/延期 2027-13-01", "新的截止日期"), ("/认领 ../etc", "要认领的模块")],
)
def test_commands_with_missing_or_bad_arguments_say_what_is_missing(body: str, says: str) -> None:
    command = parse_command(body)
    assert command is not None and says in command.problem


def test_events_read_only_what_they_need_and_spot_bots() -> None:
    payload = {
        "action": "created",
        "issue": {"number": 3, "labels": [{"name": "认领"}], "pull_request": {"url": "x"}},
        "comment": {"id": 9, "body": "/验收", "user": {"login": "dependabot[bot]", "type": "User"}},
    }
    event = parse_event("issue_comment", payload)
    assert isinstance(event, CommentEvent) and event.author.is_bot and event.on_pull_request
    assert event.labels == ("认领",)
    assert isinstance(parse_event("schedule", {}), ScheduleEvent)
    assert isinstance(parse_event("push", {}), Ignored)


@pytest.mark.parametrize(
    "payload",
    [[], {"action": "opened"}, {"action": "opened", "issue": {"number": True, "user": {"login": "x"}}}],
)
def test_malformed_events_raise(payload: object) -> None:
    with pytest.raises(EventError):
        parse_event("issues", payload)


def test_markers_round_trip_and_only_at_the_start() -> None:
    comment = Comment(7, "cohandbook:claim-form:7", "认领成功")
    assert marker_of(comment.text) == "cohandbook:claim-form:7"
    assert marker_of("引用：<!-- cohandbook:claim-form:7 -->") is None


def test_front_matter_edit_keeps_a_byte_order_mark_and_quoted_values() -> None:
    text = "\ufeff---\nstatus: 'sub#mitted' # 引号\nclaimed: 2026-11-01\n---\n正文\n"
    edited = edit_front_matter(text, {"status": "accepted", "accepted": "2026-11-22"}, after=("submitted", "claimed"))
    assert edited == "\ufeff---\nstatus: accepted # 引号\nclaimed: 2026-11-01\naccepted: 2026-11-22\n---\n正文\n"


def test_front_matter_edit_places_a_new_key_after_a_block_value() -> None:
    text = "---\nclaimed: 2026-11-01\ncontributors:\n  - handle: li-na\nstatus: claimed\n---\n"
    edited = edit_front_matter(text, {"deadline": "2027-01-01"}, after=("contributors",))
    assert (
        edited
        == "---\nclaimed: 2026-11-01\ncontributors:\n  - handle: li-na\ndeadline: 2027-01-01\nstatus: claimed\n---\n"
    )
