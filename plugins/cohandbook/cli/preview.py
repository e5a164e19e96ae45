"""`cohandbook preview`: build the site a pull request would make, from the base plus its contributed files.

Run by the trusted check (`.github/workflows/check.yml`) in a job that holds no write token. The pull request
is never checked out: the base revision is exported from git, the pull request's module and contributor
files that pass the file rules are written over it from git objects (core/pr/preview.py), and the *base's*
mkdocs.yml, theme and plugin build the result. Exit 0: built; 1: the build failed; 2: usage error.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

import click

from ..core.pr.preview import MAX_BYTES, PreviewSelection, select_preview
from ..core.read.site_config import CONFIG_FILE
from ..core.read.sources import GitError, GitSource, resolve_revision
from .common import EXIT_INPUT, EXIT_OK, Context, stderr

MAX_SITE_BYTES = 3 * MAX_BYTES  # the built site: web-sized photos and pages next to the contributed files


@click.command("preview")
@click.option("--base", required=True, metavar="REV", help="目标分支的版本：网站的配置、主题和插件都以它为准。")
@click.option("--head", required=True, metavar="REV", help="Pull Request 的最新提交：只取其中的模块和档案文件。")
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path), help="网页预览写到这个文件夹。")
@click.pass_obj
def preview(ctx: Context, base: str, head: str, out: Path) -> None:
    """用目标分支的网站配置，加上 Pull Request 里允许提交的模块和档案文件，生成网页预览。"""
    try:
        base, head = resolve_revision(ctx.root, base), resolve_revision(ctx.root, head)
        source = GitSource(ctx.root, head)
        chosen = select_preview(source.changes_since(base), source)
    except GitError as exc:
        raise click.UsageError(str(exc)) from None
    for path in chosen.left_out:
        stderr(f"预览里不包含：{path}")
    with tempfile.TemporaryDirectory(prefix="cohandbook-preview-") as tmp:
        tree = Path(tmp) / "tree"
        export_revision(ctx.root, base, tree)
        lay_over(tree, chosen, source)
        built = build_site(tree, out)
    if built and site_size(out) > MAX_SITE_BYTES:
        shutil.rmtree(out, ignore_errors=True)
        stderr(f"网页预览超过 {MAX_SITE_BYTES // 2**20} MB，没有生成。")
        built = False
    raise SystemExit(EXIT_OK if built else EXIT_INPUT)


def export_revision(repo: Path, rev: str, into: Path) -> None:
    """The base revision's files, streamed out of `git archive` (the working tree is never read)."""
    into.mkdir(parents=True)
    command = ["git", "-C", str(repo), "archive", "--format=tar", rev]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as process:
        assert process.stdout is not None
        with tarfile.open(fileobj=process.stdout, mode="r|") as archive:
            archive.extractall(into, filter="data")
    if process.returncode != 0:
        raise click.UsageError(f"git archive {rev} failed")


def lay_over(tree: Path, chosen: PreviewSelection, head: GitSource) -> None:
    """The pull request's chosen files, from git objects, written over the base; nothing through a link."""
    for path in chosen.delete:
        target = _inside(tree, path)
        if target.is_file() and not target.is_symlink():
            target.unlink()
    for entry in chosen.write:
        target = _inside(tree, entry.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_symlink() or (target.exists() and not target.is_file()):
            raise click.UsageError(f"{entry.path}: the base has no plain file there")
        target.write_bytes(head.read(entry.path)[: entry.size])


def _inside(tree: Path, path: str) -> Path:
    target = tree / path
    folder = target.parent
    while folder != tree:
        if folder.is_symlink():
            raise click.UsageError(f"{path}: a folder on the way is a link")
        folder = folder.parent
    return target


def build_site(tree: Path, out: Path) -> bool:
    """The base's mkdocs.yml over the laid-over tree. Not strict: the judge already named every warning, and
    a preview shows the pages as they would look; an error in the build itself still means no preview."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        config = load_config(str(tree / CONFIG_FILE), site_dir=str(out.resolve()), strict=False)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except (MkDocsException, OSError) as exc:
        logging.getLogger("cohandbook").error("预览构建失败：%s", exc)
        return False
    return True


def site_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
