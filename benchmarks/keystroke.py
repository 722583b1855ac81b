"""Benchmark: the time from a key to the screen settled after it, in Pilot (issue 13, aim 3).

Run:  python -m benchmarks.keystroke [--keys N]

Opens the composer headless (Pilot) on a draft with 200 attribute rows, types N letters
into a cell of the last row, then on a draft with a 1 MB body types N letters into the
body; for each key it measures from posting the key (as a terminal's input would reach
the app) until the app is idle again with the frame drawn (Pilot's idle wait: it includes the
validation the key starts and up to one 20 ms idle step, so it is an upper bound), and
prints the median and the 95th percentile in milliseconds beside the aim (16 ms, one frame
at 60 Hz). It prints figures only; the tmux side of the aim is not measured here yet.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from typing import Any

from textual import events

from connect_tui.core.defaults import new_draft
from connect_tui.core.model import Draft
from connect_tui.ui.app import ComposerApp

AIM_MS = 16.0


def _with_rows(count: int) -> Draft:
    draft = new_draft("bench-rows")
    draft.request["Attributes"] = {f"key{i}": f"value {i}" for i in range(count)}
    return draft


def _with_body(size: int) -> Draft:
    draft = new_draft("bench-body")
    line = "The quick brown fox jumps over the lazy dog. " * 2 + "\n"
    draft.request["EmailMessage"]["RawMessage"]["Body"] = (line * (size // len(line) + 1))[:size]
    return draft


async def _measure(draft: Draft, pane: str, selector: str, keys: int) -> list[float]:
    app = ComposerApp(draft)
    timings: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(400):
            if app.composer.model_ready:
                break
            await pilot.pause(0.05)
        app.composer.action_show_pane(pane)
        await pilot.pause(0.5)
        target: Any = app.composer.pane(pane).query(selector).last()
        target.focus()
        await pilot.pause(0.2)
        for index in range(keys):
            letter = "abcdefghijklmnopqrstuvwxyz"[index % 26]
            start = time.perf_counter()
            app.post_message(events.Key(letter, letter))
            await pilot.pause()  # waits until the app has handled it and drawn
            timings.append((time.perf_counter() - start) * 1000)
    return timings


def _report(what: str, timings: list[float]) -> None:
    ordered = sorted(timings)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    print(
        f"{what:<34} median {statistics.median(ordered):7.1f} ms   p95 {p95:7.1f} ms   "
        f"aim {AIM_MS:.0f} ms   p95/aim {p95 / AIM_MS:5.2f}"
    )


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=60)
    args = parser.parse_args()
    rows = asyncio.run(_measure(_with_rows(200), "attributes", "Input", args.keys))
    _report("key in a cell, 200 attribute rows", rows)
    body = asyncio.run(_measure(_with_body(1_000_000), "message", "TextArea", args.keys))
    _report("key in a 1 MB body", body)


if __name__ == "__main__":
    main()
