"""The build cache: the same bytes with and without it, every change of input gives new entries, and a
rebuild under `--dirty` (as `mkdocs serve --dirty` does) still prints every module."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import jieba
import pytest
from backrefs import bre
from jinja2 import Environment
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from cohandbook.plugin import cache as cache_module
from cohandbook.plugin import pack as pack_module
from cohandbook.plugin import plugin as plugin_module
from cohandbook.plugin import shells
from cohandbook.plugin.search import CAR_WORDS, load_search_words
from cohandbook.plugin.segment import fast_cut
from conftest import PROJECT, Repo, Site

MARK = "缓存里的记号"


def snapshot(site: Site) -> dict[str, bytes]:
    return {p.relative_to(site.root).as_posix(): p.read_bytes() for p in site.all_files()}


def cache_dir(repo: Repo) -> Path:
    return repo.root / ".cache/cohandbook"


def packs(repo: Repo) -> list[str]:
    return sorted(p.name for p in cache_dir(repo).glob("pages-*.pack"))


def edit_kept_pages(folder: Path, edit: Callable[[str], str]) -> None:
    """Change every kept page of a cache folder: one forged pack, the pages table pointing into it."""
    forged, pack = "pages-" + "0" * 16 + ".pack", bytearray()
    pages = json.loads((folder / "pages.json").read_text(encoding="utf-8"))
    for key, entry in pages.items():
        if key != "salt":
            name, offset, length = entry
            data = edit((folder / name).read_bytes()[offset : offset + length].decode("utf-8")).encode("utf-8")
            pages[key] = [forged, len(pack), len(data)]
            pack += data
    (folder / forged).write_bytes(bytes(pack))
    (folder / "pages.json").write_text(json.dumps(pages, ensure_ascii=False), encoding="utf-8")


def tamper(repo: Repo) -> None:
    """Put a mark into every kept page and body: a build that shows it read the cache."""
    edit_kept_pages(cache_dir(repo), lambda html: html.replace("</article>", f"{MARK}</article>"))
    bodies = cache_dir(repo) / "bodies.json"
    table = json.loads(bodies.read_text(encoding="utf-8"))
    for key, entry in table.items():
        if key != "salt":
            entry["html"] += f"<p>{MARK}</p>"
    bodies.write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")


def test_cold_warm_and_uncached_builds_are_byte_identical(example_copy: Repo) -> None:
    cold = snapshot(example_copy.build())
    assert packs(example_copy) and (cache_dir(example_copy) / "bodies.json").is_file()
    warm = snapshot(example_copy.build())
    assert warm == cold
    uncached = snapshot(example_copy.build(cache=False))
    assert uncached == cold


def test_cache_off_writes_nothing(repo: Repo) -> None:
    repo.build(cache=False)
    assert not (repo.root / ".cache").exists()


def test_a_warm_build_reads_the_cache(repo: Repo) -> None:
    repo.build()
    tamper(repo)
    site = repo.build()
    assert MARK in site.html("guide/storage/")  # the whole page came from the cache
    assert MARK in site.html("guide/print/")  # and so did the bodies the print edition is made of


def test_an_edited_module_is_rendered_again_and_the_others_are_not(repo: Repo) -> None:
    repo.build()
    tamper(repo)
    repo.module(
        "guide",
        "daily-check",
        {"status": "accepted", "contributors": ["li-na"], "claimed": "2026-11-01"},
        "- [ ] 新的一项\n" * 6,
    )
    site = repo.build()
    assert MARK not in site.html("guide/daily-check/") and "新的一项" in site.html("guide/daily-check/")
    assert MARK in site.html("guide/storage/")


@pytest.mark.parametrize(
    "change",
    ["extension", "plugin option", "version", "sanitizer"],
)
def test_what_a_page_is_made_with_is_in_its_address(repo: Repo, change: str, monkeypatch: pytest.MonkeyPatch) -> None:
    repo.build()
    tamper(repo)
    options = {}
    if change == "extension":
        repo.config["markdown_extensions"] = [*repo.config["markdown_extensions"], "abbr"]
    elif change == "plugin option":
        options["claim_cap"] = 3
    elif change == "version":
        real = cache_module._version
        monkeypatch.setattr(cache_module, "_version", lambda name: real(name) + ("+1" if name == "nh3" else ""))
    else:  # our own code, the sanitizer's allowlist among it, is hashed into every address
        real_tree = cache_module.tree_digest
        monkeypatch.setattr(cache_module, "tree_digest", lambda folder: real_tree(folder) + "changed")
    site = repo.build(**options)
    assert MARK not in site.html("guide/storage/")
    assert MARK not in site.html("guide/print/")


def test_deleting_the_cache_only_costs_time(repo: Repo) -> None:
    first = snapshot(repo.build())
    for path in sorted(cache_dir(repo).rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    assert snapshot(repo.build()) == first


def test_kept_pages_are_a_few_packs_not_a_file_each(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cold build writes one pack; a warm one none; each rebuild after an edit adds a small pack, and a
    full build copies the live pages into one pack once the packs are many."""
    repo.build()
    first = packs(repo)
    assert len(first) == 1 and len(list(cache_dir(repo).iterdir())) < 12
    repo.build()
    assert packs(repo) == first
    monkeypatch.setattr(pack_module, "MAX_PACKS", 2)
    seen = set(first)
    for n in range(3):
        body = "".join(f"- [ ] 第 {n} 次改过的第 {i} 项\n" for i in range(6))
        meta = {"status": "accepted", "contributors": ["li-na"], "claimed": "2026-11-01"}
        repo.module("guide", "daily-check", meta, body)
        site = repo.build()
        assert f"第 {n} 次改过的第 3 项" in site.html("guide/daily-check/")
        seen |= set(packs(repo))
    assert len(seen) > 3 and len(packs(repo)) <= 2
    assert snapshot(repo.build()) == snapshot(repo.build(cache=False))


