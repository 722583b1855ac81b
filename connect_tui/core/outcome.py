"""Provides SendOutcome: what one send did, the one record of it that everything else reads.

The composer's result dialog, `connect-tui send`'s lines and JSON, and the history all
start from a SendOutcome: the history entry is a SendOutcome with its number and the
target's settings added (connect_tui.core.history.HistoryEntry), so a field added here
reaches every one of them. It imports nothing of connect_tui: sending and history both
stand on it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Final

#: The fields that hold the requests as sent: left out of summaries (they can be large).
REQUEST_FIELDS: Final = ("request", "create_contact")


@dataclass(frozen=True)
class SendOutcome:
    """What one send did: the ContactId(s) made, or the error, and how long it took.

    `target` describes where it went, never with credentials (model.Target.describe).
    `request` and `create_contact` are the resolved requests as sent (ClientTokens included).
    """

    profile: str
    operation: str
    target: str
    contact_id: str | None = None
    created_contact_id: str | None = None
    #: The contact an agent reply answers (CreateContact's RelatedContactId), if any.
    related_contact_id: str | None = None
    client_token: str | None = None
    request_id: str | None = None
    error_code: str | None = None
    error: str | None = None
    #: "sent", "not sent" (proved: nothing was made) or "may exist" (check with the
    #: ClientToken; connect_tui.core.attempts). None in history lines written before it.
    status: str | None = None
    #: When the send started (seconds since the epoch) and how long it took (seconds).
    started_at: float = 0.0
    elapsed: float = 0.0
    request: dict[str, Any] | None = field(default=None, repr=False)
    create_contact: dict[str, Any] | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        """True when the contact was made."""
        return self.error is None and self.contact_id is not None

    @property
    def may_exist(self) -> bool:
        """True when the send failed but may have made its contact (the ClientToken tells)."""
        return self.status == "may exist"

    def summary(self) -> dict[str, Any]:
        """The outcome as JSON-ready data, without the requests."""
        data = asdict(self)
        for key in REQUEST_FIELDS:
            data.pop(key)
        return data
