"""Where things live in a handbook repository, written once: folders, files, and reading a path back.

`handbooks/<handbook>/handbook.yml` is a blueprint, `handbooks/<handbook>/modules/<module>/` a module's folder
with its `index.md`, `contributors/<handle>.yml` a profile, `contributors/squads/<squad>.yml` a squad.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

HANDBOOKS, CONTRIBUTORS, MODULES = "handbooks", "contributors", "modules"  # MODULES: inside a handbook
SQUAD_FOLDER, AVATAR_FOLDER = f"{CONTRIBUTORS}/squads", f"{CONTRIBUTORS}/avatars"
BLUEPRINT, MODULE_FILE, SKILLS = "handbook.yml", "index.md", "skills.yml"  # a handbook's, a module's, the pool's
# A handbook, module or squad id (and a profile's file name): lowercase letters, digits and hyphens, at most
# 63 characters. One character class and a bounded repeat: linear time; `is_id` caps the text first.
ID = r"[a-z0-9][a-z0-9-]{0,62}"
MAX_ID = 63
_ID = re.compile(ID)
# The issue forms in .github/ISSUE_TEMPLATE/ (the doctor checks each is there; settings.issue_template may name another)
CLAIM_TEMPLATE, SUBMIT_TEMPLATE, JOIN_TEMPLATE, SQUAD_TEMPLATE = "claim.yml", "submit.yml", "join.yml", "squad.yml"
TRUSTED_STATUS = "cohandbook/提交规则"  # the commit status the trusted check sets; branch protection requires it


def is_id(text: str) -> bool:
    return len(text) <= MAX_ID and _ID.fullmatch(text) is not None


def handbook_folder(handbook: str) -> str:
    return f"{HANDBOOKS}/{handbook}"


def blueprint_file(handbook: str) -> str:
    return f"{HANDBOOKS}/{handbook}/{BLUEPRINT}"


def handbook_of(path: str) -> str | None:
    """The handbook of a path inside a handbook folder (`handbooks/h/…`), else None."""
    parts = path.split("/")
    return parts[1] if len(parts) >= 3 and parts[0] == HANDBOOKS and parts[1] else None


def module_folder(handbook: str, module: str) -> str:
    return f"{HANDBOOKS}/{handbook}/{MODULES}/{module}"


def module_index(handbook: str, module: str) -> str:
    return f"{module_folder(handbook, module)}/{MODULE_FILE}"


def module_src(handbook: str, module: str, file: str = MODULE_FILE) -> str:
    """A module's file as the site's pages see it: relative to `handbooks/` (MkDocs' docs folder)."""
    return f"{handbook}/{MODULES}/{module}/{file}"


def module_named(name: str) -> tuple[str, str] | None:
    """HANDBOOK/MODULE as people write it: `h/m`, or the folder's path `handbooks/h/modules/m` (either of
    `handbooks/` and `modules/` may be left out; slashes around it allowed); None for anything else. Whether
    the ids exist is the caller's question."""
    parts = [p for p in name.strip().split("/") if p]
    if len(parts) in (3, 4) and parts[0] == HANDBOOKS:
        parts = parts[1:]
    if len(parts) == 3 and parts[1] == MODULES:
        parts = [parts[0], parts[2]]
    return (parts[0], parts[1]) if len(parts) == 2 else None


def module_id_named(name: str) -> tuple[str, str] | None:
    """`module_named`, and only when both are ids (a comment's words: anything else is not a module)."""
    named = module_named(name)
    return named if named and is_id(named[0]) and is_id(named[1]) else None


def module_of(path: str) -> tuple[str, str] | None:
    """(handbook, module) of a path inside a module folder (`handbooks/h/modules/m/…`), else None."""
    parts = path.split("/")
    if len(parts) >= 5 and parts[0] == HANDBOOKS and parts[2] == MODULES and all(parts[:5]):
        return parts[1], parts[3]
    return None


def module_page(handbook: str, module: str) -> str:
    """A module page's address on the site, relative to its root (the check's preview links)."""
    return f"{handbook}/{module}/"


def module_page_of(address: str) -> tuple[str, str] | None:
    """(handbook, module) of a module page's address `h/m/` when both are ids, else None."""
    parts = address.split("/")
    return (parts[0], parts[1]) if len(parts) == 3 and not parts[2] and all(map(is_id, parts[:2])) else None


def profile_file(handle: str) -> str:
    return f"{CONTRIBUTORS}/{handle}.yml"


def profile_of(path: str) -> str | None:
    """The file name's stem of a profile path `contributors/<handle>.yml`, else None."""
    folder, _, name = path.rpartition("/")
    return name[: -len(".yml")] if folder == CONTRIBUTORS and name.endswith(".yml") and len(name) > 4 else None


def contributor_file(relative: str) -> str:
    """A file a profile names relative to `contributors/` (its avatar, `avatars/<handle>.jpg`)."""
    return f"{CONTRIBUTORS}/{relative}"


def avatar_of(path: str) -> str | None:
    """The stem of an avatar path `contributors/avatars/<stem>.<type>`, else None."""
    folder, _, name = path.rpartition("/")
    stem, dot, kind = name.rpartition(".")
    return stem if folder == AVATAR_FOLDER and dot and stem and kind else None


def squad_file(squad: str) -> str:
    return f"{SQUAD_FOLDER}/{squad}.yml"


def form_link(repo_url: str, template: str, title: str = "", **fields: str) -> str:
    """A GitHub issue form of the repository at `repo_url`, prefilled (the site, the board and the bot)."""
    query = {"template": template, **({"title": title} if title else {}), **fields}
    return f"{repo_url}/issues/new?{urlencode(query, quote_via=quote)}"


def module_form_link(repo_url: str, template: str, verb: str, handbook: str, module: str, title: str) -> str:
    """The claim or submission form for one module: `<verb>：h/m title`, with both ids filled in."""
    return form_link(repo_url, template, f"{verb}：{handbook}/{module} {title}", handbook=handbook, module=module)


def join_link(repo_url: str) -> str:
    return form_link(repo_url, JOIN_TEMPLATE)
