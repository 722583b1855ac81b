"""Provides ReferencesPane: a placeholder until the real pane lands."""

from __future__ import annotations

from typing import ClassVar

from connect_tui.core.model import Draft
from connect_tui.ui.widgets.pane import Pane


class ReferencesPane(Pane):
    """Placeholder References pane."""

    TITLE: ClassVar[str] = "References"
    MEMBERS: ClassVar[frozenset[str]] = frozenset({"References"})

    def load(self, draft: Draft) -> None:
        """Nothing to show yet."""

    def apply(self, draft: Draft) -> None:
        """Nothing to write yet."""
