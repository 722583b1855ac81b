"""Provides the rules that botocore's model does not carry, documented only in AWS's prose.

Each rule reads one part of a request and reports what breaks it. Rules run after the
model check and tolerate values of the wrong type (the model check reports those).
The figures come from ../shared/CONNECT_FACTS.md; each rule names its limit once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Final

from connect_tui.core.model import CREATE_CONTACT, INBOUND, OUTBOUND
from connect_tui.core.problems import Findings, MapKey, Step, format_location
from connect_tui.core.segments import check_segment_attributes
from connect_tui.core.shape_check import preview

MAX_ADDITIONAL_RECIPIENTS: Final = 49
ATTRIBUTE_BYTES: Final = 32_768
REFERENCE_BYTES: Final = 4_096
REFERENCE_TYPES_AT_CREATION: Final = ("URL", "NUMBER", "STRING", "DATE")
CONTENT_TYPES: Final = ("text/plain", "text/html")
SES_VERDICT_HEADERS: Final = ("X_SES_SPAM_VERDICT", "X_SES_VIRUS_VERDICT")
SES_VERDICTS: Final = ("PASS", "FAIL", "GRAY", "PROCESSING_FAILED")
EMAIL_INITIATION_METHODS: Final = ("OUTBOUND", "AGENT_REPLY")
MAX_EXPIRY_MINUTES: Final = 90 * 24 * 60
DEFAULT_ATTACHMENT_EXTENSIONS: Final = frozenset(
    "csv doc docx heic jfif jpeg jpg mov mp4 pdf png ppt pptx rtf txt wav xls xlsx".split()
)

_NAME_CHARS = re.compile(r"[A-Za-z0-9_-]+")
_EPOCH = re.compile(r"\d{1,13}")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


Rule = Callable[[dict[str, Any], Findings], None]


def utf8_size(text: str) -> int:
    """The number of bytes `text` takes in UTF-8 (what Connect's byte budgets count)."""
    return len(text.encode("utf-8"))


def _table(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


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
            found.warn(location, f"repeats {address}, already at {format_location(first)}")


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
            )
    if total > ATTRIBUTE_BYTES:
        found.error(
            ("Attributes",),
            f"uses {total:,} bytes of UTF-8 across keys and values; at most {ATTRIBUTE_BYTES:,} "
            "(a character outside ASCII takes 2 to 4 bytes)",
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
            )
        elif value is None:
            continue
        elif kind == "DATE" and not _EPOCH.fullmatch(value):
            found.error(
                (*where, "Value"),
                f"{preview(value)} is not an epoch timestamp; a DATE reference takes the "
                "seconds since 1970-01-01 UTC, such as 1767225600",
            )
        elif kind == "NUMBER" and not _NUMBER.fullmatch(value):
            found.error((*where, "Value"), f"{preview(value)} is not a number")
        elif kind == "URL" and not value.startswith(("https://", "http://")):
            found.warn((*where, "Value"), f"{preview(value)} does not look like a URL (https://…)")
    if total > REFERENCE_BYTES:
        found.error(
            ("References",),
            f"uses {total:,} bytes of UTF-8 across names and values; at most {REFERENCE_BYTES:,}",
        )


def segment_attributes(request: dict[str, Any], found: Findings) -> None:
    """Segment attribute keys, value kinds and contact expiry (see connect_tui.core.segments)."""
    table = request.get("SegmentAttributes")
    if isinstance(table, dict):
        check_segment_attributes(table, found, MAX_EXPIRY_MINUTES)


def email_message(request: dict[str, Any], found: Findings) -> None:
    """RAW needs RawMessage, TEMPLATE needs TemplatedMessageConfig; ContentType; SES verdicts."""
    message = request.get("EmailMessage")
    if not isinstance(message, dict):
        return
    source = message.get("MessageSourceType")
    pairs = {"RAW": "RawMessage", "TEMPLATE": "TemplatedMessageConfig"}
    if isinstance(source, str) and source in pairs:
        needed = pairs[source]
        if needed not in message:
            found.error(("EmailMessage", needed), f"is required when MessageSourceType is {source}")
        for other_source, other in pairs.items():
            if other_source != source and other in message:
                found.error(
                    ("EmailMessage", other),
                    f"is only for {other_source} messages; remove it or set "
                    f"MessageSourceType to {other_source}",
                )
    raw = _table(message.get("RawMessage"))
    content_type = raw.get("ContentType")
    if isinstance(content_type, str) and content_type and content_type not in CONTENT_TYPES:
        found.error(
            ("EmailMessage", "RawMessage", "ContentType"),
            f"{preview(content_type)} is not allowed; use one of: {', '.join(CONTENT_TYPES)}",
        )
    headers = _table(raw.get("Headers"))
    for header in SES_VERDICT_HEADERS:
        verdict = headers.get(header)
        if isinstance(verdict, str) and verdict and verdict not in SES_VERDICTS:
            found.error(
                ("EmailMessage", "RawMessage", "Headers", MapKey(header)),
                f"{preview(verdict)} is not an SES verdict; use one of: {', '.join(SES_VERDICTS)}",
            )


def attachments(request: dict[str, Any], found: Findings) -> None:
    """Attachments: a presigned S3 URL each; extensions outside Connect's defaults are flagged."""
    for index, attachment in enumerate(_items(request.get("Attachments"))):
        attachment = _table(attachment)
        name = _text(attachment.get("FileName"))
        if name:
            extension = name.rsplit(".", 1)[1].lower() if "." in name.strip(".") else ""
            if extension not in DEFAULT_ATTACHMENT_EXTENSIONS:
                shown = f"'.{extension}'" if extension else "a name with no extension"
                found.warn(
                    ("Attachments", index, "FileName"),
                    f"{shown} is not among Amazon Connect's default attachment types "
                    "(refused unless the instance allows it)",
                )
        url = _text(attachment.get("S3Url"))
        if not url:
            continue
        if not url.startswith(("https://", "http://")):
            found.error(("Attachments", index, "S3Url"), "must be a presigned S3 URL (https://…)")
        elif "X-Amz-Signature=" not in url:
            found.warn(
                ("Attachments", index, "S3Url"),
                "does not look presigned (no X-Amz-Signature); Connect must be able to fetch it",
            )


def client_token(request: dict[str, Any], found: Findings) -> None:
    """A fixed ClientToken makes every later send the same contact: say so."""
    if _text(request.get("ClientToken")):
        found.warn(
            ("ClientToken",),
            "is fixed: sends of this draft within 7 days return the same contact (or fail "
            "with IdempotencyException if anything else changed); leave it out to get a new one",
        )


def create_contact(request: dict[str, Any], found: Findings) -> None:
    """The CreateContact step of an outbound email: EMAIL, OUTBOUND or AGENT_REPLY, an agent."""
    channel = request.get("Channel")
    if isinstance(channel, str) and channel != "EMAIL":
        found.error(("Channel",), f"is {channel}; an email contact needs EMAIL")
    method = request.get("InitiationMethod")
    if isinstance(method, str) and method not in EMAIL_INITIATION_METHODS:
        found.error(
            ("InitiationMethod",),
            f"is {method}; an outbound email takes one of: {', '.join(EMAIL_INITIATION_METHODS)}",
        )
    if not _text(_table(request.get("UserInfo")).get("UserId")):
        found.error(("UserInfo", "UserId"), "is required: the agent the outbound email is from")
    if method == "AGENT_REPLY" and "RelatedContactId" not in request:
        found.error(("RelatedContactId",), "is required for AGENT_REPLY: the contact replied to")
    minutes = request.get("ExpiryDurationInMinutes")
    if isinstance(minutes, int) and not 1 <= minutes <= MAX_EXPIRY_MINUTES:
        found.error(
            ("ExpiryDurationInMinutes",),
            f"is {minutes:,} minutes; an email contact expires after 1 to "
            f"{MAX_EXPIRY_MINUTES:,} minutes (90 days)",
        )


RULES: Final[dict[str, tuple[Rule, ...]]] = {
    INBOUND: (
        inbound_recipients,
        attributes,
        references,
        segment_attributes,
        email_message,
        attachments,
        client_token,
    ),
    OUTBOUND: (outbound_recipients, email_message, client_token),
    CREATE_CONTACT: (create_contact, attributes, references, segment_attributes, client_token),
}
