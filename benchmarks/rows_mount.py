"""Benchmark: how long a RowList takes to show 50 and 200 rows, and to refill them.

Run:  python -m benchmarks.rows_mount [--rounds N]

Prints, for two columns of Inputs (attributes) and for three (references, one a Select),
the median time from `set_rows` to the rows being on screen: first mount from empty,
then a refill with the same count (widgets reused), with the ratio between the two.
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

    def compose(self) -> ComposeResult:
        yield RowList(self.columns)


def _rows(columns: tuple[Column, ...], count: int, salt: str) -> list[dict[str, str]]:
    return [
        {c.key: (c.choices[0] if c.choices else f"{c.key}-{salt}-{i}") for c in columns}
        for i in range(count)
    ]


async def _measure(columns: tuple[Column, ...], count: int) -> tuple[float, float]:
    app = _Host(columns)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        row_list = app.query_one(RowList)
        start = time.perf_counter()
        row_list.set_rows(_rows(columns, count, "a"))
        await pilot.pause()
        mounted = time.perf_counter() - start
        start = time.perf_counter()
        row_list.set_rows(_rows(columns, count, "b"))
        await pilot.pause()
        refilled = time.perf_counter() - start
    return mounted, refilled


def main() -> None:
    """Print the median mount and refill times for each shape and size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    for label, columns in (("attributes (2 Inputs)", ATTRIBUTES), ("references", REFERENCES)):
        for count in (50, 200):
            runs = [asyncio.run(_measure(columns, count)) for _ in range(args.rounds)]
            mounted = statistics.median(r[0] for r in runs)
            refilled = statistics.median(r[1] for r in runs)
            print(
                f"{label:22} {count:4} rows: mount {mounted * 1000:7.1f} ms, "
                f"refill {refilled * 1000:7.1f} ms (refill/mount {refilled / mounted:.2f})"
            )


if __name__ == "__main__":
    main()
