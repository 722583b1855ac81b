"""Tests that `connect-tui` without a terminal draws nothing and says what to do instead."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from connect_tui.composer_cli import NO_TERMINAL

SCRIPT = Path(sys.executable).parent / "connect-tui"
EXPECTED = f"connect-tui: {NO_TERMINAL}\n"
# A guard against a hang (the app waiting for a terminal), not a timing assertion.
HANG = 60


def test_stdin_from_dev_null_exits_2_with_one_line(cli_env: dict[str, str]) -> None:
    result = subprocess.run(
        [str(SCRIPT)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=cli_env,
        timeout=HANG,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.decode() == EXPECTED
    assert "connect-tui send" in result.stderr.decode()


def test_a_profile_argument_changes_nothing(cli_env: dict[str, str]) -> None:
    result = subprocess.run(
        [str(SCRIPT), "some-draft", "--sandbox"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=cli_env,
        timeout=HANG,
        check=False,
    )
    assert (result.returncode, result.stderr.decode()) == (2, EXPECTED)


def test_stdout_not_a_terminal_is_refused_too(cli_env: dict[str, str]) -> None:
    # stdin is a real terminal (a pty), stdout a pipe: `connect-tui > file` must not draw.
    controller, terminal = pty.openpty()
    try:
        result = subprocess.run(
            [str(SCRIPT)],
            stdin=terminal,
            capture_output=True,
            env=cli_env,
            timeout=HANG,
            check=False,
        )
    finally:
        os.close(terminal)
        os.close(controller)
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.decode() == EXPECTED


def test_textual_is_not_imported_before_refusing(cli_env: dict[str, str]) -> None:
    # "At once": the refusal comes before Textual (and boto3) are loaded.
    code = (
        "import sys\n"
        "from connect_tui.cli import main\n"
        "code = main([])\n"
        "print(code, 'textual' in sys.modules, 'boto3' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=cli_env,
        timeout=HANG,
        check=False,
    )
    assert result.stdout.decode().split() == ["2", "False", "False"]
    assert result.stderr.decode() == EXPECTED
