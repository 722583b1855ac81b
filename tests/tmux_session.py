"""Provides TmuxSession: a program in a real terminal (a detached tmux session) to type into and read.

Used by the real-terminal test (tests/test_tmux.py) and the start-up benchmark
(benchmarks/startup.py). Each session runs on its own tmux server (a private socket), so
nothing touches the user's own tmux, and every wait polls the screen against a deadline
instead of sleeping a fixed time.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import TracebackType

#: How often the screen is read while waiting.
POLL = 0.02

# Read by the private server at start: keep a finished program's last screen (so a crash
# can be read), and a terminal type Textual draws in full colour on.
_CONFIG = """\
set -g remain-on-exit on
set -g default-terminal "xterm-256color"
set -g status off
set -g history-limit 2000
"""


class TmuxError(RuntimeError):
    """tmux failed, or what was waited for did not appear in time (the screen is in the message)."""


def tmux_path() -> str | None:
    """The tmux binary, or None when tmux is not installed."""
    return shutil.which("tmux")


class TmuxSession:
    """One program running in a detached tmux session of a fixed size."""

    def __init__(
        self,
        command: Sequence[str],
        *,
        env: Mapping[str, str],
        size: tuple[int, int] = (100, 32),
        cwd: Path | None = None,
    ) -> None:
        binary = tmux_path()
        if binary is None:
            raise TmuxError("tmux is not installed")
        self._folder = Path(tempfile.mkdtemp(prefix="connect-tui-tmux-"))
        config = self._folder / "tmux.conf"
        width, height = size
        # Sized before the session exists, so the program never sees another size.
        config.write_text(_CONFIG + f"set -g default-size {width}x{height}\n")
        self._base = [binary, "-S", str(self._folder / "socket"), "-f", str(config)]
        self._env = dict(env)
        self.size = size
        self._run(
            "new-session", "-d", "-s", "main", "-x", str(width), "-y", str(height),
            *(["-c", str(cwd)] if cwd else []),
            *command,
        )  # fmt: skip

    def _run(self, *arguments: str) -> str:
        result = subprocess.run(
            [*self._base, *arguments],
            capture_output=True,
            text=True,
            env=self._env,
            timeout=30,
            check=False,
        )
        if result.returncode != 0:
            raise TmuxError(f"tmux {arguments[0]} failed: {result.stderr.strip()}")
        return result.stdout

    def screen(self, *, scrollback: bool = False) -> str:
        """What the terminal shows now, as plain text, one line per row (after the scrollback)."""
        return self._run("capture-pane", "-p", "-t", "main", *(["-S", "-"] if scrollback else []))

    def pid(self) -> int:
        """The process id of the program running in the terminal."""
        return int(self._run("display-message", "-p", "-t", "main", "#{pane_pid}").strip())

    def exited(self) -> bool:
        """True once the program has finished.

        (tmux 3.3 does not always report a dead pane's exit status, so to learn the
        status, run the program under `sh -c 'program; echo "exit status $?"'`.)
        """
        return self._run("display-message", "-p", "-t", "main", "#{pane_dead}").strip() == "1"

    def wait_exit(self, *, timeout: float = 30.0) -> None:
        """Poll until the program has finished."""
        deadline = time.monotonic() + timeout
        while not self.exited():
            if time.monotonic() > deadline:
                raise TmuxError(f"waited {timeout:g}s for the program to exit:\n{self.screen()}")
            time.sleep(POLL)

    def wait_until(
        self, check: Callable[[str], bool], *, timeout: float = 30.0, what: str = "the screen"
    ) -> str:
        """Poll the screen until `check(screen)` is true; return that screen or raise TmuxError."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if check(screen):
                return screen
            if time.monotonic() > deadline:
                raise TmuxError(f"waited {timeout:g}s for {what}; the screen shows:\n{screen}")
            if self.exited():
                raise TmuxError(f"the program exited while waiting for {what}:\n{screen}")
            time.sleep(POLL)

    def wait_for(self, text: str, *, timeout: float = 30.0) -> str:
        """Poll until `text` is on the screen; return the screen."""
        return self.wait_until(lambda screen: text in screen, timeout=timeout, what=repr(text))

    def wait_for_gone(self, text: str, *, timeout: float = 30.0) -> str:
        """Poll until `text` is no longer on the screen; return the screen."""
        return self.wait_until(
            lambda screen: text not in screen, timeout=timeout, what=f"{text!r} to go"
        )

    def press(self, *keys: str) -> None:
        """Send tmux key names (`F5`, `Tab`, `BSpace`, `C-s`, `Enter`)."""
        self._run("send-keys", "-t", "main", *keys)

    def command(self, *arguments: str) -> str:
        """Run tmux commands on this session's server (`;` separates commands), in one go."""
        return self._run(*arguments)

    def type_text(self, text: str) -> None:
        """Type `text` literally."""
        self._run("send-keys", "-t", "main", "-l", text)

    def close(self) -> None:
        """Stop the program and its private tmux server; remove the socket folder."""
        try:
            self._run("kill-server")
        except (TmuxError, subprocess.TimeoutExpired):
            pass  # already gone
        shutil.rmtree(self._folder, ignore_errors=True)

    def __enter__(self) -> TmuxSession:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
