"""Provides HistoryScreen: past sends, newest first; reopen one as a draft or send it again."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Footer, Static

from connect_tui.core import history
from connect_tui.core.files import UserError
from connect_tui.core.model import OUTBOUND
from connect_tui.ui.dialogs.choice import dialog_css
from connect_tui.ui.on_top import DismissedOnTopOnly

#: What the screen returns: ("open", "resend" or "follow", entry number), or None when closed.
Chosen = tuple[str, int] | None


def local_time(stamp: str) -> str:
    """An ISO time from the history as local `YYYY-MM-DD HH:MM:SS` (as written if unreadable)."""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return stamp


def result_text(entry: history.HistoryEntry) -> str:
    """The ContactId(s) of a send, or its error."""
    if entry.ok:
        ids = entry.contact_id or ""
        if entry.created_contact_id and entry.created_contact_id != entry.contact_id:
            ids = f"{entry.created_contact_id} → {ids}"
        return ids
    if entry.may_exist:
        # r resends with the same ClientToken: it returns the contact if it was made.
        return f"? may exist (ClientToken {entry.client_token}): {entry.error}"
    return f"✖ {entry.error or 'failed'}"


class HistoryScreen(DismissedOnTopOnly, ModalScreen[Chosen]):
    """Every recorded send; enter or o reopens one as a draft, r sends it again."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="history.close"),
        Binding("o", "reopen", "Reopen as draft", id="history.reopen"),
        Binding("r", "resend", "Resend", id="history.resend"),
        Binding("f", "follow", "Follow the contact", id="history.follow"),
    ]
    DEFAULT_CSS = (
        dialog_css("HistoryScreen")
        + """
    HistoryScreen > .dialog {
        width: 100%;
        height: 100%;
        border: none;
        padding: 0 1;
    }
    HistoryScreen DataTable {
        height: 1fr;
    }
    HistoryScreen #history-empty {
        color: $text-muted;
        height: auto;
    }
    """
    )

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[history.HistoryEntry] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content("History of sends (newest first)"), classes="dialog--title")
            yield Static(Content("Nothing has been sent yet."), id="history-empty")
            yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
            with Horizontal(classes="dialog--buttons"):
                yield Button("Reopen as draft (o)", id="reopen", variant="primary")
                yield Button("Resend (r)", id="resend")
                yield Button("Follow (f)", id="follow")
                yield Button("Close (esc)", id="close")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("#", "time", "profile", "operation", "ContactId / error", "target")
        notices: list[str] = []
        try:
            self.entries = list(reversed(history.read(notices=notices)))
        except UserError as exc:
            self.notify(str(exc), severity="error", markup=False)
        for notice in notices:  # a damaged line: the others still show
            self.notify(notice, severity="warning", markup=False)
        for entry in self.entries:
            # Text, not str: a DataTable reads str cells as markup; user text stays literal.
            table.add_row(
                str(entry.number),
                local_time(entry.time),
                Text(entry.profile),
                "outbound" if entry.operation == OUTBOUND else "inbound",
                Text(result_text(entry)),
                Text(entry.target),
                key=str(entry.number),
            )
        self.query_one("#history-empty").display = not self.entries
        table.focus()

    @property
    def selected(self) -> history.HistoryEntry | None:
        """The entry under the cursor."""
        table = self.query_one(DataTable)
        if not self.entries or table.cursor_row < 0 or table.cursor_row >= len(self.entries):
            return None
        return self.entries[table.cursor_row]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_reopen()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        await self.run_action(event.button.id or "close")

    def _choose(self, action: str) -> None:
        entry = self.selected
        if entry is None:
            return
        if entry.request is None:
            self.notify(f"Entry {entry.number} has no request to use again.", severity="warning")
            return
        self.dismiss((action, entry.number))

    def action_reopen(self) -> None:
        """Open the highlighted send as a new draft."""
        self._choose("open")

    def action_resend(self) -> None:
        """Send the highlighted send again (its own ClientToken when it was not sent)."""
        self._choose("resend")

    def action_follow(self) -> None:
        """Open the live view of the highlighted send's contact."""
        entry = self.selected
        if entry is None:
            return
        if not entry.contact_id:
            self.notify(f"Entry {entry.number} made no contact to follow.", severity="warning")
            return
        self.dismiss(("follow", entry.number))

    def action_close(self) -> None:
        """Back to the composer."""
        self.dismiss(None)
