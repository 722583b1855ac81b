"""Provides what `connect-tui flow test` expects of a draft, and the check of a run against it.

Expectations come from a profile's `[flow_test]` table and from the command's flags (the
flags add to the table: a flag's queue replaces the table's, attributes merge, a path given
on the command line replaces the table's):

```toml
[flow_test]
expect_queue = "Escalations"            # a queue name, id or ARN
expect_path = ["logging", "check-tier", "queue-escalations"]   # in order, gaps allowed
clock = "2026-11-27T10:00:00Z"          # the sandbox clock (hours of operation)
seed = 7                                # DistributeByPercentage's dice
[flow_test.expect_attributes]
topic = "refund"
```

A run is given as the JSON the flow runner makes (connect_tui.sandbox.flows.context.RunResult
.as_json), so core needs nothing of the sandbox.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

KEYS: Final = ("expect_queue", "expect_attributes", "expect_path", "clock", "seed")


def check_table(table: dict[str, Any]) -> tuple[str, str] | None:
    """(key, what is wrong) for the first bad entry of a [flow_test] table, else None."""
    for key, value in table.items():
        if key not in KEYS:
            return key, f"is not a flow_test key (use {', '.join(KEYS)})"
        if key in ("expect_queue", "clock") and not isinstance(value, str):
            return key, "must be text (quote it)"
        if key == "seed" and (not isinstance(value, int) or isinstance(value, bool)):
            return key, "must be a whole number"
        if key == "expect_path" and not (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        ):
            return key, "must be a list of action Identifiers"
        if key == "expect_attributes" and not (
            isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
        ):
            return key, "must be a table of text values"
    return None


@dataclass
class Expectations:
    """What one draft's run must show; empty ones always hold."""

    queue: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    path: list[str] = field(default_factory=list)
    clock: str | None = None
    seed: int | None = None

    @classmethod
    def of(
        cls,
        table: dict[str, Any],
        *,
        queue: str | None = None,
        attributes: dict[str, str] | None = None,
        path: list[str] | None = None,
    ) -> Expectations:
        """The profile's table with the command's flags over it."""
        return cls(
            queue=queue or table.get("expect_queue"),
            attributes={**table.get("expect_attributes", {}), **(attributes or {})},
            path=list(path or table.get("expect_path", [])),
            clock=table.get("clock"),
            seed=table.get("seed"),
        )

    def failures(self, run: dict[str, Any]) -> list[str]:
        """What the run did not do that was expected (empty: every expectation holds)."""
        found = []
        if run.get("Error"):
            found.append(f"the run stopped: {run['Error']}")
        if self.queue is not None:
            queue = run.get("Queue") or {}
            names = {queue.get("Name"), queue.get("Id"), queue.get("ARN")} - {None}
            if run.get("Ended") != "queued" or self.queue not in names:
                got = queue.get("Name") if run.get("Ended") == "queued" else run.get("Ended")
                found.append(f"expected queue {self.queue}, got {got or 'no queue'}")
        attributes = run.get("Attributes") or {}
        for key, value in self.attributes.items():
            if attributes.get(key) != value:
                found.append(f"expected attribute {key}={value}, got {attributes.get(key)!r}")
        taken = [step.get("Identifier") for step in run.get("Path") or []]
        if self.path and not _in_order(self.path, taken):
            found.append(
                f"expected path {' > '.join(self.path)}, took {' > '.join(map(str, taken))}"
            )
        return found


def _in_order(wanted: list[str], taken: list[Any]) -> bool:
    """True when `wanted` appears in `taken` in the same order (other actions between)."""
    remaining = iter(taken)
    return all(any(step == identifier for step in remaining) for identifier in wanted)
