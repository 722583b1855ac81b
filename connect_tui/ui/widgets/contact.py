"""Provides ContactPane: a placeholder until the real pane lands."""

from __future__ import annotations

from typing import ClassVar

from connect_tui.core.model import Draft
from connect_tui.ui.widgets.pane import Pane


class ContactPane(Pane):
    """Placeholder Contact pane."""

    TITLE: ClassVar[str] = "Contact"
    MEMBERS: ClassVar[frozenset[str]] = frozenset(
        {
            "InstanceId",
            "ContactFlowId",
            "RelatedContactId",
            "Name",
            "Description",
            "ClientToken",
            "ContactId",
        }
    )

    def load(self, draft: Draft) -> None:
        """Nothing to show yet."""

    def apply(self, draft: Draft) -> None:
        """Nothing to write yet."""
