"""Provides the quota: a token bucket per group of operations, shared by every caller.

Connect's quotas are per account and Region, not per client: the sandbox is one account,
so one bucket serves every connection. A request that finds its bucket empty gets a
ThrottlingException and takes no token.
"""

from __future__ import annotations

from typing import Final

from connect_tui.core.token_bucket import TokenBucket
from connect_tui.sandbox.config import SandboxConfig
from connect_tui.sandbox.protocol import ServiceError

SEND: Final = "send"
READ: Final = "read"
#: The bucket each operation draws from.
GROUPS: Final[dict[str, str]] = {
    "StartEmailContact": SEND,
    "StartOutboundEmailContact": SEND,
    "CreateContact": SEND,
    "DescribeContact": READ,
    "GetContactAttributes": READ,
    "SearchEmailAddresses": READ,
    "StopContact": READ,
}


class Quota:
    """The buckets of one sandbox; a rate of 0 in the config turns them all off."""

    def __init__(self, config: SandboxConfig) -> None:
        self.enabled = config.rate > 0
        self._buckets = {
            SEND: TokenBucket(config.rate, config.burst),
            READ: TokenBucket(config.read_rate, config.read_burst),
        }

    def charge(self, operation: str) -> None:
        """Take a token for one call of `operation`; ThrottlingException when there is none."""
        if not self.enabled:
            return
        group = GROUPS.get(operation, READ)
        bucket = self._buckets[group]
        if not bucket.take():
            raise ServiceError(
                "ThrottlingException",
                f"Rate exceeded: {operation} is limited to {bucket.rate:g} requests per second "
                f"with bursts of {bucket.burst} (the sandbox's quota; --rate 0 turns it off)",
            )
