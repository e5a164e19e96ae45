"""The bot's side of squads by invitation: the 组队 form answered with an invitation, the members' answers,
and the squad formed (or dissolved) by the same rules as `cohandbook squad form` and `squad dissolve`.

Only operators may invite, force (`/成组`) or dissolve (`/解散`); only invitees may join or decline. The
invitation says what the form and the public blueprint say, nothing from the private store.
"""

from __future__ import annotations

from collections.abc import Callable

from ..domain.changes import ABSENT, digest
from ..domain.model import FORMAT_LABELS, Handbook
from ..domain.squads import SQUAD_SIZE, members_in_other_squads
from ..edits.squad_files import NewSquad, blueprint_with_squad, dissolve_problems, dissolved_text, form_problems
from ..edits.squad_files import new_squad_text as squad_text
from .events import CommentEvent, IssueEvent
from .plan import NOTHING, Comment, FileChange, Plan, reply
from .squad_invite import SQUAD_LABEL, Answers, Invitation, Remark, answers, command_of, read_invitation
from .world import World


def wants_comment(event: object) -> bool:
    return isinstance(event, CommentEvent) and SQUAD_LABEL in event.labels and command_of(event.body) is not None


def squad_issue(event: IssueEvent, world: World) -> Plan:
    """The 组队 form, opened or edited: invite, or say what stops it."""
    marker = f"cohandbook:squad:{event.number}"
    if not world.settings.is_operator(event.author.login):
        return reply(event.number, marker, f"@{event.author.login} 组队邀请只能由运营同学发出，这个 Issue 不会处理。")
    return _progress(world, event.number, event.body, world.thread)


def squad_comment(event: CommentEvent, world: World) -> Plan:
    if event.action != "created" or event.author.is_bot:
        return NOTHING
    login, marker = event.author.login, f"cohandbook:reply:{event.comment_id}"
    if not world.settings.is_operator(event.issue_author):
        return reply(event.number, marker, f"@{login} 这个组队 Issue 不是运营同学发的，不会处理。")
    invitation, problems = read_invitation(event.issue_body)
    if invitation is None:
        return reply(event.number, marker, f"@{login} 这份组队邀请还有问题没改好：" + "".join(problems))
    word = command_of(event.body)
    mine = Remark(event.comment_id, login, event.body)
    thread = tuple({r.id: r for r in (*world.thread, mine)}.values())  # the runner's list may hold it already
    if word in ("form", "dissolve") and not world.settings.is_operator(login):
        return reply(event.number, marker, f"@{login} 只有运营同学可以用 /{'成组' if word == 'form' else '解散'}。")
    if word == "dissolve":
        return _dissolve(world, event.number, invitation, marker, login)
    if word in ("join", "decline") and login.lower() not in {x.lower() for x in invitation.logins}:
        return reply(event.number, marker, f"@{login} 这份组队邀请没有邀请你。想参加的话，请联系运营同学。")
    return _progress(world, event.number, event.issue_body, thread, force_by=login if word == "form" else None)


def _progress(world: World, issue: int, body: str, thread: tuple[Remark, ...], force_by: str | None = None) -> Plan:
    """The invitation with everyone's answer so far; the squad formed once it may be."""
    marker = f"cohandbook:squad:{issue}"
    invitation, problems = read_invitation(body)
    if invitation is None:
        return reply(issue, marker, "组队邀请表里有几处要改：\n\n" + "\n".join(f"- {p}" for p in problems) + EDIT_HINT)
    handles, unknown = _handles(world, invitation)
    said = answers(invitation, thread)
    squad = world.repo.squads.get(invitation.id)
    if squad is not None and set(squad.handles) <= set(handles.values()):  # formed earlier: a rerun
        return Plan(comments=_formed_comments(world, issue, invitation, said, squad.handles), failure_issue=issue)
    lineup = NewSquad(
        invitation.id,
        invitation.name,
        invitation.mission,
        tuple((h, "") for h in handles.values()),
        world.today,
        invitation.handbook,
    )
    refusals = unknown + form_problems(world.repo, lineup, squad is not None)
    if refusals:
        return reply(issue, marker, "这份组队邀请发不出去：\n\n" + "\n".join(f"- {p}" for p in refusals) + EDIT_HINT)
    low = SQUAD_SIZE[0]
    if len(said.joined) >= low and (not said.pending or force_by):
        return _form(world, issue, invitation, said, tuple(handles[x] for x in said.joined))
    invite = Comment(issue, marker, _invitation_text(world, invitation, said))
    if force_by:
        text = f"@{force_by} 现在只有 {len(said.joined)} 人加入，至少要 {low} 人才能成组。"
        return Plan(
            comments=(invite, Comment(issue, f"cohandbook:force:{issue}:{len(thread)}", text)), failure_issue=issue
        )
    return Plan(comments=(invite,), failure_issue=issue)


EDIT_HINT = "\n\n点这个 Issue 右上角的“…”→“Edit”改好后保存，我会再看一次。这次没有做任何改动。"


def _handles(world: World, invitation: Invitation) -> tuple[dict[str, str], list[str]]:
    """login → handle for the invitees in the pool; a sentence naming the others."""
    found = {x: h for x in invitation.logins if (h := world.handle_of(x)) is not None}
    strangers = [f"@{x}" for x in invitation.logins if x not in found]
    if strangers:
        return found, [
            f"这些 GitHub 用户还不在人才库里：{'、'.join(strangers)}。请先为他们建档（github: 写他们的用户名）。"
        ]
    return found, []


