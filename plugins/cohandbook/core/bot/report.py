"""The report on a pull request: the trusted check's findings in plain Chinese, file by file, one comment
edited in place on every push (posted by check_report.py)."""

from __future__ import annotations

from itertools import groupby

from ..domain.findings import LEVEL_LABELS, sorted_findings
from .quote import neutral, quote
from .world import PrReport

MARKER = "cohandbook:pr-report"
PREVIEW_PATH = "pr-preview"
MAX_FINDINGS = 50


def preview_url(site_url: str, number: int) -> str:
    """Where the site deploy places a pull request's preview (see .github/workflows/deploy.yml)."""
    return f"{site_url.rstrip('/')}/{PREVIEW_PATH}/pr-{number}/"


def preview_text(report: PrReport, site_url: str | None) -> str:
    """Links to the pull request's pages as they will look, once the check passed and the preview is out."""
    if not site_url or any(f.is_error for f in report.findings):
        return ""
    base = preview_url(site_url, report.number)
    lines = ["", "", f"**网页预览**（合并前的样子，几分钟后可以打开）：[整本手册]({base})"]
    lines += [f"- [{page.rstrip('/')}]({base}{page})" for page in report.pages]
    return "\n".join(lines)


def report_text(report: PrReport, *, form: bool = False) -> str:
    """The check's result in plain Chinese; `form`: for a car owner who handed in through the 提交 form, who
    changes their work by editing the form (no version number, nothing about saving files)."""
    findings = sorted_findings(list(report.findings))
    errors = [f for f in findings if f.is_error]
    head = "检查结果：" if form else f"检查结果（对应最新的改动 `{report.head_sha[:7]}`）："
    if not findings:
        return f"{head}\n\n✅ 没有发现问题，等运营同学审核就好。"
    fix = "请编辑你填的表单，改好后保存" if form else "改好后再保存一次"
    verdict = (
        f"❌ 有 {len(errors)} 处需要修改，{fix}，这条检查结果会自动更新。"
        if errors
        else "✅ 可以收进手册，只有几条提醒。"
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
    return neutral(text)
