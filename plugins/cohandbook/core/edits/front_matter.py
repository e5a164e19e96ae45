"""Editing a module's front matter in place: the keys we change are rewritten, every other byte stays.

A YAML round trip would drop the contributor's comments and reorder what they wrote; these are line edits
of top-level keys instead. A key's block is its line plus the lines that continue it (indented, or list
items written flush under it); a comment or blank line at the left margin ends it and is kept.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..domain.findings import YamlProblem
from ..read.markdown import split_front_matter

TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")


def edit_front_matter(text: str, changes: dict[str, Any]) -> str:
    """`text` with each key of `changes` set to its value (None removes the key); new keys go last."""
    split = split_front_matter(text)
    if split.front is None:
        raise YamlProblem("frontmatter-missing", 1, "文件开头缺少用 --- 包起来的信息区。")
    blocks = _blocks(split.front.splitlines(keepends=True))
    for key, value in changes.items():
        new = [] if value is None else [_dump(key, value)]
        index = next((i for i, (name, _) in enumerate(blocks) if name == key), None)
        if index is None:
            blocks += [(key, new)]
        else:
            blocks[index] = (key, new)
    front = "".join(line for _, lines in blocks for line in lines)
    if front and not front.endswith("\n"):
        front += "\n"
    return f"---\n{front}---\n{split.body}"


def _blocks(lines: list[str]) -> list[tuple[str | None, list[str]]]:
    """The front matter as (top-level key or None for comments and blank lines, its lines)."""
    blocks: list[tuple[str | None, list[str]]] = []
    for line in lines:
        match = TOP_KEY.match(line)
        if match:
            blocks.append((match.group(1), [line]))
        elif blocks and blocks[-1][0] is not None and (line[:1] in (" ", "\t") or line.startswith("- ")):
            blocks[-1][1].append(line)
        else:
            blocks.append((None, [line]))
    return blocks


def _dump(key: str, value: Any) -> str:
    return yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, default_flow_style=False)
