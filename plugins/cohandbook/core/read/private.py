"""The operators' private knowledge: notes and hidden skill tags about people, squads' workspaces.

It comes from two places. The private store is a folder outside the repository (in practice a second,
private git repository) holding `people/<handle>.yml` and `squads/<id>.yml`. A private repository may also
keep it in its own files, under a contributor's `private:` and a squad's `workspace:`. Both are merged here;
the store wins a conflict on notes and the hidden tags of both count.

Only the operator's commands and the bot call this module. The site build never does: what it does not read
cannot leak onto a page (a test audits the files a build opens).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..domain import layout
from ..domain.findings import Finding, YamlProblem, error, warning
from ..domain.model import ID_PATTERN
from .sources import Source
from .yamlsafe import YamlList, YamlMap, load

ENVIRONMENT_VARIABLE = "COHANDBOOK_PRIVATE"
STORE_FILE_LIMIT = 256 * 1024
PEOPLE, SQUADS = "people", "squads"


@dataclass(frozen=True, slots=True)
class PersonNotes:
    """What operators know about one person that the person and the public never see."""

    handle: str
    skills: tuple[str, ...] = ()  # hidden tags: count for casting exactly like public ones
    notes: str = ""
    other: tuple[tuple[str, str], ...] = ()  # any other key, as text, for the operator's eyes
    files: tuple[str, ...] = ()  # where it was read from


@dataclass(frozen=True, slots=True)
class PrivateStore:
    people: dict[str, PersonNotes] = field(default_factory=dict)
    workspaces: dict[str, str] = field(default_factory=dict)  # squad id -> workspace
    folder: str | None = None  # the store folder that was read, if any

    def hidden_skills(self, handle: str) -> tuple[str, ...]:
        notes = self.people.get(handle)
        return notes.skills if notes else ()


class StoreError(ValueError):
    """The configured private store cannot be used (it lies inside the repository, say)."""


def store_folder(root: Path, configured: str | None, environ: Mapping[str, str]) -> Path | None:
    """Where the private store is: $COHANDBOOK_PRIVATE, else the `private_dir` option (relative to `root`).

    A store inside the repository would be published with it, so that is refused.
    """
    chosen = environ.get(ENVIRONMENT_VARIABLE) or configured
    if not chosen:
        return None
    folder = (root / os.path.expanduser(chosen)).resolve()
    if folder == root.resolve() or folder.is_relative_to(root.resolve()):
        raise StoreError(f"私密资料库 {folder} 在仓库里面，会随仓库公开。请把它放在仓库外面（例如另一个私有仓库）。")
    return folder


def read_private(source: Source, folder: Path | None) -> tuple[PrivateStore, list[Finding]]:
    """Everything private: the repository's own `private:`/`workspace:` entries, then the store over them."""
    findings: list[Finding] = []
    people: dict[str, list[tuple[str, YamlMap]]] = {}
    workspaces: dict[str, str] = {}
    for file, data in repository_blocks(source, findings):
        _collect(file, data, people, workspaces, findings, in_store=False)
    if folder is not None:
        for file, data in _store_files(folder, findings):
            _collect(file, data, people, workspaces, findings, in_store=True)
    merged = {handle: _merge(handle, blocks) for handle, blocks in sorted(people.items())}
    store = PrivateStore(merged, dict(sorted(workspaces.items())), str(folder) if folder else None)
    return store, findings


def repository_blocks(source: Source, findings: list[Finding]) -> Iterator[tuple[str, YamlMap]]:
    """(file, map) for the repository's person and squad files that mention private data at all."""
    for entry in source.entries():
        person = layout.profile_of(entry.path) not in (None, layout.SKILLS.removesuffix(".yml"))
        squad = entry.path.rpartition("/")[0] == layout.SQUAD_FOLDER
        if entry.kind != "file" or not (person or squad) or not entry.path.endswith(".yml"):
            continue
        if entry.size > STORE_FILE_LIMIT:
            continue  # the reader reports it
        raw = source.read(entry.path)
        if b"private" in raw or b"workspace" in raw:  # most files have neither: skip parsing them
            data = _parse(entry.path, raw, findings, report=False)
            if data is not None:
                yield entry.path, data


