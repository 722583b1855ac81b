"""Provides the contact actions the sandbox runs: attributes, target queue, queueing, tags.

Contact actions "are attempted only when the flow is run in context of a contact. They
generally result in contact data being manipulated in some way."
https://docs.aws.amazon.com/connect/latest/APIReference/contact-actions.html
"""

from __future__ import annotations

import dataclasses
import re
from typing import Final

from connect_tui.sandbox.flows.model import Action
from connect_tui.sandbox.flows.run_state import Handler, Outcome, Run

#: Attribute keys: letters, digits, - and _; 32,768 UTF-8 bytes in all (docs/flows.md).
_KEY: Final = re.compile(r"[A-Za-z0-9_\-]+")
MAX_ATTRIBUTE_BYTES: Final = 32_768
#: TagContact (the API operation the action mirrors) takes at most 6 tags a call; a key is
#: 1 to 128 characters, a value at most 256: https://docs.aws.amazon.com/connect/latest/APIReference/API_TagContact.html
MAX_TAGS: Final = 6


def _size(attributes: dict[str, str]) -> int:
    return sum(len(k.encode()) + len(v.encode()) for k, v in attributes.items())


def update_contact_attributes(run: Run, action: Action) -> Outcome:
    """UpdateContactAttributes: all the attributes are set, or none (NoMatchingError).
    https://docs.aws.amazon.com/connect/latest/APIReference/contact-actions-updatecontactattributes.html"""
    values = {run.value(k): run.value(v) for k, v in action.parameters["Attributes"].items()}
    related = action.parameters.get("TargetContact", "Current") == "Related"
    if related and run.contact.related_attributes is None:
        return Outcome.fail("NoMatchingError", "TargetContact is Related, but there is none")
    target = run.contact.related_attributes if related else run.contact.attributes
    assert target is not None
    bad = [key for key in values if not _KEY.fullmatch(key)]
    if bad:
        return Outcome.fail(
            "NoMatchingError", f"attribute key {bad[0]!r} is not letters/digits/-/_"
        )
    if _size({**target, **values}) > MAX_ATTRIBUTE_BYTES:
        return Outcome.fail("NoMatchingError", "attributes would exceed 32,768 bytes; none set")
    changes = {k: [target.get(k), v] for k, v in values.items() if target.get(k) != v}
    target.update(values)
    where = "the related contact" if related else "the contact"
    return Outcome.next(f"set {len(values)} attribute(s) on {where}", changes=changes)


def update_contact_target_queue(run: Run, action: Action) -> Outcome:
    """UpdateContactTargetQueue: the queue TransferContactToQueue and the checks use.
    https://docs.aws.amazon.com/connect/latest/APIReference/contact-actions-updatecontacttargetqueue.html"""
    if "AgentId" in action.parameters:
        agent = run.lookup(action.parameters["AgentId"])
        queue = run.resources.queues(f"agent/{agent}") if agent else None
        if queue is None:
            return Outcome.fail("NoMatchingError", f"agent {agent} has no agent queue here")
    else:
        reference = run.lookup(action.parameters.get("QueueId"))
        queue = run.resources.queues(reference) if reference else None
        if queue is None:
            return Outcome.fail("NoMatchingError", f"queue {reference} not found")
    run.contact.queue = queue
    return Outcome.next(f"target queue is {queue.name}")


def transfer_contact_to_queue(run: Run, action: Action) -> Outcome:
    """TransferContactToQueue: into the target queue; QueueAtCapacity when it is full.
    https://docs.aws.amazon.com/connect/latest/APIReference/contact-actions-transfercontacttoqueue.html"""
    queue = run.contact.queue
    if queue is None:
        return Outcome.fail("NoMatchingError", "no target queue (UpdateContactTargetQueue first)")
    if queue.max_contacts is not None and queue.in_queue >= queue.max_contacts:
        return Outcome.fail(
            "QueueAtCapacity", f"{queue.name} holds {queue.in_queue} of {queue.max_contacts}"
        )
    run.contact.queue = dataclasses.replace(queue, in_queue=queue.in_queue + 1)
    return Outcome.end("queued", f"queued in {queue.name}")


def tag_contact(run: Run, action: Action) -> Outcome:
    """TagContact: user-defined tags on the contact, all or none.
    https://docs.aws.amazon.com/connect/latest/APIReference/contact-actions-tagcontact.html
    The page lists no errors; tags beyond the TagContact API's limits are not set, and the
    run goes on (docs/flows.md)."""
    values = {run.value(k): run.value(v) for k, v in action.parameters["Tags"].items()}
    merged = {**run.contact.tags, **values}
    if len(values) > MAX_TAGS or any(
        not 1 <= len(k) <= 128 or len(v) > 256 for k, v in values.items()
    ):
        return Outcome.next(f"{len(values)} tag(s) not set: beyond TagContact's limits")
    run.contact.tags = merged
    return Outcome.next(f"tagged {', '.join(f'{k}={v}' for k, v in values.items())}")


def untag_contact(run: Run, action: Action) -> Outcome:
    """UnTagContact: the named tag keys are removed.
    https://docs.aws.amazon.com/connect/latest/APIReference/contact-actions-untagcontact.html"""
    keys = [run.value(k) for k in action.parameters.get("TagKeys") or []]
    for key in keys:
        run.contact.tags.pop(key, None)
    return Outcome.next(f"removed tag(s) {', '.join(keys) or 'none'}")


HANDLERS: Final[dict[str, Handler]] = {
    "UpdateContactAttributes": update_contact_attributes,
    "UpdateContactTargetQueue": update_contact_target_queue,
    "TransferContactToQueue": transfer_contact_to_queue,
    "TagContact": tag_contact,
    "UnTagContact": untag_contact,
}
