"""Benchmark: time to first frame of `connect-tui PROFILE` in a real terminal, and its memory.

Run:  python -m benchmarks.startup [--runs N] [--size 100x32] [--no-memory] [--instructions]

Both programs run in a detached tmux session of the same size: `connect-tui PROFILE`
(the installed console script) and a bare Textual app that shows the same text (the
draft's name). The first frame is the moment `tmux capture-pane` first shows that text.
Runs alternate between the two (and which goes first), and the median of the per-pair
ratios is printed beside the medians (the aim is at most 1.25x). With --instructions, Valgrind
then counts the instructions each runs up to its first frame (the same on a busy machine as
on an idle one: the way to compare a change of a few per cent). Then memory: VmRSS and
VmHWM from /proc of the composer after opening the draft (once it is idle) and after
sending it to the embedded sandbox with f5, beside the bare app's (the aim is at most
80 MiB). Everything runs in a throw-away HOME, so no user data is read or written.
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

MARKER = "startup-bench"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def bare_app(text: str) -> None:
    """A bare Textual app showing `text` (what the composer's first frame is compared with)."""
    from textual.app import App, ComposeResult
    from textual.widgets import Label

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Label(text)

    Bare().run()


def isolated_environment(home: Path) -> dict[str, str]:
    """The environment of tests/conftest.py's isolation: a private HOME, no AWS settings."""
    from tests.isolation import isolated_environment

    env = isolated_environment(home, dict(os.environ))
    env["COLORTERM"] = "truecolor"
    return env


def save_profile(env: dict[str, str]) -> None:
    """Save the typical inbound draft as the profile MARKER in the isolated HOME."""
    os.environ.update(env)  # paths.* read XDG_CONFIG_HOME when called
    from connect_tui.core import paths, profiles
    from tests.drafts import typical_draft

    draft = typical_draft()
    draft.name = MARKER
    folder = paths.profiles_dir()
    folder.mkdir(parents=True, exist_ok=True)
    profiles.save(draft, folder / f"{MARKER}.toml")


def memory(pid: int) -> tuple[float, float]:
    """VmRSS and VmHWM (peak) of a process, in MiB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return fields["VmRSS"], fields["VmHWM"]


def settle(pid: int, *, quiet: float = 1.0, limit: float = 15.0) -> tuple[float, float]:
    """Memory once RSS has not changed for `quiet` seconds (background imports done)."""
    deadline = time.monotonic() + limit
    last, since = memory(pid), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.1)
        now = memory(pid)
        if abs(now[0] - last[0]) > 0.1:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            break
    return memory(pid)


def first_frame(
    command: list[str], env: dict[str, str], size: tuple[int, int], probe: Path
) -> tuple[float, float]:
    """Wall seconds from starting `command` in tmux until MARKER is on its screen, and the CPU
    seconds the program had used when it wrote that frame (from benchmarks.first_frame)."""
    from tests.tmux_session import TmuxSession

    probe.unlink(missing_ok=True)
    start = time.perf_counter()
    with TmuxSession(command, env=env, size=size) as session:
        session.wait_for(MARKER, timeout=60)
        wall = time.perf_counter() - start
    cpu = float(probe.read_text().split()[0]) if probe.exists() else float("nan")
    return wall, cpu


def instructions(command: list[str], env: dict[str, str], size: tuple[int, int]) -> int:
    """Instructions the program runs up to its first frame, counted by Valgrind (cachegrind
    without its cache simulation): unlike time, the count does not change with the load of a
    shared machine, so one run of each side compares changes of a few per cent."""
    from tests.tmux_session import TmuxSession

    with tempfile.TemporaryDirectory(prefix="connect-tui-valgrind-") as folder:
        log = Path(folder) / "valgrind.log"
        valgrind = ["valgrind", "--tool=cachegrind", "--cache-sim=no"]
        valgrind += ["--cachegrind-out-file=/dev/null", f"--log-file={log}"]
        # --exit: the probe ends the program as it writes the first frame.
        with TmuxSession([*valgrind, *command, "--exit"], env=env, size=size) as session:
            session.wait_exit(timeout=600)
        found = re.search(r"I\s+refs:\s+([\d,]+)", log.read_text())
        if found is None:
            raise RuntimeError(f"valgrind printed no instruction count:\n{log.read_text()}")
        return int(found.group(1).replace(",", ""))


def measure_memory(
    command: list[str], env: dict[str, str], size: tuple[int, int], *, send: bool
) -> list[tuple[str, float, float]]:
    """Memory after the first frame settles and, when `send`, after f5 shows a new ContactId."""
    from tests.tmux_session import TmuxSession

    rows = []
    with TmuxSession(command, env=env, size=size) as session:
        before = session.wait_for(MARKER, timeout=60)
        pid = session.pid()
        rows.append(("opened", *settle(pid)))
        if send:
            seen = set(UUID.findall(session.screen())) | set(UUID.findall(before))
            session.press("F5")
            session.wait_until(
                lambda screen: bool(set(UUID.findall(screen)) - seen),
                timeout=60,
                what="a new ContactId",
            )
            rows.append(("sent", *settle(pid)))
    return rows


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="pairs of runs (default 10)")
    parser.add_argument("--size", default="100x32", help="terminal size, WxH (default 100x32)")
    parser.add_argument("--no-memory", action="store_true", help="first frames only")
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="also count the instructions each runs up to its first frame (needs valgrind)",
    )
    args = parser.parse_args()
    from tests.tmux_session import tmux_path

    if tmux_path() is None:
        sys.exit("benchmarks.startup: tmux is not installed (apt-get install tmux)")
    width, height = (int(part) for part in args.size.lower().split("x"))
    size = (width, height)
    repository = Path(__file__).resolve().parent.parent
    home = Path(tempfile.mkdtemp(prefix="connect-tui-bench-"))
    try:
        env = isolated_environment(home)
        env["PYTHONPATH"] = str(repository)  # so the probe and the bare app are found
        # An installed package has its bytecode compiled (pip does it), as Textual's has:
        # compile connect_tui's too, or the composer would pay for compiling on every start.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        compileall.compile_dir(repository / "connect_tui", quiet=1)
        compileall.compile_dir(repository / "benchmarks", quiet=1)
        save_profile(env)
        probe = home / "first-frame.txt"
        # Both run under the same probe (benchmarks.first_frame), which records the CPU time
        # each has used when it writes its first frame: wall time on a shared machine is noisy.
        composer = [sys.executable, "-m", "benchmarks.first_frame", str(probe), MARKER]
        composer += ["composer", MARKER]
        bare = [sys.executable, "-m", "benchmarks.first_frame", str(probe), MARKER, "bare"]
        run: dict[str, Callable[[], tuple[float, float]]] = {
            "composer": lambda: first_frame(composer, env, size, probe),
            "bare": lambda: first_frame(bare, env, size, probe),
        }
        run["composer"](), run["bare"]()  # warm the disk cache; not counted
        walls: dict[str, list[float]] = {"composer": [], "bare": []}
        cpus: dict[str, list[float]] = {"composer": [], "bare": []}
        ratios, cpu_ratios = [], []
        for index in range(args.runs):
            order = ("composer", "bare") if index % 2 == 0 else ("bare", "composer")
            pair = {name: run[name]() for name in order}
            for name, (wall, cpu) in pair.items():
                walls[name].append(wall)
                cpus[name].append(cpu)
            ratios.append(pair["composer"][0] / pair["bare"][0])
            cpu_ratios.append(pair["composer"][1] / pair["bare"][1])
        print(f"terminal {width}x{height}, {args.runs} alternated pairs, first frame = {MARKER!r}")
        print("                              wall (median)   CPU at first frame (median)")
        for name, label in (("composer", f"connect-tui {MARKER}"), ("bare", "bare Textual app")):
            wall_ms = statistics.median(walls[name]) * 1000
            cpu_ms = statistics.median(cpus[name]) * 1000
            print(f"  {label:<27} {wall_ms:7.1f} ms      {cpu_ms:7.1f} ms")
        ratio, cpu_ratio = statistics.median(ratios), statistics.median(cpu_ratios)
        verdict = "within" if ratio <= 1.25 else "OVER"
        print(
            f"  median of ratios composer/bare: wall {ratio:.2f}x ({verdict} the 1.25x aim), "
            f"CPU {cpu_ratio:.2f}x"
        )
        if args.instructions:
            if shutil.which("valgrind") is None:
                sys.exit("benchmarks.startup: --instructions needs valgrind (apt-get install it)")
            ours = instructions(composer, env, size)
            theirs = instructions(bare, env, size)
            print(
                f"  instructions to the first frame: composer {ours / 1e9:.3f} G, "
                f"bare {theirs / 1e9:.3f} G, ratio {ours / theirs:.2f}x"
            )
        if args.no_memory:
            return
        print("memory (MiB)              VmRSS    VmHWM")
        for label, rss, peak in measure_memory(bare, env, size, send=False):
            print(f"  bare app, {label:<14} {rss:7.1f}  {peak:7.1f}")
        for label, rss, peak in measure_memory(composer, env, size, send=True):
            aim = (
                ""
                if label != "sent"
                else (
                    f"   ({'within' if rss <= 72 else 'OVER'} the 72 MiB aim for RSS after a send)"
                )
            )
            print(f"  composer, {label:<14} {rss:7.1f}  {peak:7.1f}{aim}")
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
