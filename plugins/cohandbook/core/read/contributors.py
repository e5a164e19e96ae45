"""Parsing the talent pool: `contributors/<handle>.yml`, `contributors/skills.yml` and squads.

`private` (a contributor's operator notes) and `workspace` (a squad's private group) are accepted as keys
but deliberately never copied into the values we return, so no page or index can ever show them.
"""

from __future__ import annotations

import re

from ..domain.findings import Finding
from ..domain.model import ID_PATTERN, Contributor, Squad, SquadMember
from .schema import ID_HINT, Fields
from .yamlsafe import YamlMap

CONTRIBUTOR_KEYS = frozenset({"name", "github", "avatar", "bio", "city", "skills", "links", "joined", "private"})
SQUAD_KEYS = frozenset({"name", "mission", "handbook", "members", "formed", "dissolved", "workspace"})
MEMBER_KEYS = frozenset({"handle", "role"})
GITHUB_LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?")


def parse_skills(file: str, data: YamlMap, findings: list[Finding]) -> dict[str, str]:
    fields = Fields(data, file, findings)
    skills: dict[str, str] = {}
    for tag in data:
        label = fields.text(tag)
        if not isinstance(tag, str) or not _is_id(tag):
            fields.error("id-invalid", tag, f"技能标签“{tag}”不是合法的编号。", ID_HINT)
            continue
        skills[tag] = label or tag
    return skills


def parse_contributor(handle: str, file: str, data: YamlMap, findings: list[Finding]) -> Contributor:
    fields = Fields(data, file, findings)
    fields.check_keys(CONTRIBUTOR_KEYS)
    return Contributor(
        handle=handle,
        name=fields.text("name", required="name: 李娜") or handle,
        file=file,
        github=_github(fields),
        avatar=fields.text("avatar") or None,
        bio=fields.text("bio"),
        city=fields.text("city"),
        skills=fields.text_list("skills"),
        links=_links(fields),
        joined=fields.date("joined"),
    )


def _github(fields: Fields) -> str | None:
    login = fields.text("github").removeprefix("@")
    if login and not _is_github_login(login):
        fields.error(
            "github-invalid",
            "github",
            f"GitHub 用户名“{login}”的格式不对。",
            "只写用户名本身，例如 github: lina-drives，不要写网址。",
        )
        return None
    return login or None


def _links(fields: Fields) -> tuple[tuple[str, str], ...]:
    data = fields.mapping("links")
    if data is None:
        return ()
    sub = fields.sub(data)
    links = []
    for key in data:
        url = sub.text(key)
        if not url.startswith("https://"):
            sub.error(
                "link-invalid",
                key,
                f"链接“{url}”要以 https:// 开头。",
                "复制完整的网址，例如 https://space.bilibili.com/123",
            )
            continue
        links.append((str(key), url))
    return tuple(sorted(links))


def parse_squad(squad_id: str, file: str, data: YamlMap, findings: list[Finding]) -> Squad:
    fields = Fields(data, file, findings)
    fields.check_keys(SQUAD_KEYS)
    return Squad(
        id=squad_id,
        name=fields.text("name", required="name: 冰雪项目组") or squad_id,
        file=file,
        mission=fields.text("mission"),
        handbook=fields.ident("handbook"),
        members=_members(fields),
        formed=fields.date("formed"),
        dissolved=fields.date("dissolved"),
    )


def _members(fields: Fields) -> tuple[SquadMember, ...]:
    if not fields.has("members"):
        fields.missing("members", "members: 下面每行一位成员 - {handle: li-na, role: 拍摄}")
    members = []
    for item, line in fields.items("members"):
        if isinstance(item, str):
            item_map = YamlMap(line - fields.offset)
            item_map["handle"] = item
            item = item_map
        if not isinstance(item, YamlMap):
            fields.error("field-type", None, "成员要写成 - {handle: 用户名, role: 分工}。")
            continue
        sub = fields.sub(item)
        sub.check_keys(MEMBER_KEYS)
        handle = sub.ident("handle", required="handle: li-na")
        if handle:
            members.append(SquadMember(handle, sub.text("role"), line))
    return tuple(members)


def _is_id(text: str) -> bool:
    return bool(ID_PATTERN.match(text))


def _is_github_login(login: str) -> bool:
    return bool(GITHUB_LOGIN.fullmatch(login))
