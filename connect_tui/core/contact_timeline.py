"""Provides the timeline of a followed contact, built from what the Connect API answered.

`build(observation)` is pure: it turns the raw answers of DescribeContact,
GetContactAttributes, ListContactReferences, ListAssociatedContacts and the flow log
(FilterLogEvents) into a Timeline: created, each flow action with its branch, queued in
which queue, accepted by an agent, disconnected and why; the attributes with what the flow
changed; the references; the thread. Whatever an answer does not carry is said to be
unknown (with why), never guessed: a missing DisconnectReason is "reason unknown", a
section whose call failed shows the failure instead of an empty list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final

from connect_tui.core.flow_log import FlowStep

CREATED: Final = "created"
FLOW: Final = "flow"
QUEUED: Final = "queued"
AGENT: Final = "agent"
DISCONNECTED: Final = "disconnected"
ACTIVE: Final = "active"
NOTE: Final = "note"


@dataclass(frozen=True)
class Event:
    """One line of the timeline: what happened, when (None: the API does not say)."""

    kind: str
    at: datetime | None
    title: str
    detail: str = ""
    #: True when this line says that something cannot be known from the API.
    unknown: bool = False


@dataclass(frozen=True)
class AttributeRow:
    """A contact attribute as GetContactAttributes gives it, and what changed it."""

    key: str
    value: str
    #: What changed it, in words ("the flow at ACTION", "not in the request"), or "".
    change: str = ""
    #: The value the request sent, when it sent this key and it differs.
    was: str | None = None

    @property
    def changed(self) -> bool:
        """True when the value is not the one the request sent (or the flow set it)."""
        return bool(self.change)


@dataclass(frozen=True)
class ReferenceRow:
    """One reference of ListContactReferences: its type, name and value."""

    type: str
    name: str
    value: str
    status: str = ""


@dataclass(frozen=True)
class ThreadRow:
    """One contact of the thread (ListAssociatedContacts) and its relation to the followed one."""

    contact_id: str
    initiation_method: str
    channel: str
    initiated: datetime | None
    disconnected: datetime | None
    relation: str
    is_followed: bool = False


@dataclass
class Observation:
    """What one round of polling saw; an `*_error` names the failure of that call.

    `flow_steps` is None when no flow-log group is named (the path cannot be read).
    `sent_request` is the request as sent, when known (a send from this session or the history).
    """

    contact_id: str
    contact: dict[str, Any] | None = None
    contact_error: str | None = None
    attributes: dict[str, str] | None = None
    attributes_error: str | None = None
    references: list[dict[str, Any]] | None = None
    references_error: str | None = None
    associated: list[dict[str, Any]] | None = None
    associated_error: str | None = None
    flow_log_group: str | None = None
    flow_steps: list[FlowStep] | None = None
    flow_error: str | None = None
    sent_request: dict[str, Any] | None = None
    queue_names: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Timeline:
    """What the follow view shows; `*_unknown` says why a section cannot be shown."""

    contact_id: str
    events: list[Event]
    attributes: list[AttributeRow]
    references: list[ReferenceRow]
    thread: list[ThreadRow]
    attributes_unknown: str | None = None
    references_unknown: str | None = None
    thread_unknown: str | None = None
    association_id: str | None = None
    #: True once DescribeContact gives a DisconnectTimestamp.
    finished: bool = False
    #: True when DescribeContact itself failed (nothing about the contact is known).
    lost: bool = False


def _when(value: Any) -> datetime | None:
    """A timestamp as boto3 gives it (datetime) or as JSON carries it (epoch seconds)."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return datetime.fromtimestamp(value, UTC)
    return None


def _address(endpoint: Any) -> str:
    if isinstance(endpoint, dict):
        return str(endpoint.get("Address") or "")
    return ""


