"""Awkward real-world Markdown (tests/awkward/*.md) builds as plain MkDocs builds it, with strict checks.

The pages come from books that contributors wrote in whatever editor they had: raw HTML with bare
attributes, old `<a name>` anchors, HTML nested in HTML, admonitions inside lists, long tables, images named
`.JPG` and `.Jpeg`. Every page must build under `--strict`, twice (the second time from the build cache),
and a photo whose name lies about its type is a finding that `validate --fix-media` really fixes. Markup the
site really cannot use (tests/awkward/unusable/, outside the corpus) is a warning with file and line.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from media_files import jpeg

from cohandbook.cli.main import cli
from conftest import Repo, Site

CORPUS = Path(__file__).parent / "awkward"
PAGES = sorted(p.stem for p in CORPUS.glob("*.md"))
FRONT = {"status": "accepted", "contributors": ["li-na"], "claimed": "2026-11-01"}


def awkward_repo(root: Path) -> Repo:
    repo = Repo(root)
    repo.person("li-na", name="李娜")
    modules = [{"id": page, "title": page, "format": "article", "limits": {"min_chars": 0}} for page in PAGES]
    repo.handbook("book", chapters=[{"id": "all", "title": "全部", "modules": modules}])
    for page in PAGES:
        repo.module("book", page, FRONT, (CORPUS / f"{page}.md").read_text(encoding="utf-8"))
    photos = {"upper.JPG": (800, 600), "mixed.Jpeg": (600, 800), "images/inside.jpeg": (300, 200)}
    for name, size in photos.items():
        repo.write(f"handbooks/book/modules/images/{name}", jpeg(size))
    return repo


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    repo = awkward_repo(tmp_path_factory.mktemp("awkward") / "repo")
    repo.build(strict=True, cache=True)
    return repo.build(strict=True, cache=True)  # the second build reads every body from the cache


def test_bare_attributes_and_old_anchors_build(built: Site) -> None:
    article = built.article("/book/raw-html/")
    link = article.select_one('a[href="#old-anchor"]')
    assert link is not None
    target = article.select_one("#old-anchor")  # the old `<a name>` is now an anchor the link reaches
    assert target is not None and target.name == "a" and not target.has_attr("name")
    assert "冬天气温每降 10 度" in article.get_text()
    assert article.select_one("details[open] summary") is not None
    assert article.select_one("div[hidden]") is not None  # the page hides what its writer hid
    assert not [tag for tag in article.select("[id]") if not tag["id"] or str(tag["id"]).startswith("ch-")]


def test_markup_the_site_cannot_use_is_a_finding_with_file_and_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, expect_warnings: None
) -> None:
    repo = awkward_repo(tmp_path / "repo")
    repo.module("book", "raw-html", FRONT, (CORPUS / "unusable/video.md").read_text(encoding="utf-8"))
    source = (repo.root / "handbooks/book/modules/raw-html/index.md").read_text(encoding="utf-8")
    line = source.splitlines().index("<video controls muted></video>") + 1

    article = repo.build(strict=False).article("/book/raw-html/")

    assert article.select_one("video") is None
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    wanted = rf"handbooks/book/modules/raw-html/index\.md:{line}: \[markup-removed\] <video>"
    assert len(warnings) == 1 and re.search(wanted, warnings[0]), warnings


def test_admonitions_inside_lists_stay_inside(built: Site) -> None:
    article = built.article("/book/lists/")
    items = article.select("ol > li")
    assert len(items) == 3
    assert items[0].select_one(".admonition.note") is not None
    assert items[1].select_one("details.tip") is not None
    assert items[1].select_one("ul ul ul code") is not None
    assert len(article.select('input[type="checkbox"]')) == 2


def test_a_long_table_keeps_every_row(built: Site) -> None:
    rows = built.article("/book/long-table/").select("table tbody tr")
    assert len(rows) == 60
    assert rows[-1].get_text(" ", strip=True).startswith("60 ")


def test_images_in_every_case_are_found(built: Site) -> None:
    article = built.article("/book/images/")
    images = article.select("img")
    assert len(images) == 5
    assert all(img.get("alt") for img in images)
    for img in images:
        src = str(img.get("src") or "")
        assert src and (built.path("/book/images/").parent / src.split("?")[0]).is_file(), src


def test_a_jpeg_named_png_is_found_and_fixed(tmp_path: Path, expect_warnings: None) -> None:
    repo = awkward_repo(tmp_path / "repo")
    folder = repo.root / "handbooks/book/modules/images"
    (folder / "images/photo.png").write_bytes(jpeg((120, 90)))
    index = folder / "index.md"
    written = (index.read_text(encoding="utf-8") + "\n![车](images/photo.png)\n").replace("\n", "\r\n")
    index.write_bytes(written.encode("utf-8"))  # written on Windows: every other byte must stay
    repo.write("handbooks/book/cover.png", jpeg((90, 120)))
    blueprint = repo.root / "handbooks/book/handbook.yml"
    blueprint.write_text(blueprint.read_text(encoding="utf-8") + "cover: cover.png\n", encoding="utf-8")
    before = CliRunner().invoke(cli, ["--root", str(repo.root), "validate", "--today", "2026-11-22"])
    assert "handbooks/book/modules/images/images/photo.png" in before.output
    assert "--fix-media" in before.output and before.exit_code == 1

    fixed = CliRunner().invoke(cli, ["--root", str(repo.root), "validate", "--fix-media", "--today", "2026-11-22"])

    assert fixed.exit_code == 0, fixed.output
    assert (folder / "images/photo.jpg").is_file() and not (folder / "images/photo.png").exists()
    assert index.read_bytes() == written.replace("photo.png", "photo.jpg").encode("utf-8")
    assert "cover: cover.jpg\n" in blueprint.read_text(encoding="utf-8")
    assert repo.build(strict=True).article("/book/images/").select_one('img[alt="车"]') is not None


def test_fix_media_refuses_to_overwrite_the_right_name(tmp_path: Path) -> None:
    repo = awkward_repo(tmp_path / "repo")
    folder = repo.root / "handbooks/book/modules/images"
    (folder / "upper.png").write_bytes(jpeg((64, 48)))
    (folder / "upper.jpg").write_bytes(b"someone else's file")

    result = CliRunner().invoke(cli, ["--root", str(repo.root), "validate", "--fix-media", "--today", "2026-11-22"])

    assert "已经存在，不覆盖" in result.output
    assert (folder / "upper.png").exists() and (folder / "upper.jpg").read_bytes() == b"someone else's file"
