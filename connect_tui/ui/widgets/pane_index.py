"""Provides the composer's panes in tab order: key, tab title, alt+ letter, and each pane's class.

The classes are imported when a pane is first built, not when the composer is: the first
frame shows the first pane only, and importing the other nine (with the row editors, the
segment tree, the preview) would add tens of milliseconds before it. The titles are
written here for the same reason (the tab strip shows them in the first frame);
tests/test_import_hygiene.py checks that they match each class's TITLE.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from connect_tui.ui.widgets.pane import Pane

#: The panes, in tab order: (key, tab title). Tab ids are `tab-KEY`, pane ids `pane-KEY`.
PANES: Final[tuple[tuple[str, str], ...]] = (
    ("addresses", "Addresses"),
    ("recipients", "Recipients"),
    ("message", "Message"),
    ("references", "References"),
    ("attributes", "Attributes"),
    ("segments", "Segments"),
    ("attachments", "Attachments"),
    ("contact", "Contact"),
    ("target", "Target"),
    ("preview", "Preview"),
)

#: The key of the pane the first frame shows.
FIRST: Final = PANES[0][0]

#: A letter per pane for alt+LETTER. Terminals send alt+DIGIT as ESC DIGIT, which Textual
#: reads as a macOS Option character (ESC 3 is "£"), so alt+1 … alt+0 work only where the
#: terminal reports them as such (kitty's protocol, tests); the letters work everywhere.
PANE_LETTERS: Final = {
    "addresses": "a",
    "recipients": "r",
    "message": "m",
    "references": "f",
    "attributes": "t",
    "segments": "s",
    "attachments": "h",
    "contact": "c",
    "target": "g",
    "preview": "p",
}


def pane_keys(index: int, key: str) -> str:
    """The keys that show pane `key` (at `index` in PANES), as a Binding takes them."""
    return f"alt+{PANE_LETTERS[key]},alt+{(index + 1) % 10}"


def pane_class(key: str) -> type[Pane]:
    """The class of pane `key`, its module imported on first use; KeyError if unknown."""
    # One explicit import per pane (not importlib), so the layer test sees every edge.
    if key == "addresses":
        from connect_tui.ui.widgets.addresses import AddressesPane

        return AddressesPane
    if key == "recipients":
        from connect_tui.ui.widgets.recipients import RecipientsPane

        return RecipientsPane
    if key == "message":
        from connect_tui.ui.widgets.message import MessagePane

        return MessagePane
    if key == "references":
        from connect_tui.ui.widgets.references import ReferencesPane

        return ReferencesPane
    if key == "attributes":
        from connect_tui.ui.widgets.attributes import AttributesPane

        return AttributesPane
    if key == "segments":
        from connect_tui.ui.widgets.segments import SegmentsPane

        return SegmentsPane
    if key == "attachments":
        from connect_tui.ui.widgets.attachments import AttachmentsPane

        return AttachmentsPane
    if key == "contact":
        from connect_tui.ui.widgets.contact import ContactPane

        return ContactPane
    if key == "target":
        from connect_tui.ui.widgets.target import TargetPane

        return TargetPane
    if key == "preview":
        from connect_tui.ui.widgets.preview import PreviewPane

        return PreviewPane
    raise KeyError(key)
