"""`/验收` where operators are: on a claim's issue, on the 提交 issue, and on the bot's hand-in pull request.

On the bot's own hand-in pull request, `/验收` merges it (only when the trusted status on its head commit,
`cohandbook/提交规则`, is success) and marks the module accepted in one step: the plan carries the merge and
the acceptance, and the gate judges the default branch as it would be after both. Everywhere the acceptance
follows `cohandbook accept`'s rules (`edits.acceptance.accept`) and refuses what the gate refuses.
"""

from __future__ import annotations

from ..domain.changes import FileChange, digest
from ..domain.labels import SUBMIT as SUBMIT_LABEL
from ..edits import acceptance
from ..edits.claims import Target
from ..read.reader import read_repository
from . import texts
from .events import CommentEvent
from .plan import Comment, Plan, reply
from .submit_form import read_form
from .world import TRUSTED_STATUS, PullInfo, World


def target_here(world: World, event: CommentEvent) -> Target | None:
    """The module a command without `h/m` is about: the pull request's one module, the module the 提交
    issue's form names, or the claim this issue created."""
    pull = world.pull
    if event.on_pull_request and pull is not None:
        return world.target(*pull.modules[0]) if len(pull.modules) == 1 else None
    if SUBMIT_LABEL in event.labels:
        form = read_form(event.issue_body)
        if form.handbook and form.module:
            return world.target(form.handbook, form.module)
    return world.linked(event.number)


def accept_pull(world: World, pull: PullInfo, target: Target, event: CommentEvent, marker: str) -> Plan:
    """Merge the bot's hand-in pull request and accept its module, in one step."""
    login = event.author.login
    if not pull.ours or pull.head is None:
        body = (
            f"@{login} 这个 Pull Request 不是机器人开的交稿。请先审核并合并它，"
            f"然后在认领的 Issue 里留言 `/验收`（或 `/验收 {target.name}`）。"
        )
        return reply(event.number, marker, body, log=f"#{event.number}: not a bot hand-in")
    if not pull.checked:
        body = f"@{login} 提交规则检查（{TRUSTED_STATUS}）还没有通过或还没跑完，暂时不能合并验收。检查通过后再留言 `/验收`。"
        return reply(event.number, marker, body, log=f"#{event.number}: trusted status not success")
    head_repo, findings = read_repository(pull.head)
    old = pull.head.read(target.index)
    edit = acceptance.accept(head_repo, findings, target, old.decode("utf-8"), world.today)
    message = f"验收 {target.name}（{login}，#{event.number}）"
    if edit.text is None:
        body = texts.refused(login, f"「{target.spec.title}」这次没有合并验收：", list(edit.refusals))
        return reply(event.number, marker, body, log=f"{message}: refused")
    work = head_repo.work(target.handbook.id, target.spec.id)
    done = Comment(event.number, marker, f"@{login} 已合并并验收「{target.spec.title}」，谢谢每一位创作者！")
    closes = tuple(n for n in (work.issue if work else None, pull.issue) if n is not None)
    return Plan(
        changes=(FileChange(target.index, edit.text, digest(old)),),
        message=message,
        comments=(done,),
        closes=closes,
        log=(message,),
        failure_issue=event.number,
        merge=(pull.number, pull.head_sha),
    )
