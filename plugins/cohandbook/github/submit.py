"""Carrying out a hand-in: fetch the attachments, make them publishable, write the module folder on a
branch of the repository, push it and open the pull request that credits the submitter.

The default branch and the working tree are not touched: the commit is built from git objects (a private
index file, `commit-tree`), so a failure leaves nothing behind but an unreferenced object.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from ..core.bot.attachments import Attachment
from ..core.bot.compose import Stored, submitted_index
from ..core.bot.draft import Submission, pull_description
from ..core.bot.gated import refusal_plan
from ..core.bot.plan import Comment, Plan
from ..core.bot.submission import SUBMITTED_LABEL, submit_marker
from ..core.check.gate import gate
from ..core.domain.changes import FileChange
from ..core.media.photos import PhotoProblem, publishable
from ..core.media.sniff import is_photo, is_video, sniff
from ..core.media.video import BILIBILI_ADVICE, VideoProblem, make_playable, video_seconds
from ..core.read.files import PHOTO_LIMIT, UPLOAD_LIMIT
from ..core.read.sources import FsSource
from .api import GitHub, GitHubError
from .download import DownloadProblem, Fetcher
from .git import BranchMoved, Git
from .trusted import request_check


@dataclass(frozen=True, slots=True)
class Handed:
    files: dict[str, bytes]  # path in the repository -> bytes
    stored: Stored
    changes: tuple[str, ...]  # what was done to the media, in plain words
    problems: tuple[str, ...]


NOTHING_FETCHED = Handed({}, Stored(), (), ())
_PULL_TAG = re.compile(r"<!-- cohandbook:pull:(\d{1,9}) -->")


def gather(sub: Submission, fetcher: Fetcher, ffmpeg: str | None) -> Handed:
    """Fetch and convert every attachment of the form; problems name the attachment and what to do."""
    folder = sub.target.folder
    files: dict[str, bytes] = {}
    changes: list[str] = []
    problems: list[str] = []
    photos: list[str] = []
    for number, photo in enumerate(sub.form.photos, start=1):
        name = _photo(fetcher, photo.attachment, f"photo-{number:02d}", f"第 {number} 张照片", files, changes, problems)
        photos.append(name or "")
    poster = None
    if sub.form.poster:
        poster = _photo(fetcher, sub.form.poster, "poster", "封面图", files, changes, problems)
    video, seconds = None, None
    if sub.form.video:
        video, seconds = _video(fetcher, sub.form.video, ffmpeg, files, changes, problems)
    stored = Stored(video=video, poster=poster, photos=tuple(photos), duration=seconds)
    return Handed(
        {f"{folder}/{k}": v for k, v in files.items()}, stored, tuple(dict.fromkeys(changes)), tuple(problems)
    )


def _photo(
    fetcher: Fetcher, attachment: Attachment, stem: str, what: str,
    files: dict[str, bytes], changes: list[str], problems: list[str],
) -> str | None:  # fmt: skip
    try:
        data = fetcher.get(attachment.url)
        if not is_photo(sniff(data[:64])):
            raise PhotoProblem("它不是照片。请上传 JPEG、PNG 或手机拍的照片。")
        photo = publishable(data, PHOTO_LIMIT)
    except (DownloadProblem, PhotoProblem) as problem:
        problems.append(f"{what}：{problem}")
        return None
    name = f"{stem}.{photo.ext}"
    files[name] = photo.data
    changes.extend(photo.changes)
    return name


def _video(
    fetcher: Fetcher, attachment: Attachment, ffmpeg: str | None,
    files: dict[str, bytes], changes: list[str], problems: list[str],
) -> tuple[str | None, int | None]:  # fmt: skip
    """The stored video's name and its own length in seconds (measured by ffprobe when it is there)."""
    try:
        data = fetcher.get(attachment.url)
        kind = sniff(data[:64])
        if not is_video(kind):
            raise VideoProblem("视频文件：它不是视频。请上传手机拍的视频（mp4、mov），或者" + BILIBILI_ADVICE)
        with tempfile.TemporaryDirectory(prefix="cohandbook-video-") as tmp:
            src, dst = Path(tmp) / f"in.{kind}", Path(tmp) / "video.mp4"
            src.write_bytes(data)
            if kind == "webm":
                files["video.webm"] = data
                return "video.webm", video_seconds(src, ffmpeg, "matroska") if ffmpeg else None
            result = make_playable(src, dst, ffmpeg)
            out = dst.read_bytes()
            seconds = video_seconds(dst, ffmpeg) if ffmpeg else None
        if len(out) > UPLOAD_LIMIT:
            raise VideoProblem("视频转换后仍然太大。" + BILIBILI_ADVICE)
    except DownloadProblem as problem:
        problems.append(f"视频文件：{problem}")
        return None, None
    except VideoProblem as problem:
        problems.append(str(problem))
        return None, None
    files["video.mp4"] = out
    changes.extend(result.changes)
    return "video.mp4", seconds


