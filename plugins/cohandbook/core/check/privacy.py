"""Operator notes in a public repository: where they are, and the move that takes them out.

Contributors fork a public repository, so a contributor's `private:` block and a squad's `workspace:` are
readable by anyone on GitHub even though the site never shows them. `validate` warns about each one with
its file and line; `cohandbook private move` does the move. A private repository may keep them.
"""

from __future__ import annotations

from ..domain.findings import Finding, warning
from ..domain.layout import SQUAD_FOLDER
from ..domain.model import Repository
from ..read.private import PrivateStore, repository_blocks
from ..read.sources import Source

MOVE_HINT = "运行 cohandbook private move，把它移到私密资料库（mkdocs.yml 里的 private_dir 或 $COHANDBOOK_PRIVATE）。"


def public_notes_findings(source: Source) -> list[Finding]:
    """One warning per `private:` (contributor files) or `workspace:` (squad files) in the repository."""
    findings = []
    for path, data in repository_blocks(source, []):
        key = "workspace" if path.startswith(f"{SQUAD_FOLDER}/") else "private"
        if key in data:
            what = "运营备注 private" if key == "private" else "项目组内部联络方式 workspace"
            message = f"公开仓库里写着{what}：网站不会显示，但任何人都能在 GitHub 上读到。"
            findings.append(warning("private-in-public", path, data.line_of(key), message, MOVE_HINT))
    return findings


def store_findings(repo: Repository, store: PrivateStore) -> list[Finding]:
    """What the private store says that does not fit the repository: unknown people, unknown tags."""
    findings = []
    for handle, notes in store.people.items():
        file = notes.files[-1] if notes.files else handle
        if handle not in repo.contributors:
            findings.append(
                warning("private-unknown-person", file, None, f"人才库里没有“{handle}”，这份私密资料用不上。")
            )
        unknown = [tag for tag in notes.skills if tag not in repo.skills]
        if unknown:
            message = f"隐性技能标签不在 contributors/skills.yml 里：{'、'.join(unknown)}。"
            findings.append(warning("private-skill-unknown", file, None, message, "检查拼写，或先在技能表里加上它。"))
    for squad_id in store.workspaces:
        if squad_id not in repo.squads:
            findings.append(
                warning("private-unknown-squad", f"squads/{squad_id}.yml", None, f"没有项目组“{squad_id}”。")
            )
    return findings
