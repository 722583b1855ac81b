"""Provides a contact as DescribeContact returns it (the Contact shape, empty members left out)."""

from __future__ import annotations

from typing import Any, Final

from connect_tui.sandbox.state import Contact

EMAIL_ADDRESS: Final = "EMAIL_ADDRESS"
#: What Connect sets on every email contact.
EMAIL_SUBTYPE: Final = {"connect:Subtype": {"ValueString": "connect:Email"}}


def _endpoint(entry: dict[str, str] | None) -> dict[str, str] | None:
    return {"Type": EMAIL_ADDRESS, **entry} if entry else None


def _agent(found: Contact) -> dict[str, Any] | None:
    """AgentInfo: the agent, and when it accepted the contact (the same instant it connects)."""
    if not found.agent_id:
        return None
    info: dict[str, Any] = {"Id": found.agent_id}
    if found.accepted_at is not None:
        info["AcceptedByAgentTimestamp"] = info["ConnectedToAgentTimestamp"] = found.accepted_at
    return info


def contact(found: Contact) -> dict[str, Any]:
    """The Contact shape of DescribeContact for one contact."""
    recipients: dict[str, Any] = {}
    if found.to_list:
        recipients["ToList"] = found.to_list
    if found.cc_list:
        recipients["CcList"] = found.cc_list
    shape: dict[str, Any] = {
        "Arn": found.arn,
        "Id": found.id,
        "InitialContactId": found.id,
        "PreviousContactId": found.previous_contact_id,
        "RelatedContactId": found.related_contact_id,
        "InitiationMethod": found.initiation_method,
        "Name": found.name,
        "Description": found.description,
        "Channel": found.channel,
        "InitiationTimestamp": found.created_at,
        "LastUpdateTimestamp": found.updated_at,
        "DisconnectTimestamp": found.disconnected_at,
        "DisconnectReason": found.disconnect_reason,
        "AgentInfo": _agent(found),
        "CustomerEndpoint": _endpoint(found.customer),
        "SystemEndpoint": _endpoint(found.system),
        "AdditionalEmailRecipients": recipients or None,
        "SegmentAttributes": {**EMAIL_SUBTYPE, **found.segment_attributes},
        "Attributes": dict(found.attributes) or None,
    }
    return {key: value for key, value in shape.items() if value is not None}
