"""The module's text as the car owner typed it into the form, in the Markdown the handbook publishes.

A checklist is typed the way people write lists on a phone: `## 孩子` or `证件与车辆：` over a group, items
with `•`, `-`, `1.`, `1、`, `①`, `□`, `[ ]` in front (or nothing). Headings become `## …`, markers come off,
every item is one `- [ ] …` line. An article keeps its paragraphs (each typed line is one) and its `##`
headings. Pure string work, one pass per line; the form's text is capped by GitHub (65,536 characters).
"""

from __future__ import annotations

from dataclasses import dataclass

_BULLETS = frozenset("•·・●○◦▪▫■◆◇▶►-–—*+>□☐☑☒✓✔✅❏❑")
_CIRCLED = frozenset("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳❶❷❸❹❺❻❼❽❾❿")
_BOXES = ("[ ]", "[x]", "[X]", "[✓]", "[√]", "【 】", "[]")
_AFTER_NUMBER = frozenset(".、)）:：．")
_COLONS = ("：", ":")
_MAX_MARKERS = 4  # `- [ ] 1. • 湿巾` at most; more is text


@dataclass(frozen=True, slots=True)
class Group:
    title: str  # "" for the items before the first heading
    items: tuple[str, ...]


def checklist(text: str) -> tuple[Group, ...]:
    """Groups of items, in the order typed; empty groups (a heading with nothing under it) are kept out."""
    groups: list[tuple[str, list[str]]] = [("", [])]
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        heading = _heading(line)
        if heading is not None:
            groups.append((heading, []))
            continue
        item = _unmarked(line)
        if item:
            groups[-1][1].append(item)
    return tuple(Group(title, tuple(items)) for title, items in groups if items)


def items_of(groups: tuple[Group, ...]) -> tuple[str, ...]:
    return tuple(item for group in groups for item in group.items)


def checklist_markdown(groups: tuple[Group, ...]) -> str:
    blocks = []
    for group in groups:
        items = "\n".join(f"- [ ] {item}" for item in group.items)
        blocks.append(f"## {group.title}\n\n{items}" if group.title else items)
    return "\n\n".join(blocks)


def article_markdown(text: str) -> str:
    """Each typed line its own paragraph; `#`/`##` headings as `##`, `###` kept; lists kept together."""
    blocks: list[str] = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            continue
        stripped = line.lstrip()
        level = len(stripped) - len(stripped.lstrip("#"))
        if 1 <= level <= 3 and stripped[level : level + 1] in (" ", "\t"):
            blocks.append(f"{'###' if level == 3 else '##'} {stripped[level:].strip()}")
        elif blocks and _is_list(stripped) and _is_list(blocks[-1].rsplit("\n", 1)[-1]):
            blocks[-1] += "\n" + stripped
        else:
            blocks.append(stripped)
    return "\n\n".join(blocks)


def _is_list(line: str) -> bool:
    return line[:2] in ("- ", "* ", "+ ") or _number_end(line) > 0


def _heading(line: str) -> str | None:
    if line.startswith("#"):
        title = line.lstrip("#").strip()
        return _unmarked(title).rstrip("：:").strip() or None
    if line.endswith(_COLONS):
        title = _unmarked(line).rstrip("：:").strip()
        return title or None
    if line.startswith("【") and line.endswith("】") and len(line) > 2:
        return line[1:-1].strip() or None
    return None


def _unmarked(line: str) -> str:
    """The item without the list markers in front of it (bullets, boxes, numbers, circled numbers)."""
    text = line.strip()
    for _ in range(_MAX_MARKERS):
        before = text
        text = _strip_marker(text).lstrip()
        if text == before:
            break
    return text.rstrip("；;").strip()


def _strip_marker(text: str) -> str:
    for box in _BOXES:
        if text.startswith(box):
            return text[len(box) :]
    if text[:1] in "-–—+" and text[1:2].isdigit():  # -20℃: a sign, not a bullet
        return text
    if text[:1] in _BULLETS or text[:1] in _CIRCLED:
        return text[1:]
    if text[:1] in "(（":
        close = _number_end(text[1:])
        return text[close + 1 :] if close and text[close : close + 1] in ")）" else text
    end = _number_end(text)
    return text[end:] if end else text


def _number_end(text: str) -> int:
    """Where `1.` / `12、` / `3)` ends (after its mark), or 0 when the text does not start so."""
    digits = 0
    while digits < len(text) and digits < 3 and text[digits].isascii() and text[digits].isdigit():
        digits += 1
    if digits == 0 or digits >= len(text) or text[digits] not in _AFTER_NUMBER:
        return 0
    after = text[digits + 1 : digits + 2]
    if text[digits] == "." and after.isdigit():  # 2.5 升: a decimal, not a marker
        return 0
    return digits + 1
