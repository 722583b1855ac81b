"""The second reference set: 20 requests built from documented limits (issue 11).

Each case starts from a valid request, breaks one documented limit, and names the field a
good validator must point at and whether the documents make it an error or only a doubt
(a warning). The first set (tests/reference_mistakes.py) covers the common mistakes; this
one covers the limits issue 11 checked against the documentation. Every case names its
source; docs/service-rules.md lists the rules with their addresses.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from connect_tui.core import sandbox_identity
from connect_tui.core.model import CREATE_CONTACT, INBOUND, OUTBOUND
from connect_tui.core.problems import ERROR, WARNING
from tests.drafts import typical_inbound_request, typical_outbound_request

Request = dict[str, Any]
API = "https://docs.aws.amazon.com/connect/latest/APIReference/"
LIMITS = "https://docs.aws.amazon.com/connect/latest/adminguide/feature-limits.html"
DRAFTS = (
    "https://docs.aws.amazon.com/agentworkspace/latest/devguide/"
    "3p-apps-email-requests-createdraftemail.html"
)
PRESIGNED = "https://bucket.s3.amazonaws.com/f?X-Amz-Signature=abc"


def create_contact_request() -> Request:
    """A valid CreateContact request for an outbound email."""
    return {
        "InstanceId": sandbox_identity.INSTANCE_ID,
        "Channel": "EMAIL",
        "InitiationMethod": "OUTBOUND",
        "UserInfo": {"UserId": sandbox_identity.AGENT_USER_ID},
    }


BASES: dict[str, Callable[[], Request]] = {
    INBOUND: typical_inbound_request,
    OUTBOUND: typical_outbound_request,
    CREATE_CONTACT: create_contact_request,
}


@dataclass(frozen=True)
class DocumentedCase:
    """One documented limit broken: its name, operation, how, the field blamed, how bad, source."""

    kind: str
    operation: str
    make: Callable[[Request], None]
    path: str
    severity: str
    source: str

    def request(self) -> Request:
        """A fresh valid request of the operation with this one limit broken."""
        request = copy.deepcopy(BASES[self.operation]())
        self.make(request)
        return request


def _set(path: list[Any], value: Any) -> Callable[[Request], None]:
    def make(request: Request) -> None:
        node = request
        for step in path[:-1]:
            node = node.setdefault(step, {})
        node[path[-1]] = value

    return make


def _drop(key: str) -> Callable[[Request], None]:
    return lambda request: request.pop(key)


def _attachments(count: int, name: str = "f.pdf", url: str = PRESIGNED) -> list[Request]:
    return [{"FileName": name, "S3Url": url} for _ in range(count)]


def _raw(member: str, value: Any) -> Callable[[Request], None]:
    return _set(["EmailMessage", "RawMessage", member], value)


DOCUMENTED: tuple[DocumentedCase, ...] = (
    # The body: 5 MB of UTF-8 beside the model's 5,242,880 characters (issue 11, item 2).
    DocumentedCase(
        "body of 1.8 million euro signs: 5.4 MB of UTF-8",
        INBOUND,
        _raw("Body", "€" * 1_800_000),
        "EmailMessage.RawMessage.Body",
        ERROR,
        LIMITS,
    ),
    DocumentedCase(
        "outbound body one byte over 5 MB",
        OUTBOUND,
        _raw("Body", "é" * 2_621_440 + "x"),
        "EmailMessage.RawMessage.Body",
        ERROR,
        LIMITS,
    ),
    # Attachments.
    DocumentedCase(
        "11 attachments: more than a received email may carry",
        INBOUND,
        _set(["Attachments"], _attachments(11)),
        "Attachments",
        WARNING,
        LIMITS,
    ),
    DocumentedCase(
        "51 attachments: over the model's 50",
        INBOUND,
        _set(["Attachments"], _attachments(51)),
        "Attachments",
        ERROR,
        API + "API_StartEmailContact.html",
    ),
    DocumentedCase(
        "attachment that is not a URL",
        INBOUND,
        _set(["Attachments"], _attachments(1, url="s3://bucket/f.pdf")),
        "Attachments[0].S3Url",
        ERROR,
        API + "API_EmailAttachment.html",
    ),
    DocumentedCase(
        "attachment of a type outside the defaults",
        INBOUND,
        _set(["Attachments"], _attachments(1, name="setup.exe")),
        "Attachments[0].FileName",
        WARNING,
        LIMITS,
    ),
    # Recipients: 1 destination + 49 more (API Reference, InboundAdditionalRecipients).
    DocumentedCase(
        "50 To addresses besides the destination",
        INBOUND,
        _set(
            ["AdditionalRecipients"],
            {"ToAddresses": [{"EmailAddress": f"t{i}@example.com"} for i in range(50)]},
        ),
        "AdditionalRecipients",
        ERROR,
        API + "API_InboundAdditionalRecipients.html",
    ),
    # The CreateContact step (API Reference, CreateContact; agent workspace guide).
    DocumentedCase(
        "CreateContact expiry over a week",
        CREATE_CONTACT,
        _set(["ExpiryDurationInMinutes"], 7 * 24 * 60 + 1),
        "ExpiryDurationInMinutes",
        WARNING,
        DRAFTS,
    ),
    DocumentedCase(
        "FLOW contact for an outbound email",
        CREATE_CONTACT,
        _set(["InitiationMethod"], "FLOW"),
        "InitiationMethod",
        ERROR,
        API + "API_StartOutboundEmailContact.html",
    ),
    DocumentedCase(
        "AGENT_REPLY without the contact replied to",
        CREATE_CONTACT,
        _set(["InitiationMethod"], "AGENT_REPLY"),
        "RelatedContactId",
        ERROR,
        DRAFTS,
    ),
    DocumentedCase(
        "OUTBOUND email contact without UserInfo",
        CREATE_CONTACT,
        _drop("UserInfo"),
        "UserInfo.UserId",
        ERROR,
        API + "API_CreateContact.html",
    ),
    # Attributes and references (API Reference, StartEmailContact and Reference).
    DocumentedCase(
        "attributes one byte over 32,768",
        INBOUND,
        _set(["Attributes"], {"a": "v" * 20_000, "b": "v" * 12_767}),
        "Attributes",
        ERROR,
        API + "API_StartEmailContact.html",
    ),
    DocumentedCase(
        "attribute key with a dot",
        INBOUND,
        _set(["Attributes"], {"order.id": "1"}),
        'Attributes["order.id"]',
        ERROR,
        API + "API_StartEmailContact.html",
    ),
    DocumentedCase(
        "ATTACHMENT reference at creation",
        INBOUND,
        _set(["References"], {"file": {"Type": "ATTACHMENT", "Value": "x"}}),
        'References["file"].Type',
        ERROR,
        API + "API_StartEmailContact.html",
    ),
    DocumentedCase(
        "NUMBER reference that is a word",
        INBOUND,
        _set(["References"], {"count": {"Type": "NUMBER", "Value": "twelve"}}),
        'References["count"].Value',
        ERROR,
        API + "API_Reference.html",
    ),
    # The raw message (API Reference, InboundRawMessage and OutboundRawMessage).
    DocumentedCase(
        "outbound email with an empty subject",
        OUTBOUND,
        _raw("Subject", ""),
        "EmailMessage.RawMessage.Subject",
        ERROR,
        API + "API_OutboundRawMessage.html",
    ),
    DocumentedCase(
        "header value of 20,001 characters",
        INBOUND,
        _raw("Headers", {"REFERENCES": "r" * 20_001}),
        'EmailMessage.RawMessage.Headers["REFERENCES"]',
        ERROR,
        API + "API_InboundRawMessage.html",
    ),
    DocumentedCase(
        "SES spam verdict that SES never gives",
        INBOUND,
        _raw("Headers", {"X_SES_SPAM_VERDICT": "SPAM"}),
        'EmailMessage.RawMessage.Headers["X_SES_SPAM_VERDICT"]',
        ERROR,
        "https://docs.aws.amazon.com/ses/latest/dg/receiving-email-notifications-contents.html",
    ),
    DocumentedCase(
        "markdown content type",
        INBOUND,
        _raw("ContentType", "text/markdown"),
        "EmailMessage.RawMessage.ContentType",
        ERROR,
        API + "API_InboundRawMessage.html",
    ),
    DocumentedCase(
        "ClientToken of 501 characters",
        INBOUND,
        _set(["ClientToken"], "t" * 501),
        "ClientToken",
        ERROR,
        API + "API_StartEmailContact.html",
    ),
)
