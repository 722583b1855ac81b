"""Provides the sample drafts shared by the tests and the benchmarks: typical ones and the
largest legal one.

It lives with the tests and is imported as `tests.drafts` from the repository's root, which
is where both pytest and `python -m benchmarks.NAME` run.
"""

from __future__ import annotations

import copy
from typing import Any

from connect_tui.core import sandbox_identity
from connect_tui.core.model import INBOUND, OUTBOUND, Draft, Target
from connect_tui.core.rules import ATTRIBUTE_BYTES, REFERENCE_BYTES
from connect_tui.core.segments import count_nodes


def typical_inbound_request() -> dict[str, Any]:
    """A realistic inbound request: a few recipients, attributes, references and segments."""
    return {
        "InstanceId": sandbox_identity.INSTANCE_ID,
        "FromEmailAddress": {"EmailAddress": "alice@example.com", "DisplayName": "Alice Müller"},
        "DestinationEmailAddress": sandbox_identity.SUPPORT_ADDRESS,
        "Name": "Order 1234",
        "Description": "Customer asks about a late delivery",
        "EmailMessage": {
            "MessageSourceType": "RAW",
            "RawMessage": {
                "Subject": "Where is order 1234?",
                "Body": "Hello,\nmy order has not arrived yet.\nAlice",
                "ContentType": "text/plain",
                "Headers": {"MESSAGE_ID": "<1234@example.com>"},
            },
        },
        "AdditionalRecipients": {
            "ToAddresses": [{"EmailAddress": "bob@example.com"}],
            "CcAddresses": [{"EmailAddress": "carol@example.com", "DisplayName": "Carol"}],
        },
        "References": {
            "order": {"Type": "URL", "Value": "https://shop.example.com/orders/1234"},
            "placed": {"Type": "DATE", "Value": "1767225600"},
        },
        "Attributes": {"order_id": "1234", "tier": "gold", "language": "de-DE"},
        "SegmentAttributes": {
            "connect:Subtype": {"ValueString": "connect:Guide"},
            "connect:ContactExpiry": {"ValueMap": {"ExpiryDuration": {"ValueInteger": 1440}}},
        },
    }


def typical_outbound_request() -> dict[str, Any]:
    """A realistic outbound request (its ContactId comes from CreateContact)."""
    return {
        "InstanceId": sandbox_identity.INSTANCE_ID,
        "ContactId": "11111111-2222-4333-8444-555555555555",
        "FromEmailAddress": {"EmailAddress": sandbox_identity.SUPPORT_ADDRESS},
        "DestinationEmailAddress": {"EmailAddress": "alice@example.com", "DisplayName": "Alice"},
        "AdditionalRecipients": {"CcEmailAddresses": [{"EmailAddress": "bob@example.com"}]},
        "EmailMessage": {
            "MessageSourceType": "RAW",
            "RawMessage": {
                "Subject": "Re: Where is order 1234?",
                "Body": "<p>It ships today.</p>",
                "ContentType": "text/html",
            },
        },
    }


def typical_draft() -> Draft:
    """A typical inbound draft with one variable."""
    request = typical_inbound_request()
    request["FromEmailAddress"]["EmailAddress"] = "${customer}"
    return Draft(
        name="typical",
        operation=INBOUND,
        target=Target(),
        variables={"customer": "alice@example.com"},
        request=request,
    )


def typical_outbound_draft() -> Draft:
    """A typical outbound draft with an explicit ContactId."""
    return Draft(name="reply", operation=OUTBOUND, request=typical_outbound_request())


def outbound_chain_draft(name: str = "order-1234-reply") -> Draft:
    """The typical outbound reply with no ContactId: CreateContact makes it first."""
    request = typical_outbound_request()
    del request["ContactId"]
    return Draft(
        name=name,
        operation=OUTBOUND,
        request=request,
        create_contact={
            "Channel": "EMAIL",
            "InitiationMethod": "OUTBOUND",
            "UserInfo": {"UserId": sandbox_identity.AGENT_USER_ID},
        },
    )


def segment_tree(nodes: int) -> dict[str, Any]:
    """SegmentAttributes holding `nodes` values in all, nested maps and system lists included."""
    table: dict[str, Any] = {
        "connect:ContactExpiry": {"ValueMap": {"ExpiryDuration": {"ValueInteger": 129_600}}},
    }
    count = count_nodes(table)
    group = 0
    while count < nodes:
        children: dict[str, Any] = {}
        for leaf in range(min(9, nodes - count - 1)):
            children[f"leaf_{leaf}"] = (
                {"ValueString": f"value {group}.{leaf}"} if leaf % 2 else {"ValueInteger": leaf}
            )
        table[f"group_{group}"] = {"ValueMap": children}
        count += 1 + len(children)
        group += 1
    return table


def largest_legal_request() -> dict[str, Any]:
    """The largest inbound request the rules allow: 49 recipients, 32 KiB of attributes,
    4 KiB of references and a 200-node segment tree."""
    request = copy.deepcopy(typical_inbound_request())
    request["AdditionalRecipients"] = {
        "ToAddresses": [{"EmailAddress": f"to{i}@example.com"} for i in range(25)],
        "CcAddresses": [{"EmailAddress": f"cc{i}@example.com"} for i in range(24)],
    }
    attributes: dict[str, str] = {}
    used = 0
    index = 0
    while True:  # multibyte values, as real attribute data has
        key, value = f"attr_{index:04d}", "Grüße-" + "x" * 50
        size = len(key.encode()) + len(value.encode())
        if used + size > ATTRIBUTE_BYTES:
            break
        attributes[key] = value
        used += size
        index += 1
    request["Attributes"] = attributes
    references: dict[str, dict[str, str]] = {}
    used = 0
    index = 0
    while True:
        name, value = f"ref_{index:03d}", f"https://example.com/{index:03d}/" + "p" * 40
        size = len(name) + len(value)
        if used + size > REFERENCE_BYTES:
            break
        references[name] = {"Type": "URL", "Value": value}
        used += size
        index += 1
    request["References"] = references
    request["SegmentAttributes"] = segment_tree(200)
    return request


def largest_legal_draft() -> Draft:
    """A draft holding the largest legal request."""
    return Draft(name="largest", request=largest_legal_request())
