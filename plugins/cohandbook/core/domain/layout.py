"""Where things live in a handbook repository, written once: folders, files, and reading a path back.

`handbooks/<handbook>/handbook.yml` is a blueprint, `handbooks/<handbook>/modules/<module>/` a module's folder
with its `index.md`, `contributors/<handle>.yml` a profile, `contributors/squads/<squad>.yml` a squad.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

HANDBOOKS, CONTRIBUTORS = "handbooks", "contributors"
CLAIM_TEMPLATE, SUBMIT_TEMPLATE, JOIN_TEMPLATE = "claim.yml", "submit.yml", "join.yml"  # .github/ISSUE_TEMPLATE/


def handbook_folder(handbook: str) -> str:
    return f"{HANDBOOKS}/{handbook}"


def blueprint_file(handbook: str) -> str:
    return f"{HANDBOOKS}/{handbook}/handbook.yml"


def module_folder(handbook: str, module: str) -> str:
    return f"{HANDBOOKS}/{handbook}/modules/{module}"


def module_index(handbook: str, module: str) -> str:
    return f"{module_folder(handbook, module)}/index.md"


def module_src(handbook: str, module: str, file: str = "index.md") -> str:
    """A module's file as the site's pages see it: relative to `handbooks/` (MkDocs' docs folder)."""
    return f"{handbook}/modules/{module}/{file}"


def module_named(name: str) -> tuple[str, str] | None:
    """HANDBOOK/MODULE as people write it: `h/m`, or the folder's path `handbooks/h/modules/m` (slashes around
    it allowed); None for anything else. Whether the ids exist is the caller's question."""
    parts = [p for p in name.strip().split("/") if p]
    if len(parts) == 4 and parts[0] == HANDBOOKS and parts[2] == "modules":
        parts = [parts[1], parts[3]]
    return (parts[0], parts[1]) if len(parts) == 2 else None


def module_of(path: str) -> tuple[str, str] | None:
    """(handbook, module) of a path inside a module folder (`handbooks/h/modules/m/…`), else None."""
    parts = path.split("/")
    if len(parts) >= 5 and parts[0] == HANDBOOKS and parts[2] == "modules" and all(parts[:5]):
        return parts[1], parts[3]
    return None


def profile_file(handle: str) -> str:
    return f"{CONTRIBUTORS}/{handle}.yml"


def squad_file(squad: str) -> str:
    return f"{CONTRIBUTORS}/squads/{squad}.yml"


def form_link(repo_url: str, template: str, title: str = "", **fields: str) -> str:
    """A GitHub issue form of the repository at `repo_url`, prefilled (the site, the board and the bot)."""
    query = {"template": template, **({"title": title} if title else {}), **fields}
    return f"{repo_url}/issues/new?{urlencode(query, quote_via=quote)}"


def module_form_link(repo_url: str, template: str, verb: str, handbook: str, module: str, title: str) -> str:
    """The claim or submission form for one module: `<verb>：h/m title`, with both ids filled in."""
    return form_link(repo_url, template, f"{verb}：{handbook}/{module} {title}", handbook=handbook, module=module)


def join_link(repo_url: str) -> str:
    return form_link(repo_url, JOIN_TEMPLATE)
