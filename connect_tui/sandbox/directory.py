"""Provides an instance's flows, queues and hours of operation, found by id or ARN as on AWS.

The shapes they are described in are botocore's (ContactFlow, ContactFlowSummary, Queue,
QueueSummary, HoursOfOperation); connect_tui.sandbox.flow_operations serves them. A flow
is kept as its Content (the Flow-language JSON) and as parsed, so a run needs no parsing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Final

from connect_tui.sandbox.flows.context import Hours, Queue
from connect_tui.sandbox.flows.model import Flow

PUBLISHED: Final = "PUBLISHED"
ACTIVE: Final = "ACTIVE"
STANDARD: Final = "STANDARD"


@dataclass
class StoredFlow:
    """A flow of an instance, as DescribeContactFlow describes it."""

    id: str
    arn: str
    name: str
    content: str
    flow: Flow
    type: str = "CONTACT_FLOW"
    description: str | None = None
    status: str = PUBLISHED
    state: str = ACTIVE
    tags: dict[str, str] = field(default_factory=dict)
    modified: float = field(default_factory=time.time)

    def describe(self) -> dict[str, Any]:
        """The ContactFlow shape."""
        shape: dict[str, Any] = {
            "Arn": self.arn,
            "Id": self.id,
            "Name": self.name,
            "Type": self.type,
            "State": self.state,
            "Status": self.status,
            "Description": self.description,
            "Content": self.content,
            "Tags": self.tags,
            "LastModifiedTime": self.modified,
        }
        return {k: v for k, v in shape.items() if v is not None}

    def summary(self) -> dict[str, Any]:
        """The ContactFlowSummary shape."""
        return {
            "Id": self.id,
            "Arn": self.arn,
            "Name": self.name,
            "ContactFlowType": self.type,
            "ContactFlowState": self.state,
            "ContactFlowStatus": self.status,
        }


@dataclass
class StoredQueue:
    """A queue of an instance: what a flow sees (Queue) and what DescribeQueue shows."""

    queue: Queue
    description: str | None = None
    type: str = STANDARD
    tags: dict[str, str] = field(default_factory=dict)
    #: The email address id a reply from this queue is sent from (OutboundEmailConfig).
    outbound_email_address_id: str | None = None

    def describe(self) -> dict[str, Any]:
        """The Queue shape."""
        shape: dict[str, Any] = {
            "Name": self.queue.name,
            "QueueArn": self.queue.arn,
            "QueueId": self.queue.id,
            "Description": self.description,
            "HoursOfOperationId": self.queue.hours_id,
            "MaxContacts": self.queue.max_contacts,
            "Status": "ENABLED",
            "Tags": self.tags,
        }
        if self.outbound_email_address_id:
            shape["OutboundEmailConfig"] = {
                "OutboundEmailAddressId": self.outbound_email_address_id
            }
        return {k: v for k, v in shape.items() if v is not None}

    def summary(self) -> dict[str, Any]:
        """The QueueSummary shape."""
        return {
            "Id": self.queue.id,
            "Arn": self.queue.arn,
            "Name": self.queue.name,
            "QueueType": self.type,
        }


def _by_reference(items: dict[str, Any], reference: str | None) -> Any:
    """The item named by its id, or by an ARN ending in /ID (None when there is none)."""
    if not reference:
        return None
    text = str(reference)
    return items.get(text.rsplit("/", 1)[-1] if text.startswith("arn:") else text)


@dataclass
class Directory:
    """An instance's flows, queues (and their counts), hours of operation, address flows."""

    flows: dict[str, StoredFlow] = field(default_factory=dict)
    queues: dict[str, StoredQueue] = field(default_factory=dict)
    hours: dict[str, Hours] = field(default_factory=dict)
    #: Lower-cased email address -> the id of the flow that runs on email sent to it.
    address_flows: dict[str, str] = field(default_factory=dict)

    def flow(self, reference: str | None) -> StoredFlow | None:
        """A flow by id or ARN."""
        found = _by_reference(self.flows, reference)
        return found if isinstance(found, StoredFlow) else None

    def queue(self, reference: str | None) -> StoredQueue | None:
        """A queue by id or ARN."""
        found = _by_reference(self.queues, reference)
        return found if isinstance(found, StoredQueue) else None

    def hours_of(self, reference: str | None) -> Hours | None:
        """Hours of operation by id or ARN."""
        found = _by_reference(self.hours, reference)
        return found if isinstance(found, Hours) else None

    def flow_by_name(self, name: str) -> StoredFlow | None:
        """A flow by its name (names are unique in an instance)."""
        return next((f for f in self.flows.values() if f.name == name), None)
