"""Worst cases for a regular expression, generated from the expression itself.

Backtracking blows up when a search restarts at many positions and each restart runs far (quadratic), or
when one restart can split a run in many ways (exponential). Both show up on text made of the pattern's own
pieces: a matching sample cut short (an opener with no closer), a prefix of a sample repeated, the body of a
repetition repeated with the closer left off, an opener followed by one short piece of a sample pumped
(`{: a=ba=ba=b…`, which splits exponentially), and runs of each character the pattern names. `worst_cases`
builds those texts for any compiled `re` pattern by walking its parse tree; tests run every pattern of the
package over them and time each search.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]

SIZE = 100_000
_CATEGORY = {
    C.CATEGORY_DIGIT: "0",
    C.CATEGORY_NOT_DIGIT: "a",
    C.CATEGORY_SPACE: " ",
    C.CATEGORY_NOT_SPACE: "a",
    C.CATEGORY_WORD: "a",
    C.CATEGORY_NOT_WORD: " ",
    C.CATEGORY_LINEBREAK: "\n",
    C.CATEGORY_NOT_LINEBREAK: "a",
}
_PROBES = "a0 \t\n-_.:/\"'<>[](){}!#`*=，：字"


def _in_set(items: list, char: str) -> bool:
    negate = False
    hit = False
    for op, arg in items:
        if op is C.NEGATE:
            negate = True
        elif op is C.LITERAL:
            hit |= ord(char) == arg
        elif op is C.RANGE:
            hit |= arg[0] <= ord(char) <= arg[1]
        elif op is C.CATEGORY:
            hit |= bool(re.fullmatch(_category_regex(arg), char))
    return hit != negate


def _category_regex(category: object) -> str:
    names = {
        C.CATEGORY_DIGIT: r"\d",
        C.CATEGORY_NOT_DIGIT: r"\D",
        C.CATEGORY_SPACE: r"\s",
        C.CATEGORY_NOT_SPACE: r"\S",
        C.CATEGORY_WORD: r"\w",
        C.CATEGORY_NOT_WORD: r"\W",
    }
    return names.get(category, ".")


_FITTING: dict[int, list[str]] = {}


def _set_char(items: list, rng: random.Random) -> str:
    if id(items) not in _FITTING:
        _FITTING[id(items)] = _fitting(items)
    fitting = _FITTING[id(items)]
    return rng.choice(fitting[:4]) if fitting else "a"


def _fitting(items: list) -> list[str]:
    candidates = [chr(arg) for op, arg in items if op is C.LITERAL]
    candidates += [chr(arg[0]) for op, arg in items if op is C.RANGE]
    candidates += [_CATEGORY[arg] for op, arg in items if op is C.CATEGORY and arg in _CATEGORY]
    candidates += list(_PROBES)
    return [c for c in candidates if _in_set(items, c)]


def _sample(tree: list, reps: int, rng: random.Random, groups: dict[int, str]) -> str:
    out = []
    for op, arg in tree:
        if op is C.LITERAL:
            out.append(chr(arg))
        elif op is C.NOT_LITERAL:
            out.append("a" if arg != ord("a") else "b")
        elif op is C.ANY:
            out.append("a")
        elif op is C.IN:
            out.append(_set_char(arg, rng))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            low, high, sub = arg
            count = max(low, min(reps, high))
            out.append("".join(_sample(sub, reps, rng, groups) for _ in range(count)))
        elif op is C.SUBPATTERN:
            text = _sample(arg[-1], reps, rng, groups)
            if arg[0] is not None:
                groups[arg[0]] = text
            out.append(text)
        elif op is C.ATOMIC_GROUP:
            out.append(_sample(arg, reps, rng, groups))
        elif op is C.BRANCH:
            out.append(_sample(rng.choice(arg[1]), reps, rng, groups))
        elif op is C.GROUPREF:
            out.append(groups.get(arg, ""))
        elif op is C.GROUPREF_EXISTS:
            out.append(_sample(arg[1], reps, rng, groups))
    return "".join(out)


def _big_sample(tree: list, variant: int) -> str:
    """The longest sample within SIZE with every repetition run k times (k doubling): whole, not cut."""
    reps, text = 64, ""
    while reps <= SIZE:
        longer = _sample(tree, reps + variant, random.Random(f"{variant}"), {})
        if len(longer) > SIZE:
            break
        text, reps = longer, reps * 2
    return text or _sample(tree, 1, random.Random(f"{variant}"), {})[:SIZE]


def _repeated(piece: str, size: int = 0) -> str:
    size = size or SIZE
    return (piece * (size // max(1, len(piece)) + 1))[:size] if piece else ""


def worst_cases(pattern: re.Pattern[str], variants: int = 6) -> Iterator[tuple[str, str]]:
    """(what, text) pairs of about SIZE characters that make a backtracking search work hardest."""
    tree = P.parse(pattern.pattern, pattern.flags)
    rng = random.Random(pattern.pattern)
    seen: set[str] = set()
    for variant in range(variants):
        small = _sample(list(tree), 1 + variant % 2, rng, {})
        big = _big_sample(list(tree), variant)
        candidates = {
            "unclosed sample": big[:-1],
            "closer replaced": big[:-1] + "\x00",
            "sample then junk": big + "\x00",
        }
        for cut in range(1, min(len(small), 24) + 1):
            candidates[f"prefix {cut} repeated"] = _repeated(small[:cut])
            candidates[f"prefix {cut} then space"] = _repeated(small[:cut] + " ")
        for start in range(min(len(small), 6) if variant < 2 else 0):  # an opener, then one piece pumped
            for end in range(start + 1, min(len(small), start + 6) + 1):
                candidates[f"piece {start}:{end} pumped"] = small[:start] + _repeated(small[start:end])
        for name, text in candidates.items():
            if len(text) < SIZE:
                text = _repeated(text)
            if text and text not in seen:
                seen.add(text)
                yield f"{name} ({variant})", text
    for char in sorted(set(pattern.pattern) | set(_PROBES)):
        text = _repeated(char)
        if text not in seen:
            seen.add(text)
            yield f"run of {char!r}", text
