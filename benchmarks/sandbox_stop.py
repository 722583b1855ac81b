"""Provides a benchmark: prints how long `connect-tui sandbox` takes to exit after SIGTERM.

Each run starts a sandbox as a user runs it, waits a varying moment (during its warm-up,
and after it), sends SIGTERM and times until the process has exited. Figures, not
assertions (the aim: well under 0.3 s).

    python -m benchmarks.sandbox_stop [--runs 8]
"""

from __future__ import annotations

import argparse
import signal
import statistics
import subprocess
import sys
import tempfile
import time


def main(argv: list[str] | None = None) -> int:
    """Time the runs; print every one, the median and the slowest."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=8)
    args = parser.parse_args(argv)
    folder = tempfile.mkdtemp(prefix="connect-tui-stop-")
    times = []
    for run in range(args.runs):
        process = subprocess.Popen(
            [sys.executable, "-m", "connect_tui", "sandbox", "--journal", f"{folder}/j.jsonl"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert process.stdout is not None
        process.stdout.readline()
        time.sleep((0.05, 0.3, 1.0)[run % 3])  # during the warm-up, and after it
        started = time.perf_counter()
        process.send_signal(signal.SIGTERM)
        process.stdout.read()
        process.wait()
        times.append(time.perf_counter() - started)
    print("SIGTERM to exit (s):", " ".join(f"{t:.3f}" for t in times))
    print(f"median {statistics.median(times):.3f} s, slowest {max(times):.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
