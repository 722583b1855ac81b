"""Provides new_draft: the draft a user starts from, valid as it stands and sent to the sandbox.

It sits above model and conversion (an outbound new draft is the inbound one switched),
so that neither of those imports the other back.
"""

from __future__ import annotations

from connect_tui.core import sandbox_identity
from connect_tui.core.conversion import switch_operation
from connect_tui.core.model import INBOUND, Draft, Request


def new_draft(name: str = "untitled", operation: str = INBOUND) -> Draft:
    """A new draft that is valid as it stands and sends to the sandbox.

    It names the sandbox's default instance and address, so a user on a fresh machine
    can press send and see a ContactId before changing anything.
    """
    request: Request = {
        "InstanceId": sandbox_identity.INSTANCE_ID,
        "FromEmailAddress": {"EmailAddress": "customer@example.com", "DisplayName": "Customer"},
        "DestinationEmailAddress": sandbox_identity.SUPPORT_ADDRESS,
        "EmailMessage": {
            "MessageSourceType": "RAW",
            "RawMessage": {
                "Subject": "Hello from connect-tui",
                "Body": "This message was composed in connect-tui.",
                "ContentType": "text/plain",
            },
        },
    }
    draft = Draft(name=name, request=request)
    return switch_operation(draft, operation) if operation != INBOUND else draft
