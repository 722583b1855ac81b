"""Provides the prose rules of the CreateContact step an outbound email is sent with.

Sources (docs/service-rules.md lists each rule id): the API Reference's CreateContact page
(EMAIL contacts are OUTBOUND, AGENT_REPLY or FLOW; UserInfo is required for OUTBOUND and
AGENT_REPLY), StartOutboundEmailContact (it sends agent replies and outbound contacts made
by CreateContact) and the agent workspace guide (a draft expires after 1 minute to 1 week).
"""

from __future__ import annotations

from typing import Any

from connect_tui.core.limits import DRAFT_EXPIRY_MINUTES, EMAIL_INITIATION_METHODS, table, text
from connect_tui.core.problems import Findings


def create_contact(request: dict[str, Any], found: Findings) -> None:
    """The CreateContact step of an outbound email: EMAIL, OUTBOUND or AGENT_REPLY, an agent."""
    channel = request.get("Channel")
    if isinstance(channel, str) and channel != "EMAIL":
        found.error(
            ("Channel",),
            f"is {channel}; an email contact needs EMAIL",
            rule="create-contact.channel",
        )
    method = request.get("InitiationMethod")
    if isinstance(method, str) and method not in EMAIL_INITIATION_METHODS:
        found.error(
            ("InitiationMethod",),
            f"is {method}; an outbound email takes one of: {', '.join(EMAIL_INITIATION_METHODS)}",
            rule="create-contact.initiation-method",
        )
    # "UserInfo is required when creating an EMAIL contact with OUTBOUND and AGENT_REPLY".
    needs_user = not isinstance(method, str) or method in EMAIL_INITIATION_METHODS
    if needs_user and not text(table(request.get("UserInfo")).get("UserId")):
        found.error(
            ("UserInfo", "UserId"),
            "is required: the agent the outbound email is from",
            rule="create-contact.user",
        )
    if method == "AGENT_REPLY" and "RelatedContactId" not in request:
        found.error(
            ("RelatedContactId",),
            "is required for AGENT_REPLY: the contact replied to",
            rule="create-contact.related-contact",
        )
    minutes = request.get("ExpiryDurationInMinutes")
    low, high = DRAFT_EXPIRY_MINUTES
    if isinstance(minutes, int) and not isinstance(minutes, bool) and not low <= minutes <= high:
        # Only the agent workspace guide gives a range (for a draft): a warning, not an error.
        found.warn(
            ("ExpiryDurationInMinutes",),
            f"is {minutes:,} minutes; the agent workspace lets a draft email expire after "
            f"{low} minute to {high:,} minutes (1 week); the API Reference gives no range",
            rule="create-contact.expiry",
        )
