"""Whole hostile modules, as an attacker would hand them in: each class checked by `validate` (at its line),
by `check-pr` on a real git repository, and by a real build whose every page is scanned for live markup.

The classes: page meta smuggled in the body, file names that are URLs, images from another host (inline,
reference-style, `srcset`, attr_list), borrowed classes and ids, a second Markdown page and symbolic links in
a module folder. The sanitizer-level table is in test_sanitize.py; the browser test is test_hostile_browser.py.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from gitrepo import GitRepo

from cohandbook.cli.main import cli
from cohandbook.core.check.markup import unsafe_url
from cohandbook.core.check.sanitize import foreign_url
from conftest import TODAY, Repo, Site, dump, standard_repo

CHECKLIST = "".join(f"- [ ] 第 {i} 项\n" for i in range(5))
JPEG = b"\xff\xd8\xff\xe0 jpeg"
ALIAS_BOMB = "".join(f"l{i}: &l{i} [*l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}]\n" for i in range(1, 12))

# module id -> (format, extra front matter, body, files). Bodies pass the formats' contracts, so only the
# hostile part is reported.
HOSTILE: dict[str, tuple[str, dict[str, Any], str, dict[str, bytes]]] = {
    "meta-lines": (
        "checklist",
        {},
        'subtitle: "<img src=x onerror=alert(1)>"\ndescription: "<script>alert(2)</script>"\n'
        'author: "<img src=x onerror=alert(3)>"\nstatus: new\n\n' + CHECKLIST,
        {},
    ),
    "meta-block": (
        "checklist",
        {},
        '---\ntitle: "<img src=x onerror=alert(1)>"\nsubtitle: "<svg onload=alert(1)>"\n---\n\n' + CHECKLIST,
        {},
    ),
    "meta-bomb": ("checklist", {}, "---\nl0: &l0 [lol]\n" + ALIAS_BOMB + "---\n\n" + CHECKLIST, {}),
    "scheme-names": (
        "gallery",
        {
            "gallery": [{"file": "javascript:alert(1).jpg", "alt": "坏文件名"}]
            + [{"file": "https://evil.example/x.jpg", "alt": "外链"}]
            + [{"file": f"p{i}.jpg", "alt": f"图 {i}"} for i in range(4)]
        },
        "图集。\n",
        {"javascript:alert(1).jpg": JPEG, **{f"p{i}.jpg": JPEG for i in range(4)}},
    ),
    "scheme-video": (
        "video",
        {
            "video": {
                "file": "javascript:alert(1).mp4",
                "poster": "//evil.example/poster.jpg",
                "captions": "../../../../mkdocs.yml",
                "duration": 10,
            }
        },
        "视频。\n",
        {},
    ),
    "foreign-images": (
        "checklist",
        {},
        CHECKLIST
        + '\n<img src="https://evil.example/a.png">\n\n'
        + "![跟踪][evil]\n\n"
        + "![跟踪](//evil.example/c.png)\n\n"
        + '<img src="/\\evil.example/d.png">\n\n'
        + "![本地](ok.jpg){ src=https://evil.example/e.png }\n\n"
        + '<img src="https:&#x2F;&#x2F;evil.example/i.png">\n\n'
        + "[evil]: https://evil.example/b.png\n",
        {"ok.jpg": JPEG},
    ),
    "borrowed-classes": (
        "checklist",
        {},
        CHECKLIST
        + "\n[登录已过期，请重新登录](https://evil.example/){: .md-dialog .md-dialog--active }\n\n"
        + '<div class="md-dialog md-dialog--active"><div class="md-dialog__inner md-typeset">登录已过期</div></div>\n\n'
        + '<p class="ch-module-header__meta" id="document$">假的署名</p>\n\n'
        + '<a href="https://evil.example/g.png" class="glightbox">看大图</a>\n',
        {},
    ),
    "extra-page": (
        "checklist",
        {},
        CHECKLIST,
        {"notes.md": b"<script>alert(1)</script>\n\n# notes\n"},
    ),
}

# (module, code, text on the reported line); None: reported without a line
EXPECTED = [
    ("meta-lines", "body-looks-like-meta", "subtitle:"),
    ("meta-block", "frontmatter-twice", "---"),
    ("meta-bomb", "frontmatter-twice", "---"),
    ("scheme-names", "asset-name", "https://evil.example/x.jpg"),
    ("scheme-video", "asset-name", "video:"),
    ("foreign-images", "image-external", "https://evil.example/a.png"),
    ("foreign-images", "image-external", "![跟踪][evil]"),
    ("foreign-images", "image-external", "//evil.example/c.png"),
    ("foreign-images", "image-external", "evil.example/d.png"),
    ("foreign-images", "image-external", "https://evil.example/e.png"),
    ("foreign-images", "image-external", "evil.example/i.png"),
    ("borrowed-classes", "markup-removed", ".md-dialog .md-dialog--active"),
    ("borrowed-classes", "markup-removed", 'class="md-dialog md-dialog--active"'),
    ("borrowed-classes", "markup-removed", "document$"),
    ("borrowed-classes", "markup-removed", "glightbox"),
]
FILE_FINDINGS = [
    ("scheme-names/javascript:alert(1).jpg", "file-name"),
    ("extra-page/notes.md", "file-extra-page"),
    ("linked/leak.md", "symlink"),
    ("linked/folder", "symlink"),
]


def hostile_repo(root: Path) -> Repo:
    repo = standard_repo(root)
    modules = [{"id": m, "title": f"恶意 {m}", "format": fmt} for m, (fmt, _, _, _) in HOSTILE.items()]
    modules.append({"id": "linked", "title": "链接", "format": "checklist"})
    repo.handbook("evil", title="不安全内容", chapters=[{"id": "c", "title": "章", "modules": modules}])
    front = {"status": "accepted", "contributors": ["li-na"], "claimed": "2026-11-01"}
    for module, (_, extra, body, files) in HOSTILE.items():
        repo.write(f"handbooks/evil/modules/{module}/index.md", f"---\n{dump({**front, **extra})}---\n{body}")
        for name, content in files.items():
            repo.write(f"handbooks/evil/modules/{module}/{name}", content)
    repo.module("evil", "linked", front, CHECKLIST)
    outside = repo.write("outside/leak.md", "<script>alert('leak')</script>\n")
    repo.write("outside/folder/page.md", "<script>alert('folder')</script>\n")
    os.symlink(outside, root / "handbooks/evil/modules/linked/leak.md")
    os.symlink(root / "outside/folder", root / "handbooks/evil/modules/linked/folder")
    return repo


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """Built without --strict: what a careless operator would publish must still be inert."""
    return hostile_repo(tmp_path_factory.mktemp("hostile") / "repo").build(strict=False)


@pytest.fixture
def hostile(tmp_path: Path) -> Repo:
    return hostile_repo(tmp_path / "repo")


def test_validate_reports_every_hostile_module_at_its_line(hostile: Repo) -> None:
    result = CliRunner().invoke(cli, ["--root", str(hostile.root), "validate", "--format", "json", "--today", TODAY])
    assert result.exit_code == 1
    findings = json.loads(result.output)
    for module, code, text in EXPECTED:
        file = f"handbooks/evil/modules/{module}/index.md"
        lines = (hostile.root / file).read_text(encoding="utf-8").splitlines()
        found = [lines[f["line"] - 1] for f in findings if f["file"] == file and f["code"] == code and f["line"]]
        assert any(text in line for line in found), (module, code, found)
    reported = {(f["file"], f["code"]) for f in findings}
    for path, code in FILE_FINDINGS:
        assert (f"handbooks/evil/modules/{path}", code) in reported, (path, code)
    assert not [f for f in findings if f["code"] == "asset-missing" and "evil/modules/scheme-names" in f["file"]]


def live_markup(soup: BeautifulSoup) -> list[str]:
    """Everything in a page that runs code, fetches from another host or borrows Material's dialog."""
    found = []
    for element in soup.find_all(True):
        if element.find_parent("template") is not None:
            continue  # inert until our own script clones it (the video facade); no hostile module uses one
        for name, value in element.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on"):
                found.append(f"{element.name}[{name}]")
            if name in ("href", "src", "action", "formaction", "poster", "data", "xlink:href") and unsafe_url(text):
                found.append(f"{element.name}[{name}={text}]")
            if name in ("src", "srcset", "poster", "data") and foreign_url(text):
                found.append(f"{element.name}[{name}={text}]")
        classes = element.get("class") or []
        # Material's own (hidden) dialog and our templates' buttons sit outside the contributed body.
        inside = element.find_parent(class_=("ch-module__body", "ch-print-module__body")) is not None
        if "md-dialog--active" in classes or (inside and any(c.startswith("md-") for c in classes)):
            found.append(f"{element.name}.{'.'.join(classes)}")
    return found


