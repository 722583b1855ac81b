"""Provides flow runs in the sandbox: which flow a new email contact runs, and running it.

StartEmailContact names a flow (ContactFlowId, by id or ARN) or is sent to an address the
sandbox maps to one; the flow then runs on the new contact behind the reply, as the API
Reference says the operation "initiates a flow". Each step is copied onto the contact as it
is taken (attributes, tags, the queue: GetContactAttributes and DescribeContact show them),
written as a flow-log record while flow logging is on, and the whole path is one journal
line. A run that disconnects the contact stops it (DisconnectReason CONTACT_FLOW_DISCONNECT);
an automated reply becomes a new contact in the thread (InitiationMethod FLOW).
"""

from __future__ import annotations

import random
import sys
import threading
import time
from datetime import UTC, datetime
from typing import Any, Final

from connect_tui.core import iso_time
from connect_tui.sandbox.directory import StoredFlow
from connect_tui.sandbox.flows import flowlog, runner
from connect_tui.sandbox.flows.context import FlowContact, Queue, Resources, RunResult, Step
from connect_tui.sandbox.protocol import invalid, not_found
from connect_tui.sandbox.state import Contact, Instance, State

#: Contact record DisconnectReason for a contact the flow ended (admin guide, contact records).
FLOW_DISCONNECT: Final = "CONTACT_FLOW_DISCONNECT"


def flow_for(instance: Instance, request: dict[str, Any], address: str | None) -> StoredFlow | None:
    """The flow a new email contact runs; ResourceNotFoundException for an unknown ContactFlowId."""
    directory = instance.directory
    reference = request.get("ContactFlowId")
    if reference is not None:
        found = directory.flow(str(reference))
        if found is None:
            known = ", ".join(f"{f.id} ({f.name})" for f in directory.flows.values()) or "none"
            raise not_found(
                f"ContactFlowId {reference} is not a flow of instance {instance.id} "
                f"(it has: {known})"
            )
        return found
    flow_id = directory.address_flows.get((address or "").lower())
    return directory.flows.get(flow_id) if flow_id else None


def clock(state: State) -> datetime:
    """The sandbox clock: the real time, shifted by --clock or SetSandboxClock."""
    return datetime.fromtimestamp(time.time() + state.clock_offset, UTC)


def set_clock(state: State, request: dict[str, Any]) -> dict[str, Any]:
    """SetSandboxClock (POST /sandbox/clock, the sandbox's own): {"Time": ISO 8601} moves the
    clock there (it then runs on); no Time puts it back on the real time."""
    text = request.get("Time")
    if text is None:
        state.clock_offset = 0.0
    else:
        try:
            moment = iso_time.parse(str(text))
        except ValueError:
            raise invalid(
                f"Time {text!r}: expected ISO 8601, such as 2026-11-28T22:00:00Z"
            ) from None
        state.clock_offset = moment.timestamp() - time.time()
    return {"Time": f"{clock(state):%Y-%m-%dT%H:%M:%SZ}"}


def schedule(state: State, instance: Instance, contact: Contact, stored: StoredFlow) -> None:
    """Run `stored` on the new contact in a thread (it waits for the caller's lock to go)."""
    state.runs.count += 1
    seed = f"{state.config.seed or 0}:{state.runs.count}"
    state.runs.done[contact.id] = threading.Event()
    contact.flow_id = stored.id
    thread = threading.Thread(
        target=_run,
        args=(state, instance, contact, stored, seed),
        name="connect-tui-flow",
        daemon=True,
    )
    thread.start()


def _flow_contact(state: State, instance: Instance, contact: Contact) -> FlowContact:
    related = state.contacts.get(contact.related_contact_id or "")
    return FlowContact(
        contact_id=contact.id,
        instance_arn=instance.arn,
        channel=contact.channel,
        initiation_method=contact.initiation_method,
        name=contact.name,
        description=contact.description,
        attributes=dict(contact.attributes),
        segment_attributes=dict(contact.segment_attributes),
        customer=dict(contact.customer) if contact.customer else None,
        system=dict(contact.system) if contact.system else None,
        related_attributes=dict(related.attributes) if related is not None else None,
        related_contact_id=contact.related_contact_id,
        initial_contact_id=contact.initial_contact_id,
        tags=dict(contact.tags),
    )


