"""The private store and hidden tags: read by operators' commands, moved out of a public repository byte for
byte, counted by casting, and never opened or shown by the site build."""

from __future__ import annotations

import gzip
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from talent_data import add_winter_squad

from cohandbook.cli.main import cli
from cohandbook.core.edits.private_move import plan_move
from cohandbook.core.read.private import StoreError, read_private, store_folder
from cohandbook.core.read.sources import FsSource
from conftest import TODAY, Repo, _is_ours, _options, dump

MARKER = "PRIVATE-STORE-MARKER-7f3a"

PERSON = """\
# 李娜的档案：运营维护
name: 李娜
github: lina-drives
skills: [video-shooting]   # 公开技能
private:
  # 观察记录
  notes: 构图能力强
  skills: [snow-driving, writing]

  since: 2025-03-01
joined: 2025-03-01
"""


def run(repo: Repo, *args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--root", str(repo.root), *args, "--today", TODAY], env=env)


def run_plain(repo: Repo, *args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--root", str(repo.root), *args], env=env)


def configure(repo: Repo, **options: Any) -> None:
    config = dict(repo.config)
    config["plugins"] = [{"cohandbook": {**_options(p), **options}} if _is_ours(p) else p for p in config["plugins"]]
    repo.write("mkdocs.yml", dump(config))


@pytest.fixture
def store(tmp_path: Path) -> Path:
    folder = tmp_path / "private-store"
    (folder / "people").mkdir(parents=True)
    (folder / "squads").mkdir()
    return folder


# --- where the store is ----------------------------------------------------------------------------------


def test_store_folder_prefers_the_environment_and_refuses_a_folder_inside_the_repository(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    assert store_folder(root, None, {}) is None
    assert store_folder(root, "../notes", {}) == (tmp_path / "notes").resolve()
    assert store_folder(root, "../notes", {"COHANDBOOK_PRIVATE": str(tmp_path / "env")}) == (tmp_path / "env")
    with pytest.raises(StoreError, match="仓库里面"):
        store_folder(root, "private", {})


def test_people_refuses_a_store_inside_the_repository(repo: Repo) -> None:
    configure(repo, private_dir="notes")
    result = run(repo, "people")
    assert result.exit_code == 1 and "仓库里面" in result.output


def test_a_bad_visibility_option_is_refused(repo: Repo) -> None:
    configure(repo, repository_visibility="secret")
    result = run(repo, "validate")
    assert result.exit_code == 1 and "repository_visibility" in result.output


# --- reading ---------------------------------------------------------------------------------------------


def test_store_and_repository_notes_merge(repo: Repo, store: Path) -> None:
    repo.write("contributors/li-na.yml", PERSON)
    (store / "people/li-na.yml").write_text("notes: 存储里的备注\nskills: [photography]\nphone: 138\n", "utf-8")
    (store / "people/zhou-kai.yml").write_text("skills: [snow-driving]\n", encoding="utf-8")
    (store / "squads/night.yml").write_text("workspace: 夜行组微信群\n", encoding="utf-8")
    found, findings = read_private(FsSource(repo.root), store)
    assert findings == []
    li_na = found.people["li-na"]
    assert li_na.skills == ("snow-driving", "writing", "photography")
    assert li_na.notes == "存储里的备注"  # the store wins
    assert dict(li_na.other) == {"phone": "138", "since": "2025-03-01"}
    assert found.hidden_skills("zhou-kai") == ("snow-driving",)
    assert found.workspaces == {"night": "夜行组微信群"}


def test_broken_store_files_are_findings_not_crashes(repo: Repo, store: Path) -> None:
    (store / "people/li-na.yml").write_text("notes: [unclosed\n", encoding="utf-8")
    (store / "people/zhou-kai.yml").write_bytes(b"notes: \xff\n")
    (store / "people/link.yml").symlink_to(store / "people/li-na.yml")
    (store / "people/Li Na.yml").write_text("notes: x\n", encoding="utf-8")
    (store / "squads/list.yml").write_text("- workspace\n", encoding="utf-8")
    found, findings = read_private(FsSource(repo.root), store)
    assert found.people["li-na"].files == ("contributors/li-na.yml",)  # the repository's own notes only
    assert sorted((f.code, f.file) for f in findings) == [
        ("private-file-invalid", "people/li-na.yml"),
        ("private-file-invalid", "people/zhou-kai.yml"),
        ("private-file-invalid", "squads/list.yml"),
        ("private-file-name", "people/Li Na.yml"),
        ("private-file-skipped", "people/link.yml"),
    ]


def test_missing_store_folder_is_a_warning(repo: Repo, tmp_path: Path) -> None:
    result = run(repo, "people", env={"COHANDBOOK_PRIVATE": str(tmp_path / "nowhere")})
    assert result.exit_code == 0
    assert "私密资料库文件夹不存在" in result.output


# --- validate in a public repository ---------------------------------------------------------------------


def test_validate_warns_about_notes_in_a_public_repository_with_file_and_line(repo: Repo) -> None:
    repo.write("contributors/li-na.yml", PERSON)
    add_winter_squad(repo)
    squad = repo.root / "contributors/squads/ice-and-snow.yml"
    squad.write_text(squad.read_text(encoding="utf-8") + "workspace: 内部群\n", encoding="utf-8")
    result = run(repo, "validate", "--format", "json")
    import json

    found = [(f["code"], f["file"], f["line"], f["level"]) for f in json.loads(result.output)]
    workspace_line = squad.read_text(encoding="utf-8").splitlines().index("workspace: 内部群") + 1
    assert ("private-in-public", "contributors/li-na.yml", 5, "warning") in found
    assert ("private-in-public", "contributors/squads/ice-and-snow.yml", workspace_line, "warning") in found
    assert "cohandbook private move" in run(repo, "validate").output


def test_a_private_repository_may_keep_its_notes(repo: Repo) -> None:
    repo.write("contributors/li-na.yml", PERSON)
    configure(repo, repository_visibility="private")
    result = run(repo, "validate")
    assert result.exit_code == 0 and "private-in-public" not in result.output


# --- private move ----------------------------------------------------------------------------------------


def test_move_cuts_exactly_the_block_and_the_store_gains_it(repo: Repo, store: Path) -> None:
    person = repo.write("contributors/li-na.yml", PERSON)
    add_winter_squad(repo)
    squad = repo.root / "contributors/squads/ice-and-snow.yml"
    squad_before = squad.read_text(encoding="utf-8")
    squad.write_text(squad_before + "workspace: |\n  内部群：冰雪项目组\n  负责人：小王\n", encoding="utf-8")
    result = run_plain(repo, "private", "move", env={"COHANDBOOK_PRIVATE": str(store)})
    assert result.exit_code == 0, result.output
    block = PERSON[PERSON.index("private:") : PERSON.index("joined:")].rstrip("\n") + "\n"
    assert person.read_text(encoding="utf-8") == PERSON.replace(block, "")
    assert (store / "people/li-na.yml").read_text(encoding="utf-8") == (
        "# 观察记录\nnotes: 构图能力强\nskills: [snow-driving, writing]\n\nsince: 2025-03-01\n"
    )
    assert squad.read_text(encoding="utf-8") == squad_before
    assert (store / "squads/ice-and-snow.yml").read_text(
        encoding="utf-8"
    ) == "workspace: |\n  内部群：冰雪项目组\n  负责人：小王\n"
    found, _ = read_private(FsSource(repo.root), store)
    assert found.people["li-na"].skills == ("snow-driving", "writing")
    assert run(repo, "validate").exit_code == 0
    assert "private-in-public" not in run(repo, "validate").output


def test_move_keeps_crlf_and_flow_style(tmp_path: Path) -> None:
    text = "name: 李娜\r\nprivate: {notes: 好, skills: [writing]}\r\nbio: 你好\r\n"
    move = plan_move("contributors/li-na.yml", text)
    assert not isinstance(move, str) and move is not None
    assert move.public_text == "name: 李娜\r\nbio: 你好\r\n"
    assert move.store_text == "{notes: 好, skills: [writing]}\n"


def test_move_refuses_to_overwrite_and_writes_nothing(repo: Repo, store: Path) -> None:
    person = repo.write("contributors/li-na.yml", PERSON)
    repo.write("contributors/zhou-kai.yml", "name: 周凯\nprivate:\n  notes: 另一位\n")
    (store / "people/li-na.yml").write_text("notes: 早就有了\n", encoding="utf-8")
    result = run_plain(repo, "private", "move", env={"COHANDBOOK_PRIVATE": str(store)})
    assert result.exit_code == 1 and "不会覆盖" in result.output
    assert person.read_text(encoding="utf-8") == PERSON
    assert (store / "people/li-na.yml").read_text(encoding="utf-8") == "notes: 早就有了\n"
    assert not (store / "people/zhou-kai.yml").exists()
    assert "private:" in (repo.root / "contributors/zhou-kai.yml").read_text(encoding="utf-8")


def test_move_without_a_store_is_refused(repo: Repo) -> None:
    result = run_plain(repo, "private", "move", env={"COHANDBOOK_PRIVATE": ""})
    assert result.exit_code == 1 and "private_dir" in result.output


def test_move_dry_run_writes_nothing(repo: Repo, store: Path) -> None:
    person = repo.write("contributors/li-na.yml", PERSON)
    result = run_plain(repo, "private", "move", "--dry-run", env={"COHANDBOOK_PRIVATE": str(store)})
    assert result.exit_code == 0 and "contributors/li-na.yml:5" in result.output
    assert person.read_text(encoding="utf-8") == PERSON and not (store / "people/li-na.yml").exists()


def test_move_with_nothing_to_move(repo: Repo, store: Path) -> None:
    repo.person("li-na", name="李娜")
    result = run_plain(repo, "private", "move", env={"COHANDBOOK_PRIVATE": str(store)})
    assert result.exit_code == 0 and "无需移动" in result.output


# --- casting counts hidden tags --------------------------------------------------------------------------


def test_hidden_tags_count_for_cast_exactly_like_public_ones(repo: Repo, store: Path) -> None:
    repo.skills(**{"video-shooting": "视频拍摄", "writing": "文字写作", "photography": "摄影", "snow-driving": "冰雪"})
    repo.person("zhao-lei", name="赵磊")
    args = ["cast", "--needs", "snow-driving", "--size", "3", "--format", "json"]
    before = run(repo, *args, env={"COHANDBOOK_PRIVATE": str(store)})
    import json

    assert json.loads(before.output)[0]["missing"] == ["snow-driving"]
    (store / "people/zhao-lei.yml").write_text("skills: [snow-driving]\n", encoding="utf-8")
    after = json.loads(run(repo, *args, env={"COHANDBOOK_PRIVATE": str(store)}).output)
    assert after[0]["covers"] == {"snow-driving": ["zhao-lei"]}


# --- the site never opens the store, never shows hidden tags ---------------------------------------------

_opened: list[str] = []
_watching: list[str] = []


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _watching and event in ("open", "os.scandir", "os.listdir", "os.walk") and args and args[0] is not None:
        path = args[0]
        if isinstance(path, (str, bytes, Path)):
            text = path.decode() if isinstance(path, bytes) else str(path)
            if text.startswith(_watching[0]):
                _opened.append(text)


sys.addaudithook(_audit)


def site_texts(root: Path) -> dict[str, str]:
    texts = {}
    for file in sorted(p for p in root.rglob("*") if p.is_file()):
        data = file.read_bytes()
        if file.suffix == ".gz":
            data = gzip.decompress(data)
        texts[str(file.relative_to(root))] = data.decode("utf-8", errors="replace")
    return texts


def test_the_site_build_never_opens_the_store_and_no_private_word_reaches_it(
    repo: Repo, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_winter_squad(repo)
    secret_tag, secret_label = "sixth-sense", f"第六感{MARKER}"
    repo.skills(
        **{
            "video-shooting": "视频拍摄",
            "writing": "文字写作",
            "photography": "摄影",
            "snow-driving": "冰雪路况",
            secret_tag: secret_label,
        }
    )
    repo.person(
        "zhao-lei", name="赵磊", skills=["snow-driving"], private={"notes": f"{MARKER} 备注", "skills": [secret_tag]}
    )
    (store / "people/li-na.yml").write_text(f"notes: {MARKER}\nskills: [{secret_tag}]\n", encoding="utf-8")
    (store / "squads/ice-and-snow.yml").write_text(f"workspace: {MARKER} 群\n", encoding="utf-8")
    monkeypatch.setenv("COHANDBOOK_PRIVATE", str(store))
    _opened.clear()
    _watching[:] = [str(store)]
    try:
        repo.build(private_dir=str(store))
        assert _opened == []
        (store / "people/li-na.yml").read_bytes()  # the audit really sees opens under the store
        assert _opened == [str(store / "people" / "li-na.yml")]
    finally:
        _watching.clear()
    texts = site_texts(repo.root / "site")
    assert "赵磊" in texts["contributors/zhao-lei/index.html"]
    leaks = [path for path, text in texts.items() if MARKER in text or secret_tag in text]
    assert leaks == []


@pytest.mark.parametrize(
    ("text", "public", "stored"),
    [
        ('name: a\n"private": {notes: x}\nbio: b\n', "name: a\nbio: b\n", "{notes: x}\n"),
        ("name: a\nprivate:  # 备注\n  notes: x\n", "name: a\n", "# 备注\nnotes: x\n"),
        ("privatex: 1\nprivate:\n  skills:\n    - a\n\n\nz: 1\n", "privatex: 1\n\n\nz: 1\n", "skills:\n  - a\n"),
    ],
)
def test_move_cuts_quoted_commented_and_nested_blocks(text: str, public: str, stored: str) -> None:
    move = plan_move("contributors/a.yml", text)
    assert not isinstance(move, str) and move is not None
    assert (move.public_text, move.store_text) == (public, stored)


def test_a_block_that_cannot_move_line_for_line_is_refused() -> None:
    # An anchor would make both sides depend on each other; our loader refuses it, so the move does too.
    assert isinstance(plan_move("contributors/a.yml", "private: &p {notes: x}\nname: *p\n"), str)
    assert plan_move("contributors/a.yml", "name: a\n") is None


def test_unreadable_store_files_are_skipped_with_a_warning(repo: Repo, store: Path) -> None:
    (store / "people/big.yml").write_bytes(b"notes: " + b"x" * 300_000 + b"\n")
    _, findings = read_private(FsSource(repo.root), store)
    assert [(f.code, f.file) for f in findings] == [("private-file-skipped", "people/big.yml")]
