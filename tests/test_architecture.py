"""The core's layout holds: subpackages by subject, no import cycles, no engine or CLI imports, short modules."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from conftest import PROJECT

CORE = PROJECT / "plugins" / "cohandbook" / "core"
LONG_MODULE = 300  # lines; a longer module says why in its docstring ("Long because …")


def core_modules() -> dict[str, Path]:
    """Dotted names below `core` (`read.reader`, `domain`) to their files."""
    modules = {}
    for path in sorted(CORE.rglob("*.py")):
        parts = path.relative_to(CORE).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    return modules


def imports_of(name: str, path: Path, known: dict[str, Path]) -> Iterator[str]:
    """The core modules that `name` imports (relative imports resolved; `from . import x` counts as x)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            candidates = [f"{target}.{alias.name}".strip(".") for alias in node.names] + [target]
            yield from (c for c in candidates if c in known and c != name)
        elif isinstance(node, ast.ImportFrom | ast.Import):
            for alias in node.names if isinstance(node, ast.Import) else [node]:
                module = alias.name if isinstance(alias, ast.alias) else (alias.module or "")
                if module.startswith("cohandbook.core."):
                    yield module.removeprefix("cohandbook.core.")


def import_graph() -> dict[str, set[str]]:
    known = core_modules()
    return {name: set(imports_of(name, path, known)) for name, path in known.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1 on the path, 2 done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    return next((c for n in sorted(graph) if n not in state and (c := visit(n))), None)


def test_no_import_cycles_between_core_modules() -> None:
    assert find_cycle(import_graph()) is None


def test_no_import_cycles_between_core_subpackages() -> None:
    packages: dict[str, set[str]] = {}
    for name, deps in import_graph().items():
        top = name.split(".")[0]
        packages.setdefault(top, set()).update(d.split(".")[0] for d in deps if d.split(".")[0] != top)
    assert find_cycle(packages) is None, packages


def test_the_domain_depends_on_nothing_else_in_the_core() -> None:
    outside = {d for n, deps in import_graph().items() if n.startswith("domain") for d in deps}
    assert {d.split(".")[0] for d in outside} <= {"domain"}


def test_every_core_module_lives_in_a_subpackage() -> None:
    flat = [p.name for p in CORE.glob("*.py") if p.name != "__init__.py"]
    assert flat == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_long_core_modules_say_why() -> None:
    unexplained = []
    for name, path in core_modules().items():
        text = path.read_text(encoding="utf-8")
        docstring = ast.get_docstring(ast.parse(text)) or ""
        if text.count("\n") > LONG_MODULE and "Long because" not in docstring:
            unexplained.append(f"{name} ({text.count(chr(10))} lines)")
    assert unexplained == []


def test_core_never_imports_mkdocs_or_click() -> None:
    code = (
        "import importlib, pkgutil, sys, cohandbook.core as core\n"
        "for m in pkgutil.walk_packages(core.__path__, 'cohandbook.core.'): importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in ('mkdocs', 'click', 'material', 'properdocs'))\n"
        "print(','.join(bad))"
    )
    env = {**os.environ, "PYTHONPATH": str(PROJECT / "plugins")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert result.stdout.strip() == ""


ARCHITECTURE = PROJECT / "docs" / "pages" / "dev" / "architecture.md"


def layer_table() -> dict[str, set[str]]:
    """The layer table of docs/pages/dev/architecture.md: subpackage -> the subpackages it may import."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    rows = text.split("<!-- layers:", 1)[1].split("\n\n", 1)[0].splitlines()[1:]
    table = {}
    for row in rows[2:]:  # after the header and its rule
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        name = cells[0].strip("`").rstrip("/")
        table[name] = {part.strip().strip("`") for part in cells[-1].split(",") if part.strip().startswith("`")}
    return table


def test_the_documented_layer_table_is_the_one_the_imports_follow() -> None:
    table = layer_table()
    actual: dict[str, set[str]] = {}
    for name, deps in import_graph().items():
        top = name.split(".")[0]
        if top:  # "" is core/__init__.py itself
            actual.setdefault(top, set()).update(d.split(".")[0] for d in deps if d.split(".")[0] != top)
    assert set(table) == set(actual), "every core subpackage has one row in docs/pages/dev/architecture.md"
    undeclared = {name: sorted(deps - table[name]) for name, deps in actual.items() if deps - table[name]}
    assert undeclared == {}


def test_the_layer_table_reader_reads_what_the_page_says() -> None:
    table = layer_table()
    assert table["domain"] == set() and table["casting"] == {"domain", "read", "ops"}
    assert "media" in table
