"""The `send` and `history` command lines: refused flags exit 2 in one line, and on a real
terminal (a pseudo-terminal) several drafts get a progress bar above their lines."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest

from tests.sending.conftest import Runner, draft_for, save
from tests.sending.sandbox_process import RunningSandbox


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["send"], "name at least one PROFILE, or --from-history N"),
        (["send", "--from-history", "7"], "--from-history 7: no such entry"),
        (["send", "x", "--rate", "-1"], "--rate must be 0 or more"),
        (["send", "x", "--max-attempts", "0"], "--max-attempts must be 1 or more"),
        (["send", "x", "--endpoint-url", "ftp://host"], "must start with http:// or https://"),
        (["send", "x", "--sandbox", "--region", "eu-west-1"], "--sandbox cannot be combined"),
        (["history", "--limit", "0"], "--limit must be 1 or more"),
    ],
)
def test_refused_flags_exit_2_in_one_line(cli: Runner, args: list[str], words: str) -> None:
    save(draft_for("http://127.0.0.1:9", "x"))
    result = cli(*args)
    assert result.returncode == 2, result.stdout + result.stderr
    (line,) = result.stderr.splitlines()
    assert words in line and line.startswith("connect-tui: ")
    assert result.stdout == ""


def test_history_is_empty_at_first(cli: Runner) -> None:
    result = cli("history")
    assert (result.returncode, result.stdout) == (0, "no sends yet\n")
    assert cli("history", "--output", "json").stdout == ""


def test_a_terminal_gets_a_progress_bar_and_every_line(
    sandbox: RunningSandbox, cli_env: dict[str, str]
) -> None:
    names = [save(draft_for(sandbox.url, f"tty-{i}")) for i in range(4)]
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "connect_tui", "send", *names, "--rate", "0"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=dict(cli_env, TERM="xterm-256color", COLUMNS="160"),
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the process closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=60) == 0
    screen = b"".join(chunks).decode(errors="replace")
    assert "sending" in screen  # the bar (transient: it is gone when all are sent)
    for name in names:
        assert f"{name}: ContactId " in screen
    assert "sent 4 of 4: 0 not sent, 0 unreadable" in screen
