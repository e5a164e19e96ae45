"""Every regular expression of the package runs in linear time on 100 KB of hostile text.

The patterns are discovered, not listed: every compiled `re` pattern held at module level (alone, or in a
list, tuple or dict) in any module of the package. Each runs as a search (`finditer`, the costliest way a
pattern is used) over texts generated from its own parse tree (tests/redos.py): samples cut short, prefixes
repeated, repetition bodies repeated with the closer left off, runs of each of its characters. A linear
pattern finishes each in milliseconds; the bound is generous for a slow shared machine, and the patterns
this replaced (one exponential, several quadratic) are shown to miss it by far.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from redos import SIZE, worst_cases

import cohandbook

BOUND = 1.0  # seconds for one search over 100 KB; a linear pattern takes a few milliseconds
PROJECT = Path(__file__).resolve().parent.parent


def _patterns_in(value: object) -> Iterator[re.Pattern[str]]:
    if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _patterns_in(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _patterns_in(item)


# Modules whose patterns never see contributed text as it was typed, and why.
EXEMPT = {
    # One-lining the HTML that the sanitizer wrote: every `<` of text is `&lt;` there, comments are gone
    # and attribute values are quoted, so each `<` opens a tag that closes. Contributed text reaches these
    # patterns only through that sanitizer.
    "cohandbook.core.site.export": "sanitized HTML",
    "cohandbook.core.site.print_edition": "sanitized HTML",
}


def package_patterns() -> dict[str, re.Pattern[str]]:
    found: dict[str, re.Pattern[str]] = {}
    for info in pkgutil.walk_packages(cohandbook.__path__, "cohandbook."):
        if info.name in EXEMPT:
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            for pattern in _patterns_in(value):
                found.setdefault(pattern.pattern, pattern)
    return found


PATTERNS = package_patterns()


def test_the_package_has_patterns_to_check() -> None:
    assert len(PATTERNS) > 40
    assert any("{" in p for p in PATTERNS)  # the attr_list block of the markup check is among them


@pytest.mark.parametrize("source", sorted(PATTERNS), ids=lambda s: s[:40])
def test_pattern_is_linear_on_generated_worst_cases(source: str) -> None:
    pattern = PATTERNS[source]
    slow = []
    for what, text in worst_cases(pattern):
        assert len(text) >= SIZE or what.startswith("run")
        started = time.perf_counter()
        for _ in pattern.finditer(text):
            pass
        elapsed = time.perf_counter() - started
        if elapsed > BOUND:
            slow.append(f"{what}: {elapsed:.2f} s")
    assert not slow, slow


# The patterns this work replaced: the measurement must catch each of them.
ORIGINALS = [
    # markup.py's attr_list: exponential on `{: a=b a=b …` with no closing brace
    r"""\{:?[ \t]*((?:(?:[#.][^\s{}]+|[^\s{}=]+=(?:"[^"\n]*"|'[^'\n]*'|[^\s{}]+))[ \t]*)+)\}""",
    r"<!--.*?-->",  # read/markdown.py: quadratic on a run of comment openers
    r"^###[ \t]+(.+?)[ \t]*$",  # bot/form.py: quadratic on a heading of blanks
    r"(`+)(.+?)\1",  # markup.py's inline code: cubic on a run of backticks
]
_PROBE = """
import re, sys, time
sys.path.insert(0, {tests!r})
from redos import worst_cases
pattern = re.compile({source!r})
for what, text in worst_cases(pattern):
    started = time.perf_counter()
    for _ in pattern.finditer(text):
        pass
    if time.perf_counter() - started > {bound}:
        print("slow", what)
        break
"""


@pytest.mark.parametrize("source", ORIGINALS, ids=lambda s: s[:24])
def test_the_measurement_catches_the_replaced_patterns(source: str) -> None:
    """Run in a child: a pattern that hangs for minutes is stopped after a few seconds, which is the point."""
    probe = _PROBE.format(tests=str(PROJECT / "tests"), source=source, bound=BOUND)
    try:
        done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=10)
    except subprocess.TimeoutExpired:
        return  # one search ran past 10 s: caught
    assert done.stdout.startswith("slow"), done.stdout + done.stderr
