"""Provides what a sandbox instance starts with: hours, queues, and a realistic email flow.

The email flow is the README's demo: it turns flow logging on, guards against mail loops
(an email whose connect:EmailSubject says it is itself an automatic reply gets no reply:
the admin guide's Send message block page warns that flow-sent email can loop,
https://docs.aws.amazon.com/connect/latest/adminguide/send-message.html), tags the
contact, checks the subject and a `tier` attribute, sets attributes, chooses a queue,
checks the queue's hours (an out-of-hours branch with its own reply), sends an automated
acknowledgement and transfers to the queue, with a fallback when the queue is full.
"""

from __future__ import annotations

import json
import uuid
from typing import Any, Final

from connect_tui.core import sandbox_identity
from connect_tui.sandbox import aws_copy
from connect_tui.sandbox.config import SandboxConfig
from connect_tui.sandbox.directory import Directory, StoredFlow, StoredQueue
from connect_tui.sandbox.flows import model
from connect_tui.sandbox.flows.context import DAYS, Hours, Queue
from connect_tui.sandbox.state import State

DEMO_FLOW_NAME: Final = "Sandbox email flow"
BASIC_HOURS: Final = "Basic Hours"
OFFICE_HOURS: Final = "Office Hours"
#: name -> (hours, MaxContacts): AWS names an instance's default queue BasicQueue.
QUEUES: Final = {
    "BasicQueue": (BASIC_HOURS, None),
    "Support": (OFFICE_HOURS, None),
    "Billing": (OFFICE_HOURS, None),
    "Escalations": (BASIC_HOURS, 5),
}


