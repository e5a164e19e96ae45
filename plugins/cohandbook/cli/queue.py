"""`cohandbook review`: the review queue, submitted modules waiting for an operator, oldest first."""

from __future__ import annotations

import click

from ..core.check.validate import check_source
from ..core.domain.model import FORMAT_LABELS
from ..core.ops.queue import QueueItem, queue_json, review_queue
from ..core.read.history import handed_in
from .common import Context, format_option, print_json, today_option


@click.command()
@click.argument("handbook", required=False, metavar="[手册编号]")
@format_option("text", "json")
@today_option
@click.pass_obj
def review(ctx: Context, handbook: str | None, fmt: str, today: str | None) -> None:
    """等你审核的作品：最早交的在前，等了几天，是否达到形式要求，来自哪个 Issue。"""
    settings = ctx.settings()
    day = ctx.today(today, settings)
    repo, findings = check_source(ctx.source(), day)
    if handbook is not None and repo.handbook(handbook) is None:
        known = "、".join(h.id for h in repo.handbooks) or "（没有）"
        raise click.UsageError(f"没有手册“{handbook}”。现有的手册：{known}。")
    queue = review_queue(repo, findings, day, handbook, handed_in(ctx.root))
    if fmt == "json":
        print_json([queue_json(item, settings.repo_url) for item in queue])
    else:
        click.echo(text_queue(queue, settings.repo_url))


def text_queue(queue: list[QueueItem], repo_url: str | None) -> str:
    if not queue:
        return "审核队列是空的：没有等待验收的模块。"
    ready = sum(1 for item in queue if item.contract_holds)
    blocks = [_item_text(item, repo_url) for item in queue]
    tail = f"共 {len(queue)} 个模块等待审核，其中 {ready} 个符合格式要求、可以验收（cohandbook accept 手册/模块）。"
    return "\n\n".join([*blocks, tail])


def _item_text(item: QueueItem, repo_url: str | None) -> str:
    waited = f"已等 {item.days_waiting} 天" if item.days_waiting is not None else "提交日期未知"
    who = "、".join(c.handle for c in item.work.contributors) or "（无）"
    lines = [f"{item.name}「{item.spec.title}」（{FORMAT_LABELS[item.spec.format]}）  {waited}  贡献者：{who}"]
    if item.issue is not None:
        link = f"{repo_url}/issues/{item.issue}" if repo_url else f"#{item.issue}"
        lines.append(f"  来自：{link}")
    if item.contract_holds:
        lines.append("  格式要求：符合")
    else:
        lines.append(f"  格式要求：不符合（{len(item.problems)} 个错误）")
        lines += [f"    - {f.location()}：{f.message}（{f.code}）" for f in item.problems]
    return "\n".join(lines)
