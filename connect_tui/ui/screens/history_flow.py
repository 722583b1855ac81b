"""Provides HistoryFlow: f9's list of past sends, and what the composer does with the one chosen.

Reopen makes the draft as it was written (its variables kept) a new, unsaved draft; resend
sends it again as it was sent; follow opens the live view of the contact it made.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

if TYPE_CHECKING:
    from connect_tui.ui.screens.drafts import DraftFiles
    from connect_tui.ui.screens.send import Sending


class HistoryFlow:
    """Shows the history of sends over `screen`, then reopens, resends or follows one."""

    def __init__(
        self, screen: Screen[Any], files: DraftFiles, sender: Callable[[], Sending]
    ) -> None:
        """`sender` gives the screen's Sending (made when first used)."""
        self.screen = screen
        self.files = files
        self._sender = sender

    def show(self) -> None:
        """Push the history screen; what is chosen there comes back to `chosen`."""
        from connect_tui.ui.screens.history import HistoryScreen

        self.screen.app.push_screen(HistoryScreen(), self.chosen)

    def chosen(self, chosen: tuple[str, int] | None) -> None:
        """Act on the history screen's answer: ("open" | "send" | "follow", entry number)."""
        if chosen is None:
            return
        from connect_tui.core import history
        from connect_tui.core.files import UserError

        action, number = chosen
        try:
            entry = history.entry(number)
            # Reopen: the draft as written (variables kept), new and unsaved; else as sent.
            draft = history.to_new_draft(entry) if action == "open" else history.to_draft(entry)
        except UserError as exc:
            self.screen.notify(str(exc), severity="error", markup=False)
            return
        if action == "follow" and entry.contact_id:
            self._sender().follow(
                draft,
                entry.contact_id,
                sent_request=entry.request,
                created_request=entry.create_contact,
            )
        elif action == "open":
            self.files.reopen_history(draft, entry.profile, number)
        else:
            self._sender().send(draft)
