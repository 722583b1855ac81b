"""Benchmark: writing a profile's text, tomli-w alone against connect_tui.core.toml_text.

Run:  python -m benchmarks.profile_write [--rounds N] [--body-mb M]

The largest legal draft with a body of M megabytes (1 by default, with quotes, backslashes,
tabs and an escape sequence in every line, as a pasted mail has), written both ways,
alternately, N times each. Prints the medians and their ratio, and checks the two texts
are the same. Figures only, never a test assertion.
"""

from __future__ import annotations

import argparse
import statistics
import time

from connect_tui.core import profiles, toml_text
from tests.drafts import largest_legal_draft


def main() -> None:
    """Time both writers side by side and print the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="timed writes each way (7)")
    parser.add_argument("--body-mb", type=float, default=1.0, help="body size in MB (1)")
    args = parser.parse_args()
    draft = largest_legal_draft()
    line = 'Dear "customer", C:\\path\\file\tsee \x1b[1mbold\x1b[0m here.\n'
    size = int(args.body_mb * 1_000_000)
    body = (line * (size // len(line) + 1))[:size]
    draft.request["EmailMessage"] = {"MessageContent": body, "MessageSourceType": "RAW"}
    original = toml_text.LONG
    timings: dict[str, list[float]] = {"tomli-w alone": [], "toml_text": []}
    texts: dict[str, str] = {}
    for _ in range(args.rounds):
        for name, long in (("tomli-w alone", 10**12), ("toml_text", original)):
            toml_text.LONG = long
            start = time.perf_counter()
            texts[name] = profiles.dumps(draft)
            timings[name].append(time.perf_counter() - start)
    toml_text.LONG = original
    same = texts["tomli-w alone"] == texts["toml_text"]
    print(f"largest legal draft, {len(body):,}-character body")
    medians = {name: statistics.median(values) * 1000 for name, values in timings.items()}
    for name, median in medians.items():
        print(f"  {name:15} median {median:8.1f} ms over {args.rounds} writes")
    ratio = medians["toml_text"] / medians["tomli-w alone"]
    print(f"  ratio toml_text / tomli-w alone: {ratio:.3f}  (same text: {same})")


if __name__ == "__main__":
    main()
