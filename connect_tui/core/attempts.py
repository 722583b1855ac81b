"""Provides what each attempt of an API call did, and retries that honour the attempts asked for.

botocore retries a call on its own (throttling, 5xx, dropped connections), always with
the same ClientToken, and reports only the last attempt's error. That last error does not
say whether an earlier attempt was carried out: a reply dropped after the contact was
made, then a throttled retry, ends in a ThrottlingException though the contact exists.
So every attempt is watched here (botocore's `needs-retry` event, which follows every
attempt), and a failed call is sorted by what its attempts prove:

- NOT_SENT: every attempt was refused before it could be carried out (a 4xx answer,
  throttling included, or no connection made), so nothing was made;
- MAY_EXIST: some attempt may have been carried out (its request went out and no answer
  came back, or the service failed with a 5xx, which does not promise it did nothing):
  the ClientToken finds out, since a send with it returns the contact and never makes
  a second one.

botocore's standard and adaptive modes also keep a retry quota per client (500 units, a
retry costs 5 or 14) that a flaky endpoint drains, after which calls stop retrying well
before `total_max_attempts`. `unlimit_retry_quota` gives the client's retry handler a
quota that never runs dry, so `--max-attempts` is what counts.
(botocore: botocore/retries/standard.py, register_retry_handler and RetryQuotaChecker.)
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any, Final

SENT: Final = "sent"
NOT_SENT: Final = "not sent"
MAY_EXIST: Final = "may exist"
STATUSES: Final = (SENT, NOT_SENT, MAY_EXIST)

#: Errors raised before a request left this machine: nothing can have been carried out.
_BEFORE_SENDING: Final = (
    "EndpointConnectionError",
    "ConnectTimeoutError",
    "ProxyConnectionError",
    "NoCredentialsError",
    "PartialCredentialsError",
    "ParamValidationError",
)


@dataclass
class Attempts:
    """What the attempts of the calls of one send did."""

    #: One word per attempt: "ok", "refused" (nothing done) or "unknown" (may be done).
    results: list[str] = field(default_factory=list)

    @property
    def uncertain(self) -> bool:
        """True when some attempt may have been carried out without an answer saying so."""
        return "unknown" in self.results


_current = threading.local()


def watching() -> Attempts:
    """Start watching the attempts of the calls this thread makes; returns the record."""
    record = Attempts()
    _current.record = record
    return record


def _on_attempt(response: Any = None, caught_exception: Any = None, **_: Any) -> None:
    """botocore's needs-retry handler, registered first: note what this attempt did."""
    record: Attempts | None = getattr(_current, "record", None)
    if record is None:
        return
    if caught_exception is not None:
        before = type(caught_exception).__name__ in _BEFORE_SENDING
        record.results.append("refused" if before else "unknown")
        return
    status = int(response[0].status_code) if response else 0
    if 200 <= status < 300:
        record.results.append("ok")
    elif 400 <= status < 500:
        record.results.append("refused")  # a 4xx (429 too) means the service did nothing
    else:
        record.results.append("unknown")


def failed_status(attempts: Attempts) -> str:
    """NOT_SENT or MAY_EXIST for a send that failed after `attempts` (none: nothing was sent)."""
    return MAY_EXIST if attempts.uncertain else NOT_SENT


class _EndlessQuota:
    """A retry quota that never runs dry (the attempts limit is what stops retries)."""

    def acquire_retry_quota(self, context: Any) -> bool:
        """Always allow the retry."""
        return True

    def release_retry_quota(self, context: Any, http_response: Any, **kwargs: Any) -> None:
        """Nothing to give back."""


def prepare_client(client: Any, max_attempts: int) -> None:
    """Watch each attempt of `client`'s calls; retry up to `max_attempts` whatever the quota."""
    from botocore.retries import standard

    events = client.meta.events
    name = client.meta.service_model.service_id.hyphenize()
    # The same handler botocore registers (standard.register_retry_handler), with a quota
    # that never runs dry, under the same unique id so it takes the place of botocore's.
    adapter = standard.RetryEventAdapter()
    detector = standard.ThrottlingErrorDetector(adapter)
    handler = standard.RetryHandler(
        retry_policy=standard.RetryPolicy(
            retry_checker=standard.StandardRetryConditions(max_attempts=max_attempts),
            retry_backoff=_backoff(standard, name, detector),
        ),
        retry_event_adapter=adapter,
        retry_quota=_EndlessQuota(),
        service_name=name,
    )
    unique_id = f"retry-config-{name}"
    events.unregister(f"needs-retry.{name}", unique_id=unique_id)
    events.register(f"needs-retry.{name}", handler.needs_retry, unique_id=unique_id)
    events.register_first(f"needs-retry.{name}", _on_attempt, unique_id="connect-tui-attempts")


def _backoff(standard: Any, name: str, detector: Any) -> Any:
    """botocore's ExponentialBackoff, told the service and throttling where it knows them."""
    try:
        return standard.ExponentialBackoff(service_name=name, throttling_detector=detector)
    except TypeError:  # releases before per-service backoff scales
        return standard.ExponentialBackoff()
