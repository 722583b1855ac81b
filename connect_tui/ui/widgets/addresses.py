"""Provides AddressesPane: a placeholder until the real pane lands."""

from __future__ import annotations

from typing import ClassVar

from connect_tui.core.model import Draft
from connect_tui.ui.widgets.pane import Pane


class AddressesPane(Pane):
    """Placeholder Addresses pane."""

    TITLE: ClassVar[str] = "Addresses"
    MEMBERS: ClassVar[frozenset[str]] = frozenset({"FromEmailAddress", "DestinationEmailAddress"})

    def load(self, draft: Draft) -> None:
        """Nothing to show yet."""

    def apply(self, draft: Draft) -> None:
        """Nothing to write yet."""
