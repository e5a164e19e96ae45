"""`cohandbook private move`, and the private store as every operator command reads it."""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..core.check.privacy import store_findings
from ..core.domain.changes import FileChange, digest
from ..core.domain.findings import Finding
from ..core.domain.layout import CONTRIBUTORS, SKILLS, SQUAD_FOLDER
from ..core.domain.model import Repository
from ..core.domain.settings import Settings
from ..core.edits.private_move import Move
from ..core.edits.private_move import plan_moves as core_plan_moves
from ..core.read.private import (
    ENVIRONMENT_VARIABLE,
    PEOPLE,
    SQUADS,
    PrivateStore,
    StoreError,
    read_private,
    store_folder,
)
from ..core.read.sources import FsSource
from .common import Context, fail, stderr
from .writer import check_plan, write_change


def store_path(ctx: Context, settings: Settings) -> Path | None:
    try:
        return store_folder(ctx.root, settings.private_dir, os.environ)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None


def load_private(ctx: Context, settings: Settings, repo: Repository) -> PrivateStore:
    """The private store merged with the repository's own notes; its problems are warnings on stderr."""
    people_files = FsSource(ctx.root, roots=(CONTRIBUTORS,))  # notes never live under handbooks/
    store, findings = read_private(people_files, store_path(ctx, settings))
    warn(findings + store_findings(repo, store))
    return store


def warn(findings: list[Finding]) -> None:
    for finding in sorted(set(findings), key=lambda f: f.sort_key):
        stderr(f"注意（私密资料）：{finding.location()}：{finding.message}")


@click.group()
def private() -> None:
    """运营的私密资料库：备注、隐藏技能标签、项目组工作区，放在仓库外面。"""


@private.command()
@click.option("--dry-run", is_flag=True, help="只显示会搬什么，不写任何文件。")
@click.pass_obj
def move(ctx: Context, dry_run: bool) -> None:
    """把仓库里所有 private: 和项目组的 workspace: 搬进私密资料库。

    只有每一处都能搬时才会动手；私密资料库里已有的文件从不覆盖。
    """
    folder = store_path(ctx, ctx.settings())
    if folder is None:
        fail(f"没有配置私密资料库：在 mkdocs.yml 的 cohandbook 下写 private_dir，或设置 ${ENVIRONMENT_VARIABLE}。")
    moves, refusals = plan_moves(ctx.root, folder)
    if refusals:
        fail("没有移动任何内容：\n" + "\n".join(f"  - {r}" for r in refusals))
    if not moves:
        click.echo("仓库里没有 private 或 workspace，无需移动。")
        return
    changes = {item.public_file: _public_change(ctx.root, item) for item in moves}
    if not dry_run:  # the repository's side passes the gate before the store gains a line
        check_plan(ctx, list(changes.values()), ctx.today(None))
    for item in moves:
        click.echo(f"{item.public_file}:{item.first_line} 的 {item.key} → {folder / item.store_file}")
        if not dry_run:
            write_move(ctx.root, folder, item, changes[item.public_file])
    if not dry_run:
        click.echo(f"已移动 {len(moves)} 处。记得在私密资料库里保存（提交）这些文件，并提交仓库的改动。")


def plan_moves(root: Path, folder: Path) -> tuple[list[Move], list[str]]:
    files = {}
    for path in _candidates(root):
        try:
            files[path] = (root / path).read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue  # validate reports it; nothing can be cut from a file we cannot read
    taken = frozenset(f"{kind}/{p.name}" for kind in (PEOPLE, SQUADS) for p in (folder / kind).glob("*.yml"))
    return core_plan_moves(files, taken)


def _candidates(root: Path) -> list[str]:
    """Person and squad files of the working tree, never through a symbolic link."""
    people = root / CONTRIBUTORS
    if people.is_symlink() or not people.is_dir():
        return []
    found = [p for p in people.glob("*.yml") if p.name != SKILLS]
    squads = root / SQUAD_FOLDER
    if squads.is_dir() and not squads.is_symlink():
        found += squads.glob("*.yml")
    return sorted(p.relative_to(root).as_posix() for p in found if p.is_file() and not p.is_symlink())


def _public_change(root: Path, item: Move) -> FileChange:
    return FileChange(item.public_file, item.public_text, digest((root / item.public_file).read_bytes()))


def write_move(root: Path, folder: Path, item: Move, change: FileChange) -> None:
    """The store gains the lines first, then the public file loses them: a crash in between loses nothing."""
    target = folder / item.store_file
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8", newline="") as out:  # "x": never overwrite
        out.write(item.store_text)
    write_change(root, change)
