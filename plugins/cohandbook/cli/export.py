"""`cohandbook export DIR`: the stitched site as a plain docs tree that Zensical (or MkDocs without us) builds.

DIR is new, empty, or an earlier export (its `.cohandbook-export` lists what that export wrote). An earlier
export is updated in place: a file whose bytes are the same is not touched (so an engine's own cache and live
reload see only what changed), files the site no longer has are removed, and anything else in the folder
(the engine's `site/` and cache, a file of your own) is left alone. A planned file that the earlier export did
not write refuses the whole export before anything is written.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import click
from mkdocs.exceptions import MkDocsException

from ..core.domain.findings import has_errors
from ..core.read.site_config import CONFIG_FILE
from ..core.site.export import (
    MANIFEST,
    ExportFile,
    export_files,
    manifest_text,
    plain_path,
    read_manifest,
    with_versions,
)
from ..plugin.files import DATA_FOLDERS
from ..plugin.render_pass import RenderError, render_site
from .common import EXIT_INPUT, Context, fail, finding_text, stderr, today_option


@click.command()
@click.argument("directory", type=click.Path(path_type=Path), metavar="文件夹")
@today_option
@click.pass_obj
def export(ctx: Context, directory: Path, today: str | None) -> None:
    """把整个网站导出到一个文件夹（新的、空的，或以前导出过的），给 Zensical 生成网站用。"""
    target = directory.resolve()
    earlier = refuse(ctx.root, target)
    config_file = ctx.root / CONFIG_FILE
    if not config_file.is_file():
        fail(f"{ctx.root} 里没有 mkdocs.yml：请在手册仓库的根目录运行，或用 --root 指定。")
    try:
        rendered = render_site(config_file, ctx.today(today).isoformat())
    except (RenderError, MkDocsException) as exc:
        fail(f"网站没能生成：{exc}")
    for finding in rendered.site.findings:
        stderr(finding_text(finding))
    if has_errors(rendered.site.findings):
        stderr("有错误要先改正，没有导出。")
        raise SystemExit(EXIT_INPUT)
    for warning in rendered.warnings:
        stderr(f"MkDocs：{warning}")
    theme_dir = rendered.original.theme_dir
    if theme_dir and target.is_relative_to(Path(theme_dir).resolve()):
        fail(f"不能导出到主题文件夹 {theme_dir} 里面：下次导出会把导出的文件当成主题文件。请换一个文件夹。")
    files = export_files(rendered.site.plan, rendered.html, rendered.lightbox, rendered.original, str(rendered.root))
    files = with_versions(files, rendered.versions)
    done = write_tree(target, files, earlier)
    pages = len(rendered.site.plan.pages)
    stderr(
        f"已导出 {pages} 个页面（共 {len(files)} 个文件）到 {target}：写入 {len(done.written)} 个，"
        f"删除 {len(done.removed)} 个，其余没有变化。构建：cd {target} && zensical build"
    )


def refuse(root: Path, target: Path) -> set[str]:
    """Never overwrite what is not ours, and never write into the repository's own data (it would become
    content). Returns the files an earlier export wrote into `target` (none for a new or empty folder)."""
    for folder in DATA_FOLDERS:
        if target.is_relative_to(root / folder):
            fail(f"不能导出到 {folder}/ 里面：那里的文件会被当成手册内容。请换一个文件夹。")
    if not target.exists():
        return set()
    if not target.is_dir() or target.is_symlink():
        fail(f"{target} 已经存在而且不是文件夹：导出只写进新的、空的或以前导出的文件夹。")
    manifest = target / MANIFEST
    if manifest.is_file() and not manifest.is_symlink():
        earlier = read_manifest(manifest.read_text(encoding="utf-8", errors="replace"))
        if earlier is not None:
            return earlier
    if any(target.iterdir()):
        fail(
            f"{target} 已经存在，不是空文件夹，也不是以前导出的文件夹（没有 {MANIFEST}）："
            "导出不会覆盖别人的文件。请换一个新的或空的文件夹。"
        )
    return set()


@dataclass
class Written:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def write_tree(target: Path, files: list[ExportFile], earlier: set[str]) -> Written:
    """Write what changed, remove what the earlier export wrote and this one does not, then the manifest."""
    planned = {file.dest for file in files}
    leaving = earlier - planned
    strangers = sorted(f.dest for f in files if f.dest not in earlier and _taken(target, f.dest, leaving))
    if strangers:
        fail(f"{target} 里已经有这些文件，不是导出写的，不会覆盖：{'、'.join(strangers[:5])}")
    target.mkdir(parents=True, exist_ok=True)
    # Until the end the manifest names everything this export may have written, so that an interrupted
    # export is still recognised and finished by the next one.
    _write_manifest(target, manifest_text([*files, *(ExportFile(d) for d in leaving)]))
    done, folders = Written(), _Folders(target)
    # Removals first: a file the site lost may stand where a folder now goes, or the other way round.
    for dest in sorted(leaving):
        if _remove(target, folders.path(dest)):
            done.removed.append(dest)
    for file in files:
        if _write(folders.path(file.dest), file):
            done.written.append(file.dest)
    _write_manifest(target, manifest_text(files))
    return done


def _taken(target: Path, dest: str, leaving: set[str]) -> bool:
    """Whether something the export did not write stands at `dest`. A folder of files that this export
    removes anyway (a page that became a file) is not in the way."""
    path = target / dest
    if not os.path.lexists(path):
        return False
    if path.is_symlink() or not path.is_dir():
        return True
    inside = (p for p in path.rglob("*") if p.is_symlink() or not p.is_dir())
    return any(p.relative_to(target).as_posix() not in leaving for p in inside)


class _Folders:
    """Which folders under the target are safe to write into: no symbolic link on the way (one check a folder)."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.safe: dict[Path, bool] = {target: True}

    def path(self, dest: str) -> Path:
        if not plain_path(dest):
            fail(f"导出文件的路径不对：{dest}")
        path = self.target.joinpath(*dest.split("/"))
        if not self._safe(path.parent):
            fail(f"{path.parent} 是一个符号链接或在符号链接里：导出不会顺着它写到别处。请删掉它再导出。")
        return path

    def _safe(self, folder: Path) -> bool:
        known = self.safe.get(folder)
        if known is None:
            known = self.safe[folder] = self._safe(folder.parent) and not folder.is_symlink()
        return known


def _write(path: Path, file: ExportFile) -> bool:
    if path.is_symlink():
        fail(f"{path} 是一个符号链接：导出不会顺着它写到别处。请删掉它再导出。")
    if file.text is not None:
        data = file.text.encode("utf-8")
        if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return True
    if file.source is not None:
        if path.is_file() and filecmp.cmp(file.source, path, shallow=False):
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(file.source, path)
        return True
    return False


def _remove(target: Path, path: Path) -> bool:
    """Remove a file the earlier export wrote, and the folders that leaves empty (never the target)."""
    if not path.is_file() or path.is_symlink():
        return False
    path.unlink()
    folder = path.parent
    while folder != target and folder.is_relative_to(target) and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
    return True


def _write_manifest(target: Path, text: str) -> None:
    """Written beside it under a fresh name (never through a planted link), then renamed over it."""
    handle, temporary = tempfile.mkstemp(dir=target, prefix=".tmp-", suffix=MANIFEST)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temporary, target / MANIFEST)
