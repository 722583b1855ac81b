"""Benchmark: a key typed in a cell at 200 attribute rows, from the key to the frame drawn.

Run:  python -m benchmarks.rows_keys [--keys N]

Types N letters into the value of the last of 200 attribute rows and, for each key,
measures from posting the key (as the terminal's input reaches the app) until every
queue on the screen has run dry and the frame has been laid out and drawn (the screen's
own update, called at once instead of on its timer, so no idle wait is counted). Three
hosts, side by side in one run:

- the RowList alone (one live row of fields over drawn rows);
- a widget per cell, the design the RowList replaced, with the same 200 rows;
- the composer on a draft with those 200 attributes, which also checks the draft on
  every key (the whole path a user waits for).

Prints the median and the 95th percentile of the wall time beside the aim of issue 13
(16 ms, one frame at 60 Hz), and of the CPU time the process spent (which the neighbours
on a shared machine change much less). Figures only, never an assert;
`benchmarks.keystroke` measures the composer with its key trace, in Pilot and in tmux.
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App, ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Input, Static

from benchmarks.startup import isolated_environment
from connect_tui.core.defaults import new_draft
from connect_tui.ui.app import ComposerApp
from connect_tui.ui.keys import settle
from connect_tui.ui.widgets.rows import Column, RowList

AIM_MS = 16.0
ROWS = 200
COLUMNS = (Column("key", "Key"), Column("value", "Value", width="2fr"))


def _rows() -> list[dict[str, str]]:
    return [{"key": f"key{i}", "value": f"value {i}"} for i in range(ROWS)]


class _RowListHost(App[None]):
    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield RowList(COLUMNS)

    def on_mount(self) -> None:
        self.query_one(RowList).set_rows(_rows())


class _WidgetPerCellHost(App[None]):
    """The design before: a Horizontal of two Inputs and a ✕ per row, all mounted."""

    CSS = """
    .row { height: 1; }
    .cell { height: 1; border: none; padding: 0; margin-right: 1; }
    .mark { width: 3; }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            for values in _rows():
                cells = [Input(values[c.key], validate_on=(), classes="cell") for c in COLUMNS]
                for cell, column in zip(cells, COLUMNS, strict=True):
                    cell.styles.width = column.width
                yield Horizontal(*cells, Static(" ✕ ", classes="mark"), classes="row")


async def _focus_last_row(pilot: Pilot[Any]) -> Callable[[], str]:
    """Focus the value of the last row; the function that reads that value back."""
    app = pilot.app
    if isinstance(app, ComposerApp):
        for _ in range(400):
            if app.composer.model_ready:
                break
            await pilot.pause(0.05)
        shown = app.composer.action_show_pane("attributes")
        if inspect.isawaitable(shown):  # a coroutine since the panes are built when first shown
            await shown
        await pilot.pause(0.3)
        row_list = app.composer.pane("attributes").query_one(RowList)
    elif isinstance(app, _RowListHost):
        row_list = app.query_one(RowList)
    else:
        last = app.query(Input).last()
        last.focus()
        await pilot.pause(2.0)
        return lambda: last.value
    cell = row_list.field(ROWS - 1, "Value" if isinstance(app, ComposerApp) else "value")
    assert cell is not None
    row_list.focus_field(cell)
    await pilot.pause(2.0)  # every row shown (a widget per row took seconds to mount)
    return lambda: row_list.rows[ROWS - 1][cell.name or ""]


async def _measure(make: Callable[[], App[Any]], keys: int) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds of each key, from posting it to its frame drawn."""
    app = make()
    timings: list[float] = []
    cpu_times: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        value = await _focus_last_row(pilot)
        typed = ""
        for index in range(keys):
            letter = "abcdefghijklmnopqrstuvwxyz"[index % 26]
            typed += letter
            start, cpu = time.perf_counter(), time.process_time()
            app.post_message(events.Key(letter, letter))
            await settle(app.screen)
            app.screen._on_timer_update()  # lay out and draw now, not on the next tick
            timings.append((time.perf_counter() - start) * 1000)
            cpu_times.append((time.process_time() - cpu) * 1000)
            await asyncio.sleep(0.02)  # as between two keys typed by hand
        if not value().endswith(typed):
            print(f"  (the keys did not reach the cell: {app.screen!r} had them)")
    return timings, cpu_times


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


def _report(what: str, timings: tuple[list[float], list[float]]) -> tuple[float, float]:
    wall, cpu = timings
    median, p95 = statistics.median(wall), _p95(wall)
    print(
        f"{what:<30} wall median {median:6.1f} ms  p95 {p95:6.1f} ms  p95/aim {p95 / AIM_MS:5.2f}"
        f"  |  CPU median {statistics.median(cpu):6.1f} ms  p95 {_p95(cpu):6.1f} ms"
    )
    return median, p95


def _composer() -> App[Any]:
    draft = new_draft("bench-rows")
    draft.request["Attributes"] = {row["key"]: row["value"] for row in _rows()}
    return ComposerApp(draft)


def main() -> None:
    """Measure the three hosts and print them side by side, in a throw-away HOME."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="connect-tui-rows-keys-") as home:
        # The composer keeps a recovery copy of what is typed: never in the user's HOME.
        os.environ.update(isolated_environment(Path(home)))
        _run(args.keys)


def _run(keys: int) -> None:
    print(f"a key at {ROWS} attribute rows, key to frame drawn (aim {AIM_MS:.0f} ms, p95)")
    hosts: list[tuple[str, Callable[[], App[Any]]]] = [
        ("RowList", _RowListHost),
        ("a widget per cell (before)", _WidgetPerCellHost),
        ("composer (RowList + checks)", _composer),
    ]
    results = {}
    for label, make in hosts:
        results[label] = _report(label, asyncio.run(_measure(make, keys)))
    after, before = results["RowList"], results["a widget per cell (before)"]
    ratios = f"median {after[0] / before[0]:.3f}, p95 {after[1] / before[1]:.3f}"
    print(f"RowList / widget per cell: {ratios}")


if __name__ == "__main__":
    main()
