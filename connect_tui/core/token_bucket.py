"""Provides TokenBucket: `rate` tokens a second, at most `burst` saved up, thread-safe.

One bucket serves both sides of a quota: the sandbox's quota takes a token or refuses the
call (`take`, never waits), and the sender's Pacer reserves one and waits its turn
(`reserve`), so calls leave under the quota they will meet.
"""

from __future__ import annotations

import threading
import time


class TokenBucket:
    """`rate` tokens a second, at most `burst` saved up; thread-safe."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate = rate
        self.burst = max(1, burst)
        self._tokens = float(self.burst)
        self._last = time.monotonic()
        self._lock = threading.Lock()

    def _refill(self) -> None:
        # Called with the lock held: add what `rate` has earned since the last call.
        now = time.monotonic()
        self._tokens = min(self.burst, self._tokens + (now - self._last) * self.rate)
        self._last = now

    def take(self) -> bool:
        """Take a token if there is one; False when the bucket is empty (never waits)."""
        with self._lock:
            self._refill()
            if self._tokens < 1:
                return False
            self._tokens -= 1
            return True

    def reserve(self) -> float:
        """Take a token, there or not; the seconds to wait before it is there (0: at once).

        The balance may go below zero, so later callers queue behind this one.
        """
        with self._lock:
            self._refill()
            wait = 0.0 if self._tokens >= 1 else (1 - self._tokens) / self.rate
            self._tokens -= 1
            return wait
