"""Provides RecipientsPane: the To and Cc recipients besides the destination, as rows.

Inbound (StartEmailContact) takes AdditionalRecipients.ToAddresses and CcAddresses;
outbound (StartOutboundEmailContact) only CcEmailAddresses, so the To list is hidden
(a draft switched to outbound keeps its To recipients in Cc: see core.conversion).
Each entry is {EmailAddress, DisplayName}; an empty display name is left out.

A row is written when anything was typed in it, even with no address, so that the
validator can say the address is missing; a row left blank is not written. Problems
name entries by their index in the request, which skips blank rows: `_written` maps
one to the other.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Static

from connect_tui.core.address_list import split_addresses
from connect_tui.core.model import Draft
from connect_tui.core.problems import Problem
from connect_tui.core.rules import MAX_ADDITIONAL_RECIPIENTS
from connect_tui.ui.widgets.fields import Hint, SectionTitle, table_of, text_of
from connect_tui.ui.widgets.pane import Field, Pane
from connect_tui.ui.widgets.row_extras import EXTRA, Extras
from connect_tui.ui.widgets.rows import Column, RowList

MEMBER = "AdditionalRecipients"
TO, CC, OUTBOUND_CC = "ToAddresses", "CcAddresses", "CcEmailAddresses"
ADDRESS, NAME = "EmailAddress", "DisplayName"
_SHOWN = (ADDRESS, NAME)
COLUMNS = (
    Column(ADDRESS, "Address", placeholder="e.g. name@example.com", width="3fr"),
    Column(NAME, "Display name", placeholder="optional, e.g. Ann Lee", width="2fr"),
)


def _written(rows: list[dict[str, str]]) -> list[int]:
    """The indexes of the rows that are written, in order (rows with anything typed)."""
    return [i for i, row in enumerate(rows) if row.get(ADDRESS) or row.get(NAME)]


class RecipientsPane(Pane):
    """To and Cc lists (Cc only, outbound) with a live count against the limit."""

    TITLE: ClassVar[str] = "Recipients"
    NAME: ClassVar[str] = "recipients"
    KEY: ClassVar[str] = "alt+r"
    HELP: ClassVar[str] = f"""\
# Recipients

Who else gets the email besides the destination (Addresses pane), one per row:
an **address** and an optional **display name**. There is no Bcc.

- *Inbound* (StartEmailContact): **To** and **Cc** lists; together at most
  {MAX_ADDITIONAL_RECIPIENTS} recipients besides the destination
  ({MAX_ADDITIONAL_RECIPIENTS + 1} in all).
- *Outbound* (StartOutboundEmailContact): **Cc** only, at most {MAX_ADDITIONAL_RECIPIENTS}.
  Switching an inbound draft to outbound moves its To recipients into Cc
  (and back again when switched back).

Paste a list of addresses into an address (one a line, or separated by
commas or semicolons, as a mail client copies them, `Name <address>` too):
each becomes a row, up to the limit; a notice names those that did not fit.

The count at the top turns red past the limit. An address that repeats
another one (or the destination) is flagged. A row with nothing typed is left out.

