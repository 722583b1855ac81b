"""Benchmark: key-to-repaint latency in every pane, in a real terminal (tmux) and in Pilot
(issue 13, aim 3: every key within one frame, 16 ms, at the 95th percentile).

Run:  python -m benchmarks.keystroke [--where tmux,pilot] [--draft largest,rows200]
                                     [--spots NAME,...] [--keys N] [--bursts N]

Drafts: `largest` is tests/drafts.py's largest legal draft (49 recipients, attributes filling
32,768 bytes, 4,096 bytes of references, a 200-node segment tree) with a 1 MB body;
`rows200` is a draft with 200 attribute rows. In each pane the benchmark puts the focus in a
field (a "spot") and types there: N single keys, each once the app is quiet again, then
bursts of 10 letters and 10 backspaces sent at once (tmux: one `send-keys`; Pilot: posted as
one KeyBurst, as the terminal driver passes on the keys of one read), as fast typing, a
paste of keys or a key held down deliver them.

Each key is timed by benchmarks.keytrace, inside the app: from the moment the driver read the
key's bytes (Pilot: posted the key) to the end of writing the first frame that holds its
effect (**echo**: the letter in the field), and to the frame that also holds everything the
key set going (**full**: the byte count, the problems, the side panel). In tmux the app runs
as `connect-tui PROFILE` under the probe, in a throw-away HOME, at 120x40. Printed per spot
and per kind (single / burst): median and 95th percentile of echo and full, and p95/aim for
both (aim 16 ms: one frame at 60 Hz). Figures only, never a test assertion.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import inspect
import json
import os
import shutil
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.keytrace import Trace, install

AIM_MS = 16.0
SIZE = (120, 40)
PROFILE = "keybench"
BODY_BYTES = 1_000_000
LETTERS = "abcdefghij"


@dataclass(frozen=True)
class Spot:
    """Where keys are typed: a pane's field, and the keys that reach and edit it."""

    name: str
    pane: str
    #: Tab presses from the field the pane's key focuses to this one (tmux), and the field
    #: itself (Pilot focuses it directly: a CSS selector inside the pane, "" for the first).
    tabs: int = 0
    selector: str = ""
    #: Keys typed one at a time (Textual names; cycled), and bursts of (`text`, undo keys).
    singles: tuple[str, ...] = tuple(LETTERS[:5]) + ("backspace",) * 5
    burst: tuple[str, ...] = tuple(LETTERS) + ("backspace",) * 10


_MOVES = ("down",) * 5 + ("up",) * 5
SPOTS: dict[str, tuple[Spot, ...]] = {
    "largest": (
        Spot("from address", "addresses"),
        Spot("recipient 1 address (49 rows)", "recipients"),
        Spot("subject (1 MB body)", "message"),
        Spot("1 MB body", "message", tabs=2, selector="#body"),
        Spot("reference 1 name", "references"),
        Spot("attribute 1 key (489 rows)", "attributes"),
        Spot("segment tree cursor (200 nodes)", "segments", singles=_MOVES, burst=_MOVES * 2),
        Spot("contact instance id", "contact"),
        Spot("target endpoint url", "target", tabs=1, selector="#endpoint-url"),
        Spot("preview cursor", "preview", singles=_MOVES, burst=_MOVES * 2),
    ),
    "rows200": (Spot("attribute 1 key (200 rows)", "attributes"),),
}


