"""Provides what the read operations return of a contact, in botocore's output shapes.

DescribeContact's Contact, ListAssociatedContacts' AssociatedContactSummary and
ListContactReferences' ReferenceSummary, empty members left out. Every field is one
the API Reference documents; tests/sandbox/test_output_shapes.py checks each answer
against the output shape of botocore's model. The rules are listed in docs/service-rules.md.
"""

from __future__ import annotations

from typing import Any, Final

from connect_tui.sandbox.state import Contact

EMAIL_ADDRESS: Final = "EMAIL_ADDRESS"
SUBTYPE: Final = "connect:Subtype"
#: What Connect sets on every email contact unless the request names another subtype.
EMAIL_SUBTYPE: Final = {SUBTYPE: {"ValueString": "connect:Email"}}
EMAIL_SUBJECT: Final = "connect:EmailSubject"
#: The segment attributes Connect sets from the SES verdict headers of a received email, as the
#: admin guide's attribute list names them (connect-attrib-list.html, "Segment attributes").
SES_VERDICT_ATTRIBUTES: Final = {
    "X_SES_SPAM_VERDICT": "connect:X-SES-SPAM-VERDICT",
    "X_SES_VIRUS_VERDICT": "connect:X-SES-VIRUS-VERDICT",
}
#: The InitiationMethod values an email contact can have (agent workspace guide, EmailThreadContact:
#: "INBOUND", "OUTBOUND", "AGENT_REPLY" or "TRANSFER"); the sandbox makes the first three.
EMAIL_INITIATION_METHODS: Final = ("INBOUND", "OUTBOUND", "AGENT_REPLY", "TRANSFER")

#: ReferenceType -> the member of the ReferenceSummary union that carries it (botocore's model).
_REFERENCE_MEMBERS: Final = {
    "URL": "Url",
    "STRING": "String",
    "NUMBER": "Number",
    "DATE": "Date",
    "EMAIL": "Email",
    "ATTACHMENT": "Attachment",
}


def system_segment_attributes(subject: str | None, headers: Any) -> dict[str, Any]:
    """The segment attributes Connect itself sets on an email contact.

    connect:EmailSubject holds the subject (AWS's email
    guidance tells flows to check it to stop mail loops); the SES verdict headers, when
    given, become connect:X-SES-SPAM-VERDICT and connect:X-SES-VIRUS-VERDICT.
    """
    found: dict[str, Any] = {}
    if subject:
        found[EMAIL_SUBJECT] = {"ValueString": subject}
    if isinstance(headers, dict):
        for header, attribute in SES_VERDICT_ATTRIBUTES.items():
            if isinstance(headers.get(header), str):
                found[attribute] = {"ValueString": headers[header]}
    return found


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


def _bare(shape: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in shape.items() if value is not None}


def contact(found: Contact) -> dict[str, Any]:
    """The Contact shape of DescribeContact for one contact."""
    recipients: dict[str, Any] = {}
    if found.to_list:
        recipients["ToList"] = found.to_list
    if found.cc_list:
        recipients["CcList"] = found.cc_list
    queue = None
    if found.queue_id is not None:
        queue = _bare({"Id": found.queue_id, "EnqueueTimestamp": found.enqueued_at})
    return _bare(
        {
            "Arn": found.arn,
            "Id": found.id,
            # The docs are silent on a contact that is related to none: it is its own tree's first.
            "InitialContactId": found.initial_contact_id or found.id,
            "PreviousContactId": found.previous_contact_id,
            "ContactAssociationId": found.root_id,
            "RelatedContactId": found.related_contact_id,
            "InitiationMethod": found.initiation_method,
            "Name": found.name,
            "Description": found.description,
            "Channel": found.channel,
            "QueueInfo": queue,
            "InitiationTimestamp": found.created_at,
            "LastUpdateTimestamp": found.updated_at,
            "DisconnectTimestamp": found.disconnected_at,
            "DisconnectReason": found.disconnect_reason,
            "AgentInfo": _agent(found),
            "CustomerEndpoint": _endpoint(found.customer),
            "SystemEndpoint": _endpoint(found.system),
            "AdditionalEmailRecipients": recipients or None,
            "SegmentAttributes": dict(found.segment_attributes) or None,
            "Attributes": dict(found.attributes) or None,
            "Tags": dict(found.tags) or None,
        }
    )


def associated(found: Contact) -> dict[str, Any]:
    """One AssociatedContactSummary of ListAssociatedContacts."""
    return _bare(
        {
            "ContactId": found.id,
            "ContactArn": found.arn,
            "InitiationTimestamp": found.created_at,
            "DisconnectTimestamp": found.disconnected_at,
            "InitialContactId": found.initial_contact_id or found.id,
            "PreviousContactId": found.previous_contact_id,
            "RelatedContactId": found.related_contact_id,
            "InitiationMethod": found.initiation_method,
            "Channel": found.channel,
        }
    )


def references(found: Contact, types: list[str]) -> list[dict[str, Any]]:
    """The contact's references of the given ReferenceTypes, as ReferenceSummary unions."""
    summaries = []
    for name, reference in found.references.items():
        kind = reference.get("Type")
        member = _REFERENCE_MEMBERS.get(str(kind))
        if member is None or kind not in types:
            continue
        summaries.append({member: _bare({"Name": name, "Value": reference.get("Value")})})
    if "ATTACHMENT" in types:
        # An inbound email's attachments. AttachmentReference's Value is "the location path of
        # the attachment reference" (API Reference); the sandbox gives the S3Url the request
        # gave, and APPROVED since it runs no attachment scanner (docs/attachments.md).
        for attachment in found.attachments:
            summaries.append(
                {
                    "Attachment": _bare(
                        {
                            "Name": attachment.get("FileName"),
                            "Value": attachment.get("S3Url"),
                            "Status": "APPROVED",
                        }
                    )
                }
            )
    return summaries
