"""Where things live is written once (core/domain/layout.py); the file rules' reading of a path agrees."""

from __future__ import annotations

import pytest

from cohandbook.core.domain import layout
from cohandbook.core.read.files import place_of

PATHS = [
    "handbooks/guide/modules/kids-seat/index.md",
    "handbooks/guide/modules/kids-seat/photos/a.jpg",
    "handbooks/guide/modules/kids-seat",
    "handbooks/guide/handbook.yml",
    "handbooks/guide/cover.jpg",
    "handbooks/guide/modules//index.md",
    "contributors/li-na.yml",
    "contributors/squads/ice.yml",
    "mkdocs.yml",
]


@pytest.mark.parametrize("path", PATHS)
def test_the_layout_and_the_file_rules_read_a_path_alike(path: str) -> None:
    place = place_of(path)
    in_module = place.kind in ("module", "module-asset") and all(path.split("/")[:5])
    assert layout.module_of(path) == ((place.handbook, place.module) if in_module else None)


def test_paths_are_built_and_read_back_alike() -> None:
    index = layout.module_index("guide", "kids-seat")
    assert index == "handbooks/guide/modules/kids-seat/index.md"
    assert layout.module_of(index) == ("guide", "kids-seat")
    assert layout.module_named("guide/kids-seat") == layout.module_named(layout.module_folder("guide", "kids-seat"))
    assert layout.module_named("guide") is None and layout.module_named("a/b/c") is None
    assert layout.module_src("guide", "kids-seat", "a.jpg") == "guide/modules/kids-seat/a.jpg"


def test_form_links_are_prefilled_and_quoted() -> None:
    link = layout.module_form_link("https://github.com/o/r", "submit.yml", "交稿", "guide", "kids-seat", "儿童 座椅")
    assert link.startswith("https://github.com/o/r/issues/new?template=submit.yml&title=")
    assert "handbook=guide&module=kids-seat" in link and " " not in link
    assert layout.join_link("https://github.com/o/r") == "https://github.com/o/r/issues/new?template=join.yml"