def hand_in(sub: Submission, git: Git, github: GitHub, base: str, fetcher: Fetcher, ffmpeg: str | None,
            today: date) -> Plan:  # fmt: skip
    """Everything after the decision: what to say on the issue, and its label once the pull request is open.

    Every mistake is named at once: the form's (from the decision) with every attachment's, fetched all
    the same (unless the form holds more files than one hand-in may fetch).
    """
    marker = submit_marker(sub.issue)
    handed = NOTHING_FETCHED if sub.form.too_many else gather(sub, fetcher, ffmpeg)
    problems = (*_form_problems(sub, handed.stored), *handed.problems, *_length_problems(sub, handed.stored))
    if problems:
        refused = Plan(comments=(Comment(sub.issue, marker, _refused(sub, problems)),))
        return keep_pull_link(refused + Plan(log=(f"submit #{sub.issue}: refused",)), github, sub.issue)
    files = dict(handed.files)
    files[sub.target.index] = submitted_index(sub, handed.stored, today).encode("utf-8")
    changes = [FileChange(path, None, data=data) for path, data in sorted(files.items())]
    if added := gate(FsSource(git.root), changes, today):  # the hand-in passes the same gate as every write
        return keep_pull_link(refusal_plan(sub.issue, marker, added, f"submit #{sub.issue}"), github, sub.issue)
    try:
        commit = git.write_branch(sub.branch, files, sub.commit_message())
    except BranchMoved:  # two quick edits: the other run pushed a newer form first; it answers the issue
        return Plan(log=(f"submit #{sub.issue}: {sub.branch} moved meanwhile; a newer edit's run wins",))
    number = _open_pull(sub, github, base) or earlier_pull(github, sub.issue)
    checked = request_check(github, number, sub.branch, base)
    said = _received(sub, (*handed.changes, *_length_note(sub, handed.stored)), number, checked)
    received = Comment(sub.issue, marker, f"{said}\n{pull_tag(number)}" if number else said)
    log = f"submit #{sub.issue}: {sub.branch} at {commit[:12]}, pull request {number or 'updated'}"
    return Plan(comments=(received,), labels=((sub.issue, SUBMITTED_LABEL),), log=(log,))


def _form_problems(sub: Submission, stored: Stored) -> tuple[str, ...]:
    """The form's problems, but a stated length we could not read is moot once the video file was measured."""
    if stored.duration is None:
        return sub.problems
    return tuple(p for p in sub.problems if not p.startswith("视频时长："))


def _length_problems(sub: Submission, stored: Stored) -> list[str]:
    if sub.target.spec.format != "video" or not sub.form.video or not stored.video:
        return []
    limit = sub.target.spec.limits.max_duration
    if stored.duration is None and sub.form.duration is None:
        return ["看不出视频有多长：在“视频时长”里写上，例如 2分30秒。"]
    if stored.duration is not None and stored.duration > limit:
        return [f"视频实际长 {_said(stored.duration)}，超过了本模块 {_said(limit)}的上限，请剪短一些再上传。"]
    return []


