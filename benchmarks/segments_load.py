"""Benchmark: how long the Segments pane takes to load, paint, apply and mark 20 to 2,000 nodes.

Run:  python -m benchmarks.segments_load [--rounds N]

A table of `n` segment values (maps of strings, integers and lists, as count_nodes counts
them) is loaded into a SegmentsPane hosted alone at 120x40. Printed, as medians:
`load` (the synchronous rebuild of the tree), `paint` (load until the frame is drawn),
`apply` (tree -> request after an edit) and `marks` (show_problems with a problem on
every tenth top-level key), with the ratio of the 200-node paint time to the 20-node one.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from typing import Any

from connect_tui.core.defaults import new_draft
from connect_tui.core.problems import MapKey, Problem
from connect_tui.core.segments import count_nodes
from connect_tui.ui.widgets.segments import SegmentsPane
from tests.ui.harness import PaneHarness


def table_of(size: int) -> dict[str, Any]:
    """A SegmentAttributes table of exactly `size` values: maps of 4 values (5 nodes each)."""
    table: dict[str, Any] = {}
    index = 0
    while count_nodes(table) + 5 <= size:
        table[f"key-{index}"] = {
            "ValueMap": {
                "name": {"ValueString": f"value {index}"},
                "rank": {"ValueInteger": index},
                "extra": {"ValueMap": {"note": {"ValueString": "[b]literal[/b]"}}},
            }
        }
        index += 1
    while count_nodes(table) < size:
        table[f"leaf-{index}"] = {"ValueInteger": index}
        index += 1
    assert count_nodes(table) == size
    return table


async def measure(size: int) -> dict[str, float]:
    """One run: the four timings for a table of `size` values."""
    draft = new_draft()
    pane = SegmentsPane()
    app = PaneHarness(pane, draft)
    table = table_of(size)
    problems = [
        Problem(("SegmentAttributes", MapKey(key)), "benchmark") for key in list(table)[::10]
    ]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        loaded = draft.copy()
        loaded.request["SegmentAttributes"] = table
        start = time.perf_counter()
        pane.load(loaded)
        load = time.perf_counter() - start
        await pilot.pause()
        paint = time.perf_counter() - start
        pane.edited = True  # as after any edit: apply writes the whole tree
        start = time.perf_counter()
        pane.apply(loaded)
        apply = time.perf_counter() - start
        assert loaded.request["SegmentAttributes"] == table
        start = time.perf_counter()
        pane.show_problems(problems)
        await pilot.pause()
        marks = time.perf_counter() - start
    return {"load": load, "paint": paint, "apply": apply, "marks": marks}


def main() -> None:
    """Print the median timings for each size."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    paints: dict[int, float] = {}
    for size in (20, 200, 2000):
        runs = [asyncio.run(measure(size)) for _ in range(args.rounds)]
        medians = {name: statistics.median(run[name] for run in runs) for name in runs[0]}
        paints[size] = medians["paint"]
        print(
            f"{size:5} nodes: "
            + ", ".join(f"{name} {value * 1000:7.1f} ms" for name, value in medians.items())
        )
    print(f"paint 200 / paint 20: {paints[200] / paints[20]:.2f}")


if __name__ == "__main__":
    main()
