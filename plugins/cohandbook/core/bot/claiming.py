"""Claims from GitHub: the claim form, `/认领`, `/放弃`, and the release of a lapsed claim.

The same rules as `cohandbook claim` and `cohandbook release`; the GitHub login decides who claims, never a
handle typed into the form.
"""

from __future__ import annotations

from ..domain.labels import CLAIM, CLAIMED
from ..domain.model import ModuleWork
from ..edits.claims import Target
from ..edits.plans import claim_plan, release_plan
from . import texts
from .events import IssueEvent
from .form import form_fields
from .plan import Comment, Plan, reply
from .world import World

CLAIM_LABEL, CLAIMED_LABEL = CLAIM, CLAIMED


def claim_form(event: IssueEvent, world: World) -> Plan:
    """An `issues` event with the label 认领: parse the form, then claim as its author."""
    fields = form_fields(event.body)
    login = event.author.login
    handbook, module = (fields.get(texts.FORM_LABELS[k], "").strip().strip("`") for k in ("handbook", "module"))
    problems = _form_problems(world, handbook, module)
    marker = f"cohandbook:claim-form:{event.number}"
    if problems:
        return reply(event.number, marker, texts.bad_form(login, problems), log=f"claim form #{event.number}: bad")
    target = world.target(handbook, module)
    assert target is not None  # _form_problems checked it
    return claim(world, target, login, event.number, marker)


def _form_problems(world: World, handbook: str, module: str) -> list[str]:
    if not handbook or not module:
        return ["“手册编号”和“模块编号”都要填。从网站的认领看板点“认领”进来会自动填好。"]
    if world.repo.handbook(handbook) is None:
        known = "、".join(f"`{h.id}`" for h in world.repo.handbooks) or "（没有）"
        return [f"没有编号为 {texts.quote(handbook)} 的手册。现有的手册：{known}。"]
    if world.target(handbook, module) is None:
        return [f"手册 `{handbook}` 里没有编号为 {texts.quote(module)} 的模块。请在认领看板上找到模块，点“认领”进来。"]
    return []


def claim(world: World, target: Target, login: str, issue: int, marker: str) -> Plan:
    """Claim `target` for the person whose `github:` is `login`, recording the issue it came from: an issue
    is linked to the claim it created and to no other, so `/认领` on another claim's issue records none."""
    handle = world.handle_of(login)
    if handle is None:
        return reply(issue, marker, texts.stranger(world, login), log=f"#{issue}: {login} is not in the pool")
    work = world.repo.work(target.handbook.id, target.spec.id)
    if work is not None and work.status == "claimed" and work.issue == issue and _holds(work, handle):
        return _claimed_plan(world, target, login, issue, marker, work)  # a rerun, an edit of the form
    linked = world.linked(issue)
    recorded = issue if linked is None or linked.name == target.name else None
    settings = world.settings
    written = claim_plan(
        world.repo,
        world.source,
        target,
        handle,
        world.today,
        cap=settings.claim_cap,
        days=settings.claim_days,
        issue=recorded,
    )
    if written.refusals:
        body = texts.refused(login, f"这次没能认领「{target.spec.title}」：", list(written.refusals))
        return reply(issue, marker, body, log=f"#{issue}: claim of {target.name} by {handle} refused")
    answer = Comment(issue, marker, texts.claimed(world, target, login, written.deadline))
    return Plan(
        changes=written.changes,
        message=f"认领 {target.name}：{handle}（#{issue}）",
        comments=(answer,),
        labels=((issue, CLAIMED_LABEL),) if recorded is not None else (),
        log=(f"#{issue}: {target.name} claimed by {handle}",),
        failure_issue=issue,
    )


def _claimed_plan(world: World, target: Target, login: str, issue: int, marker: str, work: ModuleWork) -> Plan:
    deadline = target.handbook.deadline_of(target.spec, work)
    answer = Comment(issue, marker, texts.claimed(world, target, login, deadline))
    return Plan(comments=(answer,), labels=((issue, CLAIMED_LABEL),), log=(f"#{issue}: already claimed",))


def _holds(work: ModuleWork, handle: str) -> bool:
    return handle in {c.handle for c in work.contributors}


def release(world: World, target: Target, why: str, who: str | None = None) -> Plan:
    """Give a claim back exactly as `cohandbook release` does (`edits.plans.release_plan`): with `who`, only
    that claimant leaves while others stay on the claim."""
    written = release_plan(world.repo, world.source, target, who)
    if written.refusals:
        return Plan(log=(f"{target.name} not released: {written.refusals[0].message}",))
    what = f"{who} 退出" if written.left else "释放"
    return Plan(changes=written.changes, message=f"{what} {target.name}：{why}", log=(f"{target.name} {what}: {why}",))


def release_refusal(world: World, target: Target | None, work: ModuleWork | None) -> list[str]:
    if target is None or work is None or work.status == "open":
        return ["这个 Issue 没有关联正在认领中的模块。请写成 `/放弃 手册编号/模块编号`。"]
    refusal = release_plan(world.repo, world.source, target).refusals
    return [refusal[0].message + refusal[0].hint] if refusal else []
