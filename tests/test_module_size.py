"""Provides the module size test: no module of connect_tui is over 400 lines.

A module that grows past 400 lines is doing more than one job (docs/architecture.md, "The
layers"): split it by job before it lands. There is no list of exceptions.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "connect_tui"
LIMIT = 400


def line_count(path: Path) -> int:
    """The number of lines in a file, as `wc -l` counts them."""
    return path.read_bytes().count(b"\n")


def test_no_module_is_over_400_lines() -> None:
    too_long = [
        f"{path.relative_to(ROOT).as_posix()}: {line_count(path)} lines"
        for path in sorted(PACKAGE.rglob("*.py"))
        if line_count(path) > LIMIT
    ]
    assert too_long == [], (
        f"split each by job into modules of at most {LIMIT} lines "
        "(docs/architecture.md, The layers)"
    )


def test_the_line_count_counts_lines(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    path.write_text("a = 1\n" * (LIMIT + 1), encoding="utf-8")
    assert line_count(path) == LIMIT + 1
