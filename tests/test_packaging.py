"""The wheel holds every package and the themes, so a non-editable install finds them."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def package_folders() -> set[str]:
    """Every folder under connect_tui/ with Python code, as a dotted package name."""
    found = set()
    for init in (ROOT / "connect_tui").rglob("__init__.py"):
        if "__pycache__" not in init.parts:
            found.add(".".join(init.parent.relative_to(ROOT).parts))
    return found


def test_every_package_folder_is_listed_in_pyproject() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    assert package_folders() <= listed
    assert "connect_tui.themes" in listed


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return next(out.glob("connect_tui-*.whl"))


def test_wheel_contains_themes_and_packages(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    themes = sorted(p.name for p in (ROOT / "themes").glob("*.toml"))
    assert themes, "themes/ has no theme files"
    for theme in themes:
        assert f"connect_tui/themes/{theme}" in names
    for package in package_folders():
        assert package.replace(".", "/") + "/__init__.py" in names
    assert "connect_tui/py.typed" in names
    assert any(name.endswith("entry_points.txt") for name in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert (
        "connect-tui = connect_tui.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
    )