def test_no_page_of_the_build_carries_live_markup(hostile_site: Site) -> None:
    pages = [p for p in hostile_site.all_files() if p.suffix == ".html"]
    assert len(pages) > 10
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert live_markup(BeautifulSoup(text, "lxml")) == [], page


def test_smuggled_meta_never_becomes_page_meta(hostile_site: Site) -> None:
    for module in ("meta-lines", "meta-block", "meta-bomb"):
        soup = hostile_site.soup(f"evil/{module}/")
        assert soup.title is not None and soup.title.get_text().startswith(f"恶意 {module}")
        description = soup.select_one('meta[name="description"]')
        assert description is None or "script" not in description.get("content", "")
        assert soup.select_one('meta[name="author"]') is None
        assert not soup.select("img[onerror], svg[onload], script:-soup-contains('alert')")


def test_only_index_md_and_listed_files_are_published(hostile_site: Site) -> None:
    published = {str(p.relative_to(hostile_site.root)) for p in hostile_site.all_files()}
    evil = [p for p in published if p.startswith("evil/")]
    assert not [p for p in evil if "notes" in p or "leak" in p or "folder" in p or "javascript" in p], evil
    assert "evil/foreign-images/ok.jpg" in published
    gallery = hostile_site.article("evil/scheme-names/")
    assert [a["href"] for a in gallery.select(".ch-gallery a")] == [f"p{i}.jpg" for i in range(4)]
    video = hostile_site.article("evil/scheme-video/")
    assert not video.select("video, source, track, img.ch-video__poster")