def _form(world: World, issue: int, invitation: Invitation, said: Answers, members: tuple[str, ...]) -> Plan:
    new = NewSquad(
        invitation.id,
        invitation.name,
        invitation.mission,
        tuple((h, "") for h in members),
        world.today,
        invitation.handbook,
    )
    problems = form_problems(world.repo, new, invitation.id in world.repo.squads)
    if problems:
        body = "项目组没能成立：\n\n" + "\n".join(f"- {p}" for p in problems)
        return reply(issue, f"cohandbook:squad-problem:{issue}", body)
    changes = [FileChange(new.file, squad_text(new), expect=ABSENT)]
    handbook = world.repo.handbook(invitation.handbook or "")
    if handbook is not None and handbook.squad != new.id:
        changes.append(_edited(world, handbook.file, lambda text: blueprint_with_squad(text, new.id)))
    names = "、".join(world.repo.name_of(h) for h in members)
    return Plan(
        changes=tuple(changes),
        message=f"组队 {new.id}：{names}（#{issue}）",
        comments=_formed_comments(world, issue, invitation, said, members),
        log=(f"#{issue}: squad {new.id} formed with {', '.join(members)}",),
        failure_issue=issue,
    )


def _edited(world: World, path: str, edit: Callable[[str], str]) -> FileChange:
    """A file edited from what the bot read: carrying that, it is refused if someone changed it meanwhile."""
    old = world.source.read(path)
    return FileChange(path, edit(old.decode("utf-8")), expect=digest(old))


def _formed_comments(
    world: World, issue: int, invitation: Invitation, said: Answers, members: tuple[str, ...]
) -> tuple[Comment, ...]:
    """The invitation, kept with its answers and marked formed, and the news in a comment of its own."""
    invite = Comment(issue, f"cohandbook:squad:{issue}", _invitation_text(world, invitation, said, formed=True))
    return invite, Comment(issue, f"cohandbook:squad-formed:{issue}", _formed_text(world, invitation, members))


def _dissolve(world: World, issue: int, invitation: Invitation, marker: str, login: str) -> Plan:
    squad = world.repo.squads.get(invitation.id)
    problems = dissolve_problems(squad, invitation.id, world.today)
    if problems or squad is None:
        return reply(issue, marker, f"@{login} " + "".join(problems))
    return Plan(
        changes=(_edited(world, squad.file, lambda text: dissolved_text(text, world.today)),),
        message=f"解散项目组 {squad.id}（{login}，#{issue}）",
        comments=(Comment(issue, marker, f"@{login} 项目组「{squad.name}」已于 {world.today} 解散，成员回到人才库。"),),
        failure_issue=issue,
    )


def _invitation_text(world: World, invitation: Invitation, said: Answers, formed: bool = False) -> str:
    mentions = "、".join(f"@{x}" for x in invitation.logins)
    lines = [f"{mentions}：运营同学邀请你们组成项目组「{invitation.name}」（`{invitation.id}`）。", ""]
    lines += [f"**任务**：{invitation.mission}"]
    handbook = world.repo.handbook(invitation.handbook or "")
    lines += [_makes(handbook, invitation.name), ""]
    lines += [*_how_to_answer(formed), "**目前**："]
    lines += [f"- 已加入：{_who(said.joined)}", f"- 婉拒：{_who(said.declined)}", f"- 还没回复：{_who(said.pending)}"]
    if not said.pending and len(said.joined) < SQUAD_SIZE[0]:
        lines += [
            "",
            f"大家都回复了，但加入的不到 {SQUAD_SIZE[0]} 人，项目组组不成。运营同学可以编辑这个 Issue，邀请别的人。",
        ]
    return "\n".join(lines)


def _how_to_answer(formed: bool) -> list[str]:
    if formed:
        return ["**项目组已经成立**，见下面的消息。", ""]
    low = SQUAD_SIZE[0]
    return [
        "**怎么回复**：在这里留言 `/加入` 或 `/婉拒`（单独一行）。",
        f"至少 {low} 人加入、并且每位都回复以后，项目组就成立了；运营同学也可以在有 {low} 人加入后留言 `/成组`。",
        "",
    ]


def _makes(handbook: Handbook | None, name: str) -> str:
    if handbook is None:
        return "**要做什么**：运营同学会和项目组一起定下要做的手册。"
    modules = [m for chapter in handbook.chapters for m in chapter.modules]
    counts = "、".join(
        f"{FORMAT_LABELS[f]} {n} 个" for f in FORMAT_LABELS if (n := sum(m.format == f for m in modules))
    )
    return (
        f"**要做什么**：整本《{handbook.title}》，共 {len(modules)} 个模块（{counts}）。项目组成立后，这本手册的模块只由组员认领和制作；"
        f"网站上会有项目组自己的页面，完成后成为“{name} 荣誉出品”。"
    )


def _formed_text(world: World, invitation: Invitation, handles: tuple[str, ...]) -> str:
    names = "、".join(f"{world.repo.name_of(h)}（{h}）" for h in handles)
    text = f"项目组「{invitation.name}」成立了！成员：{names}。"
    handbook = world.repo.handbook(invitation.handbook or "")
    if handbook is not None:
        text += f"\n\n《{handbook.title}》从现在起由项目组制作：在认领看板上认领它的模块就可以开工了。"
    if busy := members_in_other_squads(world.repo, handles, invitation.id):
        text += f"\n\n提醒运营同学：{'、'.join(busy)} 同时还在别的进行中的项目组里。"
    return text + "\n\n运营同学需要解散项目组时，在这里留言 `/解散`。"


def _who(logins: tuple[str, ...]) -> str:
    return "、".join(f"@{x}" for x in logins) if logins else "（无）"
