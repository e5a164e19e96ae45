"""The one working-tree writer of the command line: a plan is gated, then each file written atomically.

Every command that changes files (claim, release, accept, extend, squad, private, fix-media) computes a plan
in the core and hands it here. The plan is judged first (`core.check.gate`: nothing is written when the
strict build would find a new problem); then each file is checked to be what the plan read (`expect`), and
written through a temporary file that is linked into place: a file that appeared meanwhile is never replaced,
and one that changed meanwhile is moved back untouched.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import click

from ..core.check.gate import REFUSED, gate
from ..core.domain.changes import ABSENT, FileChange, digest
from .common import EXIT_INPUT, Context, finding_text

CHANGED_MEANWHILE = "{path} 在这期间被别人改过了，为了不覆盖别人的改动，什么都没有改。请重新运行这个命令。"


LINKED = "{path} {what}（快捷方式），为了安全什么都没有改。"


class Conflict(click.ClickException):
    """A file is not what the plan read: someone else wrote it meanwhile."""


def apply_plan(ctx: Context, changes: Sequence[FileChange], today: date) -> None:
    """Gate `changes`, then write them; exits 1 with the gate's findings, or a conflict, and writes nothing.

    New and changed files are written first, deletions last: a file a plan replaces (a converted photo's
    original) goes only once its replacement is in place."""
    check_plan(ctx, changes, today)
    for change in sorted(changes, key=lambda c: c.deletes):
        write_change(ctx.root, change)


def check_plan(ctx: Context, changes: Sequence[FileChange], today: date) -> None:
    """Everything `apply_plan` checks before its first write: the gate, then every file's `expect`."""
    added = gate(ctx.source(), changes, today)
    if added:
        click.echo(REFUSED + "\n\n" + "\n\n".join(finding_text(f) for f in added), err=True)
        raise SystemExit(EXIT_INPUT)
    for change in changes:
        _check(ctx.root, change)


def _check(root: Path, change: FileChange) -> None:
    _inside(root, change.path)
    if change.expect and _digest_of(root / change.path) != change.expect:
        raise Conflict(CHANGED_MEANWHILE.format(path=change.path))


def _digest_of(path: Path) -> str:
    if path.is_symlink():
        return "symlink"
    return digest(path.read_bytes()) if path.is_file() else ABSENT


def write_change(root: Path, change: FileChange) -> None:
    """One file, atomically. The old file is first renamed aside (only one writer can), checked against what
    the plan read, then the new one is linked into place (never over a file that appeared meanwhile)."""
    target = _inside(root, change.path)
    aside = target.with_name(target.name + ".cohandbook-old")
    had_old = target.exists() or target.is_symlink()
    if had_old:
        try:
            os.rename(target, aside)
        except FileNotFoundError:
            raise Conflict(CHANGED_MEANWHILE.format(path=change.path)) from None
        if change.expect and _digest_of(aside) != change.expect:
            os.rename(aside, target)
            raise Conflict(CHANGED_MEANWHILE.format(path=change.path))
    elif change.expect not in ("", ABSENT):
        raise Conflict(CHANGED_MEANWHILE.format(path=change.path))
    content = change.content
    if content is not None:
        mode = stat.S_IMODE(os.lstat(aside).st_mode) if had_old else _default_mode()
        try:
            _link_new(target, content, change.path, mode)
        except BaseException:
            # Nothing of ours took its place (it appeared meanwhile, or the disk is full): the old file goes back.
            if had_old and not (target.exists() or target.is_symlink()):
                os.rename(aside, target)
            raise
    elif not had_old:
        return
    if had_old:
        aside.unlink()
    if content is None:
        _remove_empty(target.parent, root)


def _default_mode() -> int:
    """What `open()` would give a new file: 0o666 less the umask (mkstemp's own 0o600 would hide it)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _link_new(target: Path, content: bytes, shown: str, mode: int) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temp = tempfile.mkstemp(prefix=".cohandbook-", dir=target.parent)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
        os.chmod(temp, mode)
        os.link(temp, target)  # fails when a file appeared meanwhile: never replaced
    except FileExistsError:
        raise Conflict(CHANGED_MEANWHILE.format(path=shown)) from None
    finally:
        os.unlink(temp)


def _inside(root: Path, path: str) -> Path:
    parts = Path(path).parts
    if Path(path).is_absolute() or ".." in parts or not parts:
        raise click.ClickException(f"不会写到仓库外面：{path}")
    target = root.joinpath(*parts)
    if target.is_symlink():
        raise click.ClickException(LINKED.format(path=path, what="是一个链接"))
    for parent in target.parents:
        if parent == root:
            break
        if parent.is_symlink():
            raise click.ClickException(LINKED.format(path=path, what="的上级文件夹是一个链接"))
    return target


def _remove_empty(folder: Path, root: Path) -> None:
    """A module folder emptied by a deletion goes too (but never `handbooks/` or the handbook's folder)."""
    while folder != root and len(folder.relative_to(root).parts) > 3 and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
