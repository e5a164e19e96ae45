"""`cohandbook export DIR`: the stitched site as a plain docs tree that Zensical (or MkDocs without us) builds."""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path

import click
from mkdocs.exceptions import MkDocsException

from ..core.domain.findings import has_errors
from ..core.site.export import CONFIG, ExportFile, export_files
from ..plugin.files import DATA_FOLDERS
from ..plugin.render_pass import RenderError, render_site
from .common import EXIT_INPUT, Context, fail, finding_text, stderr, today_option


@click.command()
@click.argument("directory", type=click.Path(path_type=Path))
@today_option
@click.pass_obj
def export(ctx: Context, directory: Path, today: str | None) -> None:
    """Write every page, asset and the navigation into DIRECTORY (new or empty) with an mkdocs.yml for Zensical."""
    target = directory.resolve()
    refuse(ctx.root, target)
    config_file = ctx.root / "mkdocs.yml"
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
    files = export_files(rendered.site.plan, rendered.html, rendered.lightbox, rendered.original, str(rendered.root))
    write_tree(target, files)
    pages = len(rendered.site.plan.pages)
    stderr(f"已导出 {pages} 个页面（共 {len(files)} 个文件）到 {target}。构建：zensical build -f {target / CONFIG}")


def refuse(root: Path, target: Path) -> None:
    """Never overwrite, and never write into the repository's own data (it would become content)."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        fail(f"{target} 已经存在而且不是空文件夹：导出只写进新的或空的文件夹，不会覆盖任何文件。")
    for folder in DATA_FOLDERS:
        if target.is_relative_to(root / folder):
            fail(f"不能导出到 {folder}/ 里面：那里的文件会被当成手册内容。请换一个文件夹。")


def write_tree(target: Path, files: list[ExportFile]) -> None:
    for file in files:
        if posixpath.isabs(file.dest) or posixpath.normpath(file.dest).startswith(".."):
            fail(f"导出文件的路径不对：{file.dest}")
        path = target / file.dest
        path.parent.mkdir(parents=True, exist_ok=True)
        if file.text is not None:
            path.write_bytes(file.text.encode("utf-8"))
        elif file.source is not None:
            shutil.copyfile(file.source, path)
