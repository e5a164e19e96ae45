"""The bot's single point where a plan meets the gate: every handler's file changes are judged here.

`decide` passes each handler's plan through `gated`, so a handler added later (a hand-in, a squad invitation,
a join request) is gated without doing anything: when the repository after the plan would have a problem the
strict build stops on that it does not have now, nothing is committed and the issue is told which, in plain
Chinese.
"""

from __future__ import annotations

from ..check.gate import REFUSED, gate
from ..domain.findings import Finding
from .plan import Comment, Plan
from .world import World


def gated(plan: Plan, world: World) -> Plan:
    if plan.proposal is not None:  # a join's pull request: its files pass the same gate before they are pushed
        added = gate(world.source, plan.proposal.changes, world.today)
        return _refused(plan, added) if added else plan
    if not plan.changes and plan.merge is None:
        return plan
    if plan.merge is not None and world.pull is not None and world.pull.head is not None:
        added = gate(world.pull.head, plan.changes, world.today, base=world.source)  # merged, then changed
    else:
        added = gate(world.source, plan.changes, world.today)
    return _refused(plan, added) if added else plan


def _refused(plan: Plan, added: list[Finding]) -> Plan:
    issue = plan.failure_issue
    if issue is None:
        log = tuple(f"gate: {f.file}: [{f.code}] {f.message}" for f in added)
        return Plan(log=(f"{plan.message or 'plan'}: refused by the gate", *log))
    marker = next((c.marker for c in plan.comments if c.issue == issue), f"cohandbook:gate:{issue}")
    return refusal_plan(issue, marker, added, plan.message or "plan")


def refusal_plan(issue: int, marker: str, added: list[Finding], what: str) -> Plan:
    """The answer to a plan the gate refused: each finding it would add, where and how to fix it."""
    lines = [REFUSED, ""]
    for finding in added:
        lines.append(f"- `{finding.location()}`：{finding.message}")
        if finding.hint:
            lines.append(f"  怎么办：{finding.hint}")
    log = tuple(f"gate: {f.file}: [{f.code}] {f.message}" for f in added)
    return Plan(comments=(Comment(issue, marker, "\n".join(lines)),), log=(f"{what}: refused by the gate", *log))
