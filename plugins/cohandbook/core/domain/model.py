"""Frozen values for everything a handbook repository declares.

Each value keeps the repository-relative file it came from and the line of its declaration, so any later
check can point a contributor at the right place. Operator-only data (a contributor's ``private`` block, a
squad's ``workspace``) is never read into these values: what is not loaded cannot leak onto the site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from .layout import ID

ID_PATTERN = re.compile(rf"\A{ID}\Z")  # the layout's id rule; \Z, not $: "abc\n" is no id

Format = Literal["video", "gallery", "article", "checklist"]
FORMATS: tuple[Format, ...] = ("video", "gallery", "article", "checklist")
FORMAT_LABELS = {"video": "视频", "gallery": "图集", "article": "文章", "checklist": "清单"}


State = Literal["open", "claimed", "overdue", "submitted", "accepted"]
STATES: tuple[State, ...] = ("open", "claimed", "overdue", "submitted", "accepted")
STATE_LABELS = {
    "open": "待认领",
    "claimed": "创作中",
    "overdue": "已逾期",
    "submitted": "审核中",
    "accepted": "已完成",
}

ROLE_LABELS = {
    "video": "视频拍摄",
    "photo": "摄影",
    "writing": "文字",
    "editing": "剪辑",
    "design": "设计",
    "expertise": "技术顾问",
    "review": "审校",
}
DEFAULT_ROLE: dict[str, str] = {"video": "video", "gallery": "photo", "article": "writing", "checklist": "writing"}

HANDBOOK_STATUSES = ("drafting", "published")

# Handbook ids share the site's top level with our generated sections; module ids share a handbook's
# folder with its credits and print pages.
RESERVED_HANDBOOK_IDS = frozenset(
    {"contributors", "squads", "board", "assets", "search", "stylesheets", "javascripts", "print", "credits", "docs"}
)
RESERVED_MODULE_IDS = frozenset({"credits", "print", "modules", "resources", "assets"})


@dataclass(frozen=True, slots=True)
class Limits:
    max_duration: int = 180
    min_images: int = 4
    min_chars: int = 300
    max_chars: int = 4000
    min_items: int = 5


@dataclass(frozen=True, slots=True)
class Resource:
    title: str
    file: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class ModuleSpec:
    """One module as the blueprint plans it."""

    id: str
    title: str
    format: Format
    brief: str = ""
    skills: tuple[str, ...] = ()
    deadline: date | None = None
    optional: bool = False
    limits: Limits = field(default_factory=Limits)
    resources: tuple[Resource, ...] = ()
    line: int = 0


@dataclass(frozen=True, slots=True)
class Chapter:
    id: str
    title: str
    modules: tuple[ModuleSpec, ...]
    line: int = 0


@dataclass(frozen=True, slots=True)
class Asset:
    """A file in a module folder other than index.md."""

    path: str  # relative to the module folder
    size: int


@dataclass(frozen=True, slots=True)
class Handbook:
    id: str
    title: str
    brand: str
    file: str
    summary: str = ""
    cover: str | None = None
    status: str = "drafting"
    deadline: date | None = None
    squad: str | None = None
    chapters: tuple[Chapter, ...] = ()
    assets: tuple[Asset, ...] = ()  # files in the handbook folder: cover, resources

    @property
    def folder(self) -> str:
        return self.file.rsplit("/", 1)[0]

    @property
    def published(self) -> bool:
        return self.status == "published"

    @property
    def listed_cover(self) -> str | None:
        """The cover, when it is a file of the handbook folder (never a name or address that is not)."""
        return self.cover if self.cover and any(a.path == self.cover for a in self.assets) else None

    def modules(self) -> tuple[tuple[Chapter, ModuleSpec], ...]:
        """Every module in blueprint order, with its chapter."""
        return tuple((chapter, module) for chapter in self.chapters for module in chapter.modules)

    def deadline_of(self, module: ModuleSpec, work: ModuleWork | None = None) -> date | None:
        """The claim's own deadline when it has one, else the module's in the blueprint, else the handbook's."""
        if work is not None and work.deadline is not None:
            return work.deadline
        return module.deadline or self.deadline


@dataclass(frozen=True, slots=True)
class Credit:
    handle: str
    roles: tuple[str, ...]
    line: int = 0


@dataclass(frozen=True, slots=True)
class Video:
    file: str | None = None
    bilibili: str | None = None
    youtube: str | None = None
    duration: int | None = None
    poster: str | None = None
    captions: str | None = None
    line: int = 0
    # Keys that were written but could not be read: that finding is the only one about them.
    unreadable: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Photo:
    file: str
    alt: str
    line: int = 0


@dataclass(frozen=True, slots=True)
class ModuleWork:
    """What a module folder holds: the claim, the credits and the content."""

    handbook: str
    module: str
    file: str  # handbooks/<h>/modules/<m>/index.md
    status: str
    contributors: tuple[Credit, ...] = ()
    former_contributors: tuple[Credit, ...] = ()
    claimed: date | None = None
    submitted: date | None = None
    accepted: date | None = None
    deadline: date | None = None  # this claim's own deadline (`extend`, a late re-claim); beats the blueprint's
    issue: int | None = None  # the GitHub issue the claim came from: where the bot reminds and reports
    video: Video | None = None
    gallery: tuple[Photo, ...] = ()
    body: str = ""
    body_line: int = 1
    assets: tuple[Asset, ...] = ()
    # Files in the folder the reader refused (type, size): reported once there, not again as "missing".
    refused: frozenset[str] = frozenset()

    @property
    def folder(self) -> str:
        return self.file.rsplit("/", 1)[0]

    @property
    def credits(self) -> tuple[Credit, ...]:
        """Everyone to name on the finished work: current contributors, then those whose claim was released."""
        current = {c.handle for c in self.contributors}
        return self.contributors + tuple(c for c in self.former_contributors if c.handle not in current)


@dataclass(frozen=True, slots=True)
class Contributor:
    handle: str
    name: str
    file: str
    github: str | None = None
    avatar: str | None = None
    bio: str = ""
    city: str = ""
    skills: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()
    joined: date | None = None


@dataclass(frozen=True, slots=True)
class SquadMember:
    handle: str
    role: str = ""
    line: int = 0


@dataclass(frozen=True, slots=True)
class Squad:
    id: str
    name: str
    file: str
    mission: str = ""
    handbook: str | None = None
    members: tuple[SquadMember, ...] = ()
    formed: date | None = None
    dissolved: date | None = None

    @property
    def active(self) -> bool:
        return self.dissolved is None

    @property
    def handles(self) -> tuple[str, ...]:
        return tuple(m.handle for m in self.members)


@dataclass(frozen=True, slots=True)
class Repository:
    """Everything read from a handbook repository, in canonical order."""

    handbooks: tuple[Handbook, ...] = ()
    works: dict[tuple[str, str], ModuleWork] = field(default_factory=dict)
    contributors: dict[str, Contributor] = field(default_factory=dict)
    skills: dict[str, str] = field(default_factory=dict)
    squads: dict[str, Squad] = field(default_factory=dict)
    people_assets: frozenset[str] = frozenset()  # images under contributors/ (avatars), relative to it
    refused: frozenset[str] = frozenset()  # files the file rules refused (reported once, never published)

    def handbook(self, handbook_id: str) -> Handbook | None:
        return next((h for h in self.handbooks if h.id == handbook_id), None)

    def work(self, handbook_id: str, module_id: str) -> ModuleWork | None:
        return self.works.get((handbook_id, module_id))

    def name_of(self, handle: str) -> str:
        person = self.contributors.get(handle)
        return person.name if person else handle
