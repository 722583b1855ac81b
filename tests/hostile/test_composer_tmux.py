"""In a real terminal (tmux), a profile full of escape sequences neither retitles nor clears it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.hostile.hostile_data import save_hostile
from tests.tmux_session import TmuxSession, tmux_path

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(tmux_path() is None, reason="tmux is not installed (apt-get install tmux)"),
]

SCRIPT = Path(sys.executable).parent / "connect-tui"


def test_the_terminal_is_not_retitled_or_cleared(
    profiles_dir: Path, cli_env: dict[str, str]
) -> None:
    save_hostile(profiles_dir)
    session = TmuxSession([str(SCRIPT), "vip"], env=cli_env, size=(120, 40))
    try:
        session.wait_for("Problems", timeout=30)
        for key in ("M-m", "M-t", "M-g", "M-p", "M-a"):
            session.press(key)
            session.wait_for("PWNED", timeout=30)  # shown, as text
        # Give a slow terminal time to have drawn everything, by waiting on a redraw.
        session.press("M-m")
        screen = session.wait_for("\\x1b]0;PWNED", timeout=30)
        title = session._run("display-message", "-p", "#{pane_title}")
        assert "PWNED" not in title
        assert "vip" in screen  # still drawn: the screen was not cleared
    finally:
        session.close()
