"""Every operation the sandbox serves, through a real boto3 client over HTTP."""

from __future__ import annotations

from typing import Any

import botocore.session

from connect_tui.core import sandbox_identity
from connect_tui.sandbox.routes import ROUTES
from connect_tui.sandbox.server import RunningSandbox
from tests.sandbox.conftest import INSTANCE, inbound, outbound, reply_chain


def test_routes_are_botocores() -> None:
    model = botocore.session.get_session().get_service_model("connect")
    for method, uri, name in ROUTES:
        http = model.operation_model(name).http
        assert (http["method"], http["requestUri"]) == (method, uri), name


def test_start_email_contact_then_describe(client: Any) -> None:
    request = inbound()
    contact_id = client.start_email_contact(**request)["ContactId"]
    contact = client.describe_contact(InstanceId=INSTANCE, ContactId=contact_id)["Contact"]
    assert contact["Id"] == contact_id
    assert contact["Arn"].endswith(f"instance/{INSTANCE}/contact/{contact_id}")
    assert contact["Channel"] == "EMAIL" and contact["InitiationMethod"] == "INBOUND"
    assert contact["InitiationTimestamp"].year >= 2024
    assert contact["Name"] == request["Name"]
    assert contact["CustomerEndpoint"] == {
        "Type": "EMAIL_ADDRESS",
        "Address": "alice@example.com",
        "DisplayName": "Alice Müller",
    }
    assert contact["SystemEndpoint"]["Address"] == sandbox_identity.SUPPORT_ADDRESS
    assert contact["AdditionalEmailRecipients"]["ToList"] == [{"Address": "bob@example.com"}]
    # Connect adds connect:EmailSubject to an email contact's own segment attributes
    # (admin guide, connect-attrib-list.html; see docs/service-rules.md).
    assert contact["SegmentAttributes"] == {
        **request["SegmentAttributes"],
        "connect:EmailSubject": {"ValueString": request["EmailMessage"]["RawMessage"]["Subject"]},
    }


def test_get_contact_attributes(client: Any) -> None:
    contact_id = client.start_email_contact(**inbound(Attributes={"order": "1234"}))["ContactId"]
    answer = client.get_contact_attributes(InstanceId=INSTANCE, InitialContactId=contact_id)
    assert answer["Attributes"] == {"order": "1234"}


def test_related_contact_attributes_are_copied(client: Any) -> None:
    first = client.start_email_contact(**inbound(Attributes={"order": "1", "tier": "gold"}))
    second = client.start_email_contact(
        **inbound(RelatedContactId=first["ContactId"], Attributes={"order": "2"})
    )
    attributes = client.get_contact_attributes(
        InstanceId=INSTANCE, InitialContactId=second["ContactId"]
    )["Attributes"]
    assert attributes == {"order": "2", "tier": "gold"}
    described = client.describe_contact(InstanceId=INSTANCE, ContactId=second["ContactId"])
    assert described["Contact"]["RelatedContactId"] == first["ContactId"]


def test_agent_reply_chain(client: Any) -> None:
    received = client.start_email_contact(**inbound(Attributes={"case": "77"}))["ContactId"]
    created = client.create_contact(
        InstanceId=INSTANCE,
        Channel="EMAIL",
        InitiationMethod="AGENT_REPLY",
        RelatedContactId=received,
        UserInfo={"UserId": sandbox_identity.AGENT_USER_ID},
    )
    assert created["ContactArn"].endswith(created["ContactId"])
    sent = client.start_outbound_email_contact(
        **outbound(
            created["ContactId"],
            FromEmailAddress={"EmailAddress": sandbox_identity.SALES_ADDRESS},
            AdditionalRecipients={"CcEmailAddresses": [{"EmailAddress": "cc@example.com"}]},
        )
    )
    assert sent["ContactId"] == created["ContactId"]
    contact = client.describe_contact(InstanceId=INSTANCE, ContactId=sent["ContactId"])["Contact"]
    assert contact["InitiationMethod"] == "AGENT_REPLY"
    assert contact["RelatedContactId"] == received
    assert contact["AgentInfo"] == {"Id": sandbox_identity.AGENT_USER_ID}
    assert contact["SystemEndpoint"]["Address"] == sandbox_identity.SALES_ADDRESS
    assert contact["CustomerEndpoint"]["Address"] == "alice@example.com"
    assert contact["AdditionalEmailRecipients"] == {"CcList": [{"Address": "cc@example.com"}]}
    attributes = client.get_contact_attributes(InstanceId=INSTANCE, InitialContactId=received)
    assert attributes["Attributes"] == {"case": "77"}


