"""Contributed YAML is hostile: every trick gives a finding with the right file and line, quickly."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from cohandbook.core.check.validate import check_source
from cohandbook.core.domain.findings import YamlProblem
from cohandbook.core.read import yamlsafe
from cohandbook.core.read.sources import FsSource
from conftest import Repo

TODAY = date(2026, 11, 22)
MODULE = "handbooks/guide/modules/daily-check/index.md"
PERSON = "contributors/li-na.yml"

BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(20)
)

# (name, file, content, expected code, expected line)
HOSTILE = [
    ("alias", PERSON, "name: 李娜\nbio: &b 你好\ncity: *b\n", "yaml-anchor", 2),
    ("alias only", PERSON, "name: 李娜\ncity: *nowhere\n", "yaml-alias", 2),
    ("alias bomb", PERSON, BILLION_LAUGHS, "yaml-anchor", 1),
    ("merge key", PERSON, "name: 李娜\n<<: *base\n", "yaml-alias", 2),
    ("duplicate key", PERSON, "name: 李娜\ncity: 北京\nname: 张三\n", "yaml-duplicate-key", 3),
    ("python tag", PERSON, "name: !!python/object/apply:os.system [ls]\n", "yaml-tag", 1),
    ("tab indent", PERSON, "name: 李娜\nlinks:\n\tbilibili: x\n", "yaml-tab", 3),
    ("two documents", PERSON, "name: 李娜\n---\nname: 张三\n", "yaml-multiple-documents", 2),
    ("deep nesting", PERSON, "name: " + "[" * 60 + "]" * 60 + "\n", "yaml-too-deep", 1),
    ("not a map", PERSON, "- 李娜\n- 北京\n", "yaml-not-map", 1),
    ("unclosed bracket", PERSON, "name: 李娜\nskills: [a, b\ncity: 北京\n", "yaml-syntax", 3),
    ("norway in a date", PERSON, "name: 李娜\njoined: no\n", "date-invalid", 2),
    ("octal-looking login", PERSON, "name: 李娜\ngithub: 0123\n", None, None),
    ("sexagesimal duration is text", PERSON, "name: 12:30\n", None, None),
    ("broken front matter", MODULE, "---\nstatus: accepted\ncontributors: [li-na\n---\n", "yaml-syntax", 4),
    ("unclosed front matter", MODULE, "---\nstatus: accepted\n", "frontmatter-unclosed", 1),
    ("no front matter", MODULE, "- [ ] 一项\n", "frontmatter-missing", 1),
    ("front matter alias", MODULE, "---\nstatus: &s accepted\nx: *s\n---\n", "yaml-anchor", 2),
    ("front matter duplicate", MODULE, "---\nstatus: claimed\nstatus: accepted\n---\n", "yaml-duplicate-key", 3),
    ("not utf-8", PERSON, "name: 李娜\n".encode("gbk"), "encoding", 1),
    ("oversize yaml", PERSON, "name: 李娜\nbio: " + "长" * 200_000 + "\n", "file-too-large", None),
]


def _findings(repo: Repo, file: str, content: str | bytes) -> list:
    repo.write(file, content)
    _, findings = check_source(FsSource(repo.root), TODAY)
    return [f for f in findings if f.file == file]


@pytest.mark.parametrize(("name", "file", "content", "code", "line"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_yaml_gives_a_finding_at_the_right_place(
    repo: Repo, name: str, file: str, content: str | bytes, code: str | None, line: int | None
) -> None:
    findings = _findings(repo, file, content)
    if code is None:
        assert not [f for f in findings if f.code.startswith("yaml")], findings
        return
    assert any(f.code == code and f.line == line for f in findings), [(f.code, f.line, f.message) for f in findings]
    assert all(f.message and f.hint for f in findings if f.code == code)


def test_alias_bomb_is_refused_in_well_under_a_second(repo: Repo) -> None:
    started = time.perf_counter()
    assert _findings(repo, PERSON, BILLION_LAUGHS)
    assert time.perf_counter() - started < 5  # generous; the real figure is milliseconds (see bench/)


@pytest.fixture(params=["libyaml", "pure-python"])
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run loader-level tests with the C event parser and with the pure-Python fallback."""
    if request.param == "pure-python":
        monkeypatch.setattr(yamlsafe, "_LOADER", yamlsafe.HardenedLoader)
    return str(request.param)


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("a: &x 1\nb: *x\n", "yaml-anchor", 1),
        ("a: 1\nb: *x\n", "yaml-alias", 2),
        ("a: 1\na: 2\n", "yaml-duplicate-key", 2),
        ("a:\n\tb: 1\n", "yaml-tab", 2),
        ("a: !!binary aGk=\n", "yaml-tag", 1),
        ("a: [1\nb: 2\n", "yaml-syntax", 2),
    ],
)
def test_both_loaders_refuse_the_same_things(loader: str, text: str, code: str, line: int) -> None:
    with pytest.raises(YamlProblem) as caught:
        yamlsafe.load(text)
    assert (caught.value.code, caught.value.line) == (code, line)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("v: no", "no"),
        ("v: off", "off"),
        ("v: yes", "yes"),
        ("v: true", True),
        ("v: 0123", 123),
        ("v: 0o17", 15),
        ("v: 0x1f", 31),
        ("v: 12:30", "12:30"),
        ("v: 2026-11-20", "2026-11-20"),
        ("v: 1e3", 1000.0),
        ("v: ~", None),
        ("v: '007'", "007"),
    ],
)
def test_scalars_follow_yaml_1_2_core_schema(loader: str, text: str, expected: object) -> None:
    assert yamlsafe.load(text)["v"] == expected


def test_maps_and_lists_remember_lines() -> None:
    data = yamlsafe.load("a: 1\nb:\n  - x\n  - y\nc: {d: 2}\n")
    assert data.line_of("b") == 2 and data["b"].line_of(1) == 4 and data.line_of("c") == 5


def test_problem_carries_line_and_plain_hint() -> None:
    with pytest.raises(YamlProblem) as caught:
        yamlsafe.load("title: a: b\n")
    assert caught.value.line == 1 and "引号" in caught.value.hint


def test_symlinks_are_refused_and_never_read(repo: Repo, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    link = repo.root / "handbooks/guide/modules/storage/leak.jpg"
    link.symlink_to(secret)
    (repo.root / "contributors/evil.yml").symlink_to(secret)
    _, findings = check_source(FsSource(repo.root), TODAY)
    flagged = {f.file for f in findings if f.code == "symlink"}
    assert flagged == {"handbooks/guide/modules/storage/leak.jpg", "contributors/evil.yml"}
    assert not any("TOP-SECRET" in f.message for f in findings)


def test_a_symlinked_data_folder_is_reported_not_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "guide").mkdir(parents=True)
    (elsewhere / "guide/handbook.yml").write_text("title: 外来\nbrand: x\n", encoding="utf-8")
    root = tmp_path / "repo"
    root.mkdir()
    (root / "handbooks").symlink_to(elsewhere)
    repo, findings = check_source(FsSource(root), TODAY)
    assert repo.handbooks == ()
    assert [(f.code, f.file) for f in findings] == [("symlink", "handbooks")]
