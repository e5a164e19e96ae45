"""Where things live is written once (core/domain/layout.py); the file rules' reading of a path agrees."""

from __future__ import annotations

import time

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


def test_a_module_is_named_with_or_without_the_folder_words() -> None:
    for name in (
        "guide/kids-seat",
        "handbooks/guide/kids-seat",
        "guide/modules/kids-seat",
        "/handbooks/guide/modules/kids-seat/",
    ):
        assert layout.module_named(name) == ("guide", "kids-seat"), name
    assert layout.module_id_named("guide/kids-seat") == ("guide", "kids-seat")
    assert layout.module_id_named("指南/座椅") is None and layout.module_named("指南/座椅") == ("指南", "座椅")
    assert layout.module_id_named("guide/" + "a" * 64) is None and layout.module_id_named("Guide/x") is None


def test_ids_are_checked_on_capped_text_in_linear_time() -> None:
    assert layout.is_id("a" * 63) and not layout.is_id("a" * 64) and not layout.is_id("-a") and not layout.is_id("")
    assert not layout.is_id("a\n") and not layout.is_id("a_b")
    from cohandbook.core.domain.model import ID_PATTERN  # the readers' form of the same rule

    assert ID_PATTERN.match("kids-seat") and not ID_PATTERN.match("kids-seat\n") and not ID_PATTERN.match("a" * 64)
    started = time.perf_counter()
    assert not layout.is_id("a" * 5_000_000 + "!")  # capped before the pattern runs
    assert layout.module_id_named("a/" * 100_000) is None
    assert time.perf_counter() - started < 0.5


def test_page_addresses_are_built_and_read_back_alike() -> None:
    assert layout.module_page("guide", "kids-seat") == "guide/kids-seat/"
    assert layout.module_page_of(layout.module_page("guide", "kids-seat")) == ("guide", "kids-seat")
    for address in ("guide/kids-seat", "guide/kids-seat/x/", "../x/", "guide//", "Guide/x/", "https://e.com/x/"):
        assert layout.module_page_of(address) is None, address


def test_profiles_and_avatars_are_read_back_from_their_paths() -> None:
    assert layout.profile_of(layout.profile_file("li-na")) == "li-na"
    assert layout.profile_of("contributors/squads/ice.yml") is None and layout.profile_of("contributors/.yml") is None
    assert layout.profile_of("contributors/li-na.yaml") is None and layout.profile_of("x/li-na.yml") is None
    assert layout.avatar_of(layout.contributor_file("avatars/li-na.jpg")) == "li-na"
    assert layout.avatar_of("contributors/avatars/a.b.png") == "a.b"
    for path in ("contributors/avatars/.png", "contributors/avatars/li-na", "contributors/li-na.jpg"):
        assert layout.avatar_of(path) is None, path
    assert layout.squad_file("ice").startswith(layout.SQUAD_FOLDER + "/")


def test_a_path_names_its_handbook_only_inside_the_handbooks_folder() -> None:
    assert layout.handbook_of(layout.blueprint_file("guide")) == "guide"
    assert layout.handbook_of(layout.module_index("guide", "kids-seat")) == "guide"
    for path in ("handbooks/guide", "contributors/guide/x.yml", "handbooks//x", "mkdocs.yml"):
        assert layout.handbook_of(path) is None, path


def test_the_bot_and_the_command_line_read_a_module_name_alike() -> None:
    from cohandbook.core.bot.commands import parse_command

    for name in ("guide/kids-seat", "`handbooks/guide/modules/kids-seat/`", "guide/modules/kids-seat"):
        command = parse_command(f"/验收 {name}")
        assert command is not None and command.module == layout.module_named(name.strip("`")), name
    command = parse_command("/验收 指南/座椅 guide/kids-seat")
    assert command is not None and command.module == ("guide", "kids-seat")  # the first that is ids
