"""The labels the bot and the issue forms use, with the colour and the Chinese description GitHub shows.

An issue form whose label does not exist in the repository opens its issue without that label, and the bot
never hears of it: the bot creates any that are missing (see github/labels.py), so the operator does not;
`doctor` names the missing ones (core/ops/setup.py).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Label:
    name: str
    color: str  # six hex digits, no `#`, as GitHub's API takes it
    description: str


# The names, written once: the forms (.github/ISSUE_TEMPLATE), the bot's handlers and doctor use these.
CLAIM, CLAIMED, SUBMIT, SUBMITTED, JOIN, SQUAD = "认领", "已认领", "提交", "已交稿", "加入", "组队"

LABELS: tuple[Label, ...] = (
    Label(CLAIM, "1d76db", "认领模块的表单：机器人会回复并建好创作文件夹"),
    Label(CLAIMED, "0e8a16", "机器人已登记认领，模块正在创作中"),
    Label(SUBMIT, "fbca04", "提交作品的表单：机器人会整理好交给运营同学审核"),
    Label(SUBMITTED, "5319e7", "作品已整理成待审核的合并请求"),
    Label(JOIN, "c2e0c6", "申请加入人才库的表单：机器人会登记档案，运营同学确认"),
    Label(SQUAD, "d4c5f9", "组队邀请的表单：机器人会登记项目组成员"),
)


def missing(existing: list[str]) -> tuple[Label, ...]:
    """The labels the repository lacks (GitHub compares label names without regard to case)."""
    have = {name.casefold() for name in existing}
    return tuple(label for label in LABELS if label.name.casefold() not in have)


# The titles the issue forms start with (`title:` in .github/ISSUE_TEMPLATE/*.yml) and the label each sets.
FORM_TITLES = (("认领：", CLAIM), ("交稿：", SUBMIT), ("申请加入：", JOIN), ("组队邀请：", SQUAD))


def form_label(title: str) -> str | None:
    """The form an issue came from, by its title, for an issue opened before the form's label existed."""
    return next((label for prefix, label in FORM_TITLES if title.startswith(prefix)), None)
