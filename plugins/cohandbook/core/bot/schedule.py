"""The daily round: a reminder before a claim's deadline, a notice when it passes, a release after the grace.

A claim with an open hand-in (an open pull request touching its module, the bot's hand-in included) is
neither reminded nor released: it waits for review, not for its claimant.

Markers carry the module and the deadline, so each notice goes out once per deadline however often the
round runs, and an extension (a new deadline) earns a fresh reminder.
"""

from __future__ import annotations

from ..domain.model import ModuleWork
from ..edits.claims import Target
from .claiming import release
from .events import ScheduleEvent
from .plan import NOTHING, Comment, Plan
from .world import World


def daily_round(event: ScheduleEvent, world: World) -> Plan:
    plan = NOTHING
    for handbook in world.repo.handbooks:
        for chapter, spec in handbook.modules():
            work = world.repo.work(handbook.id, spec.id)
            handed = world.handed_in is not None and (handbook.id, spec.id) in world.handed_in
            if work is not None and work.status == "claimed" and work.issue is not None and not handed:
                plan = plan + _one(world, Target(handbook, chapter, spec), work)
    return plan


def _one(world: World, target: Target, work: ModuleWork) -> Plan:
    deadline = target.handbook.deadline_of(target.spec, work)
    if deadline is None or work.issue is None:
        return NOTHING
    left = (deadline - world.today).days
    key = f"{target.name}:{deadline.isoformat()}"
    who = " ".join(f"@{login}" for login in _logins(world, work))
    title = f"「{target.spec.title}」"
    if 0 <= left <= world.settings.remind_days:
        when = "今天" if left == 0 else f"还有 {left} 天（{deadline.isoformat()}）"
        body = f"{who} 提醒一下：{title}的截止日期{when}。做不完也没关系，留言 `/放弃` 把模块让给别人，或者请运营同学延期。"
        return _notice(work.issue, f"cohandbook:remind:{key}", body)
    if left >= 0:
        return NOTHING
    grace = world.settings.release_after_days
    if -left < grace:
        body = (
            f"{who} {title}已经过了截止日期（{deadline.isoformat()}）。还在做的话请留言说一声，"
            f"需要更多时间请运营同学延期；逾期 {grace} 天后模块会自动释放，让给别人认领。"
        )
        return _notice(work.issue, f"cohandbook:overdue:{key}", body)
    body = (
        f"{who} {title}逾期已经 {-left} 天，按规则自动释放，模块重新开放认领。"
        "已经合并的作品保留在文件夹里，完成后仍会署名。谢谢你的参与，欢迎随时再来认领！"
    )
    if world.handed_in is None:  # GitHub could not say whether it was handed in: release another day
        return NOTHING
    plan = release(world, target, f"逾期 {-left} 天，自动释放（#{work.issue}）")
    return plan + _notice(work.issue, f"cohandbook:lapsed:{key}", body)


def _notice(issue: int, marker: str, body: str) -> Plan:
    return Plan(comments=(Comment(issue, marker, body, once=True),), log=(f"#{issue}: {marker}",))


def _logins(world: World, work: ModuleWork) -> list[str]:
    people = (world.repo.contributors.get(c.handle) for c in work.contributors)
    return sorted({p.github for p in people if p is not None and p.github})
