"""Moving operator notes out of a public repository: `private:` and `workspace:` into the private store.

A move is a cut and a paste of lines, not a YAML round trip: the public file loses exactly the lines of the
block, the store file is made of exactly those lines (a `private:` block's lines lose the indentation that
nested them, nothing else), so comments and wording survive. Every move is planned and checked first (the
store file must not exist, and both sides must read back to the same data); the caller writes only when no
move was refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..domain.findings import YamlProblem
from ..domain.layout import SQUAD_FOLDER
from ..read.private import PEOPLE, SQUADS
from ..read.yamlsafe import YamlMap, load, plain

# A top-level key, plain or quoted ("private": and 'private': are the same key to YAML).
TOP_LEVEL_KEY = re.compile(r"""^(?:"(?P<double>[^"\\]*)"|'(?P<single>[^']*)'|(?P<plain>[A-Za-z_][\w-]*))\s*:(?:\s|$)""")


@dataclass(frozen=True, slots=True)
class Move:
    """One block leaving `public_file` for `store_file` (relative to the store folder)."""

    public_file: str
    store_file: str
    key: str
    first_line: int
    public_text: str  # the public file after the move
    store_text: str  # the new store file


def plan_moves(files: dict[str, str], taken: frozenset[str]) -> tuple[list[Move], list[str]]:
    """Every move for the repository's person and squad `files` (path -> text), and every refusal.

    `taken` holds the store files that already exist: a move onto one is refused, never an overwrite.
    """
    moves: list[Move] = []
    refusals: list[str] = []
    for path, text in sorted(files.items()):
        planned = plan_move(path, text)
        if isinstance(planned, str):
            refusals.append(planned)
        elif planned is not None and planned.store_file in taken:
            refusals.append(f"{path}：私密资料库里已经有 {planned.store_file}，不会覆盖；请手动合并。")
        elif planned is not None:
            moves.append(planned)
    return moves, refusals


def plan_move(public_file: str, text: str) -> Move | str | None:
    """The move for one repository file; a refusal (why) as text; None when it holds nothing private."""
    folder, _, name = public_file.rpartition("/")
    is_squad = folder == SQUAD_FOLDER
    key = "workspace" if is_squad else "private"
    stem = name.removesuffix(".yml")
    span = _block(text, key)
    if span is None:
        return None
    start, end = span
    lines = _lines(text)
    block, rest = "".join(lines[start:end]), "".join(lines[:start] + lines[end:])
    store_text = block if is_squad else _unnest(block)
    store_file = f"{SQUADS if is_squad else PEOPLE}/{stem}.yml"
    problem = _check(text, rest, store_text, key, is_squad)
    if problem:
        return f"{public_file}：{problem}"
    return Move(public_file, store_file, key, start + 1, rest, store_text)


def _block(text: str, key: str) -> tuple[int, int] | None:
    """Line span [start, end) of the top-level `key` with its indented lines; trailing blank lines stay."""
    lines = _lines(text)
    start = next((i for i, line in enumerate(lines) if _top_key(line) == key), None)
    if start is None:
        return None
    end = start + 1
    while end < len(lines) and (lines[end][:1] in (" ", "\t") or not lines[end].strip()):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return start, end


def _lines(text: str) -> list[str]:
    """Lines with their endings; only a newline ends one (str.splitlines also splits at U+2028 and such)."""
    return re.findall(r"[^\n]*\n|[^\n]+$", text)


def _top_key(line: str) -> str | None:
    match = TOP_LEVEL_KEY.match(line)
    return (match["plain"] or match["double"] or match["single"]) if match else None


def _unnest(block: str) -> str:
    """`private:` and what follows it as a file of its own: the keys one level up."""
    lines = _lines(block)
    match = TOP_LEVEL_KEY.match(lines[0])
    inline = lines[0][match.end() :].strip() if match else ""
    rest = lines[1:]
    indents = [len(line) - len(line.lstrip(" \t")) for line in rest if line.strip()]
    cut = min(indents, default=0)
    body = "".join(line[cut:] if line[:cut].strip() == "" and len(line) > cut else line for line in rest)
    text = (f"{inline}\n" if inline else "") + body
    return text if text.endswith("\n") else text + "\n"


def _check(original: str, rest: str, store_text: str, key: str, is_squad: bool) -> str:
    """Both sides must read back to exactly the data they had: otherwise moving by hand is safer."""
    try:
        before, after, moved = load(original), load(rest), load(store_text)
    except YamlProblem as problem:
        return f"移动后读不通（{problem.message}），请手动移动。"
    if not isinstance(before, YamlMap) or not isinstance(after, YamlMap | None):
        return "文件不是“键: 值”的形式，请手动移动。"
    expected = {k: plain(v) for k, v in before.items() if k != key}
    if plain(after or YamlMap(1)) != expected:
        return f"{key} 之外的内容会受影响，请手动移动。"
    wanted = {key: plain(before[key])} if is_squad else plain(before[key])
    if plain(moved) != wanted:
        return f"{key} 的写法无法原样搬走，请手动移动。"
    return ""
