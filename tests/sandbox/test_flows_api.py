"""Flows in the sandbox over real HTTP with boto3: the flow and queue operations, a flow run
behind StartEmailContact, its effects through the API, the journal, and the flow logs read
with CloudWatch Logs' FilterLogEvents (the contract the follow view reads)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from connect_tui.core import sandbox_identity
from connect_tui.sandbox import admin
from connect_tui.sandbox.server import RunningSandbox
from tests.sandbox.conftest import INSTANCE, inbound, journal_lines, make_client

GROUP = sandbox_identity.FLOW_LOG_GROUP


def flow_json(*actions: dict[str, Any], start: str | None = None) -> str:
    """A flow's Content from its actions (the first starts it)."""
    return json.dumps(
        {
            "Version": "2019-10-30",
            "StartAction": start or actions[0]["Identifier"],
            "Actions": list(actions),
        }
    )


def send(client: Any, sandbox: RunningSandbox, subject: str, **changes: Any) -> tuple[str, Any]:
    """Start an email contact naming the demo flow (unless changed); its id and the run."""
    request = inbound(ContactFlowId=sandbox_identity.DEMO_FLOW_ID, **changes)
    request["EmailMessage"]["RawMessage"]["Subject"] = subject
    contact_id = client.start_email_contact(**request)["ContactId"]
    return contact_id, sandbox.state.runs.wait(contact_id)


def test_seeded_flow_and_queues(client: Any) -> None:
    flows = client.list_contact_flows(InstanceId=INSTANCE)["ContactFlowSummaryList"]
    assert [f["Id"] for f in flows] == [sandbox_identity.DEMO_FLOW_ID]
    flow = client.describe_contact_flow(InstanceId=INSTANCE, ContactFlowId=flows[0]["Arn"])
    assert json.loads(flow["ContactFlow"]["Content"])["Version"] == "2019-10-30"
    names = {q["Name"] for q in client.list_queues(InstanceId=INSTANCE)["QueueSummaryList"]}
    assert {"BasicQueue", "Support", "Billing", "Escalations"} <= names
    found = client.search_queues(
        InstanceId=INSTANCE,
        SearchCriteria={
            "StringCondition": {
                "FieldName": "name",
                "Value": "esc",
                "ComparisonType": "STARTS_WITH",
            }
        },
    )
    assert [q["Name"] for q in found["Queues"]] == ["Escalations"]
    queue = client.describe_queue(InstanceId=INSTANCE, QueueId=found["Queues"][0]["QueueArn"])[
        "Queue"
    ]
    assert queue["MaxContacts"] == 5


def test_create_update_search_and_refuse(client: Any) -> None:
    disconnect = {
        "Identifier": "bye",
        "Type": "DisconnectParticipant",
        "Parameters": {},
        "Transitions": {},
    }
    created = client.create_contact_flow(
        InstanceId=INSTANCE, Name="api flow", Type="CONTACT_FLOW", Content=flow_json(disconnect)
    )
    assert created["ContactFlowArn"].endswith(created["ContactFlowId"])
    with pytest.raises(client.exceptions.DuplicateResourceException):
        client.create_contact_flow(
            InstanceId=INSTANCE, Name="api flow", Type="CONTACT_FLOW", Content=flow_json(disconnect)
        )
    bad = dict(disconnect, Identifier="x" * 51, Type="NoSuchAction")
    with pytest.raises(client.exceptions.InvalidContactFlowException) as refused:
        client.update_contact_flow_content(
            InstanceId=INSTANCE, ContactFlowId=created["ContactFlowId"], Content=flow_json(bad)
        )
    problems = [p["message"] for p in refused.value.response["problems"]]
    assert any("at most 50" in p for p in problems) and any("NoSuchAction" in p for p in problems)
    found = client.search_contact_flows(
        InstanceId=INSTANCE,
        SearchCriteria={
            "StringCondition": {"FieldName": "name", "Value": "API", "ComparisonType": "CONTAINS"}
        },
    )
    assert [f["Id"] for f in found["ContactFlows"]] == [created["ContactFlowId"]]
    assert found["ApproximateTotalCount"] == 1
    # Type conditions match exactly, inside And / Or conditions too.
    name = {"StringCondition": {"FieldName": "name", "Value": "api", "ComparisonType": "CONTAINS"}}
    for flow_type, expected in (("CONTACT_FLOW", 1), ("AGENT_TRANSFER", 0)):
        found = client.search_contact_flows(
            InstanceId=INSTANCE,
            SearchCriteria={"AndConditions": [{"TypeCondition": flow_type}, name]},
        )
        assert len(found["ContactFlows"]) == expected
    found = client.search_contact_flows(
        InstanceId=INSTANCE,
        SearchCriteria={
            "OrConditions": [{"TypeCondition": "AGENT_TRANSFER"}, {"TypeCondition": "CONTACT_FLOW"}]
        },
    )
    assert created["ContactFlowId"] in [f["Id"] for f in found["ContactFlows"]]
    found = client.search_contact_flows(
        InstanceId=INSTANCE, SearchCriteria={"TypeCondition": "AGENT_TRANSFER"}
    )
    assert found["ContactFlows"] == []
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.describe_contact_flow(InstanceId=INSTANCE, ContactFlowId="no-such-flow")


