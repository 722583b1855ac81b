"""Provides PANE_INDEX: the composer's panes by name, tab title and key, without importing them.

The composer's first frame shows the first pane only, and the other panes' modules (row
lists, trees, text areas) cost the first frame time it does not need. What the tab strip,
the key bindings and the palette need to know about every pane is therefore here, and a
pane's class is imported when the pane is first made (`PaneEntry.load`). Each Pane class
still says its own NAME, TITLE and KEY; `load` refuses a class that disagrees with its
entry, so the two cannot drift apart unnoticed (tests/ui/test_composer_panes.py loads all).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Final, NamedTuple

if TYPE_CHECKING:
    from connect_tui.ui.widgets.pane import Pane


class PaneEntry(NamedTuple):
    """One pane of the composer: its name (ids `pane-NAME`, binding id `composer.pane_NAME`),
    its tab's title, the key that shows it, and the class that builds it."""

    # A NamedTuple, not a dataclass: made before the first frame, at a quarter of the cost.

    name: str
    title: str
    key: str
    class_path: str  # "module:ClassName"

    def load(self) -> type[Pane]:
        """The pane's class (its module is imported now, if it was not yet)."""
        module_name, _, class_name = self.class_path.partition(":")
        cls: type[Pane] = getattr(importlib.import_module(module_name), class_name)
        said = (cls.NAME, cls.TITLE, cls.KEY)
        if said != (self.name, self.title, self.key):
            raise TypeError(f"{self.class_path} says {said}, the pane index {self}")
        return cls


_WIDGETS = "connect_tui.ui.widgets"

#: The panes, in tab order. The first is the one the composer opens on.
PANE_INDEX: Final[tuple[PaneEntry, ...]] = (
    PaneEntry("addresses", "Addresses", "alt+a", f"{_WIDGETS}.addresses:AddressesPane"),
    PaneEntry("recipients", "Recipients", "alt+r", f"{_WIDGETS}.recipients:RecipientsPane"),
    PaneEntry("message", "Message", "alt+m", f"{_WIDGETS}.message:MessagePane"),
    PaneEntry("references", "References", "alt+e", f"{_WIDGETS}.references:ReferencesPane"),
    PaneEntry("attributes", "Attributes", "alt+t", f"{_WIDGETS}.attributes:AttributesPane"),
    PaneEntry("segments", "Segments", "alt+s", f"{_WIDGETS}.segments:SegmentsPane"),
    PaneEntry("attachments", "Attachments", "alt+h", f"{_WIDGETS}.attachments:AttachmentsPane"),
    PaneEntry("contact", "Contact", "alt+c", f"{_WIDGETS}.contact:ContactPane"),
    PaneEntry("target", "Target", "alt+g", f"{_WIDGETS}.target:TargetPane"),
    PaneEntry("preview", "Preview", "alt+p", f"{_WIDGETS}.preview:PreviewPane"),
)

#: Each pane's entry by name.
PANES_BY_NAME: Final = {entry.name: entry for entry in PANE_INDEX}
#: The key that shows each pane, by name.
PANE_KEYS: Final = {entry.name: entry.key for entry in PANE_INDEX}
#: The pane the composer opens on.
FIRST_PANE: Final = PANE_INDEX[0].name
