"""Where things live in a handbook repository, written once: folders, files, and reading a path back.

`handbooks/<handbook>/handbook.yml` is a blueprint, `handbooks/<handbook>/modules/<module>/` a module's folder
with its `index.md`, `contributors/<handle>.yml` a profile, `contributors/squads/<squad>.yml` a squad.
"""

from __future__ import annotations

HANDBOOKS, CONTRIBUTORS = "handbooks", "contributors"


def handbook_folder(handbook: str) -> str:
    return f"{HANDBOOKS}/{handbook}"


def module_folder(handbook: str, module: str) -> str:
    return f"{HANDBOOKS}/{handbook}/modules/{module}"


def module_index(handbook: str, module: str) -> str:
    return f"{module_folder(handbook, module)}/index.md"


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
