"""The submission form (`.github/ISSUE_TEMPLATE/submit.yml`, label 提交) as GitHub renders it into the issue.

The labels below are the form's: GitHub writes each answer under `### <label>`. A phone user drags photos
into a text box and types a caption under each; an answer that is a video page address, a duration said
as people say it, or a list of checklist items is read here into what the module's front matter holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..read.spoken import SpokenProblem, VideoLink, duration, video_link
from .attachments import Attachment, attachment_of, attachments_in
from .body import Group, checklist, items_of
from .form import form_fields

LABELS = {
    "handbook": "手册编号",
    "module": "模块编号",
    "link": "视频链接（视频模块）",
    "video": "视频文件（视频模块，没有链接时上传）",
    "duration": "视频时长（视频模块）",
    "poster": "封面图（视频模块）",
    "photos": "照片和说明（图集模块）",
    "text": "正文（文章模块）",
    "items": "清单（清单模块）",
    "intro": "简介（选填）",
    "note": "想对运营同学说的话（选填）",
}
MAX_PHOTOS = 30  # photos in one hand-in; counted before anything is fetched
MAX_ATTACHMENTS = 32  # every file of one hand-in (photos, poster, video)


@dataclass(frozen=True, slots=True)
class Photo:
    attachment: Attachment
    caption: str


@dataclass(frozen=True, slots=True)
class SubmissionForm:
    handbook: str
    module: str
    link: VideoLink | None = None
    video: Attachment | None = None
    duration: int | None = None
    poster: Attachment | None = None
    photos: tuple[Photo, ...] = ()
    text: str = ""
    groups: tuple[Group, ...] = ()
    intro: str = ""
    note: str = ""
    problems: tuple[str, ...] = ()  # what the submitter must fix, in their words

    @property
    def items(self) -> tuple[str, ...]:
        return items_of(self.groups)

    @property
    def attachments(self) -> int:
        return len(self.photos) + (self.poster is not None) + (self.video is not None)

    @property
    def too_many(self) -> bool:
        """More files than one hand-in may fetch: nothing is downloaded at all."""
        return len(self.photos) > MAX_PHOTOS or self.attachments > MAX_ATTACHMENTS


def read_form(body: str) -> SubmissionForm:
    answers = form_fields(body)
    fields = {key: answers.get(label, "") for key, label in LABELS.items()}
    problems: list[str] = []
    return SubmissionForm(
        handbook=fields["handbook"].strip().strip("`"),
        module=fields["module"].strip().strip("`"),
        link=_link(fields["link"], problems),
        video=_first(fields["video"]),
        duration=_duration(fields["duration"], problems),
        poster=_first(fields["poster"]),
        photos=_photos(fields["photos"], problems),
        text=fields["text"].strip(),
        groups=checklist(fields["items"]),
        intro=fields["intro"].strip(),
        note=fields["note"].strip(),
        problems=tuple(problems),
    )


def _link(answer: str, problems: list[str]) -> VideoLink | None:
    if not answer.strip():
        return None
    try:
        return video_link(answer)
    except SpokenProblem as problem:
        problems.append(f"视频链接：{problem.message}{problem.hint}")
        return None


def _duration(answer: str, problems: list[str]) -> int | None:
    if not answer.strip():
        return None
    try:
        return duration(answer)
    except SpokenProblem as problem:
        problems.append(f"视频时长：{problem.message}{problem.hint}")
        return None


def _first(answer: str) -> Attachment | None:
    found = attachments_in(answer)
    return found[0] if found else None


def _photos(answer: str, problems: list[str]) -> tuple[Photo, ...]:
    """Each attached photo with the text typed under it (up to the next photo) as its caption."""
    photos: list[tuple[Attachment, list[str]]] = []
    for line in answer.splitlines():
        if attachment := attachment_of(line):
            photos.append((attachment, []))
        elif photos and line.strip():
            photos[-1][1].append(line.strip())
    found = tuple(Photo(a, " ".join(words)) for a, words in photos)
    if len(found) > MAX_PHOTOS:
        problems.append(f"照片有 {len(found)} 张，一次最多 {MAX_PHOTOS} 张：挑出最好的几张再交。")
        return found  # none of them is fetched (see `too_many`); their captions are not judged either
    for number, photo in enumerate(found, start=1):
        if not photo.caption:
            problems.append(f"第 {number} 张照片下面没有说明：在照片下面写一句，说说这张照片拍的是什么。")
    return found
