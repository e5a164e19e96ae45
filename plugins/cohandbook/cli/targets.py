"""What the claim, release and board commands share: a module named on the command line."""

from __future__ import annotations

import click

from ..core.domain.layout import module_named
from ..core.domain.model import Repository
from ..core.edits.claims import Target, find_target


def find_module(repo: Repository, name: str) -> Target:
    """HANDBOOK/MODULE (or the module folder's path) to a blueprint module; a usage error when unknown."""
    named = module_named(name)
    if named is None:
        raise click.UsageError(f"“{name}”的写法不对，请写成 手册编号/模块编号，例如 new-owner-guide/kids-seat。")
    handbook_id, module_id = named
    if repo.handbook(handbook_id) is None:
        known = "、".join(h.id for h in repo.handbooks) or "（没有）"
        raise click.UsageError(f"没有手册“{handbook_id}”。现有的手册：{known}。")
    target = find_target(repo, handbook_id, module_id)
    if target is None:
        raise click.UsageError(
            f"手册“{handbook_id}”的蓝图里没有模块“{module_id}”。用 cohandbook board {handbook_id} 查看所有模块。"
        )
    return target