def test_sitemap_is_dated_by_the_pinned_day(hostile_site: Site) -> None:
    sitemap = (hostile_site.root / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<lastmod>") > 10 and sitemap.count(f"<lastmod>{TODAY}</lastmod>") == sitemap.count(
        "<lastmod>"
    )


@pytest.mark.parametrize("module", sorted(HOSTILE))
def test_check_pr_refuses_or_reports_each_hostile_module(tmp_path: Path, module: str) -> None:
    repo = standard_repo(tmp_path / "repo")
    repo.handbook("evil", title="不安全内容", chapters=[{"id": "c", "title": "章", "modules": [
        {"id": module, "title": "恶意", "format": HOSTILE[module][0]}]}])  # fmt: skip
    pr = GitRepo(repo).start()
    _, extra, body, files = HOSTILE[module]
    front = {"status": "submitted", "contributors": ["li-na"], "claimed": TODAY, "submitted": TODAY, **extra}
    repo.write(f"handbooks/evil/modules/{module}/index.md", f"---\n{dump(front)}---\n{body}")
    for name, content in files.items():
        repo.write(f"handbooks/evil/modules/{module}/{name}", content)
    pr.commit("恶意模块")
    result = pr.check("lina-drives", "--format", "json")
    findings = json.loads(result.output)
    expected = {code for m, code, _ in EXPECTED if m == module}
    expected |= {code for path, code in FILE_FINDINGS if path.startswith(f"{module}/")}
    assert expected <= {f["code"] for f in findings}, findings
    if any(f["level"] == "error" for f in findings if f["code"] in expected):
        assert result.exit_code == 1
