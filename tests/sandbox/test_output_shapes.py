"""Every sandbox answer against the output shape of botocore's model, and the email thread.

The raw JSON body of each reply (caught on botocore's `after-call` event, before botocore
parses it) must hold only members the output shape knows, each of the right type and enum
value, with every required member present. Sources: botocore's Connect model
(botocore/data/connect/2017-08-08/service-2.json) and the API Reference's Contact page,
https://docs.aws.amazon.com/connect/latest/APIReference/API_Contact.html (see docs/service-rules.md).
"""

from __future__ import annotations

import json
from typing import Any

import botocore.session
import pytest

from connect_tui.sandbox.routes import ROUTES
from connect_tui.sandbox.views import EMAIL_INITIATION_METHODS
from tests.sandbox.conftest import DISCONNECT_FLOW, INSTANCE, inbound, outbound, reply_chain

MODEL = botocore.session.get_session().get_service_model("connect")


def shape_problems(shape: Any, value: Any, where: str = "") -> list[str]:
    """Every way `value` (parsed JSON) breaks botocore `shape`: unknown, missing, mistyped."""
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(value, dict):
            return [f"{where}: not an object"]
        problems = [
            f"{where}.{name}: unknown member" for name in value if name not in shape.members
        ]
        problems += [
            f"{where}.{name}: required, missing"
            for name in shape.required_members
            if name not in value
        ]
        if shape.metadata.get("union") and len(value) != 1:
            problems.append(f"{where}: a union must set exactly one member, sets {sorted(value)}")
        for name, item in value.items():
            if name in shape.members:
                problems += shape_problems(shape.members[name], item, f"{where}.{name}")
        return problems
    if kind == "list":
        if not isinstance(value, list):
            return [f"{where}: not a list"]
        return [
            p for i, v in enumerate(value) for p in shape_problems(shape.member, v, f"{where}[{i}]")
        ]
    if kind == "map":
        if not isinstance(value, dict):
            return [f"{where}: not a map"]
        return [
            p for k, v in value.items() for p in shape_problems(shape.value, v, f"{where}[{k}]")
        ]
    if kind == "string":
        if not isinstance(value, str):
            return [f"{where}: not a string"]
        if shape.enum and value not in shape.enum:
            return [f"{where}: {value!r} not among {shape.enum}"]
        return []
    if kind in ("integer", "long"):
        return (
            []
            if isinstance(value, int) and not isinstance(value, bool)
            else [f"{where}: not an integer"]
        )
    if kind == "timestamp":  # rest-json sends epoch seconds
        return (
            []
            if isinstance(value, (int, float)) and not isinstance(value, bool)
            else [f"{where}: not epoch seconds"]
        )
    if kind == "boolean":
        return [] if isinstance(value, bool) else [f"{where}: not a boolean"]
    return []


@pytest.fixture
def raw_replies(client: Any) -> dict[str, list[Any]]:
    """The JSON body of every reply the client receives, by operation name."""
    caught: dict[str, list[Any]] = {}

    def keep(http_response: Any, model: Any, **_: Any) -> None:
        caught.setdefault(model.name, []).append(json.loads(http_response.content or b"{}"))

    client.meta.events.register("after-call.connect", keep)
    return caught


def test_every_answer_fits_its_output_shape(client: Any, raw_replies: dict[str, list[Any]]) -> None:
    headers = {"X_SES_SPAM_VERDICT": "PASS", "X_SES_VIRUS_VERDICT": "GRAY"}
    request = inbound(
        References={"order": {"Type": "URL", "Value": "https://example.com/o/1"}},
    )
    request["EmailMessage"]["RawMessage"]["Headers"] = headers
    first = client.start_email_contact(**request)["ContactId"]
    reply = reply_chain(client, related=first)
    client.start_outbound_email_contact(**outbound(reply))
    for contact_id in (first, reply):
        client.describe_contact(InstanceId=INSTANCE, ContactId=contact_id)
        client.list_associated_contacts(InstanceId=INSTANCE, ContactId=contact_id)
        client.list_contact_references(
            InstanceId=INSTANCE, ContactId=contact_id, ReferenceTypes=["URL", "STRING"]
        )
        client.get_contact_attributes(InstanceId=INSTANCE, InitialContactId=contact_id)
    client.search_email_addresses(InstanceId=INSTANCE)
    client.list_instances()
    client.search_users(InstanceId=INSTANCE)
    client.search_contacts(
        InstanceId=INSTANCE,
        TimeRange={"Type": "INITIATION_TIMESTAMP", "StartTime": 0, "EndTime": 4102444800},
    )
    client.stop_contact(InstanceId=INSTANCE, ContactId=first)
    client.describe_contact(InstanceId=INSTANCE, ContactId=first)
    _exercise_flow_operations(client, reply)
    served = {name for *_, name in ROUTES}
    assert served <= set(raw_replies), f"not exercised: {served - set(raw_replies)}"
    for name, bodies in raw_replies.items():
        output = MODEL.operation_model(name).output_shape
        for body in bodies:
            assert shape_problems(output, body, name) == [], body


