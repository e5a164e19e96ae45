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
@click.option("--base", required=True, metavar="REV", help="The branch or commit the pull request merges into.")
@click.option("--head", required=True, metavar="REV", help="The pull request's last commit.")
@click.option("--author", required=True, metavar="LOGIN", help="The pull request author's GitHub login.")
@click.option("--head-repo", default="", metavar="OWNER/NAME", help="The head's repository, from GitHub's event.")
@click.option("--base-repo", default="", metavar="OWNER/NAME", help="The repository the pull request targets.")
@click.option("--head-ref", default="", metavar="BRANCH", help="The head's branch name, from GitHub's event.")
@format_option("text", "json", "github")
@today_option
@click.pass_obj
def check_pr(ctx: Context, base: str, head: str, author: str, fmt: str, today: str | None, **origin: str) -> None:
    """Check a pull request against the contribution rules; exit 1 when it must change before merging.

    A pull request the bot opened from a submission form (a branch in the repository itself) is judged
    as the submitter's, by the record in its commit; give --head-repo, --base-repo and --head-ref for that.
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
