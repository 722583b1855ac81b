"""Provides the Addresses pane's words and order: its titles, field labels, placeholders and hints.

Both the pane (connect_tui.ui.widgets.addresses) and the sketch that stands in for it in
the composer's first frame (connect_tui.ui.widgets.addresses_sketch) are drawn from this
one description, so the two cannot show different words.
"""

from __future__ import annotations

from typing import Final, NamedTuple

from connect_tui.core.model import Draft
from connect_tui.ui.widgets.field_values import table_of, text_of

FROM: Final = "FromEmailAddress"
DESTINATION: Final = "DestinationEmailAddress"


class Field(NamedTuple):
    """One field of the pane: its Input's id, its label and its placeholder."""

    id: str
    label: str
    placeholder: str


FROM_ADDRESS: Final = Field("from-address", "Address", "e.g. customer@example.com")
FROM_NAME: Final = Field("from-name", "Display name", "e.g. Customer Name")
DESTINATION_ADDRESS: Final = Field("destination-address", "Address", "e.g. support@example.com")
#: Shown outbound only (inbound, Destination is a bare address).
DESTINATION_NAME: Final = Field("destination-name", "Display name", "e.g. Customer Name")

FROM_TITLE: Final = "From"
DESTINATION_TITLE: Final = "Destination"


def hints(outbound: bool) -> tuple[str, str]:
    """The hints under From and under Destination, for an outbound or an inbound draft."""
    if outbound:
        return (
            "Optional: an address of your instance (empty: left out).",
            "The customer the email goes to.",
        )
    return (
        "Required: the customer writing in.",
        "An address of your instance (a bare address: no display name).",
    )


def shown_values(draft: Draft) -> dict[str, str]:
    """What each field shows for `draft`, by the field's id (Destination is a bare address
    inbound and a table outbound; either shape is read whichever the operation)."""
    request = draft.request
    sender = table_of(request.get(FROM))
    destination = request.get(DESTINATION)
    if isinstance(destination, dict):
        destination_address = text_of(destination.get("EmailAddress"))
        destination_name = text_of(destination.get("DisplayName"))
    else:
        destination_address, destination_name = text_of(destination), ""
    return {
        FROM_ADDRESS.id: text_of(sender.get("EmailAddress")),
        FROM_NAME.id: text_of(sender.get("DisplayName")),
        DESTINATION_ADDRESS.id: destination_address,
        DESTINATION_NAME.id: destination_name,
    }
