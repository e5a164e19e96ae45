"""`validate --fix-media` as one plan: judged by the gate before a byte is written, applied by the one writer.

A conversion whose result the strict build would refuse writes nothing (not even the fixes beside it), and
a file that changed between reading and writing is never overwritten. The plan itself is a pure function
of what was read and converted (`edits.media_fix`).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from media_files import heic, jpeg

from cohandbook.cli.common import Context
from cohandbook.cli.fix_media import plan_fixes
from cohandbook.cli.main import cli
from cohandbook.cli.writer import Conflict, apply_plan, write_change
from cohandbook.core.check.gate import REFUSED
from cohandbook.core.domain.changes import ABSENT, FileChange, digest
from cohandbook.core.edits.media_fix import Conversion, MediaGroup, media_plan
from conftest import TODAY, Repo

FOLDER = "handbooks/guide/modules/storage"
BROKEN_CONVERTER = """#!/bin/sh
# A converter that writes a broken file where the MP4 should go (its last argument, `file:<path>`).
for last in "$@"; do :; done
printf 'not a video at all' > "${last#file:}"
"""


def snapshot(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def fix(repo: Repo) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--root", str(repo.root), "validate", "--fix-media", "--today", TODAY])
    return result.exit_code, result.output


def test_a_conversion_the_strict_build_would_refuse_writes_nothing(
    repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tools = tmp_path / "tools"
    tools.mkdir()
    (tools / "ffmpeg").write_text(BROKEN_CONVERTER, encoding="utf-8")
    (tools / "ffmpeg").chmod(0o755)
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")
    repo.write(f"{FOLDER}/IMG_1.HEIC", heic())  # a good fix in the same plan: refused with the rest
    repo.write(f"{FOLDER}/clip.mov", b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00qt  " + b"\x00" * 64)
    before = snapshot(repo.root)

    code, output = fix(repo)

    assert code == 1
    assert REFUSED in output
    assert f"{FOLDER}/clip.mp4" in output and "文件的内容不是 .mp4 文件" in output  # the gate's error, in Chinese
    assert snapshot(repo.root) == before  # no result, no original gone, no temporary file left
    assert not [p for p in (repo.root / FOLDER).iterdir() if p.name.startswith(".")]


def test_a_file_changed_after_reading_is_not_overwritten(repo: Repo) -> None:
    repo.write(f"{FOLDER}/gps.jpg", jpeg(gps=True, size=(64, 48)))
    repo.write(f"{FOLDER}/IMG_1.HEIC", heic())
    plan = plan_fixes(repo.root)
    assert {c.path for c in plan.changes} >= {f"{FOLDER}/gps.jpg", f"{FOLDER}/IMG_1.jpg", f"{FOLDER}/IMG_1.HEIC"}
    edited = repo.write(f"{FOLDER}/gps.jpg", jpeg(size=(32, 24), colour=(1, 2, 3)))  # someone saves a new photo
    theirs = edited.read_bytes()
    before = snapshot(repo.root)

    with pytest.raises(Conflict, match="在这期间被别人改过了"):
        apply_plan(Context(repo.root), plan.changes, Context(repo.root).today(TODAY))

    assert edited.read_bytes() == theirs
    assert snapshot(repo.root) == before  # checked before the first write: the HEIC is not converted either


def test_a_file_that_appeared_under_the_new_name_is_not_overwritten(repo: Repo) -> None:
    repo.write(f"{FOLDER}/IMG_1.HEIC", heic())
    plan = plan_fixes(repo.root)
    repo.write(f"{FOLDER}/IMG_1.jpg", b"someone else's file")

    with pytest.raises(Conflict):
        apply_plan(Context(repo.root), plan.changes, Context(repo.root).today(TODAY))

    assert (repo.root / FOLDER / "IMG_1.jpg").read_bytes() == b"someone else's file"
    assert (repo.root / FOLDER / "IMG_1.HEIC").exists()


def test_the_writer_never_writes_or_deletes_through_a_link_in_the_path(repo: Repo, tmp_path: Path) -> None:
    victim = tmp_path / "victim.jpg"
    victim.write_bytes(b"keep")
    link = repo.root / FOLDER / "photo.jpg"
    link.symlink_to(victim)
    for change in (FileChange(f"{FOLDER}/photo.jpg", None, data=b"new"), FileChange(f"{FOLDER}/photo.jpg", None)):
        with pytest.raises(click.ClickException, match="链接"):
            write_change(repo.root, change)
    assert link.is_symlink() and victim.read_bytes() == b"keep"


def test_the_plan_replaces_renames_and_follows_the_renames() -> None:
    media = ("h/b/modules/m/a.png", "h/b/modules/m/b.jpg", "h/b/modules/m/c.webp")
    group = MediaGroup("h/b/modules/m", media, ("h/b/modules/m/index.md",))
    conversions = [
        Conversion("h/b/modules/m/a.png", b"A", "a.jpg", b"A2"),  # a JPEG called .png
        Conversion("h/b/modules/m/b.jpg", b"B", "b.jpg", b"B2", ("去掉了照片里的拍摄地点（GPS）",)),
        Conversion("h/b/modules/m/c.webp", b"C", "a.jpg", b"C2"),  # would take the name a.png just took
    ]
    index = b"![x](a.png)\r\n![y](c.webp)\r\n"
    plan = media_plan(group, conversions, {"h/b/modules/m/index.md": index}, frozenset(group.media))

    assert plan.changes == (
        FileChange("h/b/modules/m/a.jpg", None, ABSENT, data=b"A2"),
        FileChange("h/b/modules/m/a.png", None, digest(b"A")),
        FileChange("h/b/modules/m/b.jpg", None, digest(b"B"), data=b"B2"),
        FileChange("h/b/modules/m/index.md", "![x](a.jpg)\r\n![y](c.webp)\r\n", digest(index)),
    )
    assert "h/b/modules/m/c.webp：没有转换：a.jpg 已经存在，不覆盖" in plan.report
