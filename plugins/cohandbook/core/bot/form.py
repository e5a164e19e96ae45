"""GitHub's rendering of an issue form: `### <label>`, a blank line, the answer; `_No response_` when empty."""

from __future__ import annotations

NO_RESPONSE = "_No response_"


def form_fields(body: str) -> dict[str, str]:
    """Each `### label` of the body with its answer (stripped; empty when GitHub wrote `_No response_`).

    A label that appears twice keeps its first answer: a contributor who types `### 模块编号` into a free-text
    field must not override the field above it.
    """
    fields: dict[str, str] = {}
    label: str | None = None
    lines: list[str] = []
    for line in body.replace("\r\n", "\n").split("\n"):
        heading = _heading(line)
        if heading:
            _keep(fields, label, lines)
            label, lines = heading, []
        elif label is not None:
            lines.append(line)
    _keep(fields, label, lines)
    return fields


def _heading(line: str) -> str | None:
    """`### label` (string work, not a pattern: a line of 60,000 spaces must not cost 60,000² steps)."""
    if not line.startswith("###") or line[3:4] not in (" ", "\t"):
        return None
    return line[3:].strip(" \t") or None


def _keep(fields: dict[str, str], label: str | None, lines: list[str]) -> None:
    if label is None or label in fields:
        return
    answer = "\n".join(lines).strip()
    fields[label] = "" if answer == NO_RESPONSE else answer