def make_draft(kind: str) -> Any:
    """The draft a run types into."""
    from connect_tui.core.defaults import new_draft
    from tests.drafts import largest_legal_draft

    if kind == "rows200":
        draft = new_draft(PROFILE)
        draft.request["Attributes"] = {f"key{i}": f"value {i}" for i in range(200)}
        return draft
    draft = largest_legal_draft()
    draft.name = PROFILE
    line = "The quick brown fox jumps over the lazy dog. " * 2 + "\n"
    raw = draft.request["EmailMessage"]["RawMessage"]
    raw["Body"] = (line * (BODY_BYTES // len(line) + 1))[:BODY_BYTES]
    return draft


# -- the figures ----------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of `values` lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))]


def report(where: str, spot: str, kind: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Print one line of figures for the keys in `rows`; return them."""
    echo = [row["echo_ms"] for row in rows if row["echo_ms"] is not None]
    full = [row["full_ms"] for row in rows if row["full_ms"] is not None]
    missing = len(rows) - len(echo)
    if not rows:
        return {}  # none of this kind typed (--keys 0 or --bursts 0)
    if not echo:
        print(f"  {where:<5} {spot:<34} {kind:<6} no key reached a frame ({len(rows)} keys)")
        return {}
    figures = {
        "echo_median": statistics.median(echo),
        "echo_p95": percentile(echo, 0.95),
        "full_median": statistics.median(full),
        "full_p95": percentile(full, 0.95),
    }
    print(
        f"  {where:<5} {spot:<34} {kind:<6} {len(echo):4d} "
        f"{figures['echo_median']:7.1f} {figures['echo_p95']:7.1f} "
        f"{figures['echo_p95'] / AIM_MS:6.2f}x  "
        f"{figures['full_median']:7.1f} {figures['full_p95']:7.1f} "
        f"{figures['full_p95'] / AIM_MS:6.2f}x"
        + (f"  ({missing} without a frame)" if missing else "")
    )
    return figures


def header() -> None:
    """The column names of `report`'s lines."""
    print(
        f"  {'where':<5} {'spot':<34} {'kind':<6} {'keys':>4} "
        f"{'echo ms: median':>15} {'p95':>7} {'p95/aim':>8}  {'full: median':>7} {'p95':>7} "
        f"{'p95/aim':>8}"
    )


def split(
    keys: list[dict[str, Any]], phases: list[tuple[str, str, float, float]]
) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """The keys of each (spot, kind) phase, by their read time."""
    out: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for spot, kind, start, end in phases:
        out[(spot, kind)] = [row for row in keys if start <= row["read"] < end]
    return out


# -- Pilot ----------------------------------------------------------------------------------


async def _quiet(trace: Trace, *, limit: float = 3.0) -> None:
    """Wait until every key so far has settled and a frame followed it (or `limit`)."""
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        await asyncio.sleep(0.01)
        rows = trace.latencies()
        if all(row["full_ms"] is not None for row in rows):
            await asyncio.sleep(0.05)
            return


async def _pilot_run(kind: str, spots: list[Spot], keys: int, bursts: int) -> list[Any]:
    from textual import events

    from connect_tui.ui.app import ComposerApp
    from connect_tui.ui.terminal_input import KeyBurst

    trace = Trace()
    install(trace, parser_reads=False)
    app = ComposerApp(make_draft(kind))
    phases: list[tuple[str, str, float, float]] = []

    def key(name: str) -> events.Key:
        event = events.Key(name, name if len(name) == 1 else None)
        trace.stamp(event)
        return event

    def post(name: str) -> None:
        app.post_message(key(name))

    async with app.run_test(size=SIZE) as pilot:
        while not app.composer.model_ready:
            await pilot.pause(0.05)
        await _settle_cpu(time.process_time, quiet=0.5)
        for spot in spots:
            shown = app.composer.action_show_pane(spot.pane)
            if inspect.isawaitable(shown):  # async since the panes mount on demand
                await shown
            await pilot.pause(0.2)
            if spot.selector:
                app.composer.pane(spot.pane).query_one(spot.selector).focus()
                await pilot.pause(0.1)
            focused = app.screen.focused
            where = f"{type(focused).__name__}#{focused.id or focused.name}" if focused else "-"
            print(f"  pilot {spot.name}: typing into {where}", file=sys.stderr)
            await _quiet(trace)
            await _settle_cpu(time.process_time, quiet=0.3)
            start = time.perf_counter()
            for index in range(keys):
                post(spot.singles[index % len(spot.singles)])
                await _quiet(trace)
                await _settle_cpu(time.process_time, quiet=0.1)
            phases.append((spot.name, "single", start, time.perf_counter()))
            start = time.perf_counter()
            for _ in range(bursts):
                # As the terminal driver passes on the keys of one read (a KeyBurst).
                app.post_message(KeyBurst([key(name) for name in spot.burst]))
                await _quiet(trace, limit=10)
                await _settle_cpu(time.process_time, quiet=0.1)
            phases.append((spot.name, "burst", start, time.perf_counter()))
    return [trace.latencies(), phases]


async def _settle_cpu(cpu: Callable[[], float], *, quiet: float, limit: float = 20.0) -> None:
    """Wait until this process used under 5% of a core for `quiet` seconds (or `limit`):
    what loading set going (rows mounted a chunk at a time) is done before keys are timed."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        before = cpu()
        await asyncio.sleep(quiet)
        if cpu() - before < 0.05 * quiet:
            return


def run_pilot(kind: str, spots: list[Spot], keys: int, bursts: int) -> list[dict[str, Any]]:
    """Type in each spot in Pilot; print and return the figures."""
    with _isolated_home():
        latencies, phases = asyncio.run(_pilot_run(kind, spots, keys, bursts))
    return _print_phases("pilot", latencies, phases)


def _print_phases(
    where: str, latencies: list[dict[str, Any]], phases: list[tuple[str, str, float, float]]
) -> list[dict[str, Any]]:
    results = []
    for (spot, kind), rows in split(latencies, phases).items():
        figures = report(where, spot, kind, rows)
        results.append({"where": where, "spot": spot, "kind": kind, **figures})
    return results


class _isolated_home:
    """A throw-away HOME (and XDG folders) for the run: no user data read or written."""

    def __enter__(self) -> dict[str, str]:
        from benchmarks.startup import isolated_environment

        self._saved = dict(os.environ)
        self.home = Path(tempfile.mkdtemp(prefix="connect-tui-keys-"))
        env = isolated_environment(self.home)
        os.environ.clear()
        os.environ.update(env)
        return env

    def __exit__(self, *_: object) -> None:
        os.environ.clear()
        os.environ.update(self._saved)
        shutil.rmtree(self.home, ignore_errors=True)


# -- tmux -----------------------------------------------------------------------------------

#: Textual key names as tmux's send-keys names them.
_TMUX_KEYS = {"backspace": "BSpace", "down": "Down", "up": "Up", "tab": "Tab"}


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _wait_quiet(pid: int, *, quiet: float = 0.15, limit: float = 20.0) -> None:
    """Wait until the process used under 10% of a core for `quiet` seconds (or `limit`)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        before = _cpu_seconds(pid)
        time.sleep(quiet)
        if _cpu_seconds(pid) - before <= max(0.1 * quiet, 1 / os.sysconf("SC_CLK_TCK")):
            return


def _tmux_keys(names: tuple[str, ...]) -> list[list[str]]:
    """send-keys argument lists: runs of letters as one literal string, other keys by name."""
    commands: list[list[str]] = []
    for name in names:
        if len(name) == 1:
            if commands and commands[-1][0] == "-l":
                commands[-1][1] += name
            else:
                commands.append(["-l", name])
        else:
            key = _TMUX_KEYS[name]
            if commands and commands[-1][0] != "-l":
                commands[-1].append(key)
            else:
                commands.append([key])
    return commands


def run_tmux(kind: str, spots: list[Spot], keys: int, bursts: int) -> list[dict[str, Any]]:
    """Type in each spot of `connect-tui PROFILE` in tmux; print and return the figures."""
    from connect_tui.core import paths, profiles
    from connect_tui.ui.screens.composer import PANE_KEYS
    from tests.tmux_session import TmuxSession, tmux_path

    if tmux_path() is None:
        sys.exit("benchmarks.keystroke: tmux is not installed (apt-get install tmux)")
    repository = Path(__file__).resolve().parent.parent
    compileall.compile_dir(repository / "connect_tui", quiet=1)
    compileall.compile_dir(repository / "benchmarks", quiet=1)
    phases: list[tuple[str, str, float, float]] = []
    with _isolated_home() as env:
        env["PYTHONPATH"] = str(repository)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        folder = paths.profiles_dir()
        folder.mkdir(parents=True, exist_ok=True)
        profiles.save(make_draft(kind), folder / f"{PROFILE}.toml")
        out = Path(env["HOME"]) / "keytrace.json"
        command = [sys.executable, "-m", "benchmarks.keytrace", str(out), PROFILE]
        with TmuxSession(command, env=env, size=SIZE) as session:
            session.wait_for("Problems", timeout=60)
            pid = session.pid()
            _wait_quiet(pid, quiet=0.5, limit=60)
            for spot in spots:
                session.press("M-" + PANE_KEYS[spot.pane].removeprefix("alt+"))
                for _ in range(spot.tabs):
                    session.press("Tab")
                _wait_quiet(pid)
                start = time.perf_counter()
                for index in range(keys):
                    name = spot.singles[index % len(spot.singles)]
                    for arguments in _tmux_keys((name,)):
                        session.press(*arguments)
                    _wait_quiet(pid)
                phases.append((spot.name, "single", start, time.perf_counter()))
                start = time.perf_counter()
                for _ in range(bursts):
                    # One send-keys for the whole burst: tmux writes it to the terminal at once.
                    arguments = []
                    for part in _tmux_keys(spot.burst):
                        arguments += [*part, ";", "send-keys", "-t", "main"]
                    session.command("send-keys", "-t", "main", *arguments[:-4])
                    _wait_quiet(pid)
                phases.append((spot.name, "burst", start, time.perf_counter()))
            os.kill(pid, signal.SIGUSR1)
            deadline = time.monotonic() + 10
            while not out.exists() and time.monotonic() < deadline:
                time.sleep(0.05)
        latencies = json.loads(out.read_text())["keys"]
    return _print_phases("tmux", latencies, phases)


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--where", default="tmux,pilot", help="tmux, pilot or both")
    parser.add_argument("--draft", default="largest,rows200", help="largest, rows200 or both")
    parser.add_argument("--spots", default="", help="only the spots whose name has one of these")
    parser.add_argument("--keys", type=int, default=20, help="single keys per spot (20)")
    parser.add_argument("--bursts", type=int, default=3, help="bursts of 20 keys per spot (3)")
    args = parser.parse_args()
    wanted = [word for word in args.spots.split(",") if word]
    print(f"terminal {SIZE[0]}x{SIZE[1]}; aim {AIM_MS:.0f} ms from key read to frame written")
    header()
    for kind in args.draft.split(","):
        spots = [
            spot for spot in SPOTS[kind] if not wanted or any(word in spot.name for word in wanted)
        ]
        print(f"draft {kind}:")
        for where in args.where.split(","):
            run = run_tmux if where == "tmux" else run_pilot
            run(kind, spots, args.keys, args.bursts)


if __name__ == "__main__":
    main()
