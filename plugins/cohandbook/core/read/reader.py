"""Reading a whole handbook repository from a `Source` into a `Repository` plus findings.

The reader is the only place that touches file contents. It enforces the file rules every contributed file
must meet (no symbolic links, allowed types, size limits, UTF-8) before any byte is parsed.

Long because the file rules still live here beside the walk; they are to move into a module of their own.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath

from ..domain.findings import Finding, YamlProblem, error
from ..domain.model import (
    ID_PATTERN,
    RESERVED_HANDBOOK_IDS,
    Asset,
    Contributor,
    Handbook,
    ModuleWork,
    Repository,
    Squad,
)
from .blueprint import parse_handbook
from .contributors import parse_contributor, parse_skills, parse_squad
from .module_file import parse_module
from .schema import ID_HINT
from .sources import Entry, Source
from .yamlsafe import YamlMap, load

IMAGE_TYPES = frozenset({"jpg", "jpeg", "png", "webp", "gif"})
KIB = 1024
MIB = 1024 * KIB


@dataclass(frozen=True, slots=True)
class FileRules:
    """What may live in a module folder, and how big it may be."""

    module_types: frozenset[str] = frozenset({"md", "jpg", "jpeg", "png", "webp", "gif", "mp4", "webm", "vtt", "srt"})
    handbook_types: frozenset[str] = frozenset({"yml", "md", "jpg", "jpeg", "png", "webp", "gif", "pdf"})
    size_limits: dict[str, int] = field(
        default_factory=lambda: {
            "yml": 256 * KIB,
            "md": 512 * KIB,
            "vtt": 1 * MIB,
            "srt": 1 * MIB,
            "mp4": 100 * MIB,
            "webm": 100 * MIB,
            "pdf": 20 * MIB,
        }
    )
    image_limit: int = 10 * MIB

    def limit(self, path: str) -> int:
        return self.size_limits.get(extension(path), self.image_limit)


def extension(path: str) -> str:
    """The lower-case file extension without its dot ('' when there is none); called for every file."""
    name = path.rpartition("/")[2]
    return name.rpartition(".")[2].lower() if "." in name.lstrip(".") else ""


def human_size(size: int) -> str:
    return f"{size / MIB:.1f} MB" if size >= MIB else f"{max(1, size // KIB)} KB"


@dataclass
class _Layout:
    """Entries sorted into the places the repository layout gives them."""

    blueprints: dict[str, Entry] = field(default_factory=dict)
    module_indexes: dict[tuple[str, str], Entry] = field(default_factory=dict)
    module_assets: dict[tuple[str, str], list[Entry]] = field(default_factory=lambda: defaultdict(list))
    handbook_files: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    people: list[Entry] = field(default_factory=list)
    squads: list[Entry] = field(default_factory=list)
    skills: Entry | None = None
    people_assets: list[str] = field(default_factory=list)


def read_repository(source: Source, rules: FileRules | None = None) -> tuple[Repository, list[Finding]]:
    rules = rules or FileRules()
    findings: list[Finding] = []
    layout = _sort_entries(source.entries(), rules, findings)
    reader = _Reader(source, rules, findings)
    reader.layout_files = layout.handbook_files
    skills = reader.skills(layout.skills)
    contributors = {c.handle: c for c in map(reader.contributor, layout.people) if c}
    squads = {s.id: s for s in map(reader.squad, layout.squads) if s}
    handbooks = tuple(h for h in (reader.handbook(hid, e) for hid, e in sorted(layout.blueprints.items())) if h)
    works = {key: w for key, e in sorted(layout.module_indexes.items()) if (w := reader.work(key, e, layout))}
    _check_folders(layout, findings)
    repo = Repository(
        handbooks,
        works,
        dict(sorted(contributors.items())),
        skills,
        dict(sorted(squads.items())),
        frozenset(layout.people_assets),
    )
    return repo, findings


def _sort_entries(entries: list[Entry], rules: FileRules, findings: list[Finding]) -> _Layout:
    layout = _Layout()
    for entry in entries:
        if _is_hidden(entry.path):
            continue
        if not _acceptable(entry, findings):
            continue
        parts = entry.path.split("/")
        if parts[0] == "contributors":
            _place_person_file(layout, entry, parts, findings)
        elif len(parts) >= 3:
            _place_handbook_file(layout, entry, parts, rules, findings)
    return layout


def _is_hidden(path: str) -> bool:
    return any(part.startswith(".") for part in path.split("/"))


def _acceptable(entry: Entry, findings: list[Finding]) -> bool:
    if entry.kind == "symlink":
        findings.append(
            error(
                "symlink",
                entry.path,
                None,
                "这里是一个符号链接（快捷方式），不允许提交。",
                "删掉链接，把真正的文件放进文件夹。",
            )
        )
        return False
    return entry.kind == "file"


def _place_person_file(layout: _Layout, entry: Entry, parts: list[str], findings: list[Finding]) -> None:
    if len(parts) == 2 and parts[1] == "skills.yml":
        layout.skills = entry
    elif len(parts) == 2 and parts[1].endswith(".yml"):
        layout.people.append(entry)
    elif len(parts) == 3 and parts[1] == "squads" and parts[2].endswith(".yml"):
        layout.squads.append(entry)
    elif extension(entry.path) in IMAGE_TYPES:
        layout.people_assets.append(entry.path.removeprefix("contributors/"))
    elif len(parts) == 2 and parts[1].endswith((".yaml", ".YML")):
        findings.append(
            error("file-extension", entry.path, None, "人才库文件的扩展名要用 .yml。", "把文件改名为 .yml 结尾。")
        )


def _place_handbook_file(
    layout: _Layout, entry: Entry, parts: list[str], rules: FileRules, findings: list[Finding]
) -> None:
    handbook = parts[1]
    if len(parts) == 3 and parts[2] == "handbook.yml":
        layout.blueprints[handbook] = entry
    elif len(parts) >= 5 and parts[2] == "modules":
        key = (handbook, parts[3])
        if len(parts) == 5 and parts[4] == "index.md":
            layout.module_indexes[key] = entry
        elif _allowed(entry, rules.module_types, rules, findings):
            layout.module_assets[key].append(entry)
    elif parts[2] != "modules" and _allowed(entry, rules.handbook_types, rules, findings):
        layout.handbook_files[handbook].append(entry)


def _allowed(entry: Entry, types: frozenset[str], rules: FileRules, findings: list[Finding]) -> bool:
    ext = extension(entry.path)
    if ext not in types:
        allowed = "、".join(sorted(types))
        findings.append(
            error(
                "file-type",
                entry.path,
                None,
                f"不允许提交 .{ext or '(无扩展名)'} 类型的文件。",
                f"只能提交这些类型：{allowed}。",
            )
        )
        return False
    if entry.size > rules.limit(entry.path):
        findings.append(
            error(
                "file-too-large",
                entry.path,
                None,
                f"文件有 {human_size(entry.size)}，超过了 {human_size(rules.limit(entry.path))} 的上限。",
                "压缩图片或视频后再提交；大视频可以传到 B 站后填写 BV 号。",
            )
        )
        return False
    return True


class _Reader:
    """Loads each kind of file, turning every problem into a finding."""

    def __init__(self, source: Source, rules: FileRules, findings: list[Finding]) -> None:
        self.source = source
        self.rules = rules
        self.findings = findings
        self.layout_files: dict[str, list[Entry]] = {}

    def text(self, entry: Entry) -> str | None:
        if entry.size > self.rules.limit(entry.path):
            self.findings.append(
                error(
                    "file-too-large",
                    entry.path,
                    None,
                    f"文件有 {human_size(entry.size)}，超过了 {human_size(self.rules.limit(entry.path))} 的上限。",
                    "把内容拆小一些。",
                )
            )
            return None
        try:
            return self.source.read(entry.path).decode("utf-8")
        except UnicodeDecodeError as exc:
            line = self.source.read(entry.path)[: exc.start].count(b"\n") + 1
            self.findings.append(
                error(
                    "encoding",
                    entry.path,
                    line,
                    "文件不是 UTF-8 编码。",
                    "用支持 UTF-8 的编辑器（如 VS Code 或 GitHub 网页）另存为 UTF-8。",
                )
            )
            return None

    def yaml_map(self, entry: Entry) -> YamlMap | None:
        text = self.text(entry)
        if text is None:
            return None
        try:
            data = load(text)
        except YamlProblem as problem:
            self.findings.append(problem.finding(entry.path))
            return None
        if data is None:
            data = YamlMap(1)
        if not isinstance(data, YamlMap):
            self.findings.append(
                error("yaml-not-map", entry.path, 1, "文件内容应该是一组“键: 值”。", "参考仓库里同类文件的写法。")
            )
            return None
        return data

    def skills(self, entry: Entry | None) -> dict[str, str]:
        data = self.yaml_map(entry) if entry else None
        return dict(sorted(parse_skills(entry.path, data, self.findings).items())) if entry and data is not None else {}

    def contributor(self, entry: Entry) -> Contributor | None:
        handle = PurePosixPath(entry.path).stem
        if not self._valid_id(handle, entry, "用户名"):
            return None
        data = self.yaml_map(entry)
        return parse_contributor(handle, entry.path, data, self.findings) if data is not None else None

    def squad(self, entry: Entry) -> Squad | None:
        squad_id = PurePosixPath(entry.path).stem
        if not self._valid_id(squad_id, entry, "项目组编号"):
            return None
        data = self.yaml_map(entry)
        return parse_squad(squad_id, entry.path, data, self.findings) if data is not None else None

    def handbook(self, handbook_id: str, entry: Entry) -> Handbook | None:
        if not self._valid_id(handbook_id, entry, "手册文件夹名"):
            return None
        if handbook_id in RESERVED_HANDBOOK_IDS:
            self.findings.append(
                error(
                    "id-reserved",
                    entry.path,
                    None,
                    f"手册文件夹名“{handbook_id}”被网站占用了。",
                    "换一个文件夹名，例如在后面加 -guide。",
                )
            )
            return None
        data = self.yaml_map(entry)
        if data is None:
            return None
        handbook = parse_handbook(handbook_id, entry.path, data, self.findings)
        files = self.layout_files.get(handbook_id, [])
        prefix = f"handbooks/{handbook_id}/"
        return replace(handbook, assets=tuple(Asset(e.path.removeprefix(prefix), e.size) for e in files))

    def work(self, key: tuple[str, str], entry: Entry, layout: _Layout) -> ModuleWork | None:
        if not self._valid_id(key[1], entry, "模块文件夹名"):
            return None
        text = self.text(entry)
        if text is None:
            return None
        prefix = f"handbooks/{key[0]}/modules/{key[1]}/"
        assets = tuple(Asset(e.path.removeprefix(prefix), e.size) for e in layout.module_assets.get(key, []))
        return parse_module(key[0], key[1], entry.path, text, assets, self.findings)

    def _valid_id(self, value: str, entry: Entry, what: str) -> bool:
        if ID_PATTERN.match(value):
            return True
        self.findings.append(error("id-invalid", entry.path, None, f"{what}“{value}”不合规范。", ID_HINT))
        return False


def _check_folders(layout: _Layout, findings: list[Finding]) -> None:
    for handbook, module in sorted(set(layout.module_assets) - set(layout.module_indexes)):
        folder = f"handbooks/{handbook}/modules/{module}/"
        findings.append(
            error(
                "module-index-missing",
                folder,
                None,
                "模块文件夹里缺少 index.md。",
                "每个模块文件夹都要有一个 index.md，用认领命令生成或照着其他模块写。",
            )
        )
    handbooks_with_content = {h for h, _ in layout.module_indexes} | set(layout.handbook_files)
    for handbook in sorted(handbooks_with_content - set(layout.blueprints)):
        findings.append(
            error(
                "blueprint-missing",
                f"handbooks/{handbook}/",
                None,
                "这个手册文件夹没有 handbook.yml（蓝图）。",
                "请运营同学补上 handbook.yml，或把内容移到正确的手册文件夹。",
            )
        )