def _exercise_flow_operations(client: Any, contact_id: str) -> None:
    """The flow, queue and hours operations (docs/flows.md), a flow run's contact included."""
    flow = DISCONNECT_FLOW
    created = client.create_contact_flow(
        InstanceId=INSTANCE, Name="shapes", Type="CONTACT_FLOW", Content=json.dumps(flow)
    )
    flow_id = created["ContactFlowId"]
    client.update_contact_flow_content(
        InstanceId=INSTANCE, ContactFlowId=flow_id, Content=json.dumps(flow)
    )
    client.describe_contact_flow(InstanceId=INSTANCE, ContactFlowId=flow_id)
    client.list_contact_flows(InstanceId=INSTANCE)
    client.search_contact_flows(InstanceId=INSTANCE)
    queue_id = client.list_queues(InstanceId=INSTANCE)["QueueSummaryList"][0]["Id"]
    hours_id = client.describe_queue(InstanceId=INSTANCE, QueueId=queue_id)["Queue"][
        "HoursOfOperationId"
    ]
    client.describe_hours_of_operation(InstanceId=INSTANCE, HoursOfOperationId=hours_id)
    client.search_queues(InstanceId=INSTANCE)
    client.list_instances()
    client.tag_contact(InstanceId=INSTANCE, ContactId=contact_id, Tags={"k": "v"})
    client.describe_contact(InstanceId=INSTANCE, ContactId=contact_id)


def test_describe_contact_carries_the_thread_and_what_connect_sets(client: Any) -> None:
    # API Reference, Contact: ContactAssociationId is the root contact of the tree,
    # InitialContactId the initial contact when contacts are related. Admin guide,
    # connect-attrib-list.html: connect:EmailSubject and connect:X-SES-*-VERDICT.
    request = inbound()
    request["EmailMessage"]["RawMessage"]["Headers"] = {"X_SES_SPAM_VERDICT": "FAIL"}
    first = client.start_email_contact(**request)["ContactId"]
    root = client.describe_contact(InstanceId=INSTANCE, ContactId=first)["Contact"]
    assert root["ContactAssociationId"] == first and root["InitialContactId"] == first
    segments = root["SegmentAttributes"]
    subject = request["EmailMessage"]["RawMessage"]["Subject"]
    assert segments["connect:EmailSubject"] == {"ValueString": subject}
    assert segments["connect:X-SES-SPAM-VERDICT"] == {"ValueString": "FAIL"}
    assert "connect:X-SES-VIRUS-VERDICT" not in segments
    assert "QueueInfo" not in root  # nothing queued it (flows do)

    reply = reply_chain(client, related=first)
    client.start_outbound_email_contact(**outbound(reply))
    answer = client.describe_contact(InstanceId=INSTANCE, ContactId=reply)["Contact"]
    assert answer["ContactAssociationId"] == first and answer["InitialContactId"] == first
    assert answer["RelatedContactId"] == first and answer["InitiationMethod"] == "AGENT_REPLY"
    assert answer["SegmentAttributes"]["connect:EmailSubject"] == {"ValueString": "Re: order 1234"}

    # A customer's answer to the reply, related to the reply, stays in the same thread.
    again = client.start_email_contact(**inbound(RelatedContactId=reply))["ContactId"]
    third = client.describe_contact(InstanceId=INSTANCE, ContactId=again)["Contact"]
    assert third["ContactAssociationId"] == first and third["InitialContactId"] == first

    thread = client.list_associated_contacts(InstanceId=INSTANCE, ContactId=again)
    assert [c["ContactId"] for c in thread["ContactSummaryList"]] == [first, reply, again]
    methods = [c["InitiationMethod"] for c in thread["ContactSummaryList"]]
    assert methods == ["INBOUND", "AGENT_REPLY", "INBOUND"]
    assert set(methods) <= set(EMAIL_INITIATION_METHODS)
    page = client.list_associated_contacts(InstanceId=INSTANCE, ContactId=first, MaxResults=2)
    assert len(page["ContactSummaryList"]) == 2 and page["NextToken"]
    rest = client.list_associated_contacts(
        InstanceId=INSTANCE, ContactId=first, NextToken=page["NextToken"]
    )
    assert [c["ContactId"] for c in rest["ContactSummaryList"]] == [again]


def test_queue_info_once_a_flow_queues_the_contact(sandbox: Any, client: Any) -> None:
    # The flows engine sets the queue through Contact.enqueue; DescribeContact shows QueueInfo.
    contact_id = client.start_email_contact(**inbound())["ContactId"]
    with sandbox.state.lock:
        sandbox.state.contacts[contact_id].enqueue("queue-1", at=1_767_225_600.0)
    queue = client.describe_contact(InstanceId=INSTANCE, ContactId=contact_id)["Contact"][
        "QueueInfo"
    ]
    assert queue["Id"] == "queue-1" and queue["EnqueueTimestamp"].timestamp() == 1_767_225_600.0


def test_list_contact_references_by_type(client: Any) -> None:
    references = {
        "order": {"Type": "NUMBER", "Value": "1234"},
        "page": {"Type": "URL", "Value": "https://example.com/o/1234"},
        "when": {"Type": "DATE", "Value": "1767225600"},
    }
    contact_id = client.start_email_contact(**inbound(References=references))["ContactId"]
    found = client.list_contact_references(
        InstanceId=INSTANCE, ContactId=contact_id, ReferenceTypes=["URL", "DATE"]
    )["ReferenceSummaryList"]
    assert found == [
        {"Url": {"Name": "page", "Value": "https://example.com/o/1234"}},
        {"Date": {"Name": "when", "Value": "1767225600"}},
    ]
