"""Commands in comments: `/认领 h/m`, `/放弃`, `/验收`, `/延期 YYYY-MM-DD` and their English forms."""

from __future__ import annotations

from ..domain.changes import digest
from ..edits import acceptance
from ..edits.claims import Target
from ..read.schema import parse_date
from . import texts
from .accepting import accept_pull, target_here
from .claiming import claim, release, release_refusal
from .commands import HELP, Command, parse_command
from .events import CommentEvent
from .plan import NOTHING, Comment, FileChange, Plan, reply
from .world import World


def comment_command(event: CommentEvent, world: World) -> Plan:
    if event.action != "created":
        return Plan(log=(f"comment {event.action}: nothing to do",))
    if event.author.is_bot:
        return Plan(log=(f"comment by the bot {event.author.login}: ignored",))
    command = parse_command(event.body)
    if command is None:
        return NOTHING
    marker = f"cohandbook:reply:{event.comment_id}"
    login = event.author.login
    if command.name == "unknown":
        return reply(event.number, marker, f"@{login} 我不认识命令 {texts.quote('/' + command.word)}。\n\n{HELP}")
    if command.problem:
        return reply(event.number, marker, f"@{login} {command.problem}")
    target = world.target(*command.module) if command.module is not None else target_here(world, event)
    if command.name == "claim":
        if target is None:
            return reply(event.number, marker, f"@{login} 没有找到这个模块。请检查 手册编号/模块编号 的拼写。")
        return claim(world, target, login, event.number, marker)
    if target is None:
        return reply(
            event.number, marker, f"@{login} 这个 Issue 没有关联模块。请写成 `/{command.word} 手册编号/模块编号`。"
        )
    return HANDLERS[command.name](world, target, command, event, marker)


def _release(world: World, target: Target, command: Command, event: CommentEvent, marker: str) -> Plan:
    login = event.author.login
    work = world.repo.work(target.handbook.id, target.spec.id)
    problems = release_refusal(world, target, work)
    if problems:
        return reply(event.number, marker, f"@{login} " + "".join(problems))
    assert work is not None
    handle = world.handle_of(login)
    operator = world.settings.is_operator(login)
    if not operator and handle not in {c.handle for c in work.contributors}:
        return reply(event.number, marker, f"@{login} 只有认领人或运营同学可以放弃「{target.spec.title}」的认领。")
    # A claimant releases only themselves; the claim goes when the last one leaves or an operator says so.
    plan = release(world, target, f"{login} 放弃（#{event.number}）", None if operator else handle)
    if not plan.changes:
        return reply(event.number, marker, f"@{login} 「{target.spec.title}」这次没有放弃成功。", log=plan.log[0])
    if plan.message.startswith(f"{handle} 退出"):
        body = f"@{login} 你已退出「{target.spec.title}」的认领，其他认领人继续完成它。谢谢你！"
    else:
        kept = "已经合并的作品保留在文件夹里，完成后仍会署名。" if not plan.changes[0].deletes else ""
        body = f"@{login} 已放弃「{target.spec.title}」的认领，模块重新开放，其他人可以认领了。{kept}谢谢你！"
    return plan + Plan(comments=(Comment(event.number, marker, body),), failure_issue=event.number)


def _accept(world: World, target: Target, command: Command, event: CommentEvent, marker: str) -> Plan:
    login = event.author.login
    if not world.settings.is_operator(login):
        return reply(event.number, marker, f"@{login} 只有运营同学可以验收模块。")
    if event.on_pull_request and world.pull is not None and not world.pull.merged:
        return accept_pull(world, world.pull, target, event, marker)
    edit = acceptance.accept(world.repo, list(world.findings), target, world.text(target.index), world.today)
    work = world.repo.work(target.handbook.id, target.spec.id)
    claim_issue = work.issue if work is not None and work.issue is not None else None
    plan = _edited(
        world,
        edit,
        target,
        event,
        marker,
        f"验收 {target.name}（{login}，#{event.number}）",
        "已验收，谢谢每一位创作者！",
    )
    if plan.changes and claim_issue is not None:  # the claim's conversation is over: close its issue
        plan = plan + Plan(closes=(claim_issue,))
    return plan


def _extend(world: World, target: Target, command: Command, event: CommentEvent, marker: str) -> Plan:
    login = event.author.login
    if not world.settings.is_operator(login):
        return reply(event.number, marker, f"@{login} 只有运营同学可以修改截止日期。")
    to = parse_date(command.date)
    assert to is not None  # parse_command only takes real dates
    edit = acceptance.extend(world.repo, target, world.text(target.index), to, world.today)
    done = f"截止日期改到了 {to.isoformat()}。"
    return _edited(
        world, edit, target, event, marker, f"延期 {target.name} 到 {to.isoformat()}（{login}，#{event.number}）", done
    )


def _edited(
    world: World, edit: acceptance.Edit, target: Target, event: CommentEvent, marker: str, message: str, done: str
) -> Plan:
    login = event.author.login
    if edit.text is None:
        body = texts.refused(login, f"「{target.spec.title}」这次没有改：", list(edit.refusals))
        return reply(event.number, marker, body, log=f"{message}: refused")
    answer = Comment(event.number, marker, f"@{login} 「{target.spec.title}」{done}")
    return Plan(
        changes=(FileChange(target.index, edit.text, digest(world.source.read(target.index))),),
        message=message,
        comments=(answer,),
        log=(message,),
        failure_issue=event.number,
    )


HANDLERS = {"release": _release, "accept": _accept, "extend": _extend}
