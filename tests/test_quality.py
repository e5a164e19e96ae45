"""Lint, format and type checks run with the suite, so CI enforces them like any other test."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import PROJECT


def run_tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=PROJECT, capture_output=True, text=True, check=False)


@pytest.mark.parametrize(
    "command",
    [
        ("ruff", "check", "plugins", "tests", "bench"),
        ("ruff", "format", "--check", "plugins", "tests", "bench"),
        ("mypy",),
    ],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_tool_is_clean(command: tuple[str, ...]) -> None:
    result = run_tool(*command)
    assert result.returncode == 0, result.stdout + result.stderr
