"""How the sandbox routes a StartEmailContact (issue 11, item 6; README "Routing of an inbound email").

Admin guide, How Amazon Connect email works (email-capabilities.html): StartEmailContact needs
an instance address in To/Cc or an inbound flow; "if both are defined, the default behavior
prioritizes the inbound flow". API Reference, StartEmailContact: it "creates an inbound email
contact" and answers one ContactId, so several instance addresses still make one contact.
"""

from __future__ import annotations

import json
from typing import Any

from connect_tui.core import sandbox_identity
from connect_tui.sandbox.server import RunningSandbox
from tests.sandbox.conftest import DISCONNECT_FLOW, INSTANCE, inbound


def test_a_flow_named_by_the_request_wins_over_address_routing(
    sandbox: RunningSandbox, client: Any
) -> None:
    flow = DISCONNECT_FLOW
    named = client.create_contact_flow(
        InstanceId=INSTANCE, Name="routing", Type="CONTACT_FLOW", Content=json.dumps(flow)
    )["ContactFlowId"]
    with sandbox.state.lock:
        directory = sandbox.state.instance(INSTANCE).directory
        by_address = directory.address_flows.get(sandbox_identity.SUPPORT_ADDRESS.lower())
    assert by_address != named  # the address's own flow, if it has one, is another
    request = inbound(ContactFlowId=named)
    assert request["DestinationEmailAddress"] == sandbox_identity.SUPPORT_ADDRESS
    contact_id = client.start_email_contact(**request)["ContactId"]
    without = client.start_email_contact(**inbound())["ContactId"]
    with sandbox.state.lock:
        assert sandbox.state.contacts[contact_id].flow_id == named
        assert sandbox.state.contacts[without].flow_id == by_address  # routed by its address


def test_several_instance_addresses_make_one_contact(sandbox: RunningSandbox, client: Any) -> None:
    request = inbound(
        DestinationEmailAddress="someone@elsewhere.example",
        AdditionalRecipients={
            "ToAddresses": [{"EmailAddress": sandbox_identity.SALES_ADDRESS}],
            "CcAddresses": [{"EmailAddress": sandbox_identity.SUPPORT_ADDRESS}],
        },
    )
    with sandbox.state.lock:
        before = len(sandbox.state.contacts)
    answer = client.start_email_contact(**request)
    with sandbox.state.lock:
        assert len(sandbox.state.contacts) == before + 1
    contact = client.describe_contact(InstanceId=INSTANCE, ContactId=answer["ContactId"])
    # The first instance address: the destination, then To, then Cc.
    assert contact["Contact"]["SystemEndpoint"]["Address"] == sandbox_identity.SALES_ADDRESS


def test_neither_an_instance_address_nor_a_flow_is_not_found(client: Any) -> None:
    request = inbound(DestinationEmailAddress="someone@elsewhere.example")
    request.pop("AdditionalRecipients")
    try:
        client.start_email_contact(**request)
    except client.exceptions.ResourceNotFoundException as error:
        assert "ContactFlowId" in str(error)
    else:
        raise AssertionError("a contact nobody routes was accepted")