def test_outbound_without_from_uses_an_instance_address(client: Any) -> None:
    contact_id = reply_chain(client)
    client.start_outbound_email_contact(**outbound(contact_id))
    contact = client.describe_contact(InstanceId=INSTANCE, ContactId=contact_id)["Contact"]
    assert contact["InitiationMethod"] == "OUTBOUND"
    assert contact["SystemEndpoint"]["Address"] in sandbox_identity.ADDRESSES


def test_inbound_to_a_cc_address_of_the_instance(client: Any) -> None:
    request = inbound(
        DestinationEmailAddress="someone@elsewhere.example",
        AdditionalRecipients={"CcAddresses": [{"EmailAddress": sandbox_identity.SALES_ADDRESS}]},
    )
    contact_id = client.start_email_contact(**request)["ContactId"]
    contact = client.describe_contact(InstanceId=INSTANCE, ContactId=contact_id)["Contact"]
    assert contact["SystemEndpoint"]["Address"] == sandbox_identity.SALES_ADDRESS
    # Connect marks every email contact with its subtype when the request does not.
    request.pop("SegmentAttributes")
    contact_id = client.start_email_contact(**{**request, "ClientToken": "another"})["ContactId"]
    contact = client.describe_contact(InstanceId=INSTANCE, ContactId=contact_id)["Contact"]
    assert contact["SegmentAttributes"] == {
        "connect:Subtype": {"ValueString": "connect:Email"},
        "connect:EmailSubject": {"ValueString": request["EmailMessage"]["RawMessage"]["Subject"]},
    }


def test_inbound_anywhere_with_a_contact_flow(client: Any) -> None:
    request = inbound(
        DestinationEmailAddress="x@elsewhere.example", ContactFlowId=sandbox_identity.DEMO_FLOW_ID
    )
    request.pop("AdditionalRecipients")
    assert client.start_email_contact(**request)["ContactId"]


def test_instance_arn_is_an_instance_id(client: Any) -> None:
    arn = f"arn:aws:connect:us-east-1:123456789012:instance/{INSTANCE}"
    found = client.search_email_addresses(InstanceId=arn)["EmailAddresses"]
    assert {a["EmailAddress"] for a in found} == set(sandbox_identity.ADDRESSES)


def test_search_email_addresses(client: Any) -> None:
    everything = client.search_email_addresses(InstanceId=INSTANCE)
    assert everything["ApproximateTotalCount"] == 2
    assert {a["EmailAddress"] for a in everything["EmailAddresses"]} == set(
        sandbox_identity.ADDRESSES
    )
    assert all(
        a["EmailAddressArn"].endswith(a["EmailAddressId"]) for a in everything["EmailAddresses"]
    )
    sales = client.search_email_addresses(
        InstanceId=INSTANCE,
        SearchCriteria={
            "StringCondition": {
                "FieldName": "EmailAddress",
                "Value": "SALES@",
                "ComparisonType": "STARTS_WITH",
            }
        },
    )["EmailAddresses"]
    assert [a["EmailAddress"] for a in sales] == [sandbox_identity.SALES_ADDRESS]
    first = client.search_email_addresses(InstanceId=INSTANCE, MaxResults=1)
    second = client.search_email_addresses(
        InstanceId=INSTANCE, MaxResults=1, NextToken=first["NextToken"]
    )
    assert "NextToken" not in second
    pages = first["EmailAddresses"] + second["EmailAddresses"]
    assert {a["EmailAddress"] for a in pages} == set(sandbox_identity.ADDRESSES)


def test_stop_contact(client: Any, sandbox: RunningSandbox) -> None:
    contact_id = client.start_email_contact(**inbound())["ContactId"]
    with sandbox.state.lock:
        active = sandbox.state.instances[INSTANCE].active
    client.stop_contact(
        InstanceId=INSTANCE, ContactId=contact_id, DisconnectReason={"Code": "DONE"}
    )
    contact = client.describe_contact(InstanceId=INSTANCE, ContactId=contact_id)["Contact"]
    assert "DisconnectTimestamp" in contact and contact["DisconnectReason"] == "DONE"
    with sandbox.state.lock:
        assert sandbox.state.instances[INSTANCE].active == active - 1
    try:
        client.stop_contact(InstanceId=INSTANCE, ContactId=contact_id)
    except client.exceptions.ContactNotFoundException as exc:
        assert contact_id in str(exc)
    else:
        raise AssertionError("stopping a stopped contact should fail")