def _created(contact: dict[str, Any]) -> Event:
    method = contact.get("InitiationMethod") or "unknown initiation method"
    channel = contact.get("Channel") or "contact"
    parts = []
    if _address(contact.get("CustomerEndpoint")):
        parts.append(f"customer {_address(contact['CustomerEndpoint'])}")
    if _address(contact.get("SystemEndpoint")):
        parts.append(f"instance address {_address(contact['SystemEndpoint'])}")
    if contact.get("RelatedContactId"):
        parts.append(f"related to {contact['RelatedContactId']}")
    return Event(
        CREATED,
        _when(contact.get("InitiationTimestamp")),
        f"Created: {method} {str(channel).lower()}",
        ", ".join(parts),
    )


def _flow_events(observation: Observation) -> list[Event]:
    if observation.flow_steps is None:
        why = observation.flow_error or (
            "no flow-log group is named for this target (set flow_log_group in the "
            "profile's [target]); Connect's API itself does not give a contact's path"
        )
        return [Event(NOTE, None, "Flow path: unknown", why, unknown=True)]
    events = []
    if observation.flow_error:
        events.append(
            Event(NOTE, None, "Flow path: incomplete", observation.flow_error, unknown=True)
        )
    if not observation.flow_steps and not observation.flow_error:
        events.append(
            Event(
                NOTE,
                None,
                "Flow path: no records yet",
                f"nothing in {observation.flow_log_group} for this contact (yet): flow "
                "logging may be off in its flow, or the records have not arrived",
                unknown=True,
            )
        )
    current_flow = ""
    for step in observation.flow_steps:
        if step.unreadable:
            events.append(Event(FLOW, step.at, "Flow log record", step.unreadable, unknown=True))
            continue
        title = f"{step.module_type or 'block'} {step.identifier}".strip()
        flow = step.flow_name or step.flow_id
        # The flow is named when the path enters it, not on every line.
        detail = [f"in flow {flow}"] if flow and flow != current_flow else []
        current_flow = flow
        if step.result is not None:
            detail.append(f"result {step.result}")
        if step.branch is not None:
            detail.append(f"branch {step.branch}")
        for key, value in step.attributes_set.items():
            detail.append(f"{key}={value}")
        events.append(Event(FLOW, step.at, title, "  ".join(detail)))
    return events


def _queue_event(contact: dict[str, Any], names: dict[str, str]) -> Event | None:
    info = contact.get("QueueInfo")
    if not isinstance(info, dict) or not info.get("Id"):
        return None
    queue_id = str(info["Id"])
    name = names.get(queue_id)
    title = f"Queued in {name}" if name else f"Queued in {queue_id}"
    return Event(QUEUED, _when(info.get("EnqueueTimestamp")), title, queue_id if name else "")


def _agent_event(contact: dict[str, Any]) -> Event | None:
    info = contact.get("AgentInfo")
    if not isinstance(info, dict) or not info.get("Id"):
        return None
    accepted = _when(info.get("AcceptedByAgentTimestamp")) or _when(
        info.get("ConnectedToAgentTimestamp")
    )
    if accepted is None:
        return Event(AGENT, None, f"Agent {info['Id']}", "assigned; not accepted (yet)")
    return Event(AGENT, accepted, f"Accepted by agent {info['Id']}")


def _end_event(contact: dict[str, Any]) -> Event:
    ended = _when(contact.get("DisconnectTimestamp"))
    if ended is None:
        return Event(ACTIVE, None, "Active", "not disconnected (yet)")
    reason = contact.get("DisconnectReason")
    details = contact.get("DisconnectDetails") or {}
    issue = details.get("PotentialDisconnectIssue") if isinstance(details, dict) else None
    if reason:
        detail = f"reason {reason}"
    else:
        detail = "reason unknown (DescribeContact gives no DisconnectReason)"
    if issue:
        detail += f"; potential issue {issue}"
    return Event(DISCONNECTED, ended, "Disconnected", detail, unknown=not reason)


def _timed(events: list[Event]) -> list[Event]:
    # Stable: lines of the same instant keep the order created, flow, queue, agent, end.
    return sorted(events, key=lambda e: e.at or datetime.max.replace(tzinfo=UTC))


