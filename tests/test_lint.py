"""Provides the lint test: ruff (check and format) and `mypy --strict` stay clean on the tree.

The settings are pyproject.toml's (`[tool.ruff]`, `[tool.mypy]`: strict, the connect_tui
package), so this runs exactly what a developer runs from the repository root.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*command: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m COMMAND...` at the repository root; its output as text."""
    return subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_check_and_format_are_clean() -> None:
    checked = run("ruff", "check", ".")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    formatted = run("ruff", "format", "--check", ".")
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr


@pytest.mark.slow
def test_mypy_strict_is_clean() -> None:
    checked = run("mypy")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Success" in checked.stdout
