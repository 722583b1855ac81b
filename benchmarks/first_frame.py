"""Provides a first-frame probe: the CPU time a Textual program has used when it first draws a text.

Wall time on a shared machine says as much about the neighbours as about the program;
the CPU time (user + system, interpreter start included) that a process has used by the
moment it writes its first frame does not. The probe wraps Textual's drivers' `write`:
the first time the written data holds MARKER, it appends `cpu_seconds wall_seconds` (wall
from the interpreter's start) to OUT, and optionally exits at once.

    python -m benchmarks.first_frame OUT MARKER composer PROFILE   # connect-tui PROFILE
    python -m benchmarks.first_frame OUT MARKER bare               # a bare app showing MARKER

Used by benchmarks.startup for its CPU columns, and by hand with a profiler (`--exit`).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

_IMPORTED = time.perf_counter()


def _process_wall() -> float:
    """Seconds since this process started (from /proc on Linux, else since this import)."""
    try:
        ticks = int(Path(f"/proc/{os.getpid()}/stat").read_text().rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return uptime - ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.perf_counter() - _IMPORTED


def install(
    marker: str, out: Path, *, exit_after: bool = False, hook: Callable[[], Any] | None = None
) -> None:
    """Wrap the drivers' write so the first frame showing `marker` is recorded in `out`."""
    from textual.drivers.headless_driver import HeadlessDriver
    from textual.drivers.linux_driver import LinuxDriver

    seen = False

    def wrap(original: Callable[[Any, str], None]) -> Callable[[Any, str], None]:
        def write(self: Any, data: str) -> None:
            nonlocal seen
            original(self, data)
            if not seen and marker in data:
                seen = True
                cpu = time.process_time()
                with out.open("a") as file:
                    file.write(f"{cpu:.4f} {_process_wall():.4f}\n")
                if hook is not None:
                    hook()
                if exit_after:
                    os._exit(0)

        return write

    for driver in (LinuxDriver, HeadlessDriver):
        driver.write = wrap(driver.write)  # type: ignore[method-assign]


def main(argv: list[str]) -> None:
    """Install the probe, then run the composer or the bare app."""
    exit_after = "--exit" in argv
    argv = [arg for arg in argv if arg != "--exit"]
    out, marker, program, *rest = argv
    install(marker, Path(out), exit_after=exit_after)
    if program == "bare":
        from benchmarks.startup import bare_app

        bare_app(marker)
    else:
        from connect_tui.cli import main as cli_main

        sys.exit(cli_main(rest))


if __name__ == "__main__":
    main(sys.argv[1:])
