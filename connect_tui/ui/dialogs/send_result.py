"""Provides SendResultDialog: the outcome of a send, with keys to copy and follow the ContactId."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button

from connect_tui.ui.dialogs.choice import dialog_css
from connect_tui.ui.on_top import DismissedOnTopOnly
from connect_tui.ui.widgets.send_result import SendResult

if TYPE_CHECKING:
    from connect_tui.core.outcome import SendOutcome


#: What the dialog returns when the user asks to follow the contact.
FOLLOW = "follow"


class SendResultDialog(DismissedOnTopOnly, ModalScreen[str | None]):
    """Shows a SendOutcome; `c` copies the ContactId, `f` follows the contact (returns FOLLOW)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "close", "Close", id="send_result.close"),
        Binding("c", "copy", "Copy ContactId", id="send_result.copy"),
        Binding("f", "follow", "Follow the contact", id="send_result.follow"),
    ]
    DEFAULT_CSS = (
        dialog_css("SendResultDialog")
        + """
    SendResultDialog > .dialog {
        width: 84;
    }
    SendResultDialog.-failed > .dialog {
        border: thick $error;
    }
    """
    )

    def __init__(self, outcome: SendOutcome) -> None:
        super().__init__()
        self.outcome = outcome

    def compose(self) -> ComposeResult:
        self.set_class(not self.outcome.ok, "-failed")
        with Vertical(classes="dialog"):
            yield SendResult(self.outcome, id="send-result")
            with Horizontal(classes="dialog--buttons"):
                if self.outcome.contact_id:
                    yield Button("Follow (f)", id="follow", variant="primary")
                    yield Button("Copy ContactId (c)", id="copy")
                yield Button("Close (esc)", id="close")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "copy":
            self.action_copy()
        elif event.button.id == "follow":
            self.action_follow()
        else:
            self.action_close()

    def action_copy(self) -> None:
        """Copy the ContactId (both, for an outbound send that created its contact)."""
        outcome = self.outcome
        if not outcome.contact_id:
            self.notify("There is no ContactId to copy.", severity="warning")
            return
        self.app.copy_to_clipboard(outcome.contact_id)
        self.notify(f"Copied {outcome.contact_id}", markup=False)

    def action_follow(self) -> None:
        """Close, and open the live view of the contact."""
        if not self.outcome.contact_id:
            self.notify("There is no contact to follow.", severity="warning")
            return
        self.dismiss(FOLLOW)

    def action_close(self) -> None:
        """Back to the draft."""
        self.dismiss(None)