Keys: `ctrl+n` add a row after this one, `ctrl+d` remove this row,
`alt+up` / `alt+down` move it; `up` / `down` go to the row above or below;
`tab` moves between cells and lists.
"""
    MEMBERS: ClassVar[frozenset[str]] = frozenset({MEMBER})
    WRITES = MEMBERS  # apply() writes these members only

    DEFAULT_CSS = """
    RecipientsPane {
        .recipients-count {
            height: 1;
            margin-bottom: 1;
            &.-over, &.-invalid {
                color: $text-error;
                text-style: bold;
            }
        }
        .-hidden {
            display: none;
        }
    }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._outbound = False
        #: False when the draft's AdditionalRecipients is not shaped as lists (kept as it is).
        self._editable = True
        self._extras = Extras()

    def compose(self) -> ComposeResult:
        """The count, the To list (inbound only) and the Cc list."""
        yield Static("", classes="recipients-count", markup=False)
        yield Hint("", classes="recipients-note")
        yield SectionTitle("To", classes="recipients-to")
        yield RowList(COLUMNS, noun="To recipient", id="recipients-to")
        yield SectionTitle("Cc")
        yield RowList(COLUMNS, noun="Cc recipient", id="recipients-cc")

    @property
    def to_list(self) -> RowList:
        """The To rows (hidden outbound)."""
        return self.query_one("#recipients-to", RowList)

    @property
    def cc_list(self) -> RowList:
        """The Cc rows."""
        return self.query_one("#recipients-cc", RowList)

    def load(self, draft: Draft) -> None:
        """Show the lists of the draft's operation; hide To outbound."""
        self._outbound = draft.is_outbound
        value = draft.request.get(MEMBER)
        table = table_of(value)
        names = (OUTBOUND_CC,) if self._outbound else (TO, CC)
        self._editable = (value is None or isinstance(value, dict)) and all(
            table.get(name) is None or isinstance(table.get(name), list) for name in names
        )
        note = "" if self._editable else f"{MEMBER} in this draft is not in the API's shape; kept."
        hint = self.query_one(".recipients-note", Hint)
        hint.update(note)
        hint.display = bool(note)
        self._extras.clear()
        to_rows = self._rows_of(table.get(TO)) if not self._outbound else []
        cc_rows = self._rows_of(table.get(OUTBOUND_CC if self._outbound else CC))
        with self.quietly():
            self.to_list.set_rows(to_rows)
            self.cc_list.set_rows(cc_rows)
        for widget in (self.to_list, *self.query(".recipients-to")):
            widget.set_class(self._outbound or not self._editable, "-hidden")
        self.cc_list.set_class(not self._editable, "-hidden")
        self._count()

    def _rows_of(self, entries: Any) -> list[dict[str, str]]:
        rows = []
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict):
                address, name = text_of(entry.get(ADDRESS)), text_of(entry.get(NAME))
            else:
                address, name = text_of(entry), ""
            rows.append({ADDRESS: address, NAME: name, EXTRA: self._extras.keep(entry, _SHOWN)})
        return rows

    def _entries(self, rows: list[dict[str, str]]) -> list[dict[str, Any]]:
        entries = []
        for index in _written(rows):
            row = rows[index]
            entry = self._extras.of(row)
            entry[ADDRESS] = row[ADDRESS]  # even empty: the validator then says it is missing
            if row[NAME]:
                entry[NAME] = row[NAME]
            else:
                entry.pop(NAME, None)
            entries.append(entry)
        return entries

    def apply(self, draft: Draft) -> None:
        """Write the lists; empty lists, and then AdditionalRecipients, are left out."""
        if not self._editable:
            return
        recipients = table_of(draft.request.get(MEMBER))
        if draft.is_outbound:
            lists = {OUTBOUND_CC: self._entries(self.cc_list.rows)}
        else:
            lists = {TO: self._entries(self.to_list.rows), CC: self._entries(self.cc_list.rows)}
        for name, entries in lists.items():
            if entries:
                recipients[name] = entries
            else:
                recipients.pop(name, None)
        if recipients:
            draft.request[MEMBER] = recipients
        else:
            draft.request.pop(MEMBER, None)

    def _count(self) -> None:
        """Show how many recipients the lists hold against the limit."""
        cc = len(_written(self.cc_list.rows))
        if self._outbound:
            used, detail = cc, "Cc"
        else:
            to = len(_written(self.to_list.rows))
            used, detail = to + cc, f"To {to} + Cc {cc}"
        label = self.query_one(".recipients-count", Static)
        limit = MAX_ADDITIONAL_RECIPIENTS
        text = f"{used} of {limit} recipients besides the destination ({detail})"
        if text != str(label.content):  # most keys change no count: an update lays out the screen
            label.update(text)
        label.set_class(used > MAX_ADDITIONAL_RECIPIENTS, "-over")

    def field_for(self, problem: Problem) -> Field | None:
        """A recipient's cell, a whole list, or the count for the limit across both lists."""
        location = problem.location
        if not location or location[0] != MEMBER:
            return None
        if len(location) == 1:
            return self.query_one(".recipients-count", Static)
        row_list = self._list_named(str(location[1]))
        if row_list is None or len(location) == 2 or not isinstance(location[2], int):
            return row_list
        written = _written(row_list.rows)
        if not 0 <= location[2] < len(written):
            return row_list
        part = str(location[3]) if len(location) > 3 else ADDRESS
        return row_list.field(written[location[2]], part if part in _SHOWN else ADDRESS)

    def _list_named(self, name: str) -> RowList | None:
        if self._outbound:
            return self.cc_list if name == OUTBOUND_CC else None
        return {TO: self.to_list, CC: self.cc_list}.get(name)

    def focus_problem(self, problem: Problem) -> bool:
        """Focus the problem's cell; for too many recipients, a list's last row (to remove it)."""
        target = self.field_for(problem)
        if target is not None and target.has_class("recipients-count"):
            target = self.cc_list if self.cc_list.rows or self._outbound else self.to_list
        if any(row_list.focus_target(target, row=-1) for row_list in (self.to_list, self.cc_list)):
            return True
        return super().focus_problem(problem)

    def on_row_list_changed(self, event: RowList.Changed) -> None:
        """A user edit in either list: recount, and tell the screen."""
        event.stop()
        self._count()
        self.changed()

    async def take_paste(self, cell: Widget, text: str) -> bool:
        """A list of addresses pasted into an address cell: one recipient row each.

        The app calls this for a paste, in the order of the keys around it (see
        connect_tui.ui.keys). The entries fill the row pasted into when it is blank, then
        new rows after it, up to the limit of recipients across both lists; those that
        do not fit are named in a notice, never dropped without a word. False: not a list
        (or not an address cell), so the cell pastes the text itself.
        """
        entries = split_addresses(text) if cell.name == ADDRESS else None
        row_list = next(
            (rl for rl in (self.to_list, self.cc_list) if rl.row_of(cell) is not None), None
        )
        if entries is None or row_list is None:
            return False
        index = row_list.row_of(cell)
        assert index is not None
        current = row_list.rows[index]
        blank = not (current[ADDRESS] or current[NAME])
        used = len(_written(self.cc_list.rows))
        if not self._outbound:
            used += len(_written(self.to_list.rows))
        room = max(0, MAX_ADDITIONAL_RECIPIENTS - used)
        fit, left = entries[:room], entries[room:]
        rows = [{ADDRESS: address, NAME: name} for address, name in fit]
        await row_list.insert_rows(index if blank else index + 1, rows, replace=blank)
        if left:
            shown = ", ".join(address for address, _ in left[:5])
            more = f" and {len(left) - 5} more" if len(left) > 5 else ""
            self.notify(
                f"{len(left)} of the {len(entries)} pasted addresses were not added: at most "
                f"{MAX_ADDITIONAL_RECIPIENTS} recipients besides the destination. "
                f"Not added: {shown}{more}.",
                title="Too many recipients",
                severity="warning",
                markup=False,
                timeout=20,
            )
        return True
