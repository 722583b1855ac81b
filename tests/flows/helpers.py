"""Helpers of the flow tests: actions and flows written briefly, a contact, and a run."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from connect_tui.sandbox.flows import model, runner
from connect_tui.sandbox.flows.context import FlowContact, Hours, Queue, Resources, RunResult

SUBJECT = "$.SegmentAttributes['connect:EmailSubject']"
SUPPORT = Queue(
    "q-support",
    "arn:aws:connect:us-east-1:123456789012:instance/i/queue/q-support",
    "Support",
    "h-office",
)
FULL = Queue("q-full", "arn:q-full", "Full", None, max_contacts=1, in_queue=1)
OFFICE = Hours(
    "h-office",
    "arn:h-office",
    "Office Hours",
    "UTC",
    tuple((d, 540, 1020) for d in ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")),
)
MONDAY_NOON = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
SUNDAY_NOON = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


def action(
    identifier: str, kind: str, parameters: dict[str, Any] | None = None, **transitions: Any
) -> dict[str, Any]:
    """One action's JSON."""
    return {
        "Identifier": identifier,
        "Type": kind,
        "Parameters": parameters or {},
        "Transitions": transitions,
    }


def when(operator: str, operand: str, target: str) -> dict[str, Any]:
    """A Conditions entry."""
    return {"NextAction": target, "Condition": {"Operator": operator, "Operands": [operand]}}


def on(error: str, target: str) -> dict[str, Any]:
    """An Errors entry."""
    return {"ErrorType": error, "NextAction": target}


def end(identifier: str = "end") -> dict[str, Any]:
    """A DisconnectParticipant that ends the flow."""
    return action(identifier, "DisconnectParticipant")


def flow(*actions: dict[str, Any], start: str | None = None) -> dict[str, Any]:
    """A flow's JSON (the first action starts it)."""
    return {
        "Version": "2019-10-30",
        "StartAction": start or actions[0]["Identifier"],
        "Actions": list(actions),
    }


def contact(subject: str = "Order 1234", **changes: Any) -> FlowContact:
    """An email contact with a subject, from alice@example.com."""
    found = FlowContact(
        "contact-1",
        segment_attributes={"connect:EmailSubject": {"ValueString": subject}},
        customer={"Address": "alice@example.com"},
        system={"Address": "support@sandbox.connect-tui.example"},
    )
    for key, value in changes.items():
        setattr(found, key, value)
    return found


def resources(**changes: Any) -> Resources:
    """Resources that know SUPPORT, FULL and OFFICE, on a Monday at noon."""
    queues = {q.id: q for q in (SUPPORT, FULL)} | {q.arn: q for q in (SUPPORT, FULL)}
    defaults: dict[str, Any] = {
        "queues": queues.get,
        "hours": {"h-office": OFFICE, OFFICE.arn: OFFICE}.get,
        "now": lambda: MONDAY_NOON,
    }
    return Resources(**{**defaults, **changes})


def run(content: dict[str, Any], subject: FlowContact | None = None, **changes: Any) -> RunResult:
    """Parse and run a flow."""
    return runner.run(model.parse(content), subject or contact(), resources(**changes))


def taken(result: RunResult) -> list[str]:
    """The Identifiers of the path."""
    return [step.identifier for step in result.path]
