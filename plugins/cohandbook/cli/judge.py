"""`cohandbook judge`: the trusted check's verdict on one pull request, written as files for the report.

Runs in `.github/workflows/check.yml` with a read-only token, from the base branch's checkout. The pull
request comes from GitHub (the `pull_request_target` event, or `GET /pulls/{n}` for a dispatched check); its
commits are fetched as git objects and judged by `check-pr`'s rules; nothing of it is checked out, installed
or built. Writes into --out: `number`, `head_sha`, `findings.json`, `pages` (the module pages it changes);
and to $GITHUB_OUTPUT `number`, `head`, `base` and `accepted` for the preview job.
Exit 0: a verdict was written (whatever it says); 2: no pull request to judge, or git/GitHub failed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from ..core.bot.events import PullCheckEvent, parse_event
from ..core.pr.check import Origin, Verdict, base_settings, check_pull_request, judged_author
from ..core.pr.preview import changed_pages
from ..core.pr.trusted import NotAPullRequest, PullTarget
from ..core.read.sources import GitError
from ..github.api import GitHub, GitHubError
from ..github.git import Git, GitFailure
from ..github.run import Misconfigured, Setup
from ..github.trusted import fetch_head, resolve_pull
from .common import EXIT_OK, EXIT_USAGE, Context, github_annotation, stderr, write_step_summary
from .prcheck import summary


@click.command("judge")
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path), help="检查结果写到这个文件夹。")
@click.pass_obj
def judge(ctx: Context, out: Path) -> None:
    """可信检查：按目标分支的提交规则检查这个 Pull Request（只读取提交内容，不运行它的任何文件）。"""
    env = os.environ
    try:
        setup = Setup.from_env(ctx.root, env)
        payload = json.loads(Path(env.get("GITHUB_EVENT_PATH", "")).read_bytes())
        event = parse_event(env.get("GITHUB_EVENT_NAME", ""), payload)
        if not isinstance(event, PullCheckEvent):
            raise NotAPullRequest("this event names no pull request to check")
        github = GitHub(setup.api_url, setup.repository, setup.token)
        try:
            target = resolve_pull(event, github, setup.repository)
        finally:
            github.close()
        fetch_head(Git(ctx.root, setup.token, setup.server_url), target)
        verdict = _verdict(ctx, target)
    except (Misconfigured, OSError, ValueError, GitHubError, GitFailure, GitError) as exc:
        stderr(f"cohandbook judge: {exc}")
        raise SystemExit(EXIT_USAGE) from None
    _write(out, target, verdict)
    for finding in verdict.findings:  # the run's log and summary, for an operator who opens the run
        click.echo(github_annotation(finding))
    write_step_summary(summary(verdict))
    _outputs(env.get("GITHUB_OUTPUT", ""), target, verdict)
    stderr(f"cohandbook judge: #{target.number} at {target.head_sha[:12]}: {len(verdict.findings)} findings")
    raise SystemExit(EXIT_OK)


def _verdict(ctx: Context, target: PullTarget) -> Verdict:
    origin = Origin(target.head_repo, target.base_repo, target.head_ref)
    settings = base_settings(ctx.root, target.base_sha)
    author = judged_author(ctx.root, target.base_sha, target.head_sha, target.author, origin)
    today = ctx.today(None, settings)
    return check_pull_request(ctx.root, target.base_sha, target.head_sha, author, today, settings)


def _write(out: Path, target: PullTarget, verdict: Verdict) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "number").write_text(str(target.number), encoding="ascii")
    (out / "head_sha").write_text(target.head_sha, encoding="ascii")
    findings = [f.as_dict() for f in verdict.findings]
    (out / "findings.json").write_text(json.dumps(findings, ensure_ascii=False, indent=1), encoding="utf-8")
    (out / "pages").write_text("".join(f"{p}\n" for p in changed_pages(verdict.changes)), encoding="utf-8")


def _outputs(path: str, target: PullTarget, verdict: Verdict) -> None:
    """Plain values only (digits, hex, true/false): the preview job uses them in its shell."""
    if path:
        with open(path, "a", encoding="utf-8") as output:
            output.write(f"number={target.number}\nhead={target.head_sha}\nbase={target.base_sha}\n")
            output.write(f"accepted={'true' if verdict.accepted else 'false'}\n")
