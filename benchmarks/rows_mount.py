"""Benchmark: how long 50, 200 and 520 rows take to show, a RowList beside a widget per cell.

Run:  python -m benchmarks.rows_mount [--rounds N]

For two columns of Inputs (attributes: 520 rows is about the most 32 KiB allows) and for
three (references, one a Select), prints the median time from `set_rows` until the rows
are on screen (the next frame drawn), for the RowList (one live row of fields, the other
rows drawn line by line) and, measured in the same run, for the design it replaced: a
row of Input/Select widgets per row, mounted (the "before"). Then the ratio, and the
aim of issue 13: 200 rows in 0.25 s or less. It also prints the time to refill the
same rows with new values. Figures only, never an assert.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Callable

from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Select, Static

from connect_tui.ui.widgets.rows import Column, RowList

AIM_S = 0.25
ATTRIBUTES = (Column("key", "Key"), Column("value", "Value", width="2fr"))
REFERENCES = (
    Column("name", "Name"),
    Column("type", "Type", choices=("URL", "NUMBER", "STRING", "DATE"), width="14"),
    Column("value", "Value", width="2fr"),
)


def _rows(columns: tuple[Column, ...], count: int, salt: str) -> list[dict[str, str]]:
    return [
        {c.key: (c.choices[0] if c.choices else f"{c.key}-{salt}-{i}") for c in columns}
        for i in range(count)
    ]


class _Host(App[None]):
    def __init__(self, columns: tuple[Column, ...]) -> None:
        super().__init__()
        self.columns = columns

    def compose(self) -> ComposeResult:
        yield RowList(self.columns)


class _WidgetPerCell(App[None]):
    """The design before: a Horizontal of Inputs (a Select for choices) and a ✕ per row."""

    CSS = """
    .row { height: 1; }
    .cell { height: 1; border: none; padding: 0; margin-right: 1; }
    .cell > SelectCurrent { border: none; height: 1; padding: 0 1 0 0; }
    .mark { width: 3; }
    """

    def __init__(self, columns: tuple[Column, ...]) -> None:
        super().__init__()
        self.columns = columns

    def compose(self) -> ComposeResult:
        yield Vertical(id="body")

    def row(self, values: dict[str, str]) -> Horizontal:
        cells: list[Input | Select[str] | Static] = []
        for column in self.columns:
            value = values[column.key]
            if column.choices is not None:
                options = [(choice, choice) for choice in column.choices]
                cells.append(Select(options, value=value, classes="cell"))
            else:
                cells.append(Input(value, validate_on=(), classes="cell"))
            cells[-1].styles.width = column.width
        return Horizontal(*cells, Static(" ✕ ", classes="mark"), classes="row")


async def _rowlist(columns: tuple[Column, ...], count: int) -> tuple[float, float]:
    app = _Host(columns)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        row_list = app.query_one(RowList)
        start = time.perf_counter()
        row_list.set_rows(_rows(columns, count, "a"))
        await pilot.pause()  # the frame after it is drawn
        shown = time.perf_counter() - start
        start = time.perf_counter()
        row_list.set_rows(_rows(columns, count, "b"))
        await pilot.pause()
        refilled = time.perf_counter() - start
    return shown, refilled


async def _widget_per_cell(columns: tuple[Column, ...], count: int) -> tuple[float, float]:
    app = _WidgetPerCell(columns)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        await app.query_one("#body").mount_all([app.row(r) for r in _rows(columns, count, "a")])
        await pilot.pause()
        shown = time.perf_counter() - start
        start = time.perf_counter()
        for row, values in zip(app.query(".row"), _rows(columns, count, "b"), strict=False):
            for cell, column in zip(row.query(".cell"), columns, strict=False):
                if isinstance(cell, Input):
                    cell.value = values[column.key]
        await pilot.pause()
        refilled = time.perf_counter() - start
    return shown, refilled


def _median(
    measure: Callable[[tuple[Column, ...], int], object],
    columns: tuple[Column, ...],
    count: int,
    rounds: int,
) -> tuple[float, float]:
    runs: list[tuple[float, float]] = [
        asyncio.run(measure(columns, count))  # type: ignore[arg-type]
        for _ in range(rounds)
    ]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def main() -> None:
    """Print the median show and refill times of both designs for each shape and size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(f"aim: 200 rows shown in {AIM_S:.2f} s or less (issue 13, aim 3)")
    for label, columns in (("attributes (2 Inputs)", ATTRIBUTES), ("references", REFERENCES)):
        for count in (50, 200, 520):
            shown, refilled = _median(_rowlist, columns, count, args.rounds)
            before, before_refill = _median(_widget_per_cell, columns, count, args.rounds)
            aim = f"   {shown / AIM_S:.2f}x the aim" if count == 200 else ""
            print(
                f"{label:22} {count:4} rows: RowList {shown * 1000:6.0f} ms, a widget per cell "
                f"{before * 1000:6.0f} ms (after/before {shown / before:.3f}); refill "
                f"{refilled * 1000:4.0f} ms vs {before_refill * 1000:5.0f} ms{aim}"
            )


if __name__ == "__main__":
    main()
