"""Benchmark: how long a RowList takes to show 50, 200 and 520 rows, and how long it freezes.

Run:  python -m benchmarks.rows_mount [--rounds N]

For two columns of Inputs (attributes: 520 rows is about the most 32 KiB allows) and for
three (references, one a Select), prints the median time from `set_rows` until every row
is mounted and drawn, the longest the app went without running a 10 ms timer meanwhile
(the worst freeze a user would feel: rows are mounted a chunk at a time), and the time
to refill the same rows (widgets reused), with the ratio refill/mount.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

from textual.app import App, ComposeResult

from connect_tui.ui.widgets.rows import Column, RowList

ATTRIBUTES = (Column("key", "Key"), Column("value", "Value", width="2fr"))
REFERENCES = (
    Column("name", "Name"),
    Column("type", "Type", choices=("URL", "NUMBER", "STRING", "DATE"), width="14"),
    Column("value", "Value", width="2fr"),
)


class _Host(App[None]):
    def __init__(self, columns: tuple[Column, ...]) -> None:
        super().__init__()
        self.columns = columns
        self.ticks: list[float] = []

    def compose(self) -> ComposeResult:
        yield RowList(self.columns)

    def on_mount(self) -> None:
        self.set_interval(0.01, lambda: self.ticks.append(time.perf_counter()))


def _rows(columns: tuple[Column, ...], count: int, salt: str) -> list[dict[str, str]]:
    return [
        {c.key: (c.choices[0] if c.choices else f"{c.key}-{salt}-{i}") for c in columns}
        for i in range(count)
    ]


async def _measure(columns: tuple[Column, ...], count: int) -> tuple[float, float, float]:
    app = _Host(columns)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        row_list = app.query_one(RowList)
        start = time.perf_counter()
        app.ticks = [start]
        row_list.set_rows(_rows(columns, count, "a"))
        while len(row_list.query(".rows-row")) < count or not all(
            row.is_mounted for row in row_list.query(".rows-row")
        ):
            await asyncio.sleep(0.005)
        await pilot.pause()
        mounted = time.perf_counter() - start
        ticks = [*app.ticks, time.perf_counter()]
        freeze = max(later - earlier for earlier, later in zip(ticks, ticks[1:], strict=False))
        start = time.perf_counter()
        row_list.set_rows(_rows(columns, count, "b"))
        await pilot.pause()
        refilled = time.perf_counter() - start
    return mounted, freeze, refilled


def main() -> None:
    """Print the median mount, freeze and refill times for each shape and size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    for label, columns in (("attributes (2 Inputs)", ATTRIBUTES), ("references", REFERENCES)):
        for count in (50, 200, 520):
            runs = [asyncio.run(_measure(columns, count)) for _ in range(args.rounds)]
            mounted, freeze, refilled = (statistics.median(r[i] for r in runs) for i in range(3))
            print(
                f"{label:22} {count:4} rows: mount {mounted * 1000:6.0f} ms, longest freeze "
                f"{freeze * 1000:5.0f} ms, refill {refilled * 1000:5.0f} ms "
                f"(refill/mount {refilled / mounted:.2f})"
            )


if __name__ == "__main__":
    main()