@pytest.mark.parametrize("damage", ["missing", "short", "elsewhere"])
def test_a_damaged_pack_only_costs_time(repo: Repo, damage: str) -> None:
    first = snapshot(repo.build())
    (pack,) = packs(repo)
    if damage == "missing":
        (cache_dir(repo) / pack).unlink()
    elif damage == "short":
        (cache_dir(repo) / pack).write_bytes((cache_dir(repo) / pack).read_bytes()[:100])
    else:  # an entry that names a file outside the cache folder is not a kept page
        table = json.loads((cache_dir(repo) / "pages.json").read_text(encoding="utf-8"))
        table = {k: (["../../mkdocs.yml", 0, 10] if k != "salt" else v) for k, v in table.items()}
        (cache_dir(repo) / "pages.json").write_text(json.dumps(table), encoding="utf-8")
    assert snapshot(repo.build()) == first


def test_the_first_layouts_page_files_are_dropped(repo: Repo) -> None:
    old = [cache_dir(repo) / "pages" / f"{'a' * 64}.html", cache_dir(repo) / "templates" / f"{'b' * 40}.cache"]
    for path in old:
        path.parent.mkdir(parents=True)
        path.write_text("<p>old</p>", encoding="utf-8")
    repo.build()
    assert not any(path.parent.exists() for path in old) and packs(repo)


def test_compiled_templates_are_one_table(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    """Jinja's compiled theme templates: kept in templates.json, used by the next build, and a damaged entry
    is compiled again."""
    first = snapshot(repo.build())
    table = json.loads((cache_dir(repo) / "templates.json").read_text(encoding="utf-8"))
    assert len(table) > 10 and sorted(p.name for p in cache_dir(repo).iterdir() if p.is_dir()) == []
    compiled: list[str] = []
    real = Environment.compile
    monkeypatch.setattr(
        Environment,
        "compile",
        lambda self, *a, **k: compiled.append(a[1] if len(a) > 1 else k.get("name")) or real(self, *a, **k),
    )
    assert snapshot(repo.build()) == first
    # Every template of the site's pages came from the table (Material's search translates its labels in an
    # environment of its own, which MkDocs gives no bytecode cache).
    assert {name for name in compiled if not name.startswith("partials/language")} == set()
    damaged = {k: ("%%%" if k != "salt" else v) for k, v in table.items()}
    (cache_dir(repo) / "templates.json").write_text(json.dumps(damaged), encoding="utf-8")
    assert snapshot(repo.build()) == first and compiled


def test_a_rebuild_writes_profiles_into_their_old_folders(repo: Repo) -> None:
    """Profile folders outlive MkDocs' cleaning (moved into the cache folder and back), never a stale page:
    a person who left loses their folder, anything else in the folders goes, the bytes stay the same."""
    repo.person("gone", name="离开的人", city="成都")
    site = repo.build()
    folder = site.root / "contributors"
    before = (folder / "li-na").stat().st_ino
    (folder / "li-na" / "stray.html").write_text("旧的", encoding="utf-8")
    (folder / "stray").mkdir()
    (repo.root / "contributors/gone.yml").unlink()
    site = repo.build()
    assert (folder / "li-na").stat().st_ino == before  # the same folder, written over
    assert not (folder / "gone").exists() and not (folder / "stray").exists()
    assert not (folder / "li-na" / "stray.html").exists()
    assert not (cache_dir(repo) / "recycled-contributors").exists()
    assert snapshot(site) == snapshot(repo.build(cache=False))  # cleaned by MkDocs alone: the same site


@pytest.mark.usefixtures("expect_warnings")
def test_a_failed_build_leaves_no_parked_profiles(repo: Repo) -> None:
    repo.build()
    chapters = [{"id": "c", "title": "章", "modules": [{"id": "a", "title": "甲", "format": "checklist"}]}]
    repo.handbook("done", status="published", chapters=chapters)  # its required module is not accepted
    with pytest.raises(Abort):
        repo.build(strict=False)
    assert not (cache_dir(repo) / "recycled-contributors").exists()


def dirty_build(repo: Repo) -> Site:
    """A rebuild as `mkdocs serve --dirty` makes it: only pages whose file changed are read again."""
    config = load_config(str(repo.root / "mkdocs.yml"), site_dir=str(repo.root / "site"))
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)
    return Site(repo.root / "site")


