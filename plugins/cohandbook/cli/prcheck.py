"""`cohandbook check-pr`: judge a pull request by the contribution rules, reading both revisions from git.

Exit 0: the pull request may be merged (after an operator's review); 1: refused, the report says why;
2: usage error (an unknown revision, not a git repository, a bad --today).
"""

from __future__ import annotations

import click

from ..core.domain.settings import SettingsError
from ..core.pr.check import Origin, Verdict, base_settings, check_pull_request, judged_author
from ..core.read.sources import GitError
from .common import (
    EXIT_INPUT,
    EXIT_OK,
    Context,
    format_option,
    github_annotation,
    print_json,
    today_option,
    write_step_summary,
)
from .validate import findings_table, text_report

ROLES = {"operator": "运营同学", "contributor": "贡献者", "applicant": "申请加入人才库", "unknown": "还不在人才库里"}


@click.command("check-pr")
@click.option("--base", required=True, metavar="版本", help="合并请求要合并进的分支或提交。")
@click.option("--head", required=True, metavar="版本", help="合并请求的最后一个提交。")
@click.option("--author", required=True, metavar="GitHub用户名", help="合并请求作者的 GitHub 用户名。")
@click.option("--head-repo", default="", metavar="组织/仓库", help="合并请求来自哪个仓库（取自 GitHub 事件）。")
@click.option("--base-repo", default="", metavar="组织/仓库", help="合并请求要合并进的仓库。")
@click.option("--head-ref", default="", metavar="分支", help="合并请求的分支名（取自 GitHub 事件）。")
@format_option("text", "json", "github")
@today_option
@click.pass_obj
def check_pr(ctx: Context, base: str, head: str, author: str, fmt: str, today: str | None, **origin: str) -> None:
    """按贡献规则检查一个合并请求；要改了才能合并时退出码为 1。

    机器人从“提交作品”表单开的合并请求（仓库自己的分支），按提交记录里的交稿人来判断；
    这时要给出 --head-repo、--base-repo 和 --head-ref。
    """
    try:
        settings = base_settings(ctx.root, base)
        author = judged_author(ctx.root, base, head, author, Origin(**origin))
        verdict = check_pull_request(ctx.root, base, head, author, ctx.today(today, settings), settings)
    except GitError as exc:
        raise click.UsageError(str(exc)) from None
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None
    if fmt == "json":
        print_json([f.as_dict() for f in verdict.findings])
    elif fmt == "github":
        for finding in verdict.findings:
            click.echo(github_annotation(finding))
        click.echo(conclusion(verdict))
        write_step_summary(summary(verdict))
    else:
        click.echo("\n\n".join([header(verdict), text_report(list(verdict.findings)), conclusion(verdict)]))
    raise SystemExit(EXIT_OK if verdict.accepted else EXIT_INPUT)


def header(verdict: Verdict) -> str:
    who = ROLES[verdict.role] + ("：" + "、".join(verdict.handles) if verdict.handles else "")
    return f"检查这次提交：作者 {verdict.author}（{who}），改动了 {len(verdict.changes)} 个文件。"


def conclusion(verdict: Verdict) -> str:
    if verdict.accepted and verdict.role == "applicant":
        return "结论：申请加入的档案没有问题，运营同学合并即通过申请。"
    if verdict.accepted:
        return "结论：符合提交规则，等待运营同学审核合并。"
    if verdict.role == "unknown":
        return "结论：先加入人才库，再提交作品。"
    errors = sum(1 for f in verdict.findings if f.is_error)
    return f"结论：有 {errors} 个问题要先改好。在这次提交里把文件改好后，检查会自动重新运行。"


def summary(verdict: Verdict) -> str:
    """The whole report for the job summary: annotations show only the first few problems."""
    table = findings_table(list(verdict.findings)) if verdict.findings else "没有发现问题。\n"
    return f"### 共创手册检查：{header(verdict)}\n\n{table}\n**{conclusion(verdict)}**\n"
