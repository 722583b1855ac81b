"""The reference set: 24 kinds of mistakes people make in Connect email requests.

Each kind starts from a valid request, makes one mistake, and names the field that a
good validator must point at. botocore's ParamValidator catches only the first four
(required, type, unknown field, below a minimum); the rest are maxima, patterns, enums,
byte budgets and the rules AWS documents only in prose.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from connect_tui.core.model import INBOUND, OUTBOUND
from tests.drafts import typical_inbound_request, typical_outbound_request

Request = dict[str, Any]


@dataclass(frozen=True)
class Mistake:
    """One kind of mistake: a name, the operation, how to make it, and the path to blame."""

    kind: str
    operation: str
    make: Callable[[Request], None]
    path: str

    def request(self) -> Request:
        """A fresh valid request of the operation with this one mistake in it."""
        base = (
            typical_inbound_request() if self.operation == INBOUND else typical_outbound_request()
        )
        request = copy.deepcopy(base)
        self.make(request)
        return request


def _set(path: list[Any], value: Any) -> Callable[[Request], None]:
    def make(request: Request) -> None:
        node = request
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value

    return make


def _delete(key: str) -> Callable[[Request], None]:
    return lambda request: request.pop(key)


def _recipients(to: int, cc: int) -> Callable[[Request], None]:
    def make(request: Request) -> None:
        request["AdditionalRecipients"] = {
            "ToAddresses": [{"EmailAddress": f"to{i}@example.com"} for i in range(to)],
            "CcAddresses": [{"EmailAddress": f"cc{i}@example.com"} for i in range(cc)],
        }

    return make


def _outbound_cc(count: int) -> Callable[[Request], None]:
    return _set(
        ["AdditionalRecipients"],
        {"CcEmailAddresses": [{"EmailAddress": f"cc{i}@example.com"} for i in range(count)]},
    )


MISTAKES: tuple[Mistake, ...] = (
    # The four botocore catches too.
    Mistake("missing required field", INBOUND, _delete("InstanceId"), "InstanceId"),
    Mistake(
        "wrong type",
        INBOUND,
        _set(["EmailMessage", "RawMessage", "Subject"], 42),
        "EmailMessage.RawMessage.Subject",
    ),
    Mistake("unknown field", INBOUND, _set(["Subjekt"], "Hi"), "Subjekt"),
    Mistake(
        "empty body",
        INBOUND,
        _set(["EmailMessage", "RawMessage", "Body"], ""),
        "EmailMessage.RawMessage.Body",
    ),
    # Model constraints botocore skips: max, pattern, enum.
    Mistake(
        "address without @",
        INBOUND,
        _set(["FromEmailAddress", "EmailAddress"], "alice.example.com"),
        "FromEmailAddress.EmailAddress",
    ),
    Mistake(
        "display name too long",
        INBOUND,
        _set(["FromEmailAddress", "DisplayName"], "é" * 257),
        "FromEmailAddress.DisplayName",
    ),
    Mistake(
        "TEMPLATE on an inbound email",
        INBOUND,
        _set(["EmailMessage", "MessageSourceType"], "TEMPLATE"),
        "EmailMessage.MessageSourceType",
    ),
    Mistake(
        "subject too long",
        INBOUND,
        _set(["EmailMessage", "RawMessage", "Subject"], "s" * 999),
        "EmailMessage.RawMessage.Subject",
    ),
    Mistake(
        "header key not allowed",
        INBOUND,
        _set(["EmailMessage", "RawMessage", "Headers"], {"X-Custom": "1"}),
        'EmailMessage.RawMessage.Headers["X-Custom"]',
    ),
    Mistake(
        "control character in attachment name",
        INBOUND,
        _set(
            ["Attachments"],
            [
                {
                    "FileName": "report\n.pdf",
                    "S3Url": "https://b.s3.amazonaws.com/r?X-Amz-Signature=1",
                }
            ],
        ),
        "Attachments[0].FileName",
    ),
    # Rules documented only in prose.
    Mistake("50 inbound recipients", INBOUND, _recipients(25, 25), "AdditionalRecipients"),
    Mistake("50 outbound Cc", OUTBOUND, _outbound_cc(50), "AdditionalRecipients.CcEmailAddresses"),
    Mistake(
        "attributes over 32,768 bytes",
        INBOUND,
        _set(["Attributes"], {"note": "€" * 11_000}),
        "Attributes",
    ),
    Mistake(
        "attribute key with a space",
        INBOUND,
        _set(["Attributes"], {"order id": "1234"}),
        'Attributes["order id"]',
    ),
    Mistake(
        "references over 4,096 bytes",
        INBOUND,
        _set(["References"], {f"r{i}": {"Type": "STRING", "Value": "v" * 2_100} for i in range(2)}),
        "References",
    ),
    Mistake(
        "reference type not allowed at creation",
        INBOUND,
        _set(["References"], {"mail": {"Type": "EMAIL", "Value": "x"}}),
        'References["mail"].Type',
    ),
    Mistake(
        "DATE reference not an epoch",
        INBOUND,
        _set(["References"], {"due": {"Type": "DATE", "Value": "2026-01-01"}}),
        'References["due"].Value',
    ),
    Mistake(
        "segment key with a space",
        INBOUND,
        _set(["SegmentAttributes"], {"my key": {"ValueString": "x"}}),
        'SegmentAttributes["my key"]',
    ),
    Mistake(
        "ValueArn on a user key",
        INBOUND,
        _set(["SegmentAttributes"], {"mine": {"ValueArn": "arn:aws:connect:us-east-1:1:x"}}),
        'SegmentAttributes["mine"].ValueArn',
    ),
    Mistake(
        "segment value of two kinds",
        INBOUND,
        _set(["SegmentAttributes"], {"tier": {"ValueString": "gold", "ValueInteger": 1}}),
        'SegmentAttributes["tier"]',
    ),
    Mistake(
        "contact expiry over 90 days",
        INBOUND,
        _set(
            ["SegmentAttributes"],
            {"connect:ContactExpiry": {"ValueMap": {"ExpiryDuration": {"ValueInteger": 129_601}}}},
        ),
        'SegmentAttributes["connect:ContactExpiry"].ValueMap["ExpiryDuration"].ValueInteger',
    ),
    Mistake(
        "RAW without RawMessage",
        INBOUND,
        _set(["EmailMessage"], {"MessageSourceType": "RAW"}),
        "EmailMessage.RawMessage",
    ),
    Mistake(
        "TEMPLATE without its config",
        OUTBOUND,
        _set(["EmailMessage"], {"MessageSourceType": "TEMPLATE"}),
        "EmailMessage.TemplatedMessageConfig",
    ),
    Mistake(
        "content type not text/plain or text/html",
        INBOUND,
        _set(["EmailMessage", "RawMessage", "ContentType"], "text/markdown"),
        "EmailMessage.RawMessage.ContentType",
    ),
)
