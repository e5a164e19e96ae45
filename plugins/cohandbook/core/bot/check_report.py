"""The trusted check's answer on a pull request: a commit status of its own and one report comment.

The pull request (number, head commit, where its head lives) is GitHub's description; the verdict is the
findings the judge job of the same trusted run wrote. The verdict is still read as hostile data (its texts
are flattened), and it counts only when it names that same pull request and commit: anything else is
reported as a check that did not finish, never as a pass. A hand-in the bot opened also gets the report on
its submission issue, where the person who handed in is listening.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.settings import Settings
from ..pr.trusted import PullTarget
from .plan import Comment, Plan
from .report import MARKER, preview_text, report_text
from .world import TRUSTED_STATUS, PrReport

CONTEXT = TRUSTED_STATUS  # the status operators require in branch protection


@dataclass(frozen=True, slots=True)
class Status:
    sha: str
    state: str  # success | failure | error (GitHub's words)
    description: str  # at most 140 characters, shown next to the check
    target_url: str  # the trusted run
    context: str = CONTEXT


@dataclass(frozen=True, slots=True)
class CheckReport:
    status: Status
    plan: Plan


def check_report(
    target: PullTarget, verdict: PrReport | None, previewed: bool, run_url: str, settings: Settings
) -> CheckReport:
    """What the report job posts, from GitHub's pull request and the judge job's verdict."""
    if verdict is None or (verdict.number, verdict.head_sha) != (target.number, target.head_sha):
        status = Status(target.head_sha, "error", "检查没有完成，请运营同学重新运行检查", run_url)
        return CheckReport(
            status, _comments(target, (_unfinished(target, run_url),) * 2, "verdict missing or not this")
        )
    verdict = PrReport(target.number, target.head_sha, verdict.findings, pages=verdict.pages)
    errors = sum(1 for f in verdict.findings if f.is_error)
    if errors:
        status = Status(target.head_sha, "failure", f"有 {errors} 处需要修改，详见 Pull Request 下的留言", run_url)
    else:
        status = Status(target.head_sha, "success", "符合提交规则，等运营同学审核", run_url)
    preview = preview_text(verdict, settings.site_url) if previewed else ""
    texts = (report_text(verdict) + preview, report_text(verdict, form=True) + preview)
    return CheckReport(status, _comments(target, texts, f"{errors} errors"))


def _unfinished(target: PullTarget, run_url: str) -> str:
    return (
        f"检查结果（对应最新的改动 `{target.head_sha[:7]}`）：\n\n"
        f"⚠️ 这次检查没有完成（[检查记录]({run_url})）。这不是你的问题，运营同学会重新运行检查。"
    )


def _comments(target: PullTarget, texts: tuple[str, str], log: str) -> Plan:
    """The report on the pull request, and for a hand-in also on its form's issue (`texts`: for each)."""
    comments = [Comment(target.number, MARKER, texts[0])]
    if (issue := target.handin_issue) is not None:
        said = f"你在这里填的表单整理成了 #{target.number}，检查结果如下：\n\n{texts[1]}"
        comments.append(Comment(issue, f"{MARKER}:{target.number}", said))
    return Plan(comments=tuple(comments), log=(f"check of #{target.number} at {target.head_sha[:12]}: {log}",))
