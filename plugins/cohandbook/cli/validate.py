"""`cohandbook validate`: every finding, without building the site."""

from __future__ import annotations

import click

from ..core.check.privacy import public_notes_findings
from ..core.check.validate import check_source
from ..core.domain.findings import LEVEL_LABELS, Finding, has_errors, sorted_findings
from ..core.ops.setup import repo_url_findings
from ..core.read.site_config import CONFIG_FILE
from . import github_log
from .common import (
    EXIT_INPUT,
    EXIT_OK,
    Context,
    finding_text,
    format_option,
    github_annotation,
    print_json,
    today_option,
    write_step_summary,
)
from .fix_media import fix_media as fix_media_in


@click.command()
@format_option("text", "json", "github")
@today_option
@click.option(
    "--fix-media",
    is_flag=True,
    help="先转换模块文件夹里手机拍的照片和视频（HEIC 转 JPEG、过大的照片缩小、去掉位置信息、MOV 用 ffmpeg "
    "转 MP4），转好以后才删原文件。",
)
@click.pass_obj
def validate(ctx: Context, fmt: str, today: str | None, fix_media: bool) -> None:
    """检查蓝图、模块、人才库和项目组，说明哪里要改；有必须改的错误时退出码为 1。"""
    if fix_media:
        done = fix_media_in(ctx.root, ctx.today(today))  # the gate judges the plan on the same day
        lines = done if fmt != "github" else [github_log.line(item) for item in done]
        click.echo("\n".join(lines) if lines else "媒体文件都不需要转换。", err=fmt != "text")
    settings = ctx.settings()
    _, findings = check_source(ctx.source(), ctx.today(today, settings))
    if settings.public:
        findings += public_notes_findings(ctx.source())
    if (ctx.root / CONFIG_FILE).is_file():
        findings += repo_url_findings(settings.repo_url)
    findings = sorted_findings(findings)
    emit_findings(findings, fmt)
    raise SystemExit(EXIT_INPUT if has_errors(findings) else EXIT_OK)


def emit_findings(findings: list[Finding], fmt: str) -> None:
    if fmt == "json":
        print_json([f.as_dict() for f in findings])
    elif fmt == "github":
        for finding in findings:
            click.echo(github_annotation(finding))
        write_step_summary(summary_markdown(findings))
    else:
        click.echo(text_report(findings))


def text_report(findings: list[Finding]) -> str:
    if not findings:
        return "检查通过：没有发现问题。"
    errors = sum(1 for f in findings if f.is_error)
    blocks = [finding_text(f) for f in findings]
    tail = f"共 {errors} 个错误、{len(findings) - errors} 个警告。错误必须改正；警告建议处理。"
    return "\n\n".join([*blocks, tail])


def summary_markdown(findings: list[Finding]) -> str:
    if not findings:
        return "### 共创手册检查：通过\n"
    return "### 共创手册检查：结果\n\n" + findings_table(findings)


def findings_table(findings: list[Finding]) -> str:
    """The findings as a Markdown table, for the job summary GitHub shows under a workflow run."""
    rows = ["| 级别 | 文件 | 问题 | 怎么改 |", "|---|---|---|---|"]
    for f in findings:
        cells = [LEVEL_LABELS[f.level], f"`{f.location()}`", f.message, f.hint]
        rows.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    return "\n".join(rows) + "\n"
