"""Previews before merging: built by the trusted check from the base's configuration, theme and plugin,
with only the pull request's module and contributor files laid over the base, read from git objects.

A hostile pull request rewrites mkdocs.yml (a hook, extra JavaScript), the theme, the plugin's code and the
workflows, and adds a raw script page, a link and a disguised file to a module folder; the preview holds
its article and none of the rest.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner, Result
from gitrepo import git

from cohandbook.cli.main import cli
from cohandbook.core.bot.check_report import check_report
from cohandbook.core.bot.world import PrReport, parse_report
from cohandbook.core.domain.findings import error
from cohandbook.core.domain.settings import Settings
from cohandbook.core.pr import preview as preview_rules
from cohandbook.core.pr.preview import select_preview
from cohandbook.core.pr.trusted import PullTarget
from cohandbook.core.read.sources import Change, Entry
from conftest import PROJECT, TODAY, Repo, dump, standard_repo

OPEN = "handbooks/guide/modules/open-one"
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 60
MP4 = b"\0\0\0\x18ftypmp42" + b"\0" * 52


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    """The standard repository under git, its theme inside it (so a pull request could try to change it)."""
    repo = standard_repo(tmp_path / "repo")
    shutil.copytree(PROJECT / "theme", repo.root / "theme")
    repo.config["theme"]["custom_dir"] = "theme"
    repo.write_config(today=TODAY)
    git(repo.root, "init", "-q", "-b", "main")
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-q", "-m", "base")
    git(repo.root, "checkout", "-q", "-b", "pr")
    return repo


def hostile_pull_request(repo: Repo, canary: Path) -> None:
    work = {"status": "submitted", "contributors": ["li-na"], "claimed": TODAY}
    body = "充电的要点写在这里。" + "慢充护电池，快充看温度，冬天先预热再出发。" * 16
    repo.module("guide", "open-one", work, f"{body}\n\n<script>alert('PWNED-md')</script>\n")
    config = dict(repo.config, hooks=["hooks.py"], extra_javascript=["pwned.js"])
    repo.write("mkdocs.yml", dump(config))
    repo.write("hooks.py", f"open({str(canary)!r}, 'w').write('ran')\n")
    repo.write("pwned.js", "alert('PWNED-js')")
    repo.write("theme/main.html", '{% extends "base.html" %}{% block content %}PWNED-theme{% endblock %}')
    repo.write("theme/partials/source.html", "PWNED-partial")
    repo.write("plugins/cohandbook/__init__.py", "raise SystemExit('PWNED-plugin')\n")
    repo.write(".github/workflows/evil.yml", "on: push\n")
    repo.write(f"{OPEN}/raw.html", "<script>alert('PWNED-raw')</script>")
    repo.write(f"{OPEN}/raw.js", "alert('PWNED-rawjs')")
    repo.write(f"{OPEN}/fake.jpg", "<script>alert('PWNED-fake')</script>")
    (repo.root / OPEN / "link.jpg").symlink_to("/etc/hostname")
    repo.write("handbooks/guide/handbook.yml", "title: PWNED-blueprint\n")
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-q", "-m", "hostile")


def build_preview(repo: Repo, out: Path) -> Result:
    args = ["--root", str(repo.root), "preview", "--base", "main", "--head", "pr", "--out", str(out)]
    return CliRunner().invoke(cli, args, env={"COHANDBOOK_TODAY": TODAY}, catch_exceptions=False)


def every_file(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_the_preview_holds_the_pull_requests_module_and_nothing_else(
    repo: Repo, tmp_path: Path, caplog: pytest.LogCaptureFixture, expect_warnings: None
) -> None:
    canary = tmp_path / "hook-ran"
    hostile_pull_request(repo, canary)
    git(repo.root, "checkout", "-q", "main")  # the runner's checkout: the base, never the pull request
    result = build_preview(repo, tmp_path / "site")
    assert result.exit_code == 0, result.output
    site = tmp_path / "site"
    page = BeautifulSoup((site / "guide/open-one/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "充电的要点写在这里" in page.get_text()
    assert not page.find("script", string=lambda s: bool(s and "alert" in s))
    files = every_file(site)
    assert not [name for name, data in files.items() if b"PWNED" in data]
    assert not any(name.endswith(("raw.html", "raw.js", "fake.jpg", "link.jpg", "pwned.js")) for name in files)
    assert "javascripts/cohandbook.js" in files  # the base's theme, as main has it
    assert not canary.exists()  # the pull request's hook never ran
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] != []  # the <script>, named
    for left_out in ("mkdocs.yml", "hooks.py", "theme/main.html", ".github/workflows/evil.yml", f"{OPEN}/raw.html"):
        assert f"预览里不包含：{left_out}" in result.output


def test_a_module_deleted_by_the_pull_request_is_gone_from_its_preview(repo: Repo, tmp_path: Path) -> None:
    git(repo.root, "rm", "-q", "-r", "handbooks/guide/modules/first-1000km")
    git(repo.root, "commit", "-q", "-m", "withdraw")
    git(repo.root, "checkout", "-q", "main")
    assert build_preview(repo, tmp_path / "site").exit_code == 0
    text = (tmp_path / "site/guide/first-1000km/index.html").read_text(encoding="utf-8")
    assert "首个一千公里" in text and (repo.root / "handbooks/guide/modules/first-1000km").is_dir()


def test_an_unknown_revision_is_a_usage_error(repo: Repo, tmp_path: Path) -> None:
    args = ["--root", str(repo.root), "preview", "--base", "main", "--head", "--output=x", "--out", str(tmp_path / "s")]
    assert CliRunner().invoke(cli, args).exit_code == 2


class Blobs:
    """A head revision as the preview rules see it: entries, and the first bytes of each."""

    def __init__(self, files: dict[str, tuple[int, bytes]]) -> None:
        self.files = files

    def entries(self) -> list[Entry]:
        return [Entry(path, size) for path, (size, _) in sorted(self.files.items())]

    def read(self, path: str) -> bytes:
        return self.files[path][1]

    def read_head(self, path: str, size: int) -> bytes | None:
        return self.files[path][1][:size]


def added(paths: list[str]) -> list[Change]:
    return [Change(p, "A", "000000", "100644") for p in paths]


def test_the_preview_is_capped_in_files() -> None:
    photos = {f"{OPEN}/photos/p{i:04}.jpg": (64, JPEG) for i in range(preview_rules.MAX_FILES + 30)}
    chosen = select_preview(added(list(photos)), Blobs(photos))
    assert len(chosen.write) == preview_rules.MAX_FILES and len(chosen.left_out) == 30
    assert [e.path for e in chosen.write] == sorted(photos)[: preview_rules.MAX_FILES]  # the same files each time


def test_the_preview_is_capped_in_bytes() -> None:
    size = 25 * 2**20
    videos = {f"handbooks/guide/modules/m{i}/video.mp4": (size, MP4) for i in range(8)}
    chosen = select_preview(added(list(videos)), Blobs(videos))
    assert chosen.size <= preview_rules.MAX_BYTES and len(chosen.write) == preview_rules.MAX_BYTES // size
    assert len(chosen.left_out) == 8 - len(chosen.write)


@pytest.mark.parametrize(
    ("path", "size", "head"),
    [
        ("handbooks/guide/modules/m/video.mp4", 26 * 2**20, MP4),  # over the file's own limit
        ("handbooks/guide/modules/m/photo.jpg", 64, b"GIF89a" + b"\0" * 58),  # content is not its type
        ("handbooks/guide/modules/m/page.html", 64, b"<p>"),  # a type outside the list
        ("handbooks/guide/modules/m/.hidden.jpg", 64, JPEG),  # a hidden name
        ("handbooks/guide/handbook.yml", 64, b"title: x"),  # a blueprint: operators' file, and config
        ("contributors/skills.yml", 64, b"a: b"),
        ("contributors/squads/s.yml", 64, b"name: s"),
        ("docs/index.md", 64, b"# x"),
        ("overrides/main.html", 64, b"x"),
    ],
)
def test_files_outside_the_rules_stay_out_of_the_preview(path: str, size: int, head: bytes) -> None:
    chosen = select_preview(added([path]), Blobs({path: (size, head)}))
    assert chosen.write == () and chosen.left_out == (path,)


def test_a_link_in_a_module_folder_stays_out() -> None:
    path = f"{OPEN}/photo.jpg"

    class Linked(Blobs):
        def entries(self) -> list[Entry]:
            return [Entry(path, 0, "symlink")]

    chosen = select_preview([Change(path, "A", "000000", "120000")], Linked({path: (0, b"/etc/passwd")}))
    assert chosen.write == () and chosen.left_out == (path,)


# The report's preview links


SHA = "a" * 40


def target(number: int = 7) -> PullTarget:
    return PullTarget(number, SHA, "b" * 40, "main", "lina-drives", "lina-drives/handbook", "patch-1", "x/handbook")


def report(findings: tuple[object, ...] = (), pages: bytes = b"guide/trunk/\n") -> PrReport:
    files = {"number": b"7", "head_sha": SHA.encode(), "findings.json": b"[]", "pages": pages}
    parsed = parse_report(files)
    return PrReport(parsed.number, parsed.head_sha, findings, pages=parsed.pages)  # type: ignore[arg-type]


def comment(
    rep: PrReport, site_url: str | None = "https://xinghe-auto.github.io/handbooks/", shown: bool = True
) -> str:
    said = check_report(
        target(), rep, shown, "https://github.com/x/handbook/actions/runs/1", Settings(site_url=site_url)
    )
    return said.plan.comments[0].body


def test_the_report_links_to_the_preview_of_the_changed_pages() -> None:
    body = comment(report())
    assert "[整本手册](https://xinghe-auto.github.io/handbooks/pr-preview/pr-7/)" in body
    assert "[guide/trunk](https://xinghe-auto.github.io/handbooks/pr-preview/pr-7/guide/trunk/)" in body


def test_no_preview_link_while_the_check_fails_without_a_site_or_without_a_preview() -> None:
    assert "网页预览" not in comment(report((error("x", "f", 1, "坏了"),)))
    assert "网页预览" not in comment(report(), site_url=None)
    assert "网页预览" not in comment(report(), shown=False)  # the preview job did not succeed


def test_forged_page_names_in_the_verdict_are_dropped() -> None:
    rep = report(pages=b"guide/trunk/\n](https://evil.example)/\n../../x/\njavascript:alert(1)//\n")
    assert rep.pages == ("guide/trunk/",)


def test_a_site_over_the_cap_is_no_preview(
    repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, expect_warnings: None
) -> None:
    from cohandbook.cli import preview as command

    monkeypatch.setattr(command, "MAX_SITE_BYTES", 10_000)
    git(repo.root, "checkout", "-q", "main")
    result = build_preview(repo, tmp_path / "site")
    assert result.exit_code == 1 and "网页预览超过" in result.output and not (tmp_path / "site").exists()