def test_a_run_leaves_its_effects_in_the_api(client: Any, sandbox: RunningSandbox) -> None:
    contact_id, run = send(client, sandbox, "Refund for order 7")
    assert run is not None and run.ended == "queued", run and run.error
    contact = client.describe_contact(InstanceId=INSTANCE, ContactId=contact_id)["Contact"]
    billing = next(
        q
        for q in client.list_queues(InstanceId=INSTANCE)["QueueSummaryList"]
        if q["Name"] == "Billing"
    )
    assert contact["QueueInfo"]["Id"] == billing["Id"]
    assert contact["Tags"] == {"channel": "email", "demo": "sandbox-email-flow"}
    attributes = client.get_contact_attributes(InstanceId=INSTANCE, InitialContactId=contact_id)[
        "Attributes"
    ]
    assert attributes["topic"] == "refund" and attributes["customer"] == "alice@example.com"
    # The automated reply is a contact of the same thread.
    thread = client.list_associated_contacts(InstanceId=INSTANCE, ContactId=contact_id)[
        "ContactSummaryList"
    ]
    assert [c["InitiationMethod"] for c in thread] == ["INBOUND", "FLOW"]


def test_loop_guard_disconnects_an_automatic_reply(client: Any, sandbox: RunningSandbox) -> None:
    contact_id, run = send(client, sandbox, "Automatic reply: out until Monday")
    assert run is not None and [s.identifier for s in run.path][-2:] == [
        "auto-reply-received",
        "disconnect",
    ]
    contact = client.describe_contact(InstanceId=INSTANCE, ContactId=contact_id)["Contact"]
    assert contact["DisconnectReason"] == "CONTACT_FLOW_DISCONNECT" and "QueueInfo" not in contact
    assert not run.replies


def test_unknown_flow_is_not_found(client: Any) -> None:
    with pytest.raises(client.exceptions.ResourceNotFoundException, match="not a flow"):
        client.start_email_contact(**inbound(ContactFlowId="no-such-flow"))


def test_flow_logs_filtered_by_contact(client: Any, sandbox: RunningSandbox) -> None:
    first, _ = send(client, sandbox, "Order 1")
    second, run = send(client, sandbox, "Order 2")
    assert run is not None
    logs = make_client(sandbox.url, service="logs")
    events = logs.filter_log_events(logGroupName=GROUP, filterPattern=f'"{second}"')["events"]
    records = [json.loads(e["message"]) for e in events]
    assert [r["Identifier"] for r in records] == [s.identifier for s in run.path]
    assert {r["ContactId"] for r in records} == {second}
    record = records[0]
    assert set(record) >= {
        "ContactId",
        "ContactFlowId",
        "ContactFlowName",
        "ContactFlowModuleType",
        "Identifier",
        "Timestamp",
        "Parameters",
    }
    assert (
        record["ContactFlowModuleType"] == "SetLoggingBehavior"
        and record["ContactFlowName"] == "Sandbox email flow"
    )
    by_json = logs.filter_log_events(
        logGroupName=GROUP, filterPattern=f'{{ $.ContactId = "{first}" }}'
    )["events"]
    assert by_json and all(json.loads(e["message"])["ContactId"] == first for e in by_json)
    page = logs.filter_log_events(logGroupName=GROUP, filterPattern=f'"{second}"', limit=2)
    rest = logs.filter_log_events(
        logGroupName=GROUP, filterPattern=f'"{second}"', nextToken=page["nextToken"]
    )
    assert len(page["events"]) + len(rest["events"]) == len(events)
    with pytest.raises(logs.exceptions.ResourceNotFoundException):
        logs.filter_log_events(logGroupName="/aws/connect/elsewhere")


def test_the_journal_holds_the_path(client: Any, sandbox: RunningSandbox) -> None:
    contact_id, run = send(client, sandbox, "Order 3")
    assert run is not None and sandbox.sandbox.config.journal is not None
    line = next(
        entry
        for entry in journal_lines(sandbox.sandbox.config.journal)
        if entry["operation"] == "FlowRun" and entry["request"]["ContactId"] == contact_id
    )
    assert [step["Identifier"] for step in line["path"]] == [s.identifier for s in run.path]
    assert line["ended"] == "queued"


