"""Writing squad files for `cohandbook squad form` and `squad dissolve`: checks first, then the text.

The CLI refuses rather than overwrites, so every check here runs before a byte is written. Edits to existing
files (a blueprint's `squad:` line, a squad's `dissolved:` line) go line by line instead of re-dumping the
YAML: the operator's comments and a squad's private `workspace` line stay exactly as they were.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date

from ..domain import layout
from ..domain.changes import ABSENT, FileChange, digest
from ..domain.findings import YamlProblem
from ..domain.model import ID_PATTERN, Repository, Squad
from ..domain.squads import SQUAD_SIZE
from ..read.sources import Source
from ..read.yamlsafe import YamlMap, load

FORMED_LINE = re.compile(r"^formed:.*$", re.M)
DISSOLVED_LINE = re.compile(r"^dissolved:.*$", re.M)
SQUAD_LINE = re.compile(r"^squad:.*$", re.M)
CHAPTERS_LINE = re.compile(r"^chapters:", re.M)


@dataclass(frozen=True, slots=True)
class NewSquad:
    id: str
    name: str
    mission: str
    members: tuple[tuple[str, str], ...]  # (handle, role)
    formed: date
    handbook: str | None = None

    @property
    def file(self) -> str:
        return layout.squad_file(self.id)


def form_problems(repo: Repository, squad: NewSquad, exists: bool) -> list[str]:
    """Everything that stops `squad form`, in plain words; empty when the file may be written."""
    problems = [] if ID_PATTERN.match(squad.id) else [f"项目组编号“{squad.id}”不合规范：只用小写字母、数字和连字符。"]
    if exists:
        problems.append(f"{squad.file} 已经存在，不会覆盖它。换一个编号，或直接编辑那个文件。")
    if not squad.name or not squad.mission:
        problems.append("--name 和 --mission 都不能是空的。")
    problems += _member_problems(repo, [handle for handle, _ in squad.members])
    if squad.handbook:
        problems += _handbook_problems(repo, squad)
    return problems


def _member_problems(repo: Repository, handles: list[str]) -> list[str]:
    problems = []
    unknown = [h for h in handles if h not in repo.contributors]
    if unknown:
        problems.append(f"人才库里没有这些用户：{'、'.join(unknown)}。先在 contributors/ 下为他们建档。")
    repeated = sorted({h for h in handles if handles.count(h) > 1})
    if repeated:
        problems.append(f"成员重复：{'、'.join(repeated)}。")
    low, high = SQUAD_SIZE
    if not low <= len(set(handles)) <= high:
        problems.append(f"项目组要有 {low} 到 {high} 位成员，现在是 {len(set(handles))} 位。")
    return problems


def _handbook_problems(repo: Repository, squad: NewSquad) -> list[str]:
    handbook = repo.handbook(squad.handbook or "")
    if handbook is None:
        return [f"手册“{squad.handbook}”不存在。"]
    named = repo.squads.get(handbook.squad) if handbook.squad else None
    if named is not None and named.active and named.id != squad.id:
        return [
            f"《{handbook.title}》正由项目组“{named.id}”制作。先解散它（cohandbook squad dissolve {named.id}），再组新的。"
        ]
    busy = [s.id for s in repo.squads.values() if s.handbook == handbook.id and s.active and s.id != squad.id]
    if busy:
        return [f"项目组 {'、'.join(busy)} 还在制作《{handbook.title}》。先解散，再组新的。"]
    return []


def blueprint_with_squad(text: str, squad_id: str) -> str:
    """The blueprint naming `squad_id`: its `squad:` line replaced, else one added before `chapters:`.

    Line edits, not a YAML round trip: the operator's comments and layout stay as they were.
    """
    line = f"squad: {squad_id}"
    if SQUAD_LINE.search(text):
        return SQUAD_LINE.sub(line, text, count=1)
    if match := CHAPTERS_LINE.search(text):
        return f"{text[: match.start()]}{line}\n{text[match.start() :]}"
    return f"{text.rstrip(chr(10))}\n{line}\n"


def new_squad_text(squad: NewSquad) -> str:
    lines = [f"name: {yaml_text(squad.name)}", f"mission: {yaml_text(squad.mission)}"]
    if squad.handbook:
        lines.append(f"handbook: {squad.handbook}")
    lines.append("members:")
    for handle, role in squad.members:
        lines.append(f"  - {{handle: {handle}, role: {json.dumps(role, ensure_ascii=False)}}}")
    lines.append(f"formed: {squad.formed.isoformat()}")
    return "\n".join(lines) + "\n"


def yaml_text(text: str) -> str:
    """Free text as a YAML value: plain when our loader reads it back unchanged, else double-quoted."""
    try:
        data = load(f"key: {text}\n")
    except YamlProblem:
        data = None
    if isinstance(data, YamlMap) and data.get("key") == text and "\n" not in text:
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def dissolve_problems(squad: Squad | None, squad_id: str, day: date) -> list[str]:
    if squad is None:
        return [f"没有项目组“{squad_id}”（{layout.squad_file(squad_id)} 不存在或有错误，先运行 cohandbook validate）。"]
    if not squad.active:
        return [f"项目组“{squad.name}”已于 {squad.dissolved} 解散。"]
    if squad.formed and day < squad.formed:
        return [f"解散日期 {day} 早于成立日期 {squad.formed}。"]
    return []


def dissolved_text(text: str, day: date) -> str:
    """The squad file with `dissolved: <day>`: replacing an empty one, else right after `formed:`, else last."""
    line = f"dissolved: {day.isoformat()}"
    if DISSOLVED_LINE.search(text):
        return DISSOLVED_LINE.sub(line, text, count=1)
    if match := FORMED_LINE.search(text):
        return f"{text[: match.end()]}\n{line}{text[match.end() :]}"
    return f"{text.rstrip(chr(10))}\n{line}\n"


def form_changes(repo: Repository, source: Source, squad: NewSquad) -> tuple[FileChange, ...]:
    """The squad's new file, and its handbook's blueprint naming it (the blueprint decides who may make it)."""
    changes = [FileChange(squad.file, new_squad_text(squad), ABSENT)]
    handbook = repo.handbook(squad.handbook) if squad.handbook else None
    if handbook is not None and handbook.squad != squad.id:
        old = source.read(handbook.file)
        changes.append(FileChange(handbook.file, blueprint_with_squad(old.decode("utf-8"), squad.id), digest(old)))
    return tuple(changes)


def dissolve_changes(source: Source, squad: Squad, day: date) -> tuple[FileChange, ...]:
    old = source.read(squad.file)
    return (FileChange(squad.file, dissolved_text(old.decode("utf-8"), day), digest(old)),)
