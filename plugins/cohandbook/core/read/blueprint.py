"""Parsing `handbooks/<id>/handbook.yml`, the blueprint an operator writes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from ..domain.findings import Finding, error
from ..domain.model import (
    FORMATS,
    HANDBOOK_STATUSES,
    RESERVED_MODULE_IDS,
    Chapter,
    Handbook,
    Limits,
    ModuleSpec,
    Resource,
)
from .schema import Fields
from .yamlsafe import YamlMap

HANDBOOK_KEYS = frozenset({"title", "brand", "summary", "cover", "status", "deadline", "squad", "chapters"})
CHAPTER_KEYS = frozenset({"id", "title", "modules"})
MODULE_KEYS = frozenset({"id", "title", "format", "brief", "skills", "deadline", "optional", "limits", "resources"})


class _HasId(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def line(self) -> int: ...


T = TypeVar("T", bound=_HasId)

LIMIT_KEYS = frozenset(Limits.__dataclass_fields__)
RESOURCE_KEYS = frozenset({"title", "file", "url"})


def parse_handbook(handbook_id: str, file: str, data: YamlMap, findings: list[Finding]) -> Handbook:
    fields = Fields(data, file, findings)
    fields.check_keys(HANDBOOK_KEYS)
    status = fields.text("status", default="drafting")
    if status not in HANDBOOK_STATUSES:
        fields.error(
            "status-invalid", "status", f"手册状态“{status}”无效。", "只能写 drafting（编写中）或 published（已发布）。"
        )
        status = "drafting"
    return Handbook(
        id=handbook_id,
        title=fields.text("title", required="title: 新手车主用车宝典") or handbook_id,
        brand=fields.text("brand", required="brand: 星河汽车"),
        file=file,
        summary=fields.text("summary"),
        cover=fields.text("cover") or None,
        status=status,
        deadline=fields.date("deadline"),
        squad=fields.ident("squad"),
        chapters=_chapters(fields, findings),
    )


def _chapters(fields: Fields, findings: list[Finding]) -> tuple[Chapter, ...]:
    if not fields.has("chapters"):
        fields.missing("chapters", "chapters: 下面列出各章和它们的模块")
    seen_modules: dict[str, int] = {}  # module ids are unique across the whole handbook

    def chapter(sub: Fields) -> Chapter | None:
        return _chapter(sub, seen_modules)

    example = "- id: first-day\n    title: 提车第一天"
    return tuple(_unique_items(fields, "chapters", "章节", example, chapter, {}))


def _chapter(fields: Fields, seen_modules: dict[str, int]) -> Chapter | None:
    fields.check_keys(CHAPTER_KEYS)
    chapter_id = fields.ident("id", required="id: first-day")
    title = fields.text("title", required="title: 提车第一天")
    modules = _unique_items(fields, "modules", "模块", "- id: infotainment-setup", _module, seen_modules)
    if chapter_id is None:
        return None
    return Chapter(chapter_id, title or chapter_id, tuple(modules), fields.line())


def _unique_items(
    fields: Fields, key: str, what: str, example: str, parse: Callable[[Fields], T | None], seen: dict[str, int]
) -> list[T]:
    """Parse each map listed under `key`, refusing items that are not maps and ids already used in `seen`."""
    parsed: list[T] = []
    for item, line in fields.items(key):
        if not isinstance(item, YamlMap):
            fields.findings.append(_shape_error(fields.file, line, what, example))
            continue
        value = parse(fields.sub(item))
        if value is None:
            continue
        if value.id in seen:
            message = f"{what}编号“{value.id}”重复了（第 {seen[value.id]} 行已经用过）。"
            fields.sub(item).error("duplicate-id", "id", message, f"{what}编号在一本手册里不能重复，换一个编号。")
            continue
        seen[value.id] = value.line
        parsed.append(value)
    return parsed


def _module(fields: Fields) -> ModuleSpec | None:
    fields.check_keys(MODULE_KEYS)
    module_id = fields.ident("id", required="id: infotainment-setup")
    title = fields.text("title", required="title: 首次车机系统设置")
    fmt = fields.text("format", required="format: video")
    if fmt and fmt not in FORMATS:
        fields.error(
            "format-invalid", "format", f"模块形式“{fmt}”无效。", "只能是 video、gallery、article 或 checklist。"
        )
    if module_id in RESERVED_MODULE_IDS:
        fields.error("id-reserved", "id", f"模块编号“{module_id}”被网站占用了。", "换一个编号，例如在后面加 -guide。")
        return None
    if module_id is None or fmt not in FORMATS:
        return None
    return ModuleSpec(
        id=module_id,
        title=title or module_id,
        format=fmt,  # type: ignore[arg-type]
        brief=fields.text("brief"),
        skills=fields.text_list("skills"),
        deadline=fields.date("deadline"),
        optional=fields.boolean("optional"),
        limits=_limits(fields),
        resources=_resources(fields),
        line=fields.line(),
    )


def _limits(fields: Fields) -> Limits:
    data = fields.mapping("limits")
    if data is None:
        return Limits()
    sub = fields.sub(data)
    sub.check_keys(LIMIT_KEYS)
    values = {key: sub.integer(key, minimum=0) for key in LIMIT_KEYS}
    return Limits(**{k: v for k, v in values.items() if v is not None})


def _resources(fields: Fields) -> tuple[Resource, ...]:
    resources = []
    for item, line in fields.items("resources"):
        if not isinstance(item, YamlMap):
            fields.findings.append(
                _shape_error(fields.file, line, "参考资料", "- {title: 车机说明, file: resources/a.pdf}")
            )
            continue
        sub = fields.sub(item)
        sub.check_keys(RESOURCE_KEYS)
        resource = Resource(
            sub.text("title", required="title: 车机功能说明"), sub.text("file") or None, sub.text("url") or None
        )
        if (resource.file is None) == (resource.url is None):
            sub.error("resource-invalid", None, "每条参考资料要有 file（手册文件夹里的文件）或 url（网址），二选一。")
            continue
        if resource.url and not resource.url.startswith(("https://", "http://")):
            sub.error("resource-invalid", "url", f"网址“{resource.url}”要以 https:// 开头。")
            continue
        resources.append(resource)
    return tuple(resources)


def _shape_error(file: str, line: int, what: str, example: str) -> Finding:
    return error("field-type", file, line, f"这一项{what}的写法不对。", f"每一项写成：{example}")