def attribute_rows(observation: Observation) -> list[AttributeRow]:
    """The attributes, each marked with what changed it (the flow, or "not as sent")."""
    current = observation.attributes or {}
    set_by: dict[str, str] = {}
    before: dict[str, str | None] = {}
    for step in observation.flow_steps or []:
        earlier = step.attributes_before
        for key in step.attributes_set:
            set_by[key] = step.identifier
            before.setdefault(key, earlier.get(key))  # the value before the flow's first change
    sent = (observation.sent_request or {}).get("Attributes")
    sent = sent if isinstance(sent, dict) else None
    rows = []
    for key in sorted(current):
        value = str(current[key])
        was = None
        if key in set_by:
            change = f"the flow at {set_by[key]}"
        elif sent is not None and key not in sent:
            change = "not in the request"
        elif sent is not None and str(sent[key]) != value:
            change = "changed since sent"
        else:
            change = ""
        if sent is not None and key in sent and str(sent[key]) != value:
            was = str(sent[key])
        elif before.get(key) is not None and before[key] != value:
            was = before[key]
        rows.append(AttributeRow(key, value, change, was))
    return rows


def reference_rows(summaries: list[dict[str, Any]]) -> list[ReferenceRow]:
    """ReferenceSummary unions (one member each: Url, String, Email, …) as flat rows."""
    rows = []
    for summary in summaries:
        for kind, body in summary.items():
            if not isinstance(body, dict):
                continue
            value = body.get("Value") or body.get("Arn") or ""
            rows.append(
                ReferenceRow(
                    kind.upper(),
                    str(body.get("Name") or ""),
                    str(value),
                    str(body.get("Status") or ""),
                )
            )
    return rows


def thread_rows(
    followed: str, contact: dict[str, Any] | None, summaries: list[dict[str, Any]]
) -> list[ThreadRow]:
    """The thread's contacts in order of initiation, each with its relation to `followed`."""
    related_to = (contact or {}).get("RelatedContactId")
    rows = []
    for summary in summaries:
        contact_id = str(summary.get("ContactId") or "")
        if contact_id == followed:
            relation = "this contact"
        elif summary.get("RelatedContactId") == followed:
            relation = "related to this contact (a reply)"
        elif contact_id == related_to:
            relation = "this contact is related to it"
        elif summary.get("PreviousContactId") == followed:
            relation = "follows this contact"
        else:
            relation = "in the same thread"
        rows.append(
            ThreadRow(
                contact_id,
                str(summary.get("InitiationMethod") or "?"),
                str(summary.get("Channel") or "?"),
                _when(summary.get("InitiationTimestamp")),
                _when(summary.get("DisconnectTimestamp")),
                relation,
                contact_id == followed,
            )
        )
    return sorted(rows, key=lambda r: r.initiated or datetime.max.replace(tzinfo=UTC))


def build(observation: Observation) -> Timeline:
    """The Timeline of one observation (pure: no call is made here)."""
    contact = observation.contact
    if contact is None:
        why = observation.contact_error or "DescribeContact gave no contact"
        events = [Event(NOTE, None, "Contact: unknown", why, unknown=True)]
        return Timeline(observation.contact_id, events, [], [], [], why, why, why, lost=True)
    events = _flow_events(observation)
    for extra in (_queue_event(contact, observation.queue_names), _agent_event(contact)):
        if extra is not None:
            events.append(extra)
    end = _end_event(contact)
    # Created is first by definition (flow-log times have milliseconds only, and another clock).
    timed = [_created(contact), *_timed(events)]
    # The end (or "Active") is always the last line, whatever the clocks say.
    timed.append(end)
    thread = (
        thread_rows(observation.contact_id, contact, observation.associated)
        if observation.associated is not None
        else []
    )
    return Timeline(
        contact_id=observation.contact_id,
        events=timed,
        attributes=attribute_rows(observation) if observation.attributes is not None else [],
        references=(
            reference_rows(observation.references) if observation.references is not None else []
        ),
        thread=thread,
        attributes_unknown=observation.attributes_error,
        references_unknown=observation.references_error,
        thread_unknown=observation.associated_error,
        association_id=contact.get("ContactAssociationId"),
        finished=end.kind == DISCONNECTED,
    )
