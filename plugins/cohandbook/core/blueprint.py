"""Parsing `handbooks/<id>/handbook.yml`, the blueprint an operator writes."""

from __future__ import annotations

from .findings import Finding, error
from .model import (
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
    chapters: list[Chapter] = []
    seen_chapters: dict[str, int] = {}
    seen_modules: dict[str, int] = {}
    for item, line in fields.items("chapters"):
        if not isinstance(item, YamlMap):
            fields.findings.append(_shape_error(fields.file, line, "章节", "- id: first-day\n    title: 提车第一天"))
            continue
        chapter = _chapter(fields.sub(item), seen_modules)
        if chapter is None:
            continue
        if chapter.id in seen_chapters:
            fields.sub(item).error(
                "duplicate-id",
                "id",
                f"章节编号“{chapter.id}”重复（第 {seen_chapters[chapter.id]} 行已用过）。",
                "给每章起不同的编号。",
            )
            continue
        seen_chapters[chapter.id] = chapter.line
        chapters.append(chapter)
    return tuple(chapters)


def _chapter(fields: Fields, seen_modules: dict[str, int]) -> Chapter | None:
    fields.check_keys(CHAPTER_KEYS)
    chapter_id = fields.ident("id", required="id: first-day")
    title = fields.text("title", required="title: 提车第一天")
    modules: list[ModuleSpec] = []
    for item, line in fields.items("modules"):
        if not isinstance(item, YamlMap):
            fields.findings.append(_shape_error(fields.file, line, "模块", "- id: infotainment-setup"))
            continue
        module = _module(fields.sub(item))
        if module is None:
            continue
        if module.id in seen_modules:
            fields.sub(item).error(
                "duplicate-id",
                "id",
                f"模块编号“{module.id}”在本手册里重复（第 {seen_modules[module.id]} 行已用过）。",
                "模块编号在一本手册里必须唯一。",
            )
            continue
        seen_modules[module.id] = module.line
        modules.append(module)
    if chapter_id is None:
        return None
    return Chapter(chapter_id, title or chapter_id, tuple(modules), fields.line())


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
