"""The submission form (label 提交): the claimant hands in from a browser or a phone.

Only the person who holds the claim may hand in (the issue's author, by their `github:` login; a handle
typed into the form has no say). Everything else the form lacks travels with the `Submission`, so the
runner answers every mistake (the form's and the attachments') in one comment, edited in place.
"""

from __future__ import annotations

from ..domain.labels import SUBMIT, SUBMITTED
from ..domain.model import ModuleWork
from ..edits.claims import Target
from ..read.markdown import count_chars
from . import texts
from .draft import Submission
from .events import IssueEvent
from .plan import Plan, reply
from .submit_form import SubmissionForm, read_form
from .world import World

SUBMIT_LABEL, SUBMITTED_LABEL = SUBMIT, SUBMITTED


def submission_form(event: IssueEvent, world: World) -> Plan:
    """Refuse here only what makes a hand-in impossible (no such module, not the claimant); every other
    mistake goes with the draft, so the runner names them together with the attachments' problems."""
    form = read_form(event.body)
    login = event.author.login
    marker = submit_marker(event.number)
    target = world.target(form.handbook, form.module) if form.handbook and form.module else None
    if target is None:
        problem = "“手册编号”和“模块编号”不对。请从网站上模块页面的“提交作品”按钮进来，会自动填好。"
        body = texts.bad_form(login, [problem], texts.SUBMIT_FORM)
        return reply(event.number, marker, body, log=f"submit #{event.number}: no module")
    handle = world.handle_of(login)
    if handle is None:
        body = texts.stranger(world, login, "交稿")
        return reply(event.number, marker, body, log=f"submit #{event.number}: stranger")
    work = world.repo.work(target.handbook.id, target.spec.id)
    refusal = _not_theirs(world, target, work, handle)
    if refusal:
        body = texts.bad_form(login, refusal, texts.SUBMIT_FORM)
        return reply(event.number, marker, body, log=f"submit #{event.number}: refused")
    problems = (*form.problems, *_missing(target, form))
    draft = Submission(event.number, login, handle, target, form, world.text(target.index), problems)
    return Plan(
        submission=draft, log=(f"submit #{event.number}: {target.name} by {handle}",), failure_issue=event.number
    )


def submit_marker(issue: int) -> str:
    """The one comment that answers a submission issue, edited in place on every edit of the form."""
    return f"cohandbook:submit:{issue}"


def _not_theirs(world: World, target: Target, work: ModuleWork | None, handle: str) -> list[str]:
    if work is None or work.status == "open":
        return [f"「{target.spec.title}」还没有人认领。先在网站的认领看板上认领它，再来交稿。"]
    if handle not in {c.handle for c in work.contributors}:
        return [f"「{target.spec.title}」不是你认领的模块，只有认领的人才能交稿。想一起做，请联系认领人或运营同学。"]
    if work.status == "accepted":
        return [f"「{target.spec.title}」已经验收了。需要修改请在这里留言，运营同学会处理。"]
    return []


def _missing(target: Target, form: SubmissionForm) -> list[str]:
    spec, limits = target.spec, target.spec.limits
    if spec.format == "video":
        return _video_missing(form, limits.max_duration)
    if spec.format == "gallery":
        if len(form.photos) < limits.min_images:
            return [
                f"图集至少要 {limits.min_images} 张照片，表单里有 {len(form.photos)} 张：在“照片和说明”里再拖几张进去。"
            ]
        return []
    if spec.format == "article":
        chars = count_chars(form.text)
        if not limits.min_chars <= chars <= limits.max_chars:
            return [f"正文要 {limits.min_chars} 到 {limits.max_chars} 字，现在是 {chars} 字（标点和空格不算）。"]
        return []
    if len(form.items) < limits.min_items:
        return [f"清单至少要 {limits.min_items} 项，现在是 {len(form.items)} 项：在“清单”里每项写一行。"]
    return []


def _video_missing(form: SubmissionForm, max_duration: int) -> list[str]:
    """A video file's own length decides (the runner measures it); a linked video's is the one stated."""
    problems = []
    if form.link is None and form.video is None and not any("视频链接" in p for p in form.problems):
        problems.append("视频要有来源：在“视频链接”里贴 B 站或 YouTube 的视频网址，或者在“视频文件”里上传视频。")
    if form.video is None and form.duration is None and not any("视频时长" in p for p in form.problems):
        problems.append("在“视频时长”里写上视频有多长，例如 2分30秒。")
    elif form.video is None and form.duration is not None and form.duration > max_duration:
        problems.append(f"视频长 {form.duration} 秒，超过了本模块 {max_duration} 秒的上限，请剪短一些。")
    if form.poster is None:
        problems.append("视频要有一张封面图：在“封面图”里上传一张照片。")
    return problems
