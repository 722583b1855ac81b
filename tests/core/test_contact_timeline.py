"""The timeline of a followed contact, built from API answers: what is known, and what is not."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from connect_tui.core import contact_timeline, flow_log
from connect_tui.core.contact_timeline import Observation

CONTACT = "c0ffee00-0000-4000-8000-000000000001"
T0 = datetime(2026, 11, 25, 12, 0, 0, tzinfo=UTC)


def record(identifier: str, module: str, at: str, **extra: Any) -> dict[str, Any]:
    """A FilterLogEvents event whose message is a Connect flow-log record."""
    message = {
        "ContactId": CONTACT,
        "ContactFlowId": "arn:aws:connect:us-east-1:111122223333:instance/i/contact-flow/f",
        "ContactFlowName": "Email triage",
        "ContactFlowModuleType": module,
        "Identifier": identifier,
        "Timestamp": at,
        **extra,
    }
    return {"eventId": identifier, "timestamp": 0, "message": json.dumps(message)}


def contact(**changes: Any) -> dict[str, Any]:
    """A DescribeContact Contact as boto3 gives it."""
    return {
        "Id": CONTACT,
        "InitiationMethod": "INBOUND",
        "Channel": "EMAIL",
        "InitiationTimestamp": T0,
        "CustomerEndpoint": {"Type": "EMAIL_ADDRESS", "Address": "alice@example.com"},
        **changes,
    }


def test_a_flow_path_becomes_timeline_lines_with_branches_and_attributes() -> None:
    events = [
        # Out of order on purpose: the timeline sorts by the record's own Timestamp.
        record(
            "set-tier",
            "UpdateContactAttributes",
            "2026-11-25T12:00:02.000Z",
            Parameters={"Attributes": {"tier": "gold"}},
            Results="Success",
        ),
        record(
            "check-subject",
            "Compare",
            "2026-11-25T12:00:01.000Z",
            Parameters={"ComparisonValue": "$.SegmentAttributes['connect:EmailSubject']"},
            Results={"Condition": "Contains refund", "NextAction": "set-tier"},
        ),
        {"eventId": "junk", "timestamp": 1_700_000_000_000, "message": "not json"},
    ]
    observation = Observation(
        CONTACT,
        contact=contact(
            QueueInfo={
                "Id": "q-1",
                "EnqueueTimestamp": datetime(2026, 11, 25, 12, 0, 3, tzinfo=UTC),
            },
            DisconnectTimestamp=datetime(2026, 11, 25, 12, 5, tzinfo=UTC),
        ),
        attributes={"tier": "gold", "order": "1234", "note": "x"},
        references=[{"Url": {"Name": "ticket", "Value": "https://example.com/1"}}],
        associated=[],
        flow_log_group="/aws/connect/demo",
        flow_steps=flow_log.steps(events),
        sent_request={"Attributes": {"order": "1234", "note": "y"}},
        queue_names={"q-1": "Refunds"},
    )
    timeline = contact_timeline.build(observation)
    titles = [e.title for e in timeline.events]
    assert titles == [
        "Created: INBOUND email",  # always first
        "Flow log record",  # unreadable, with the time of its event: kept and said so
        "Compare check-subject",
        "UpdateContactAttributes set-tier",
        "Queued in Refunds",
        "Disconnected",
    ]
    details = {e.title: e.detail for e in timeline.events}
    assert (
        "result Condition: Contains refund, NextAction: set-tier"
        in details["Compare check-subject"]
    )
    assert "tier=gold" in details["UpdateContactAttributes set-tier"]
    # No DisconnectReason in the answer: unknown, not guessed.
    end = timeline.events[-1]
    assert end.unknown and "reason unknown" in end.detail
    assert timeline.finished
    rows = {row.key: row for row in timeline.attributes}
    assert rows["tier"].change == "the flow at set-tier"
    assert rows["order"].change == "" and not rows["order"].changed
    assert rows["note"].change == "changed since sent" and rows["note"].was == "y"
    assert [(r.type, r.name) for r in timeline.references] == [("URL", "ticket")]


def test_without_a_flow_log_group_the_path_is_unknown_and_the_contact_active() -> None:
    timeline = contact_timeline.build(Observation(CONTACT, contact=contact(), attributes={}))
    first_unknown = next(e for e in timeline.events if e.unknown)
    assert first_unknown.title == "Flow path: unknown"
    assert "flow_log_group" in first_unknown.detail
    assert timeline.events[-1].title == "Active"
    assert not timeline.finished


def test_a_failed_call_is_shown_as_unknown_never_as_empty() -> None:
    observation = Observation(
        CONTACT,
        contact=contact(DisconnectTimestamp=T0, DisconnectReason="API"),
        attributes_error="GetContactAttributes: AccessDeniedException: no",
        references_error="ListContactReferences: ThrottlingException: slow down",
        associated_error="ListAssociatedContacts: AccessDeniedException: no",
        flow_log_group="/aws/connect/demo",
        flow_error="FilterLogEvents: ResourceNotFoundException: no such group",
    )
    timeline = contact_timeline.build(observation)
    assert timeline.attributes_unknown and timeline.references_unknown
    assert timeline.thread_unknown
    assert any(
        e.title == "Flow path: unknown" and "no such group" in e.detail for e in timeline.events
    )
    assert timeline.events[-1].detail == "reason API"


def test_a_contact_that_cannot_be_described_is_lost() -> None:
    timeline = contact_timeline.build(
        Observation(CONTACT, contact_error="DescribeContact: ResourceNotFoundException: gone")
    )
    assert timeline.lost
    assert [e.title for e in timeline.events] == ["Contact: unknown"]


def test_the_thread_says_how_each_contact_relates() -> None:
    reply = "c0ffee00-0000-4000-8000-000000000002"
    summaries = [
        {
            "ContactId": reply,
            "InitiationMethod": "AGENT_REPLY",
            "Channel": "EMAIL",
            "RelatedContactId": CONTACT,
            "InitiationTimestamp": datetime(2026, 11, 25, 13, tzinfo=UTC),
        },
        {
            "ContactId": CONTACT,
            "InitiationMethod": "INBOUND",
            "Channel": "EMAIL",
            "InitiationTimestamp": T0,
        },
    ]
    rows = contact_timeline.thread_rows(CONTACT, contact(), summaries)
    assert [(r.contact_id, r.relation) for r in rows] == [
        (CONTACT, "this contact"),
        (reply, "related to this contact (a reply)"),
    ]


def test_the_sandbox_s_path_names_the_branch_and_the_values_before() -> None:
    event = record(
        "defaults",
        "SetAttributes",
        "2026-11-25T12:00:01.000Z",
        Parameters={"Attributes": {"tier": "$.Attributes.level"}},
        SandboxPath={
            "Type": "UpdateContactAttributes",
            "Branch": "NextAction",
            "NextAction": "check-tier",
            "Reason": "2 attributes set",
            "AttributesChanged": {"tier": {"from": "silver", "to": "gold"}},
        },
    )
    step = flow_log.step_from_event(event)
    assert step.branch == "NextAction → check-tier (2 attributes set)"
    assert step.attributes_set == {"tier": "gold"}  # the value, not the JSONPath it came from
    timeline = contact_timeline.build(
        Observation(
            CONTACT,
            contact=contact(),
            attributes={"tier": "gold"},
            flow_log_group="/aws/connect/sandbox",
            flow_steps=[step],
        )
    )
    (row,) = timeline.attributes
    assert (row.change, row.was) == ("the flow at defaults", "silver")
