"""GitHub's rendering of an issue form: `### <label>`, a blank line, the answer; `_No response_` when empty."""

from __future__ import annotations

import re

HEADING = re.compile(r"^###[ \t]+(\S.*)$")  # trailing blanks are stripped in code: `.+?[ \t]*$` was quadratic
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
        heading = HEADING.match(line)
        if heading:
            _keep(fields, label, lines)
            label, lines = heading[1].rstrip(" \t"), []
        elif label is not None:
            lines.append(line)
    _keep(fields, label, lines)
    return fields


def _keep(fields: dict[str, str], label: str | None, lines: list[str]) -> None:
    if label is None or label in fields:
        return
    answer = "\n".join(lines).strip()
    fields[label] = "" if answer == NO_RESPONSE else answer
