"""The talent pool as the site shows it: each person's credited work, claims and squads, computed once a build.

Credit comes from module front matter (see `credits`), so a person's profile lists exactly the modules that
name them, in every handbook, whether or not they have a GitHub account. Nothing here reads operator-only
data: `Contributor` and `Squad` never hold a `private` block or a `workspace`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..domain.credits import effective_roles, is_credited
from ..domain.lifecycle import HELD_STATES, visible_on_site
from ..domain.model import ROLE_LABELS, Contributor, Handbook, ModuleSpec, Repository, Squad, State
from ..domain.progress import ModuleRow

# Where the usual link keys point; other keys are shown as written.
LINK_LABELS = {
    "bilibili": "哔哩哔哩",
    "douyin": "抖音",
    "xiaohongshu": "小红书",
    "weibo": "微博",
    "zhihu": "知乎",
    "wechat": "微信公众号",
    "youtube": "YouTube",
    "website": "个人网站",
    "blog": "博客",
}


@dataclass(frozen=True, slots=True)
class Contribution:
    """One module a person is named on, with the roles they had there."""

    handbook: Handbook
    spec: ModuleSpec
    roles: tuple[str, ...]
    state: State

    @property
    def role_labels(self) -> tuple[str, ...]:
        return tuple(ROLE_LABELS.get(r, r) for r in self.roles)


@dataclass(frozen=True, slots=True)
class Membership:
    squad: Squad
    role: str


@dataclass(frozen=True, slots=True)
class PersonView:
    """Everything the wall and a profile show about one person."""

    person: Contributor
    works: tuple[Contribution, ...]  # credited modules (content on the site), handbooks in library order
    claims: tuple[Contribution, ...]  # modules they are making now (claimed or overdue)
    squads: tuple[Membership, ...]  # most recently formed first
    skills: tuple[tuple[str, str], ...]  # (tag, label)
    avatar: str | None  # an image under contributors/ to show, or None for initials

    @property
    def handle(self) -> str:
        return self.person.handle

    @property
    def initials(self) -> str:
        return initials(self.person.name)

    @property
    def links(self) -> tuple[tuple[str, str], ...]:
        """(label, https URL): GitHub first when there is an account, then the declared links."""
        found = [("GitHub", f"https://github.com/{self.person.github}")] if self.person.github else []
        return tuple(found + [(LINK_LABELS.get(key, key), url) for key, url in self.person.links])


def initials(name: str) -> str:
    """The avatar fallback: a Chinese name's first character (the family name), a Latin name's initials."""
    words = name.split()
    if len(words) >= 2 and all(w[0].isascii() and w[0].isalpha() for w in words[:2]):
        return (words[0][0] + words[1][0]).upper()
    return name.strip()[:1].upper() or "?"


def local_avatar(repo: Repository, person: Contributor) -> str | None:
    """Only images in the repository are shown.

    An https avatar would make every reader's browser fetch a third-party host: slow or blocked for many
    readers in China, broken offline and in the print edition, and it tells that host who reads the page.
    Such people get their initials instead.
    """
    avatar = person.avatar
    return avatar if avatar and not avatar.startswith("https://") and avatar in repo.people_assets else None


def people_views(repo: Repository, rows: Iterable[ModuleRow]) -> dict[str, PersonView]:
    """One view per person in the talent pool, by handle; `rows` are every handbook's, in library order."""
    works: dict[str, list[Contribution]] = {handle: [] for handle in repo.contributors}
    claims: dict[str, list[Contribution]] = {handle: [] for handle in repo.contributors}
    for row in rows:
        for handle, contribution in _contributions(row):
            target = works if is_credited(row) else claims
            if handle in target:
                target[handle].append(contribution)
    squads = memberships(repo)
    return {
        handle: PersonView(
            person,
            tuple(works[handle]),
            tuple(claims[handle]),
            squads.get(handle, ()),
            tuple((tag, repo.skills.get(tag, tag)) for tag in person.skills),
            local_avatar(repo, person),
        )
        for handle, person in repo.contributors.items()
    }


def _contributions(row: ModuleRow) -> list[tuple[str, Contribution]]:
    """Credited rows name everyone who made them; in-progress rows (with a page) their current claimants."""
    in_progress = row.state in HELD_STATES and visible_on_site(row.handbook, row.state)
    if row.work is None or not (is_credited(row) or in_progress):
        return []
    credits = row.work.credits if is_credited(row) else row.work.contributors
    return [(c.handle, Contribution(row.handbook, row.spec, effective_roles(c, row.spec), row.state)) for c in credits]


def memberships(repo: Repository) -> dict[str, tuple[Membership, ...]]:
    """Each person's squads in `squad_order`: active first, then the most recently formed."""
    found: dict[str, list[Membership]] = {}
    for squad in sorted(repo.squads.values(), key=squad_order):
        for member in squad.members:
            found.setdefault(member.handle, []).append(Membership(squad, member.role))
    return {handle: tuple(items) for handle, items in found.items()}


def squad_order(squad: Squad) -> tuple[bool, int, str]:
    """Active squads first, then by formed date (newest first), then by id: one canonical order."""
    return (not squad.active, -(squad.formed.toordinal() if squad.formed else 0), squad.id)
