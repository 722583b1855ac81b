"""Provides the prose rules of the email itself: the message and its attachments.

RAW needs RawMessage and TEMPLATE its config; ContentType; the SES verdict headers; the
body's size in UTF-8 bytes beside the model's character maximum; attachments as presigned
S3 URLs of the default file types, and how many. Each rule id and its source address is
listed in docs/service-rules.md; the limits are named once in connect_tui.core.limits.
"""

from __future__ import annotations

from typing import Any

from connect_tui.core.limits import (
    BODY_BYTES,
    CONTENT_TYPES,
    DEFAULT_ATTACHMENT_EXTENSIONS,
    MAX_ATTACHMENTS_PER_EMAIL,
    SES_VERDICT_HEADERS,
    SES_VERDICTS,
    items,
    table,
    text,
    utf8_size,
)
from connect_tui.core.problems import Findings, MapKey
from connect_tui.core.shape_check import preview

_SOURCE_MEMBERS = {"RAW": "RawMessage", "TEMPLATE": "TemplatedMessageConfig"}


def email_message(request: dict[str, Any], found: Findings) -> None:
    """RAW needs RawMessage, TEMPLATE needs TemplatedMessageConfig; ContentType; SES verdicts;
    the body's UTF-8 size."""
    message = request.get("EmailMessage")
    if not isinstance(message, dict):
        return
    source = message.get("MessageSourceType")
    if isinstance(source, str) and source in _SOURCE_MEMBERS:
        needed = _SOURCE_MEMBERS[source]
        if needed not in message:
            found.error(
                ("EmailMessage", needed),
                f"is required when MessageSourceType is {source}",
                rule="message.source-member",
            )
        for other_source, other in _SOURCE_MEMBERS.items():
            if other_source != source and other in message:
                found.error(
                    ("EmailMessage", other),
                    f"is only for {other_source} messages; remove it or set "
                    f"MessageSourceType to {other_source}",
                    rule="message.other-member",
                )
    raw = table(message.get("RawMessage"))
    content_type = raw.get("ContentType")
    if isinstance(content_type, str) and content_type and content_type not in CONTENT_TYPES:
        found.error(
            ("EmailMessage", "RawMessage", "ContentType"),
            f"{preview(content_type)} is not allowed; use one of: {', '.join(CONTENT_TYPES)}",
            rule="message.content-type",
        )
    headers = table(raw.get("Headers"))
    for header in SES_VERDICT_HEADERS:
        verdict = headers.get(header)
        if isinstance(verdict, str) and verdict and verdict not in SES_VERDICTS:
            found.error(
                ("EmailMessage", "RawMessage", "Headers", MapKey(header)),
                f"{preview(verdict)} is not an SES verdict; use one of: {', '.join(SES_VERDICTS)}",
                rule="message.ses-verdict",
            )
    body = text(raw.get("Body"))
    # Only a body that could be over needs encoding: UTF-8 takes at most 4 bytes a character.
    if body is not None and len(body) * 4 > BODY_BYTES:
        size = utf8_size(body)
        if size > BODY_BYTES:
            found.error(
                ("EmailMessage", "RawMessage", "Body"),
                f"is {size:,} bytes of UTF-8 ({len(body):,} characters); a message body is at "
                f"most 5 MB, {BODY_BYTES:,} bytes (a character outside ASCII takes 2 to 4)",
                rule="message.body-bytes",
            )


def body_bytes(request: dict[str, Any]) -> int | None:
    """The UTF-8 size of the RAW body, for the Message pane's budget line (None: no body)."""
    body = text(table(table(request.get("EmailMessage")).get("RawMessage")).get("Body"))
    return None if body is None else utf8_size(body)


def attachments(request: dict[str, Any], found: Findings) -> None:
    """Attachments: a presigned S3 URL each, of Connect's default types, and how many.

    What a draft cannot tell: the size of each file (20 MB each by default) and of body and
    attachments together (25 MB). A presigned URL does not carry the object's size and
    connect-tui does not fetch it (validation is offline and runs on every keystroke), so
    those limits are left to the service; docs/service-rules.md says so.
    """
    listed = items(request.get("Attachments"))
    if len(listed) > MAX_ATTACHMENTS_PER_EMAIL:
        found.warn(
            ("Attachments",),
            f"has {len(listed)} attachments; the API takes up to 50, but Amazon Connect's "
            f"feature specifications allow {MAX_ATTACHMENTS_PER_EMAIL} per email (and SES "
            f"bounces received mail with more than {MAX_ATTACHMENTS_PER_EMAIL})",
            rule="attachments.count",
        )
    for index, attachment in enumerate(listed):
        attachment = table(attachment)
        name = text(attachment.get("FileName"))
        if name:
            extension = name.rsplit(".", 1)[1].lower() if "." in name.strip(".") else ""
            if extension not in DEFAULT_ATTACHMENT_EXTENSIONS:
                shown = f"'.{extension}'" if extension else "a name with no extension"
                found.warn(
                    ("Attachments", index, "FileName"),
                    f"{shown} is not among Amazon Connect's default attachment types "
                    "(refused unless the instance allows it)",
                    rule="attachments.extension",
                )
        url = text(attachment.get("S3Url"))
        if not url:
            continue
        if not url.startswith(("https://", "http://")):
            found.error(
                ("Attachments", index, "S3Url"),
                "must be a presigned S3 URL (https://…)",
                rule="attachments.url",
            )
        elif "X-Amz-Signature=" not in url:
            found.warn(
                ("Attachments", index, "S3Url"),
                "does not look presigned (no X-Amz-Signature); Connect must be able to fetch it",
                rule="attachments.presigned",
            )
