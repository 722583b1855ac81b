"""Provides what a run works on and leaves: the contact, the resources it may name, the path.

FlowContact is the contact as a flow sees it (the flow data object comes from it); Resources
answer the lookups a flow makes (other flows, queues, hours of operation, canned Lambda
results, the clock, the dice). Step is one action of the path; RunResult the whole run.
Nothing here touches the sandbox's state: the sandbox copies the results onto its contact.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from connect_tui.sandbox.flows.model import Flow

#: A looping flow is stopped after this many actions (the service documents no number).
STEP_LIMIT: Final = 1000
DAYS: Final = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")


@dataclass(frozen=True)
class Queue:
    """A queue a flow can name: id, ARN, name, its hours and how many contacts it holds."""

    id: str
    arn: str
    name: str
    hours_id: str | None = None
    max_contacts: int | None = None
    in_queue: int = 0

    def info(self) -> dict[str, str]:
        """The queue as `$.Queue` shows it to a flow."""
        return {"ARN": self.arn, "Name": self.name, "Id": self.id}


@dataclass(frozen=True)
class Hours:
    """Hours of operation: a time zone and, per day, open intervals as (start, end) minutes."""

    id: str
    arn: str
    name: str
    time_zone: str = "UTC"
    config: tuple[tuple[str, int, int], ...] = ()

    def is_open(self, now: datetime) -> bool:
        """True when `now` (aware) falls inside an interval of its day in the time zone."""
        local = now.astimezone(_zone(self.time_zone))
        day, minute = DAYS[local.weekday()], local.hour * 60 + local.minute
        return any(d == day and start <= minute < end for d, start, end in self.config)


def _zone(name: str) -> Any:
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(name)
    except Exception:  # an unknown zone or no tz database: the sandbox falls back to UTC
        return UTC


@dataclass
class FlowContact:
    """The contact a flow runs on; the run changes attributes, tags and the queue in place."""

    contact_id: str
    instance_arn: str = ""
    channel: str = "EMAIL"
    initiation_method: str = "INBOUND"
    name: str | None = None
    description: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    segment_attributes: dict[str, Any] = field(default_factory=dict)
    customer: dict[str, str] | None = None
    system: dict[str, str] | None = None
    related_attributes: dict[str, str] | None = None
    related_contact_id: str | None = None
    initial_contact_id: str | None = None
    tags: dict[str, str] = field(default_factory=dict)
    queue: Queue | None = None

    def data(self, flow_attributes: dict[str, str], external: dict[str, str]) -> dict[str, Any]:
        """The flow data object JSONPath reads (the names of the admin guide's attribute list)."""
        return {
            "ContactId": self.contact_id,
            "InitialContactId": self.initial_contact_id or self.contact_id,
            "RelatedContactId": self.related_contact_id,
            "Channel": self.channel,
            "InitiationMethod": self.initiation_method,
            "InstanceARN": self.instance_arn,
            "Name": self.name,
            "Description": self.description,
            "Attributes": dict(self.attributes),
            "SegmentAttributes": dict(self.segment_attributes),
            "CustomerEndpoint": _endpoint(self.customer),
            "SystemEndpoint": _endpoint(self.system),
            "Queue": self.queue.info() if self.queue else {},
            "Tags": dict(self.tags),
            "FlowAttributes": dict(flow_attributes),
            "External": dict(external),
        }


def _endpoint(entry: dict[str, str] | None) -> dict[str, str]:
    if not entry:
        return {}
    return {"Address": entry.get("Address", ""), "Type": "EMAIL_ADDRESS"}


@dataclass
class Resources:
    """What a flow may look up: flows, queues, hours (by id or ARN), Lambda results, clock, dice."""

    flows: Callable[[str], Flow | None] = lambda reference: None
    queues: Callable[[str], Queue | None] = lambda reference: None
    hours: Callable[[str], Hours | None] = lambda reference: None
    lambda_results: dict[str, Any] = field(default_factory=dict)
    now: Callable[[], datetime] = lambda: datetime.now(UTC)
    random: random.Random = field(default_factory=lambda: random.Random(0))
    step_limit: int = STEP_LIMIT
    #: Called with each Step as it is taken (the sandbox paces and logs runs with it).
    on_step: Callable[[Step], None] | None = None


@dataclass
class Reply:
    """An automated email reply a SendMessage action sent (the reply contact is made by the
    sandbox)."""

    subject: str
    body: str
    content_type: str
    to: str
    sender: str | None


@dataclass
class Step:
    """One action of the path: what ran, the branch it took and why, what it changed."""

    flow_id: str
    flow_name: str
    flow_arn: str
    identifier: str
    type: str
    timestamp: float
    parameters: dict[str, Any]
    branch: str
    next_action: str | None
    reason: str
    result: str | None = None
    changes: dict[str, list[str | None]] = field(default_factory=dict)
    external: dict[str, str] | None = None
    logged: bool = True

    def as_json(self) -> dict[str, Any]:
        """The step as a JSON object (journal lines, `flow test --output json`)."""
        shape: dict[str, Any] = {
            "Identifier": self.identifier,
            "Type": self.type,
            "ContactFlowId": self.flow_id,
            "Branch": self.branch,
            "NextAction": self.next_action,
            "Reason": self.reason,
        }
        if self.result is not None:
            shape["Result"] = self.result
        if self.changes:
            shape["AttributesChanged"] = {
                k: {"from": a, "to": b} for k, (a, b) in self.changes.items()
            }
        return shape


@dataclass
class RunResult:
    """How a run ended, the path, and the contact's state after it."""

    contact: FlowContact
    path: list[Step]
    #: queued, disconnected, ended (EndFlowExecution) or stopped (the run could not go on).
    ended: str
    error: str | None = None
    replies: list[Reply] = field(default_factory=list)
    logging: bool = False

    @property
    def ok(self) -> bool:
        """True when the flow ran to an end the language defines (no run error)."""
        return self.error is None

    def as_json(self) -> dict[str, Any]:
        """The run as a JSON object."""
        queue = self.contact.queue
        return {
            "Ended": self.ended,
            "Error": self.error,
            "Queue": queue.info() if queue else None,
            "Attributes": dict(self.contact.attributes),
            "Tags": dict(self.contact.tags),
            "Path": [step.as_json() for step in self.path],
            "Replies": [vars(reply) for reply in self.replies],
        }
