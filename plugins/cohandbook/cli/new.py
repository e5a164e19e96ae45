"""`cohandbook new`: start a handbook from a commented blueprint; never over an existing one."""

from __future__ import annotations

import click

from ..core.domain.changes import ABSENT, FileChange
from ..core.domain.layout import blueprint_file, handbook_folder
from ..core.edits.new_handbook import blueprint_text, new_handbook_problems
from .common import Context, fail
from .writer import apply_plan


@click.command()
@click.argument("handbook_id", metavar="手册编号")
@click.option("--title", required=True, help="手册的名字，例如 充电与补能指南。")
@click.option("--brand", required=True, help="品牌名，例如 极光汽车。")
@click.pass_obj
def new(ctx: Context, handbook_id: str, title: str, brand: str) -> None:
    """开一本新手册：写出 handbooks/手册编号/handbook.yml，里面有视频、图集、文章、清单各一个示例模块。"""
    folder = ctx.root / handbook_folder(handbook_id)
    problems = new_handbook_problems(handbook_id, title, brand, folder.exists())
    if problems:
        fail("\n".join(problems))
    change = FileChange(blueprint_file(handbook_id), blueprint_text(title, brand), expect=ABSENT)
    apply_plan(ctx, [change], ctx.today(None))  # gated like every write; ABSENT: never over a file
    click.echo(f"写好了 handbooks/{handbook_id}/handbook.yml：《{title.strip()}》，四个示例模块。")
    click.echo("下一步：照着文件里的注释改成你的章节和模块，然后运行 cohandbook validate 检查。")