def _store_files(folder: Path, findings: list[Finding]) -> Iterator[tuple[str, YamlMap]]:
    """(path shown to the operator, map) for `people/*.yml` and `squads/*.yml` in the store."""
    if not folder.is_dir():
        findings.append(warning("private-store-missing", str(folder), None, "私密资料库文件夹不存在，按空的处理。"))
        return
    for kind in (PEOPLE, SQUADS):
        for shown, raw in _store_kind(folder, kind, findings):
            data = _parse(shown, raw, findings, report=True)
            if data is not None:
                yield shown, data


def _store_kind(folder: Path, kind: str, findings: list[Finding]) -> Iterator[tuple[str, bytes]]:
    """The bytes of each `<kind>/*.yml`; links, oversize and unreadable files are skipped with a warning."""
    sub = folder / kind
    if sub.is_symlink() or not sub.is_dir():
        return
    try:
        with os.scandir(sub) as scan:
            items = sorted((i for i in scan if i.name.endswith(".yml")), key=lambda i: i.name)
    except OSError as exc:
        findings.append(warning("private-file-skipped", kind, None, f"读不了这个文件夹：{exc.strerror}。"))
        return
    for item in items:
        shown = f"{kind}/{item.name}"
        try:
            if not item.is_file(follow_symlinks=False) or item.stat().st_size > STORE_FILE_LIMIT:
                raise ValueError("不是普通文件或超过 256 KB")
            yield shown, Path(item.path).read_bytes()
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else str(exc)
            findings.append(warning("private-file-skipped", shown, None, f"已跳过：{reason}。"))


def _parse(file: str, raw: bytes, findings: list[Finding], *, report: bool) -> YamlMap | None:
    try:
        data = load(raw.decode("utf-8"))
    except (UnicodeDecodeError, YamlProblem) as exc:
        if report:  # the repository's own files are reported by the reader already
            message = exc.message if isinstance(exc, YamlProblem) else "文件不是 UTF-8 编码。"
            findings.append(error("private-file-invalid", file, getattr(exc, "line", None), message))
        return None
    if data is None:
        return YamlMap(1)
    if not isinstance(data, YamlMap) and report:
        findings.append(error("private-file-invalid", file, 1, "内容应该是“键: 值”，例如 notes: …"))
    return data if isinstance(data, YamlMap) else None


def _collect(
    file: str,
    data: YamlMap,
    people: dict[str, list[tuple[str, YamlMap]]],
    workspaces: dict[str, str],
    findings: list[Finding],
    *,
    in_store: bool,
) -> None:
    stem = PurePosixPath(file).stem
    if not ID_PATTERN.match(stem):
        if in_store:
            findings.append(warning("private-file-name", file, None, "文件名不是合法的用户名或项目组编号，已跳过。"))
        return
    is_squad = file.split("/")[-2] == SQUADS
    if is_squad:
        workspace = data.get("workspace")
        if workspace not in (None, "") and (in_store or stem not in workspaces):
            workspaces[stem] = _text(workspace)
        return
    block = data if in_store else data.get("private")
    if isinstance(block, YamlMap):
        people.setdefault(stem, []).append((file, block))
    elif block is not None:
        findings.append(warning("private-invalid", file, data.line_of("private"), "private 应该是“键: 值”。"))


def _merge(handle: str, blocks: list[tuple[str, YamlMap]]) -> PersonNotes:
    """Hidden tags of every block count; for notes and other keys the later block (the store) wins."""
    skills: dict[str, None] = {}
    notes = ""
    other: dict[str, str] = {}
    for _, block in blocks:
        tags = block.get("skills")
        for tag in tags if isinstance(tags, YamlList) else [tags] if isinstance(tags, str) else []:
            if isinstance(tag, str) and tag.strip():
                skills[tag.strip()] = None
        if block.get("notes") not in (None, ""):
            notes = _text(block["notes"])
        other.update((str(k), _text(v)) for k, v in block.items() if k not in ("skills", "notes") and v is not None)
    files = tuple(file for file, _ in blocks)
    return PersonNotes(handle, tuple(skills), notes, tuple(sorted(other.items())), files)


def _text(value: object) -> str:
    if isinstance(value, YamlList):
        return "、".join(_text(v) for v in value)
    if isinstance(value, YamlMap):
        return "；".join(f"{k}: {_text(v)}" for k, v in value.items())
    return str(value).strip()
