"""Provides MessagePane: a placeholder until the real pane lands."""

from __future__ import annotations

from typing import ClassVar

from connect_tui.core.model import Draft
from connect_tui.ui.widgets.pane import Pane


class MessagePane(Pane):
    """Placeholder Message pane."""

    TITLE: ClassVar[str] = "Message"
    MEMBERS: ClassVar[frozenset[str]] = frozenset({"EmailMessage"})

    def load(self, draft: Draft) -> None:
        """Nothing to show yet."""

    def apply(self, draft: Draft) -> None:
        """Nothing to write yet."""
