"""Provides the rules that botocore's model does not carry, documented only in AWS's prose.

Each rule reads one part of a request and reports what breaks it, naming its rule id;
docs/service-rules.md lists every rule with its source address. Rules run after the model
check and tolerate values of the wrong type (the model check reports those). The limits are
named once, with their sources, in connect_tui.core.limits; the message and attachment rules
live in connect_tui.core.rules_message, the CreateContact step's in rules_contact.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Final

from connect_tui.core.limits import (
    ATTRIBUTE_BYTES,
    CONTENT_TYPES,
    DEFAULT_ATTACHMENT_EXTENSIONS,
    EMAIL_INITIATION_METHODS,
    MAX_ADDITIONAL_RECIPIENTS,
    MAX_EXPIRY_MINUTES,
    REFERENCE_BYTES,
    REFERENCE_TYPES_AT_CREATION,
    SES_VERDICT_HEADERS,
    SES_VERDICTS,
    utf8_size,
)
from connect_tui.core.limits import items as _items
from connect_tui.core.limits import table as _table
from connect_tui.core.limits import text as _text
from connect_tui.core.model import CREATE_CONTACT, INBOUND, OUTBOUND
from connect_tui.core.problems import REQUEST, Findings, MapKey, Problem, Step, format_location
from connect_tui.core.rules_contact import create_contact
from connect_tui.core.rules_message import attachments, email_message
from connect_tui.core.segments import check_segment_attributes
from connect_tui.core.shape_check import preview

#: Re-exported: the panes and tests read the limits from here.
__all__ = [
    "ATTRIBUTE_BYTES",
    "CONTENT_TYPES",
    "DEFAULT_ATTACHMENT_EXTENSIONS",
    "EMAIL_INITIATION_METHODS",
    "MAX_ADDITIONAL_RECIPIENTS",
    "MAX_EXPIRY_MINUTES",
    "REFERENCE_BYTES",
    "REFERENCE_TYPES_AT_CREATION",
    "RULES",
    "SES_VERDICTS",
    "SES_VERDICT_HEADERS",
    "utf8_size",
]

_NAME_CHARS = re.compile(r"[A-Za-z0-9_-]+")
_EPOCH = re.compile(r"\d{1,13}")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


Rule = Callable[[dict[str, Any], Findings], None]


def _address_of(entry: Any) -> str | None:
    return _text(entry.get("EmailAddress")) if isinstance(entry, dict) else _text(entry)


def inbound_recipients(request: dict[str, Any], found: Findings) -> None:
    """At most 49 recipients across To and Cc besides the destination; repeats are flagged."""
    recipients = _table(request.get("AdditionalRecipients"))
    to, cc = _items(recipients.get("ToAddresses")), _items(recipients.get("CcAddresses"))
    if len(to) + len(cc) > MAX_ADDITIONAL_RECIPIENTS:
        found.error(
            ("AdditionalRecipients",),
            f"has {len(to) + len(cc)} recipients (To {len(to)} + Cc {len(cc)}); at most "
            f"{MAX_ADDITIONAL_RECIPIENTS} besides the destination (50 in all)",
            rule="recipients.inbound-count",
        )
    _repeated_addresses(
        [(("DestinationEmailAddress",), request.get("DestinationEmailAddress"))]
        + [(("AdditionalRecipients", "ToAddresses", i), e) for i, e in enumerate(to)]
        + [(("AdditionalRecipients", "CcAddresses", i), e) for i, e in enumerate(cc)],
        found,
    )


def outbound_recipients(request: dict[str, Any], found: Findings) -> None:
    """Outbound has only Cc: at most 49 besides the destination; repeats are flagged."""
    cc = _items(_table(request.get("AdditionalRecipients")).get("CcEmailAddresses"))
    if len(cc) > MAX_ADDITIONAL_RECIPIENTS:
        found.error(
            ("AdditionalRecipients", "CcEmailAddresses"),
            f"has {len(cc)} Cc recipients; at most {MAX_ADDITIONAL_RECIPIENTS} besides "
            "the destination (50 in all)",
            rule="recipients.outbound-count",
        )
    _repeated_addresses(
        [(("DestinationEmailAddress",), request.get("DestinationEmailAddress"))]
        + [(("AdditionalRecipients", "CcEmailAddresses", i), e) for i, e in enumerate(cc)],
        found,
    )


def _repeated_addresses(entries: list[tuple[tuple[Step, ...], Any]], found: Findings) -> None:
    seen: dict[str, tuple[Step, ...]] = {}
    for location, entry in entries:
        address = _address_of(entry)
        if not address:
            continue
        first = seen.setdefault(address.casefold(), location)
        if first is not location:
            found.warn(
                location,
                f"repeats {address}, already at {format_location(first)}",
                rule="recipients.repeated",
            )


def attributes(request: dict[str, Any], found: Findings) -> None:
    """Attribute keys use letters, digits, - and _; keys and values share 32,768 UTF-8 bytes."""
    table = request.get("Attributes")
    if not isinstance(table, dict):
        return
    total = 0
    for key, value in table.items():
        if not isinstance(key, str):
            continue
        total += utf8_size(key) + (utf8_size(value) if isinstance(value, str) else 0)
        if key and not _NAME_CHARS.fullmatch(key):
            found.error(
                ("Attributes", MapKey(key)),
                f"key {preview(key)} may use only letters, digits, '-' and '_'",
                rule="attributes.key-chars",
            )
    if total > ATTRIBUTE_BYTES:
        found.error(
            ("Attributes",),
            f"uses {total:,} bytes of UTF-8 across keys and values; at most {ATTRIBUTE_BYTES:,} "
            "(a character outside ASCII takes 2 to 4 bytes)",
            rule="attributes.bytes",
        )


def references(request: dict[str, Any], found: Findings) -> None:
    """References: 4,096 UTF-8 bytes in all; only URL, NUMBER, STRING and DATE at creation."""
    table = request.get("References")
    if not isinstance(table, dict):
        return
    total = 0
    for name, reference in table.items():
        if not isinstance(name, str):
            continue
        where: tuple[Step, ...] = ("References", MapKey(name))
        reference = _table(reference)
        value = _text(reference.get("Value"))
        total += utf8_size(name) + (utf8_size(value) if value else 0)
        kind = reference.get("Type")
        if isinstance(kind, str) and kind not in REFERENCE_TYPES_AT_CREATION:
            found.error(
                (*where, "Type"),
                f"{kind} references cannot be set when a contact is created; use one of: "
                + ", ".join(REFERENCE_TYPES_AT_CREATION),
                rule="references.type-at-creation",
            )
        elif value is None:
            continue
        elif kind == "DATE" and not _EPOCH.fullmatch(value):
            found.error(
                (*where, "Value"),
                f"{preview(value)} is not an epoch timestamp; a DATE reference takes the "
                "seconds since 1970-01-01 UTC, such as 1767225600",
                rule="references.date-epoch",
            )
        elif kind == "NUMBER" and not _NUMBER.fullmatch(value):
            found.error(
                (*where, "Value"), f"{preview(value)} is not a number", rule="references.number"
            )
        elif kind == "URL" and not value.startswith(("https://", "http://")):
            found.warn(
                (*where, "Value"),
                f"{preview(value)} does not look like a URL (https://…)",
                rule="references.url",
            )
    if total > REFERENCE_BYTES:
        found.error(
            ("References",),
            f"uses {total:,} bytes of UTF-8 across names and values; at most {REFERENCE_BYTES:,}",
            rule="references.bytes",
        )


def segment_attributes(request: dict[str, Any], found: Findings) -> None:
    """Segment attribute keys, value kinds and contact expiry (see connect_tui.core.segments)."""
    table = request.get("SegmentAttributes")
    if isinstance(table, dict):
        check_segment_attributes(table, found, MAX_EXPIRY_MINUTES)


#: An ARN: arn:partition:service:region:account-id:resource (region and account may be
#: empty for some services). https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
_ARN = re.compile(r"arn:[a-z0-9-]+:[a-z0-9-]+:[a-z0-9-]*:(\d{12})?:\S+")


def segment_arns(request: dict[str, Any], found: Findings) -> None:
    """A ValueArn "has to be a valid ARN" (API Reference, SegmentAttributeValue)."""
    pending: list[tuple[tuple[Step, ...], Any]] = [
        (("SegmentAttributes", MapKey(str(key))), value)
        for key, value in _table(request.get("SegmentAttributes")).items()
    ]
    while pending:
        where, value = pending.pop()
        value = _table(value)
        arn = value.get("ValueArn")
        if isinstance(arn, str) and not _ARN.fullmatch(arn):
            found.error(
                (*where, "ValueArn"),
                f"{preview(arn)} is not an ARN; expected arn:partition:service:region:account:"
                "resource, such as arn:aws:connect:us-east-1:123456789012:instance/…",
                rule="segments.arn",
            )
        for key, child in _table(value.get("ValueMap")).items():
            pending.append(((*where, "ValueMap", MapKey(str(key))), child))
        for index, child in enumerate(_items(value.get("ValueList"))):
            pending.append(((*where, "ValueList", index), child))


def repeated_names(member: str, names: list[str], section: str = REQUEST) -> list[Problem]:
    """Rows of a map (References, Attributes) that repeat an earlier row's name: the request
    is a map and keeps the first, so each later one is a Problem (the panes edit rows)."""
    findings = Findings([], section)
    first: dict[str, int] = {}
    for row, name in enumerate(names, start=1):
        if not name:
            continue
        if name in first:
            findings.error(
                (member, MapKey(name)),
                f"row {row} repeats the name {preview(name)} of row {first[name]}; a name is "
                "used once, so this row is not sent: rename or remove it",
                rule="map.repeated-name",
            )
        else:
            first[name] = row
    return findings.problems


def client_token(request: dict[str, Any], found: Findings) -> None:
    """A fixed ClientToken makes every later send the same contact: say so."""
    if _text(request.get("ClientToken")):
        found.warn(
            ("ClientToken",),
            "is fixed: sends of this draft within 7 days return the same contact (or fail "
            "with IdempotencyException if anything else changed); leave it out to get a new one",
            rule="client-token.fixed",
        )


RULES: Final[dict[str, tuple[Rule, ...]]] = {
    INBOUND: (
        inbound_recipients,
        attributes,
        references,
        segment_attributes,
        segment_arns,
        email_message,
        attachments,
        client_token,
    ),
    OUTBOUND: (outbound_recipients, email_message, client_token),
    CREATE_CONTACT: (
        create_contact,
        attributes,
        references,
        segment_attributes,
        segment_arns,
        client_token,
    ),
}
