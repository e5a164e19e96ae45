"""The report on a pull request: the check's findings in plain Chinese, file by file, one comment edited
in place on every push."""

from __future__ import annotations

from itertools import groupby

from ..domain.findings import LEVEL_LABELS, sorted_findings
from .events import WorkflowRunEvent
from .plan import Comment, Plan
from .texts import quote
from .world import PrReport, World

MARKER = "cohandbook:pr-report"
MAX_FINDINGS = 50


def pr_report(event: WorkflowRunEvent, world: World) -> Plan:
    report = world.report
    if event.action != "completed" or report is None:
        return Plan(log=("workflow_run: no report to post",))
    if report.head_sha != event.head_sha:
        return Plan(log=(f"workflow_run: the report is for {report.head_sha[:12]}, not {event.head_sha[:12]}",))
    if event.pull_requests and report.number not in event.pull_requests:
        return Plan(log=(f"workflow_run: report names #{report.number}, the run belongs to {event.pull_requests}",))
    return Plan(comments=(Comment(report.number, MARKER, report_text(report)),), log=(f"report on #{report.number}",))


def report_text(report: PrReport) -> str:
    findings = sorted_findings(list(report.findings))
    errors = [f for f in findings if f.is_error]
    head = f"检查结果（对应最新的改动 `{report.head_sha[:7]}`）："
    if not findings:
        return f"{head}\n\n✅ 没有发现问题，等运营同学审核就好。"
    verdict = (
        f"❌ 有 {len(errors)} 处需要修改，改好后再保存一次，这条检查结果会自动更新。"
        if errors
        else "✅ 可以合并，只有几条提醒。"
    )
    lines = [head, "", verdict]
    for file, group in groupby(findings[:MAX_FINDINGS], key=lambda f: f.file):
        lines += ["", f"**{quote(file, 200)}**"]
        for finding in group:
            where = f"第 {finding.line} 行：" if finding.line else ""
            lines.append(f"- {LEVEL_LABELS[finding.level]}：{where}{_plain(finding.message)}")
            if finding.hint:
                lines.append(f"  怎么改：{_plain(finding.hint)}")
    if len(findings) > MAX_FINDINGS:
        lines += ["", f"……还有 {len(findings) - MAX_FINDINGS} 条，先改上面这些。"]
    return "\n".join(lines)


def _plain(text: str) -> str:
    """A message from the check's artifact (hostile): no HTML, no mentions, no markup that links."""
    flat = " ".join(text.split())[:500]
    for char, safe in (("<", "＜"), (">", "＞"), ("@", "＠"), ("[", "［"), ("]", "］"), ("`", "'")):
        flat = flat.replace(char, safe)
    return flat
