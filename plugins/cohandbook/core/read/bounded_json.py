"""JSON from an untrusted file, refused plainly when too big or too deep instead of raising RecursionError.

Python's json module recurses once per nesting level; a few kilobytes of `[[[[…` exhaust the stack. The
depth is measured first by one linear pass that counts brackets outside strings, so nothing deep is parsed.
"""

from __future__ import annotations

import json
from typing import Any

from .limits import JSON_BYTES, JSON_DEPTH


class JsonRefused(ValueError):
    """The JSON is too big, too deep or malformed; the message says which."""


def loads_bounded(data: bytes, max_bytes: int = JSON_BYTES, max_depth: int = JSON_DEPTH) -> Any:
    if len(data) > max_bytes:
        raise JsonRefused(f"JSON too big: {len(data)} bytes, at most {max_bytes}")
    if (depth := nesting(data)) > max_depth:
        raise JsonRefused(f"JSON nested {depth} deep, at most {max_depth}")
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise JsonRefused(f"JSON malformed: {exc}") from None


def nesting(data: bytes) -> int:
    """The deepest bracket nesting outside strings (an upper bound of what json.loads would recurse)."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in data:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest
