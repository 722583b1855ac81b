"""Provides the documented limits the prose rules enforce, each named once with its source,
and the small readers the rules share (they tolerate values of the wrong type).

docs/service-rules.md lists every rule with its rule id and source address.
"""

from __future__ import annotations

from typing import Any, Final

# API Reference, StartEmailContact / InboundAdditionalRecipients and OutboundAdditionalRecipients:
# 1 required recipient (the destination) and up to 49 more across To and Cc (outbound: Cc only).
MAX_ADDITIONAL_RECIPIENTS: Final = 49
# API Reference, StartEmailContact (Attributes): "up to 32,768 UTF-8 bytes across all key-value
# pairs per contact"; References: 4,096 UTF-8 bytes; at creation URL, NUMBER, STRING and DATE.
ATTRIBUTE_BYTES: Final = 32_768
REFERENCE_BYTES: Final = 4_096
REFERENCE_TYPES_AT_CREATION: Final = ("URL", "NUMBER", "STRING", "DATE")
# API Reference, InboundRawMessage / OutboundRawMessage: "text/plain or text/html".
CONTENT_TYPES: Final = ("text/plain", "text/html")
# Amazon SES receiving notifications: a verdict is PASS, FAIL, GRAY or PROCESSING_FAILED.
SES_VERDICT_HEADERS: Final = ("X_SES_SPAM_VERDICT", "X_SES_VIRUS_VERDICT")
SES_VERDICTS: Final = ("PASS", "FAIL", "GRAY", "PROCESSING_FAILED")
# API Reference, StartOutboundEmailContact: it sends "an agent reply or outbound email contact
# (created from the CreateContact API)". CreateContact also makes FLOW email contacts, which
# StartOutboundEmailContact does not send.
EMAIL_INITIATION_METHODS: Final = ("OUTBOUND", "AGENT_REPLY")
# connect:ContactExpiry of an email contact: at most 90 days. The API Reference documents the
# shape only; the 90 days were not found in the documents searched (docs/service-rules.md).
MAX_EXPIRY_MINUTES: Final = 90 * 24 * 60
# Agent workspace guide, createDraftEmail: expiryDurationInMinutes "Minimum is 1 minute, Maximum
# is 1 week; Default is 12 hours". The API Reference and the model give CreateContact's
# ExpiryDurationInMinutes no range, so outside this is a warning only.
DRAFT_EXPIRY_MINUTES: Final = (1, 7 * 24 * 60)
# Admin guide, feature specifications: the file types supported for attachments to emails.
DEFAULT_ATTACHMENT_EXTENSIONS: Final = frozenset(
    "csv doc docx heic jfif jpeg jpg mov mp4 pdf png ppt pptx rtf txt wav xls xlsx".split()
)
# Admin guide, feature specifications: "File attachments per email: 10 attachments"; SES
# ConnectAction: received email "may only have up to 10 attachments" (more are bounced).
# The model allows 50 in a StartEmailContact request, so more than 10 is a warning.
MAX_ATTACHMENTS_PER_EMAIL: Final = 10
# The message body: at most 5 MB, a size in bytes (issue 11). The documents write "MB" without
# defining it; the model caps the same body at 5,242,880 characters = 5 x 1,048,576, so the
# service's own "5 MB" for this body is 5 x 2**20 bytes: UTF-8 bytes are checked against
# 5,242,880 (a body of 1.8 million "€" is 1.8 million characters but 5.4 million bytes).
BODY_BYTES: Final = 5 * 1024 * 1024
# Attachments from a file (docs/service-rules.md, "Attachments from a file"). Admin guide,
# feature specifications (https://docs.aws.amazon.com/connect/latest/adminguide/feature-limits.html):
# "Maximum file size for an attachment to an email, case, or a chat: 20MB" (an instance may set
# less, AttachedFilesConfiguration's MaximumSizeLimitInBytes). "MB" read as BODY_BYTES reads it.
ATTACHMENT_BYTES: Final = 20 * 1024 * 1024
# Body and attachments together at most 25 MB (docs/service-rules.md says where this is written
# and what could not be found).
EMAIL_TOTAL_BYTES: Final = 25 * 1024 * 1024
# botocore's model, EmailAttachment.FileName: 1 to 256 characters, pattern ^\P{C}*$.
FILE_NAME_LENGTH: Final = 256


def utf8_size(text: str) -> int:
    """The number of bytes `text` takes in UTF-8 (what Connect's byte budgets count)."""
    # ASCII text is one byte a character; `isascii` is a flag CPython keeps, so a 1 MB body
    # is not encoded again on every key.
    return len(text) if text.isascii() else len(text.encode("utf-8"))


def table(value: Any) -> dict[str, Any]:
    """`value` when it is a table (dict), else an empty one."""
    return value if isinstance(value, dict) else {}


def items(value: Any) -> list[Any]:
    """`value` when it is a list, else an empty one."""
    return value if isinstance(value, list) else []


def text(value: Any) -> str | None:
    """`value` when it is text, else None."""
    return value if isinstance(value, str) else None
