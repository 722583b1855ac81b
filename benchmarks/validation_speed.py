"""Benchmark: how long validate(draft) takes, for a typical draft and for the largest legal one.

Run:  python -m benchmarks.validation_speed [--rounds N]

Prints the median of many timed calls for each draft, the budget it aims at (1 ms and
5 ms: fast enough for every keystroke), and, measured alternately in the same run,
botocore's own ParamValidator on the same request, with the ratio between the two.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from botocore.validate import ParamValidator

from connect_tui.core import schema, variables
from connect_tui.core.model import Draft
from connect_tui.core.segments import count_nodes
from connect_tui.core.validation import validate
from tests.drafts import largest_legal_draft, typical_draft


def median_seconds(call: Callable[[], object], rounds: int, inner: int) -> float:
    """The median over `rounds` of the mean time of `inner` back-to-back calls."""
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(inner):
            call()
        samples.append((time.perf_counter() - start) / inner)
    return statistics.median(samples)


def measure(label: str, draft: Draft, budget_ms: float, rounds: int) -> None:
    """Time our validator and botocore's, interleaved, and print both with their ratio."""
    request, _ = variables.resolve(draft.request, draft.variables)
    botocore_shape = schema.service_model().operation_model(draft.operation).input_shape
    validator = ParamValidator()
    assert validate(draft) == [], "benchmark drafts must be valid"
    inner = 50 if budget_ms <= 1 else 10
    ours, theirs = [], []
    for _ in range(rounds):  # alternate, so drift on the machine hits both alike
        ours.append(median_seconds(lambda: validate(draft), 1, inner))
        theirs.append(median_seconds(lambda: validator.validate(request, botocore_shape), 1, inner))
    ours_ms, theirs_ms = statistics.median(ours) * 1000, statistics.median(theirs) * 1000
    verdict = "within" if ours_ms <= budget_ms else "OVER"
    print(
        f"{label:<34} validate {ours_ms:7.3f} ms  ({verdict} the {budget_ms:g} ms budget)   "
        f"botocore ParamValidator {theirs_ms:7.3f} ms   "
        f"ratio ours/botocore {ours_ms / theirs_ms:5.2f}"
    )


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    rounds = parser.parse_args().rounds
    started = time.perf_counter()
    schema.input_shape("StartEmailContact")
    print(f"loading botocore's Connect model once: {(time.perf_counter() - started) * 1000:.0f} ms")
    largest = largest_legal_draft()
    request = largest.request
    recipients = sum(len(v) for v in request["AdditionalRecipients"].values())
    attributes = request["Attributes"].items()
    attribute_bytes = sum(len(k.encode()) + len(v.encode()) for k, v in attributes)
    reference_bytes = sum(len(k) + len(v["Value"]) for k, v in request["References"].items())
    print(
        f"largest legal draft: {recipients} recipients, {attribute_bytes:,} attribute bytes, "
        f"{reference_bytes:,} reference bytes, "
        f"{count_nodes(request['SegmentAttributes'])} segment nodes"
    )
    measure("typical draft", typical_draft(), 1.0, rounds)
    measure("largest legal draft", largest, 5.0, rounds)


if __name__ == "__main__":
    main()
