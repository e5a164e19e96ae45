"""Carrying out a hand-in: fetch the attachments, make them publishable, write the module folder on a
branch of the repository, push it and open the pull request that credits the submitter.

The default branch and the working tree are not touched: the commit is built from git objects (a private
index file, `commit-tree`), so a failure leaves nothing behind but an unreferenced object.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..core.bot.attachments import Attachment
from ..core.bot.compose import Stored, submitted_index
from ..core.bot.draft import Submission
from ..core.bot.gated import refusal_plan
from ..core.bot.plan import Comment, Plan
from ..core.bot.submission import SUBMITTED_LABEL
from ..core.check.gate import gate
from ..core.domain.changes import FileChange
from ..core.media.photos import PhotoProblem, publishable
from ..core.media.sniff import is_photo, is_video, sniff
from ..core.media.video import BILIBILI_ADVICE, VideoProblem, make_playable
from ..core.read.files import PHOTO_LIMIT, UPLOAD_LIMIT
from ..core.read.sources import FsSource
from .download import DownloadProblem, Fetcher
from .git import Git
from .github import GitHub, GitHubError


@dataclass(frozen=True, slots=True)
class Handed:
    files: dict[str, bytes]  # path in the repository -> bytes
    stored: Stored
    changes: tuple[str, ...]  # what was done to the media, in plain words
    problems: tuple[str, ...]


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
    video = _video(fetcher, sub.form.video, ffmpeg, files, changes, problems) if sub.form.video else None
    stored = Stored(video=video, poster=poster, photos=tuple(photos))
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
) -> str | None:  # fmt: skip
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
                return "video.webm"
            result = make_playable(src, dst, ffmpeg)
            out = dst.read_bytes()
        if len(out) > UPLOAD_LIMIT:
            raise VideoProblem("视频转换后仍然太大。" + BILIBILI_ADVICE)
    except DownloadProblem as problem:
        problems.append(f"视频文件：{problem}")
        return None
    except VideoProblem as problem:
        problems.append(str(problem))
        return None
    files["video.mp4"] = out
    changes.extend(result.changes)
    return "video.mp4"


def hand_in(sub: Submission, git: Git, github: GitHub, base: str, fetcher: Fetcher, ffmpeg: str | None,
            today: date) -> Plan:  # fmt: skip
    """Everything after the decision: what to say on the issue, and its label once the pull request is open."""
    marker = f"cohandbook:submit:{sub.issue}"
    handed = gather(sub, fetcher, ffmpeg)
    if handed.problems:
        refused = Comment(sub.issue, marker, _refused(sub, handed.problems))
        return Plan(comments=(refused,), log=(f"submit #{sub.issue}: attachments refused",))
    files = dict(handed.files)
    files[sub.target.index] = submitted_index(sub, handed.stored, today).encode("utf-8")
    changes = [FileChange(path, None, data=data) for path, data in sorted(files.items())]
    if added := gate(FsSource(git.root), changes, today):  # the hand-in passes the same gate as every write
        return refusal_plan(sub.issue, marker, added, f"submit #{sub.issue}")
    commit = git.write_branch(sub.branch, files, sub.commit_message())
    number = _open_pull(sub, github, base)
    received = Comment(sub.issue, marker, _received(sub, handed.changes, number))
    log = f"submit #{sub.issue}: {sub.branch} at {commit[:12]}, pull request {number or 'updated'}"
    return Plan(comments=(received,), labels=((sub.issue, SUBMITTED_LABEL),), log=(log,))


def _open_pull(sub: Submission, github: GitHub, base: str) -> int | None:
    title = f"交稿：{sub.target.spec.title}（{sub.target.name}）"
    body = (
        f"由 @{sub.login}（人才库：`{sub.handle}`）通过提交表单交稿，见 #{sub.issue}。\n\n"
        f"这个 Pull Request 由机器人根据表单生成，检查时按 @{sub.login} 的提交来审核。\n\nCloses #{sub.issue}\n"
    )
    try:
        return int(github.create_pull(title, sub.branch, base, body).get("number") or 0) or None
    except GitHubError as exc:
        if exc.status == 422:  # it exists already: an edited form updated its branch
            return None
        raise


def _refused(sub: Submission, problems: tuple[str, ...]) -> str:
    lines = [f"@{sub.login} 这次交稿还差一点，改好后编辑这个 Issue 的表单保存一下，我会重新处理：", ""]
    return "\n".join(lines + [f"- {p}" for p in problems])


def _received(sub: Submission, changes: tuple[str, ...], number: int | None) -> str:
    where = f"#{number}" if number else "之前打开的那一个（已经更新）"
    lines = [
        f"@{sub.login} 收到你的作品「{sub.target.spec.title}」了，谢谢！",
        "",
        f"我把它整理好，交给运营同学审核：{where}。检查结果和网页预览会出现在那里。",
    ]
    if changes:
        lines += ["", "顺手做了这些处理：", *(f"- {c}" for c in changes)]
    lines += ["", "还想修改？直接编辑这个 Issue 的表单并保存，我会重新整理一次。"]
    return "\n".join(lines)