def _queue(state: State, instance: Instance, reference: str) -> Queue | None:
    stored = instance.directory.queue(reference)
    if stored is None:
        return None
    waiting = sum(
        1
        for c in state.contacts.values()
        if c.queue_id == stored.queue.id and c.active and c.agent_id is None
    )
    return Queue(
        stored.queue.id,
        stored.queue.arn,
        stored.queue.name,
        stored.queue.hours_id,
        stored.queue.max_contacts,
        waiting,
    )


def _run(state: State, instance: Instance, contact: Contact, stored: StoredFlow, seed: str) -> None:
    try:
        _run_flow(state, instance, contact, stored, seed)
    except Exception as exc:  # a sandbox bug: say so, end the contact, never hang a waiter
        print(f"connect-tui sandbox: flow run failed: {exc!r}", file=sys.stderr)
        with state.lock:
            if contact.active:
                state.stop(instance, contact, FLOW_DISCONNECT)
        state.journal_write(
            "FlowRun",
            {"ContactId": contact.id, "ContactFlowId": stored.id, "ContactFlowName": stored.name},
            ended="stopped",
            run_error=f"sandbox internal error: {exc}",
        )
    finally:
        state.runs.done[contact.id].set()


def _run_flow(
    state: State, instance: Instance, contact: Contact, stored: StoredFlow, seed: str
) -> None:
    config = state.config
    with state.lock:
        subject = _flow_contact(state, instance, contact)

    def lookup_flow(reference: str) -> Any:
        found = instance.directory.flow(reference)
        return found.flow if found is not None and found.status == "PUBLISHED" else None

    def on_step(step: Step) -> None:
        with state.lock:
            _copy(state, contact, subject)
            if step.logged or config.log_all_flows:
                state.logs.put(instance.id, flowlog.record(contact.id, step))
        if config.flow_step_ms > 0:
            time.sleep(config.flow_step_ms / 1000)

    resources = Resources(
        flows=lookup_flow,
        queues=lambda reference: _queue(state, instance, reference),
        hours=instance.directory.hours_of,
        lambda_results=config.lambda_results,
        now=lambda: clock(state),
        random=random.Random(seed),
        on_step=on_step,
    )
    result = runner.run(stored.flow, subject, resources)
    with state.lock:
        _finish(state, instance, contact, result)
    state.runs.results[contact.id] = result
    state.journal_write(
        "FlowRun",
        {"ContactId": contact.id, "ContactFlowId": stored.id, "ContactFlowName": stored.name},
        ended=result.ended,
        run_error=result.error,
        path=[step.as_json() for step in result.path],
    )


def _copy(state: State, contact: Contact, subject: FlowContact) -> None:
    """What the run changed so far, onto the contact (attributes, tags) and the related one."""
    if subject.attributes != contact.attributes:
        contact.set_attributes(subject.attributes)
    related = state.contacts.get(contact.related_contact_id or "")
    if related is not None and subject.related_attributes not in (None, related.attributes):
        related.set_attributes(subject.related_attributes or {})
    if subject.tags != contact.tags:
        contact.tags = dict(subject.tags)
        contact.updated_at = time.time()


def _finish(state: State, instance: Instance, contact: Contact, result: RunResult) -> None:
    _copy(state, contact, result.contact)
    for reply in result.replies:
        _reply(state, instance, contact, reply.subject, reply.to, reply.sender)
    if result.ended == "queued" and result.contact.queue is not None and contact.active:
        contact.enqueue(result.contact.queue.id)
    elif result.ended in ("disconnected", "stopped") and contact.active:
        state.stop(instance, contact, FLOW_DISCONNECT)


def _reply(
    state: State, instance: Instance, contact: Contact, subject: str, to: str, sender: str | None
) -> None:
    """The automated reply: an email contact in the thread, sent at once (so not active)."""
    address = sender or (contact.system or {}).get("Address")
    reply = state.new_contact(
        instance,
        "FLOW",
        name=subject,
        related_contact_id=contact.id,
        association_id=contact.root_id,
        initial_contact_id=contact.root_id,
        customer={"Address": to},
        system={"Address": address} if address else None,
        segment_attributes={
            "connect:Subtype": {"ValueString": "connect:Email"},
            "connect:EmailSubject": {"ValueString": subject},
        },
    )
    reply.email_sent = True
    state.stop(instance, reply, None)
