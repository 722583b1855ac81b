"""Provides flow-log records read as steps of a contact's path through its flows.

Amazon Connect writes one JSON record per block a contact runs to the instance's
CloudWatch Logs group (admin guide, "Flow logs stored in an Amazon CloudWatch log group":
https://docs.aws.amazon.com/connect/latest/adminguide/contact-flow-logs-stored-in-cloudwatch.html):
ContactId, ContactFlowId, ContactFlowName, ContactFlowModuleType, Identifier, Timestamp,
Parameters and, for many blocks, Results (the value a block compared, or the error it
took). AWS's records do not name the branch taken: the next record shows where the contact
went. The sandbox writes the same shape plus `SandboxPath` (the branch, the next action,
why, and the attributes changed; docs/flows.md), read here when present and never needed.
A record that is not such JSON is kept as a step that says so: it is never dropped
silently and never guessed at.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final

from connect_tui.core import iso_time

#: Block types that set contact attributes: Connect's log names them SetAttributes, the
#: Flow language UpdateContactAttributes (API Reference, "Flow language" actions).
ATTRIBUTE_SETTERS: Final = frozenset({"SetAttributes", "UpdateContactAttributes"})
#: Keys of a Results object worth naming, in the order they are shown.
_RESULT_KEYS: Final = ("Branch", "Condition", "Result", "Error", "ErrorType", "NextAction")


@dataclass(frozen=True)
class FlowStep:
    """One block a contact ran: which flow, which action, when, and what came of it."""

    event_id: str
    at: datetime | None
    flow_name: str
    flow_id: str
    module_type: str
    identifier: str
    parameters: dict[str, Any] = field(default_factory=dict)
    #: The record's Results as written (a string, an object, or None when it has none).
    results: Any = None
    #: The sandbox's SandboxPath (Branch, NextAction, Reason, AttributesChanged), if written.
    path: dict[str, Any] = field(default_factory=dict)
    #: Set when the message could not be read as a flow-log record.
    unreadable: str | None = None

    @property
    def branch(self) -> str | None:
        """The branch taken and where to, as the record says; None when it does not say."""
        branch, after = self.path.get("Branch"), self.path.get("NextAction")
        if not branch:
            return None
        text = f"{_text(branch)} → {_text(after)}" if after else _text(branch)
        return f"{text} ({_text(self.path['Reason'])})" if self.path.get("Reason") else text

    @property
    def result(self) -> str | None:
        """The record's Results as text (a compared value, an outcome, an error); None if none."""
        results = self.results
        if results is None or results == "":
            return None
        if isinstance(results, dict):
            named = [
                f"{key}: {_text(results[key])}"
                for key in _RESULT_KEYS
                if results.get(key) not in (None, "")
            ]
            if named:
                return ", ".join(named)
        return _text(results)

    @property
    def attributes_before(self) -> dict[str, str | None]:
        """The values the attributes this block set had before it (SandboxPath only)."""
        changed = self.path.get("AttributesChanged")
        if not isinstance(changed, dict):
            return {}
        return {
            str(k): (None if v.get("from") is None else _text(v["from"]))
            for k, v in changed.items()
            if isinstance(v, dict)
        }

    @property
    def attributes_set(self) -> dict[str, str]:
        """The contact attributes this block set, with their new values (empty for others)."""
        changed = self.path.get("AttributesChanged")
        if isinstance(changed, dict):
            return {
                str(k): _text(v.get("to", "") if isinstance(v, dict) else v)
                for k, v in changed.items()
            }
        if self.module_type not in ATTRIBUTE_SETTERS:
            return {}
        params = self.parameters
        if isinstance(params.get("Attributes"), dict):
            return {str(k): _text(v) for k, v in params["Attributes"].items()}
        if "Key" in params:
            return {str(params["Key"]): _text(params.get("Value", ""))}
        return {}


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def parse_time(value: Any) -> datetime | None:
    """A record's Timestamp (ISO 8601, as Connect writes it) as a datetime; None if unreadable."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return iso_time.parse(value)
    except ValueError:
        return None


def step_from_event(event: dict[str, Any]) -> FlowStep:
    """The step one FilterLogEvents event records (its `message` is the JSON record)."""
    event_id = str(event.get("eventId") or "")
    stamp = event.get("timestamp")
    fallback = datetime.fromtimestamp(stamp / 1000, UTC) if isinstance(stamp, int | float) else None
    try:
        record = json.loads(event.get("message") or "")
    except (TypeError, ValueError):
        record = None
    if not isinstance(record, dict):
        return FlowStep(event_id, fallback, "", "", "", "", unreadable="not a JSON flow-log record")
    params = record.get("Parameters")
    return FlowStep(
        event_id=event_id,
        at=parse_time(record.get("Timestamp")) or fallback,
        flow_name=_text(record.get("ContactFlowName") or ""),
        flow_id=_text(record.get("ContactFlowId") or ""),
        module_type=_text(record.get("ContactFlowModuleType") or ""),
        identifier=_text(record.get("Identifier") or ""),
        parameters=params if isinstance(params, dict) else {},
        results=record.get("Results"),
        path=record["SandboxPath"] if isinstance(record.get("SandboxPath"), dict) else {},
    )


def steps(events: Iterable[dict[str, Any]]) -> list[FlowStep]:
    """The steps of these events, in time order (records with no time keep their place last)."""
    parsed = [step_from_event(event) for event in events]
    # sorted() is stable: records of the same millisecond keep the order the log gave them.
    return sorted(parsed, key=lambda s: (s.at is None, s.at or datetime.min.replace(tzinfo=UTC)))
