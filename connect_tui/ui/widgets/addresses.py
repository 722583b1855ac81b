"""Provides AddressesPane: the From and Destination addresses of an email contact.

Inbound, From (the customer) is required and DestinationEmailAddress is a bare address
(an address of the instance). Outbound, From (an address of the instance) may be left
out and DestinationEmailAddress is an address with an optional display name.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Input

from connect_tui.core.model import Draft
from connect_tui.core.problems import Problem
from connect_tui.ui.widgets.addresses_text import (
    DESTINATION,
    DESTINATION_ADDRESS,
    DESTINATION_NAME,
    DESTINATION_TITLE,
    FROM,
    FROM_ADDRESS,
    FROM_NAME,
    FROM_TITLE,
    Field,
    hints,
    shown_values,
)
from connect_tui.ui.widgets.fields import (
    FieldRow,
    Hint,
    SectionTitle,
    put,
    put_table,
    table_of,
    text_input,
)
from connect_tui.ui.widgets.pane import Pane

#: Location (member, sub-member) -> the id of the Input that shows it.
_FIELDS = {
    (FROM, "EmailAddress"): FROM_ADDRESS.id,
    (FROM, "DisplayName"): FROM_NAME.id,
    (DESTINATION, "EmailAddress"): DESTINATION_ADDRESS.id,
    (DESTINATION, "DisplayName"): DESTINATION_NAME.id,
}


def _row(field: Field, *, id: str | None = None) -> FieldRow:
    return FieldRow(field.label, text_input(field.id, field.placeholder), id=id)


class AddressesPane(Pane):
    """From (address and display name) and Destination (a bare address inbound)."""

    TITLE: ClassVar[str] = "Addresses"
    NAME: ClassVar[str] = "addresses"
    KEY: ClassVar[str] = "alt+a"
    HELP: ClassVar[str] = """\
# Addresses

**From** is who the email is from.
- *Inbound* (StartEmailContact): the customer writing in. Required.
- *Outbound* (StartOutboundEmailContact): an email address of your instance.
  Optional: leave it empty to leave it out of the request.

**Destination** is who the email goes to.
- *Inbound*: an email address of your instance (a bare address, no display name).
  Routing needs it to be one of the instance's addresses, or a contact flow id
  (Contact pane).
- *Outbound*: the customer, with an optional display name.

Limits: an address is 1 to 255 characters and looks like `name@domain.tld`;
a display name is at most 256 characters. `${name}` uses a variable (Target pane).

Keys: `tab` / `shift+tab` move between fields; invalid fields are tinted, and their
problem is shown in the Problems list and as a tooltip.
"""
    MEMBERS: ClassVar[frozenset[str]] = frozenset({FROM, DESTINATION})
    WRITES = MEMBERS  # apply() writes these members only

    DEFAULT_CSS = """
    AddressesPane .-hidden {
        display: none;
    }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._outbound = False

    def compose(self) -> ComposeResult:
        """From, then Destination."""
        # What connect_tui.ui.widgets.addresses_sketch draws in the first frame, line for line.
        yield SectionTitle(FROM_TITLE, id="from-title")
        yield _row(FROM_ADDRESS)
        yield _row(FROM_NAME)
        yield Hint("", id="from-hint")
        yield SectionTitle(DESTINATION_TITLE)
        yield _row(DESTINATION_ADDRESS)
        yield _row(DESTINATION_NAME, id="destination-name-row")
        yield Hint("", id="destination-hint")

    def _input(self, id: str) -> Input:
        return self.query_one(f"#{id}", Input)

    def load(self, draft: Draft) -> None:
        """Fill From and Destination; show the display name of Destination only outbound."""
        self._outbound = draft.is_outbound
        with self.quietly():
            for field_id, value in shown_values(draft).items():
                self._input(field_id).value = value
        self.query_one("#destination-name-row").set_class(not self._outbound, "-hidden")
        from_hint, destination_hint = hints(self._outbound)
        self.query_one("#from-hint", Hint).update(from_hint)
        self.query_one("#destination-hint", Hint).update(destination_hint)

    def apply(self, draft: Draft) -> None:
        """Write both addresses; an empty From (or Destination) drops the member."""
        request = draft.request
        sender = table_of(request.get(FROM))
        put(sender, "EmailAddress", self._input(FROM_ADDRESS.id).value)
        put(sender, "DisplayName", self._input(FROM_NAME.id).value)
        put_table(request, FROM, sender)

        address = self._input(DESTINATION_ADDRESS.id).value
        if draft.is_outbound:
            destination = table_of(request.get(DESTINATION))
            put(destination, "EmailAddress", address)
            put(destination, "DisplayName", self._input(DESTINATION_NAME.id).value)
            put_table(request, DESTINATION, destination)
        else:
            put(request, DESTINATION, address)

    def field_for(self, problem: Problem) -> Widget | None:
        """The Input of the address or display name the problem is about."""
        location = problem.location
        if not location or str(location[0]) not in self.MEMBERS:
            return None
        member = str(location[0])
        part = str(location[1]) if len(location) > 1 else "EmailAddress"
        field_id = _FIELDS.get((member, part), _FIELDS[(member, "EmailAddress")])
        return self._input(field_id)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Any edit here changes the draft."""
        event.stop()
        self.changed()