@pytest.mark.usefixtures("expect_warnings")  # MkDocs warns that a dirty build is for previews only
@pytest.mark.parametrize("cache", [True, False])
def test_a_dirty_rebuild_prints_every_module(repo: Repo, cache: bool) -> None:
    repo.build(cache=cache)
    repo.module(
        "guide",
        "daily-check",
        {"status": "accepted", "contributors": ["li-na"], "claimed": "2026-11-01"},
        "".join(f"- [ ] 改过的第 {i} 项\n" for i in range(6)),
    )
    site = dirty_build(repo)
    printed = site.html("guide/print/")
    assert "改过的第 3 项" in printed  # the edited module, rendered again
    assert "储物" in printed and "两分钟学会首次设置车机" in printed  # and the ones MkDocs did not read again
    assert "改过的第 3 项" in site.html("guide/daily-check/")


def test_rjieba_cuts_exactly_like_jieba() -> None:
    """On every run of Chinese in the example handbooks and a few tricky sentences: the same words."""
    load_search_words()
    cut = fast_cut([CAR_WORDS])
    assert cut is not None
    han = bre.compile(r"(\p{script: Han}+)", bre.UNICODE)
    texts = [p.read_text(encoding="utf-8") for p in sorted(PROJECT.glob("handbooks/**/*.md"))]
    texts += ["车机系统里的胎压监测会实时显示", "首次车机系统设置", "中控屏上一下子弹出好几个引导页"]
    runs = sorted({run for text in texts for run in han.findall(text)})
    assert len(runs) > 200
    assert [cut(run) for run in runs] == [list(jieba.cut(run.encode("utf-8"))) for run in runs]


def test_a_word_without_frequency_keeps_jieba(tmp_path: Path) -> None:
    words = tmp_path / "words.txt"
    words.write_text("星河七号 5\n", encoding="utf-8")
    assert fast_cut([CAR_WORDS, words]) is not None
    words.write_text("星河七号\n", encoding="utf-8")
    assert fast_cut([CAR_WORDS, words]) is None


def test_the_search_index_is_the_same_with_either_cutter(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = (repo.build(cache=False).root / "search/search_index.json").read_bytes()
    monkeypatch.setattr(plugin_module, "fast_cut", lambda words: None)
    assert (repo.build(cache=False).root / "search/search_index.json").read_bytes() == fast


def test_profiles_from_one_frame_are_the_themes_pages(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every profile but the first is the theme's frame with its own title, address and content filled in:
    byte for byte what the theme renders for it, also when the check of the first profile fails."""
    for n in range(3):
        repo.person(f"extra-{n}", name=f"车主 & <{n}>", city="成都")
    calls = []
    real_fill = shells.fill
    monkeypatch.setattr(shells, "fill", lambda frame, page: calls.append(page.url) or real_fill(frame, page))
    framed = snapshot(repo.build(cache=False))
    assert len(calls) >= 4  # the check of the first profile, then every other profile
    monkeypatch.setattr(shells.ProfileFrames, "start", lambda self, env, pages: None)
    assert snapshot(repo.build(cache=False)) == framed
    monkeypatch.undo()
    monkeypatch.setattr(shells, "fill", lambda frame, page: "不一样" + real_fill(frame, page))
    assert snapshot(repo.build(cache=False)) == framed  # the check failed: every profile rendered in full
