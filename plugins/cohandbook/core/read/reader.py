"""Reading a whole handbook repository from a `Source` into a `Repository` plus findings.

The reader is the only place that touches file contents. Every listed file is judged by the file rules
(files.py: place, name, type, size, content) before any byte is parsed; text must also be UTF-8.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from pathlib import PurePosixPath

from ..domain.findings import Finding, YamlProblem, error
from ..domain.layout import handbook_folder, module_folder
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
from .advice import folder_name_problem
from .blueprint import parse_handbook
from .contributors import parse_contributor, parse_skills, parse_squad
from .files import HEAD_BYTES, file_findings, place_of
from .module_file import parse_module
from .schema import ID_HINT
from .sources import Entry, Source
from .yamlsafe import YamlMap, load


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
    refused: list[str] = field(default_factory=list)  # listed, but refused by the file rules
    misnamed_folders: set[tuple[str, str]] = field(default_factory=set)


def read_repository(source: Source) -> tuple[Repository, list[Finding]]:
    findings: list[Finding] = []
    layout = _sort_entries(source, findings)
    reader = _Reader(source, findings)
    reader.layout_files = layout.handbook_files
    skills = reader.skills(layout.skills)
    contributors = {c.handle: c for c in map(reader.contributor, layout.people) if c}
    squads = {s.id: s for s in map(reader.squad, layout.squads) if s}
    handbooks = tuple(h for h in (reader.handbook(hid, e) for hid, e in sorted(layout.blueprints.items())) if h)
    works = {key: w for key, e in sorted(layout.module_indexes.items()) if (w := reader.work(key, e, layout))}
    repo = Repository(
        handbooks,
        works,
        dict(sorted(contributors.items())),
        skills,
        dict(sorted(squads.items())),
        frozenset(layout.people_assets),
        frozenset(layout.refused),
    )
    _check_folders(layout, findings)
    findings += [folder_name_problem(repo, h, name) for h, name in sorted(layout.misnamed_folders)]
    return repo, findings


def _sort_entries(source: Source, findings: list[Finding]) -> _Layout:
    """Every listed file judged by the file rules; those that pass sorted into their places."""
    layout = _Layout()
    read_head = partial(_head, source)
    for entry in source.entries():
        if problems := file_findings(entry, read_head):
            findings += problems
            layout.refused.append(entry.path)
            continue
        place = place_of(entry.path)
        if place.kind in ("module", "module-asset"):
            key = (place.handbook, place.module)
            if not ID_PATTERN.match(place.module):
                layout.misnamed_folders.add(key)  # one finding for the folder, once the blueprints are read
            elif place.kind == "module":
                layout.module_indexes[key] = entry
            else:
                layout.module_assets[key].append(entry)
        elif place.kind == "blueprint":
            layout.blueprints[place.handbook] = entry
        elif place.kind == "handbook-asset":
            layout.handbook_files[place.handbook].append(entry)
        else:
            _place_person_file(layout, entry, place.kind, place.inner)
    return layout


def _head(source: Source, path: str) -> bytes | None:
    return source.read_head(path, HEAD_BYTES)


def _place_person_file(layout: _Layout, entry: Entry, kind: str, inner: str) -> None:
    if kind == "skills":
        layout.skills = entry
    elif kind == "person":
        layout.people.append(entry)
    elif kind == "squad":
        layout.squads.append(entry)
    else:
        layout.people_assets.append(inner)


class _Reader:
    """Loads each kind of file, turning every problem into a finding."""

    def __init__(self, source: Source, findings: list[Finding]) -> None:
        self.source = source
        self.findings = findings
        self.layout_files: dict[str, list[Entry]] = {}

    def text(self, entry: Entry) -> str | None:
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
        return None if text is None else yaml_map(entry.path, text, self.findings)

    def skills(self, entry: Entry | None) -> dict[str, str]:
        data = self.yaml_map(entry) if entry else None
        return dict(sorted(parse_skills(entry.path, data, self.findings).items())) if entry and data is not None else {}

    def contributor(self, entry: Entry) -> Contributor | None:
        handle = PurePosixPath(entry.path).stem
        if not self._valid_id(handle, entry, "用户名"):
            return None
        text = self.text(entry)
        person, found = _parsed_contributor(handle, entry.path, text) if text is not None else (None, ())
        self.findings += found
        return person

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
        text = self.text(entry)
        handbook, found = _parsed_handbook(handbook_id, entry.path, text) if text is not None else (None, ())
        self.findings += found
        if handbook is None:
            return None
        files = self.layout_files.get(handbook_id, [])
        prefix = handbook_folder(handbook_id) + "/"
        return replace(handbook, assets=tuple(Asset(e.path.removeprefix(prefix), e.size) for e in files))

    def work(self, key: tuple[str, str], entry: Entry, layout: _Layout) -> ModuleWork | None:
        if not self._valid_id(key[1], entry, "模块文件夹名"):
            return None
        text = self.text(entry)
        if text is None:
            return None
        prefix = module_folder(*key) + "/"
        assets = tuple(Asset(e.path.removeprefix(prefix), e.size) for e in layout.module_assets.get(key, []))
        refused = frozenset(p.removeprefix(prefix) for p in layout.refused if p.startswith(prefix))
        work, found = _parsed_module(key[0], key[1], entry.path, text, assets, refused)
        self.findings += found
        return work

    def _valid_id(self, value: str, entry: Entry, what: str) -> bool:
        if ID_PATTERN.match(value):
            return True
        self.findings.append(error("id-invalid", entry.path, None, f"{what}“{value}”不合规范。", ID_HINT))
        return False


def yaml_map(path: str, text: str, findings: list[Finding]) -> YamlMap | None:
    try:
        data = load(text)
    except YamlProblem as problem:
        findings.append(problem.finding(path))
        return None
    if data is None:
        data = YamlMap(1)
    if not isinstance(data, YamlMap):
        findings.append(error("yaml-not-map", path, 1, "文件内容应该是一组“键: 值”。", "参考仓库里同类文件的写法。"))
        return None
    return data


# A file's parse is a function of its path and text (and a module's listing): kept for the next reading of
# the same text, so `mkdocs serve` parses again only the files that changed. The values are frozen.
@lru_cache(maxsize=8192)
def _parsed_module(
    handbook: str, module: str, path: str, text: str, assets: tuple[Asset, ...], refused: frozenset[str]
) -> tuple[ModuleWork | None, tuple[Finding, ...]]:
    findings: list[Finding] = []
    return parse_module(handbook, module, path, text, assets, findings, refused), tuple(findings)


@lru_cache(maxsize=64)
def _parsed_handbook(handbook_id: str, path: str, text: str) -> tuple[Handbook | None, tuple[Finding, ...]]:
    findings: list[Finding] = []
    data = yaml_map(path, text, findings)
    return (parse_handbook(handbook_id, path, data, findings) if data is not None else None), tuple(findings)


@lru_cache(maxsize=8192)
def _parsed_contributor(handle: str, path: str, text: str) -> tuple[Contributor | None, tuple[Finding, ...]]:
    findings: list[Finding] = []
    data = yaml_map(path, text, findings)
    return (parse_contributor(handle, path, data, findings) if data is not None else None), tuple(findings)


def _check_folders(layout: _Layout, findings: list[Finding]) -> None:
    for handbook, module in sorted(set(layout.module_assets) - set(layout.module_indexes)):
        folder = module_folder(handbook, module) + "/"
        findings.append(
            error(
                "module-index-missing",
                folder,
                None,
                "模块文件夹里缺少 index.md。",
                "每个模块文件夹都要有一个 index.md。先在网站的认领看板上认领这个模块（会自动建好 index.md），"
                "或者用“提交作品”表单交稿。",
            )
        )
    handbooks_with_content = {h for h, _ in layout.module_indexes} | set(layout.handbook_files)
    for handbook in sorted(handbooks_with_content - set(layout.blueprints)):
        findings.append(
            error(
                "blueprint-missing",
                handbook_folder(handbook) + "/",
                None,
                "这个手册文件夹没有 handbook.yml（蓝图）。",
                "请运营同学补上 handbook.yml，或把内容移到正确的手册文件夹。",
            )
        )
