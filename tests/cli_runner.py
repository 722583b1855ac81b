"""Provides run_cli: `connect-tui ARGS...` as a user runs it, a subprocess, its output kept."""

from __future__ import annotations

import subprocess
import sys


def run_cli(
    *args: str, env: dict[str, str], stdin: str | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run `python -m connect_tui ARGS...` in `env`; text output, undecodable bytes kept
    as surrogate escapes (so a test can see exactly what would reach a terminal)."""
    return subprocess.run(
        [sys.executable, "-m", "connect_tui", *args],
        capture_output=True,
        text=True,
        errors="surrogateescape",
        env=env,
        input=stdin,
        timeout=timeout,
    )
