"""The hardened YAML loader reads with libyaml when it can, and says exactly what the pure-Python one says."""

from __future__ import annotations

import pytest
import yaml

from cohandbook.core.read import yamlsafe
from cohandbook.core.read.markdown import split_front_matter
from conftest import PROJECT

EXAMPLE_YAML = sorted(PROJECT.glob("contributors/**/*.yml")) + sorted(PROJECT.glob("handbooks/*/handbook.yml"))
EXAMPLE_FRONT = sorted(PROJECT.glob("handbooks/*/modules/*/index.md"))


def load_slowly(text: str) -> object:
    loader = yamlsafe.HardenedLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def both(text: str) -> tuple[object, object]:
    return yamlsafe.load(text), load_slowly(text)


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML without libyaml")
@pytest.mark.parametrize("path", EXAMPLE_YAML + EXAMPLE_FRONT, ids=lambda p: str(p.relative_to(PROJECT)))
def test_fast_and_slow_loaders_build_the_same_values_and_lines(path) -> None:  # type: ignore[no-untyped-def]
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        text = split_front_matter(text).front or ""
    fast, slow = both(text)
    assert fast == slow
    assert getattr(fast, "key_lines", None) == getattr(slow, "key_lines", None)
