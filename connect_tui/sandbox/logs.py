"""Provides the sandbox's flow logs and CloudWatch Logs' FilterLogEvents over them.

Connect writes flow logs to a CloudWatch Logs group of the instance; the sandbox keeps them
in memory in the group `/aws/connect/sandbox` (one log stream per instance) and serves
FilterLogEvents on its own port, in the JSON 1.1 protocol (POST / with the header
`X-Amz-Target: Logs_20140328.FilterLogEvents`, signed with SigV4 for the service `logs`),
so boto3's `client("logs").filter_log_events(...)` reads them as it reads AWS's.
https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html
Filter patterns: terms (quoted or bare) that must all appear, `?term` for any of several,
`-term` to exclude, and `{ $.Field = "value" }` for a JSON field; the rest of the
filter-pattern syntax is not implemented and is refused (docs/flows.md).
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass
from typing import Any, Final

from connect_tui.core.sandbox_identity import FLOW_LOG_GROUP
from connect_tui.sandbox.protocol import ServiceError

TARGET_PREFIX: Final = "Logs_20140328."
#: FilterLogEvents returns at most 10,000 events a call (its `limit` default and maximum).
MAX_EVENTS: Final = 10_000
_TERM = re.compile(r'([?-]?)"((?:[^"\\]|\\.)*)"|([?-]?)(\S+)')
_JSON = re.compile(r'^\{\s*\$\.([A-Za-z0-9_.]+)\s*(=|!=)\s*"?([^"}]*?)"?\s*\}$')


@dataclass(frozen=True)
class Event:
    """One log event: its stream, time (ms), message and id."""

    stream: str
    timestamp: int
    message: str
    event_id: str

    def shape(self) -> dict[str, Any]:
        """The FilteredLogEvent shape."""
        return {
            "logStreamName": self.stream,
            "timestamp": self.timestamp,
            "message": self.message,
            "ingestionTime": self.timestamp,
            "eventId": self.event_id,
        }


class LogStore:
    """The flow-log events of one sandbox (thread-safe), oldest first."""

    def __init__(self) -> None:
        self._events: list[Event] = []
        self._lock = threading.Lock()

    def put(self, stream: str, record: dict[str, Any]) -> None:
        """Append one record (a JSON object) to a stream."""
        with self._lock:
            number = len(self._events)
            millis = int(time.time() * 1000)
            message = json.dumps(record, ensure_ascii=False)
            self._events.append(Event(stream, millis, message, f"{millis:020d}{number:012d}"))

    def events(self) -> list[Event]:
        """Every event so far."""
        with self._lock:
            return list(self._events)


def _pattern(text: str) -> Any:
    """A predicate on a message for a filter pattern; ServiceError for what is not supported."""
    text = text.strip()
    if not text:
        return lambda message: True
    found = _JSON.match(text)
    if found:
        path, operator, wanted = found.groups()

        def json_match(message: str) -> bool:
            try:
                value: Any = json.loads(message)
                for name in path.split("."):
                    value = value[name]
            except (ValueError, KeyError, TypeError):
                return False
            return (str(value) == wanted) == (operator == "=")

        return json_match
    if text.startswith(("{", "[")):
        raise ServiceError(
            "InvalidParameterException",
            'filterPattern: the sandbox takes terms, ?terms, -terms and { $.Field = "value" }',
        )
    needed: list[str] = []
    any_of: list[str] = []
    excluded: list[str] = []
    for quoted_sign, quoted, bare_sign, bare in _TERM.findall(text):
        sign, term = (
            (quoted_sign, quoted.replace('\\"', '"'))
            if quoted or quoted_sign
            else (bare_sign, bare)
        )
        (any_of if sign == "?" else excluded if sign == "-" else needed).append(term)

    def terms_match(message: str) -> bool:
        return (
            all(t in message for t in needed)
            and (not any_of or any(t in message for t in any_of))
            and not any(t in message for t in excluded)
        )

    return terms_match


def filter_log_events(store: LogStore, request: dict[str, Any]) -> dict[str, Any]:
    """The FilterLogEvents answer: events of the group that match, a page at a time."""
    group = request.get("logGroupName") or request.get("logGroupIdentifier")
    if group != FLOW_LOG_GROUP and not str(group).endswith(f":log-group:{FLOW_LOG_GROUP}"):
        raise ServiceError(
            "ResourceNotFoundException",
            f"The specified log group does not exist: {group} "
            f"(the sandbox serves {FLOW_LOG_GROUP})",
        )
    matches = _pattern(str(request.get("filterPattern") or ""))
    streams = request.get("logStreamNames")
    prefix = request.get("logStreamNamePrefix") or ""
    start, end = request.get("startTime"), request.get("endTime")
    limit = int(request.get("limit") or MAX_EVENTS)
    if not 1 <= limit <= MAX_EVENTS:
        raise ServiceError("InvalidParameterException", f"limit must be 1 to {MAX_EVENTS}")
    after = str(request.get("nextToken") or "")
    found = [
        event
        for event in store.events()
        if event.event_id > after
        and (not streams or event.stream in streams)
        and event.stream.startswith(prefix)
        and (start is None or event.timestamp >= int(start))
        and (end is None or event.timestamp <= int(end))
        and matches(event.message)
    ]
    page = found[:limit]
    answer: dict[str, Any] = {"events": [event.shape() for event in page]}
    if len(found) > limit:
        answer["nextToken"] = page[-1].event_id
    return answer