def resource_id(instance_id: str, kind: str, name: str) -> str:
    """A stable id for a seeded resource (the same in every sandbox of this instance)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"connect-tui/{instance_id}/{kind}/{name}"))


def demo_flow_id(instance_id: str) -> str:
    """The id of the seeded email flow (a documented constant for the default instance)."""
    if instance_id == sandbox_identity.INSTANCE_ID:
        return sandbox_identity.DEMO_FLOW_ID
    return resource_id(instance_id, "contact-flow", DEMO_FLOW_NAME)


def seed(
    directory: Directory, instance_id: str, instance_arn: str, extra_queues: tuple[str, ...]
) -> None:
    """Give an instance the default hours, queues (and `extra_queues`) and the demo flow."""
    every_day = tuple((day, 0, 24 * 60) for day in DAYS)
    weekdays = tuple((day, 9 * 60, 17 * 60) for day in DAYS[:5])
    for name, config in ((BASIC_HOURS, every_day), (OFFICE_HOURS, weekdays)):
        hours_id = resource_id(instance_id, "operating-hours", name)
        arn = f"{instance_arn}/operating-hours/{hours_id}"
        directory.hours[hours_id] = Hours(hours_id, arn, name, "UTC", config)
    queues = dict(QUEUES)
    for name in extra_queues:
        queues.setdefault(name, (BASIC_HOURS, None))
    for name, (hours, limit) in queues.items():
        add_queue(directory, instance_id, instance_arn, name, hours, limit)
    content = json.dumps(demo_flow(instance_id, instance_arn), indent=2)
    flow_id = demo_flow_id(instance_id)
    add_flow(directory, instance_arn, flow_id, DEMO_FLOW_NAME, content, "the connect-tui demo")


def add_queue(
    directory: Directory,
    instance_id: str,
    instance_arn: str,
    name: str,
    hours: str = BASIC_HOURS,
    limit: int | None = None,
) -> StoredQueue:
    """Add a standard queue with these hours (by name) and MaxContacts."""
    queue_id = resource_id(instance_id, "queue", name)
    hours_id = resource_id(instance_id, "operating-hours", hours)
    queue = Queue(queue_id, f"{instance_arn}/queue/{queue_id}", name, hours_id, limit)
    stored = StoredQueue(queue, description=f"seeded by the connect-tui sandbox ({hours})")
    directory.queues[queue_id] = stored
    return stored


def add_flow(
    directory: Directory,
    instance_arn: str,
    flow_id: str,
    name: str,
    content: str,
    description: str | None = None,
    flow_type: str = "CONTACT_FLOW",
) -> StoredFlow:
    """Store a flow (FlowInvalid when its content would be refused)."""
    parsed = model.parse(content)
    arn = f"{instance_arn}/contact-flow/{flow_id}"
    parsed = model.Flow(parsed.start, parsed.actions, parsed.content, flow_id, name, arn)
    stored = StoredFlow(flow_id, arn, name, content, parsed, flow_type, description)
    directory.flows[flow_id] = stored
    return stored


def _action(
    identifier: str, kind: str, parameters: dict[str, Any], **transitions: Any
) -> dict[str, Any]:
    return {
        "Identifier": identifier,
        "Type": kind,
        "Parameters": parameters,
        "Transitions": transitions,
    }


def _when(operator: str, operand: str, target: str) -> dict[str, Any]:
    return {"NextAction": target, "Condition": {"Operator": operator, "Operands": [operand]}}


def _on(error: str, target: str) -> dict[str, Any]:
    return {"ErrorType": error, "NextAction": target}


def demo_flow(instance_id: str, instance_arn: str) -> dict[str, Any]:
    """The seeded email flow's Content (queue ARNs of this instance)."""

    def queue_arn(name: str) -> str:
        return f"{instance_arn}/queue/{resource_id(instance_id, 'queue', name)}"

    subject = "$.SegmentAttributes['connect:EmailSubject']"
    actions = [
        _action(
            "logging",
            "UpdateFlowLoggingBehavior",
            {"FlowLoggingBehavior": "Enabled"},
            NextAction="loop-guard",
        ),
        _action(
            "loop-guard",
            "Compare",
            {"ComparisonValue": subject},
            NextAction="tag",
            Conditions=[
                _when("TextStartsWith", "[auto-reply]", "auto-reply-received"),
                _when("TextContains", "Automatic reply", "auto-reply-received"),
                _when("TextContains", "Out of Office", "auto-reply-received"),
            ],
            Errors=[_on("NoMatchingCondition", "tag")],
        ),
        _action(
            "tag",
            "TagContact",
            {"Tags": {"channel": "email", "demo": "sandbox-email-flow"}},
            NextAction="defaults",
        ),
        _action(
            "defaults",
            "UpdateContactAttributes",
            {
                "Attributes": {
                    "routed_by": "sandbox-email-flow",
                    "customer": "$.CustomerEndpoint.Address",
                }
            },
            NextAction="check-subject",
            Errors=[_on("NoMatchingError", "check-tier")],
        ),
        _action(
            "check-subject",
            "Compare",
            {"ComparisonValue": subject},
            Conditions=[
                _when("TextContains", "Refund", "topic-refund"),
                _when("TextContains", "Order", "topic-order"),
            ],
            Errors=[_on("NoMatchingCondition", "check-tier")],
        ),
        _action(
            "topic-refund",
            "UpdateContactAttributes",
            {"Attributes": {"topic": "refund"}},
            NextAction="queue-billing",
            Errors=[_on("NoMatchingError", "queue-billing")],
        ),
        _action(
            "topic-order",
            "UpdateContactAttributes",
            {"Attributes": {"topic": "order"}},
            NextAction="check-tier",
            Errors=[_on("NoMatchingError", "check-tier")],
        ),
        _action(
            "check-tier",
            "Compare",
            {"ComparisonValue": "$.Attributes.tier"},
            Conditions=[_when("Equals", "vip", "queue-escalations")],
            Errors=[_on("NoMatchingCondition", "queue-support")],
        ),
        _action(
            "queue-support",
            "UpdateContactTargetQueue",
            {"QueueId": queue_arn("Support")},
            NextAction="hours",
            Errors=[_on("NoMatchingError", "disconnect")],
        ),
        _action(
            "queue-billing",
            "UpdateContactTargetQueue",
            {"QueueId": queue_arn("Billing")},
            NextAction="hours",
            Errors=[_on("NoMatchingError", "disconnect")],
        ),
        _action(
            "queue-escalations",
            "UpdateContactTargetQueue",
            {"QueueId": queue_arn("Escalations")},
            NextAction="hours",
            Errors=[_on("NoMatchingError", "disconnect")],
        ),
        _action(
            "hours",
            "CheckHoursOfOperation",
            {},
            Conditions=[
                _when("Equals", "True", "acknowledge"),
                _when("Equals", "False", "out-of-hours"),
            ],
            Errors=[_on("NoMatchingError", "transfer")],
        ),
        _action(
            "acknowledge",
            "SendMessage",
            {
                "Subject": "[auto-reply] We received: " + subject,
                "Body": "Thank you for writing to us. An agent of $.Queue.Name will answer soon.",
                "ContentType": "text/plain",
            },
            NextAction="transfer",
            Errors=[_on("NoMatchingError", "transfer")],
        ),
        _action(
            "out-of-hours",
            "UpdateContactAttributes",
            {"Attributes": {"out_of_hours": "true"}},
            NextAction="closed-reply",
            Errors=[_on("NoMatchingError", "closed-reply")],
        ),
        _action(
            "closed-reply",
            "SendMessage",
            {
                "Subject": "[auto-reply] We are closed: " + subject,
                "Body": "Our office is closed. We will answer when $.Queue.Name opens.",
                "ContentType": "text/plain",
            },
            NextAction="transfer",
            Errors=[_on("NoMatchingError", "transfer")],
        ),
        _action(
            "transfer",
            "TransferContactToQueue",
            {},
            Errors=[_on("QueueAtCapacity", "overflow"), _on("NoMatchingError", "disconnect")],
        ),
        _action(
            "overflow",
            "UpdateContactTargetQueue",
            {"QueueId": queue_arn("BasicQueue")},
            NextAction="transfer-overflow",
            Errors=[_on("NoMatchingError", "disconnect")],
        ),
        _action(
            "transfer-overflow",
            "TransferContactToQueue",
            {},
            Errors=[_on("NoMatchingError", "disconnect")],
        ),
        _action(
            "auto-reply-received",
            "UpdateContactAttributes",
            {"Attributes": {"loop_guard": "an automatic reply: not answered"}},
            NextAction="disconnect",
            Errors=[_on("NoMatchingError", "disconnect")],
        ),
        _action("disconnect", "DisconnectParticipant", {}),
    ]
    return {"Version": model.VERSION, "StartAction": "logging", "Actions": actions}


def new_state(config: SandboxConfig) -> State:
    """A new sandbox State with every instance seeded from the config."""
    state = State(config)
    seed_state(state)
    return state


def seed_state(state: State) -> None:
    """Seed every instance of a new State from its config: defaults, flow files, copies."""
    config = state.config
    for instance in state.instances.values():
        seed(instance.directory, instance.id, instance.arn, config.queues)
        # A queue's default From for outbound email (Queue.OutboundEmailConfig): the first
        # address, as a new instance's queues get the address the admin picks first.
        first = next(iter(instance.addresses.values()), None)
        for stored in instance.directory.queues.values():
            stored.outbound_email_address_id = first.id if first else None
        for flow_id, name, content in config.flows:
            add_flow(instance.directory, instance.arn, flow_id, name, content, "from a file")
    aws_copy.apply(state, config.imported)
    for address, reference in config.address_flows:
        for instance in state.instances.values():
            found = instance.directory.flow(reference) or instance.directory.flow_by_name(reference)
            if found is not None:
                instance.directory.address_flows[address.lower()] = found.id