def test_tag_contact_operation(client: Any) -> None:
    contact_id = client.start_email_contact(**inbound())["ContactId"]
    client.tag_contact(InstanceId=INSTANCE, ContactId=contact_id, Tags={"team": "blue"})
    contact = client.describe_contact(InstanceId=INSTANCE, ContactId=contact_id)["Contact"]
    assert contact["Tags"] == {"team": "blue"}


def test_the_clock_from_config_and_api(own_sandbox: Any) -> None:
    from datetime import datetime

    saturday_night = datetime.fromisoformat("2026-11-28T22:00:00+00:00").timestamp()
    running = own_sandbox(rate=0, clock=saturday_night)
    client = make_client(running.url)
    _, run = send(client, running, "Order 9")
    assert run is not None and "out-of-hours" in [s.identifier for s in run.path]
    answer = admin.post(running.url, "/sandbox/clock", {"Time": "2026-11-25T10:00:00Z"})
    assert answer["Time"].startswith("2026-11-25T10:00")
    _, run = send(client, running, "Order 10")
    assert run is not None and "acknowledge" in [s.identifier for s in run.path]


def test_an_address_mapped_to_a_flow_runs_it(own_sandbox: Any) -> None:
    running = own_sandbox(
        rate=0, address_flows=((sandbox_identity.SALES_ADDRESS, "Sandbox email flow"),)
    )
    client = make_client(running.url)
    request = inbound(DestinationEmailAddress=sandbox_identity.SALES_ADDRESS)
    request.pop("AdditionalRecipients", None)
    contact_id = client.start_email_contact(**request)["ContactId"]
    run = running.state.runs.wait(contact_id)
    assert run is not None and run.ended == "queued"
    # The default addresses run no flow.
    other = client.start_email_contact(**inbound())["ContactId"]
    assert running.state.runs.wait(other, timeout=0.1) is None


def test_lambda_results_and_paced_steps_from_config(own_sandbox: Any) -> None:
    arn = "arn:aws:lambda:us-east-1:123456789012:function:tier"
    flow = flow_json(
        {
            "Identifier": "l",
            "Type": "InvokeLambdaFunction",
            "Parameters": {"LambdaFunctionARN": arn},
            "Transitions": {
                "NextAction": "s",
                "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "bye"}],
            },
        },
        {
            "Identifier": "s",
            "Type": "UpdateContactAttributes",
            "Parameters": {"Attributes": {"tier": "$.External.tier"}},
            "Transitions": {"NextAction": "bye"},
        },
        {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}},
    )
    running = own_sandbox(
        rate=0,
        flows=(("f-1", "lambda", flow),),
        lambda_results={arn: {"tier": "vip"}},
        flow_step_ms=5,
        log_all_flows=True,
    )
    client = make_client(running.url)
    contact_id = client.start_email_contact(**inbound(ContactFlowId="f-1"))["ContactId"]
    run = running.state.runs.wait(contact_id)
    assert run is not None and [s.identifier for s in run.path] == ["l", "s", "bye"]
    assert (
        client.get_contact_attributes(InstanceId=INSTANCE, InitialContactId=contact_id)[
            "Attributes"
        ]["tier"]
        == "vip"
    )
    events = make_client(running.url, service="logs").filter_log_events(
        logGroupName=GROUP, filterPattern=f'"{contact_id}"'
    )["events"]
    assert len(events) == 3  # --log-all-flows: logged with no UpdateFlowLoggingBehavior
    assert json.loads(events[0]["message"])["ExternalResults"] == {"tier": "vip"}


def test_a_flow_sets_the_related_contacts_attributes(own_sandbox: Any) -> None:
    flow = flow_json(
        {
            "Identifier": "set",
            "Type": "UpdateContactAttributes",
            "Parameters": {"Attributes": {"followed_up": "yes"}, "TargetContact": "Related"},
            "Transitions": {"NextAction": "bye"},
        },
        {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}},
    )
    running = own_sandbox(rate=0, flows=(("f-related", "related", flow),))
    client = make_client(running.url)
    first = client.start_email_contact(**inbound())["ContactId"]
    second = client.start_email_contact(
        **inbound(ContactFlowId="f-related", RelatedContactId=first)
    )["ContactId"]
    run = running.state.runs.wait(second)
    assert run is not None and run.ok
    attributes = client.get_contact_attributes(InstanceId=INSTANCE, InitialContactId=first)[
        "Attributes"
    ]
    assert attributes["followed_up"] == "yes"
