"""A small app that hosts one pane, for pilot tests of that pane alone.

It plays the composer screen's part of the contract: it loads the draft into the pane,
and on `Pane.Changed` applies the pane to the draft, validates, and shows the problems,
recording every Changed message so tests can assert on what the pane posted.
"""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.widget import Widget
from textual.widgets import Input

from connect_tui.core.model import Draft
from connect_tui.core.problems import Problem
from connect_tui.core.validation import validate
from connect_tui.ui.widgets.pane import Pane
from connect_tui.ui.widgets.rows import RowCell, RowList


class PaneHarness(App[None]):
    """Hosts `pane`, edits `draft` through it, and keeps `problems` up to date."""

    def __init__(self, pane: Pane, draft: Draft, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.pane = pane
        self.draft = draft
        self.changes: list[Pane.Changed] = []
        self.problems: list[Problem] = []

    def compose(self) -> ComposeResult:
        yield self.pane

    def on_mount(self) -> None:
        self.pane.load(self.draft)
        self.revalidate()

    def on_pane_changed(self, message: Pane.Changed) -> None:
        self.changes.append(message)
        message.pane.apply(self.draft)
        self.revalidate()

    def revalidate(self) -> None:
        """Validate the draft and show the problems in the pane."""
        self.problems = validate(self.draft)
        self.pane.show_problems(self.problems)

    def reload(self, draft: Draft) -> None:
        """Load another draft into the pane (as the screen does on open or operation switch)."""
        self.draft = draft
        self.pane.load(draft)
        self.revalidate()


def pane_rows(app: PaneHarness) -> RowList:
    """The (first) RowList of the hosted pane."""
    return app.pane.query_one(RowList)


def pane_cell(app: PaneHarness, row: int, key: str) -> RowCell:
    """The cell `key` of row `row` in the pane's RowList (a handle that follows its row)."""
    cell = pane_rows(app).field(row, key)
    assert isinstance(cell, RowCell)
    return cell


def pane_status(app: PaneHarness) -> str:
    """The text of the RowList's status line (counts, bytes used)."""
    return str(pane_rows(app).query_one(".rows-status").render())


def pane_field(app: PaneHarness, id: str) -> Input:
    """The pane's Input with this id."""
    return app.pane.query_one(f"#{id}", Input)


def pane_shows(app: PaneHarness, id: str) -> bool:
    """True when the widget `#id` and every ancestor up to the pane are displayed."""
    node = app.pane.query_one(f"#{id}")
    while node is not app.pane:
        if not node.display:
            return False
        parent = node.parent
        assert isinstance(parent, Widget)
        node = parent
    return True
