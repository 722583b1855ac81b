"""CreateContact's email initiation methods in the sandbox, as the API Reference gives them.

API Reference, CreateContact (API_CreateContact.html): "For EMAIL: The supported initiation
methods are OUTBOUND, AGENT_REPLY, and FLOW", and "UserInfo is required when creating an
EMAIL contact with OUTBOUND and AGENT_REPLY". StartOutboundEmailContact sends "an agent reply
or outbound email contact (created from the CreateContact API)": not a FLOW one. A draft's
CreateContact step must be OUTBOUND or AGENT_REPLY (docs/service-rules.md,
create-contact.initiation-method); the service itself accepts FLOW.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.sandbox.conftest import INSTANCE, outbound


def test_a_flow_email_contact_needs_no_user_but_cannot_be_sent(client: Any) -> None:
    created = client.create_contact(InstanceId=INSTANCE, Channel="EMAIL", InitiationMethod="FLOW")[
        "ContactId"
    ]
    contact = client.describe_contact(InstanceId=INSTANCE, ContactId=created)["Contact"]
    assert contact["InitiationMethod"] == "FLOW" and "AgentInfo" not in contact
    with pytest.raises(client.exceptions.InvalidRequestException, match="OUTBOUND or AGENT_REPLY"):
        client.start_outbound_email_contact(**outbound(created))


def test_an_outbound_email_contact_still_needs_its_agent(client: Any) -> None:
    with pytest.raises(client.exceptions.InvalidRequestException, match="UserInfo.UserId"):
        client.create_contact(InstanceId=INSTANCE, Channel="EMAIL", InitiationMethod="OUTBOUND")