def _length_note(sub: Submission, stored: Stored) -> tuple[str, ...]:
    """When the stated length and the file's own differ by more than a rounding, the file's is published."""
    stated, real = sub.form.duration, stored.duration
    if stated is None or real is None or abs(stated - real) <= max(2, real // 10):
        return ()
    return (f"你写的时长是 {_said(stated)}，视频实际长 {_said(real)}：手册里按实际长度写。",)


def _said(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"{rest} 秒"
    return f"{minutes} 分 {rest} 秒（{seconds} 秒）" if rest else f"{minutes} 分钟（{seconds} 秒）"


def keep_pull_link(plan: Plan, github: GitHub, issue: int) -> Plan:
    """A refusal never hides an earlier good hand-in: the comment that answered it keeps its link.

    The pull request's number travels in the answer itself, as a hidden tag (`cohandbook:pull:<n>`): the
    bot's earlier answer says which pull request it opened, and GitHub says whether it is still open.
    """
    marker = submit_marker(issue)
    if not any(c.marker == marker for c in plan.comments):
        return plan
    number = earlier_pull(github, issue)
    if number is None or not github.pull_is_open(number):
        return plan
    note = (
        f"你之前交的作品还在 #{number} 等运营同学审核，那里还是上一次的内容，不受这次修改影响。"
        "这次的修改还差下面几处，改好后再保存一次，我会用新的内容更新它。"
    )
    comments = tuple(
        replace(c, body=f"{note}\n\n{c.body}\n{pull_tag(number)}") if c.marker == marker else c for c in plan.comments
    )
    return replace(plan, comments=comments)


def pull_tag(number: int) -> str:
    return f"<!-- cohandbook:pull:{number} -->"


def earlier_pull(github: GitHub, issue: int) -> int | None:
    """The pull request the bot's earlier answer on this issue names, if any (the bot's own comment only)."""
    marker = f"<!-- {submit_marker(issue)} -->"
    for comment in github.comments(issue):
        user, body = comment.get("user") or {}, comment.get("body")
        if isinstance(user, dict) and user.get("type") == "Bot" and isinstance(body, str) and body.startswith(marker):
            found = _PULL_TAG.search(body)
            return int(found[1]) if found else None
    return None


def _open_pull(sub: Submission, github: GitHub, base: str) -> int | None:
    title = f"交稿：{sub.target.spec.title}（{sub.target.name}）"
    body = pull_description(sub)
    try:
        return int(github.create_pull(title, sub.branch, base, body).get("number") or 0) or None
    except GitHubError as exc:
        if exc.status == 422:  # it exists already: an edited form updated its branch
            return None
        raise


def _refused(sub: Submission, problems: tuple[str, ...]) -> str:
    lines = [f"@{sub.login} 提交表里有几处需要改一下（一次全列在这里）：", "", *(f"- {p}" for p in problems)]
    lines += ["", "点这个 Issue 右上角的“…”→“Edit”改好后保存，我会再看一次。这次没有做任何改动。"]
    return "\n".join(lines)


def _received(sub: Submission, changes: tuple[str, ...], number: int | None, checked: bool) -> str:
    where = f"#{number}" if number else "之前打开的那一个（已经更新）"
    after = (
        "几分钟后检查结果会出现在那里（通过检查的话，还有网页预览的链接），我也会在这个 Issue 里告诉你。"
        if checked
        else "运营同学检查后会收进手册。"
    )
    lines = [
        f"@{sub.login} 收到你的作品「{sub.target.spec.title}」了，谢谢！",
        "",
        f"我把它整理好，交给运营同学审核：{where}。{after}",
    ]
    if changes:
        lines += ["", "顺手做了这些处理：", *(f"- {c}" for c in changes)]
    lines += ["", "还想修改？直接编辑这个 Issue 的表单并保存，我会重新整理一次。"]
    return "\n".join(lines)
