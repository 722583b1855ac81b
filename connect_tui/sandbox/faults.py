"""Provides fault injection: throttling, internal errors, dropped replies and latency.

The rates are probabilities from 0 to 1 and may be changed while the sandbox runs (a
test or a demo can turn drops off again). A dropped request is carried out, then its
connection is closed with no reply: the case a client's ClientToken exists for.
"""

from __future__ import annotations

import random
import threading
import time

from connect_tui.sandbox.config import SandboxConfig
from connect_tui.sandbox.protocol import ServiceError


class Faults:
    """The fault dice of one sandbox (thread-safe)."""

    def __init__(self, config: SandboxConfig) -> None:
        self.throttle_rate = config.throttle_rate
        self.fail_rate = config.fail_rate
        self.drop_rate = config.drop_rate
        self.latency_ms = config.latency_ms
        self._random = random.Random(config.seed)
        self._lock = threading.Lock()

    def _roll(self, rate: float) -> bool:
        if rate <= 0:
            return False
        if rate >= 1:
            return True
        with self._lock:
            return self._random.random() < rate

    def before(self, operation: str) -> None:
        """Wait out the latency, then maybe refuse the call before it does anything."""
        if self.latency_ms > 0:
            time.sleep(self.latency_ms / 1000)
        if self._roll(self.throttle_rate):
            raise ServiceError(
                "ThrottlingException",
                f"Rate exceeded (injected by --throttle-rate) for {operation}",
            )
        if self._roll(self.fail_rate):
            raise ServiceError(
                "InternalServiceException",
                f"Request processing failed (injected by --fail-rate) for {operation}",
            )

    def drop(self) -> bool:
        """True when this reply should be dropped (the connection closed with no answer)."""
        return self._roll(self.drop_rate)
