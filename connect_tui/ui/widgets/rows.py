"""Provides RowList: an editable list of rows of fields, shared by every table-like pane.

Recipients, references, attributes, attachments, message headers and template
attributes are all "rows of a few text fields". A RowList shows them as a RowSheet does
(row_sheet: one live row of fields over rows drawn line by line) and lets the user add,
remove and move rows from the keyboard (ctrl+n, ctrl+d, alt+up/alt+down; up/down and
tab go from cell to cell across rows) and with the mouse (an Add button, a ✕ per row).
Every user edit posts `RowList.Changed`; a value the list sets itself never does.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Button, Input, Select

from connect_tui.ui.widgets.row_cells import Column, RemoveRow
from connect_tui.ui.widgets.row_sheet import RowSheet
from connect_tui.ui.widgets.row_store import RowCell
from connect_tui.ui.widgets.row_table import RowTable

__all__ = ["Column", "RemoveRow", "RowCell", "RowList"]


class RowList(RowSheet):
    """Rows of fields the user adds, removes and moves (see RowSheet for the showing)."""

    # Every row key is a priority binding: it runs in the app's own loop, in the order the
    # keys came, and moves the focus at once. A plain binding runs only once the key has
    # bubbled up from the focused cell, and the keys typed after it (text right after
    # ctrl+n, a second ctrl+d) would already have gone to the old cell.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "add", "Add row", id="rows.add", priority=True),
        # An Input binds ctrl+d to delete-right: the row's key must win anyway.
        Binding("ctrl+d", "remove", "Remove row", id="rows.remove", priority=True),
        Binding("alt+up", "move(-1)", "Move row up", id="rows.up", priority=True),
        Binding("alt+down", "move(1)", "Move row down", id="rows.down", priority=True),
        # Up and down go to the same cell of the row above or below; at either end (and
        # in a Select, which opens its list on them) the keys are left to others.
        Binding("up", "cursor(-1)", "Cell above", show=False, id="rows.previous", priority=True),
        Binding("down", "cursor(1)", "Cell below", show=False, id="rows.next", priority=True),
        # Tab from a row's last cell goes on to the next row's first (shift+tab back); out
        # of the first or last row the keys are left to the screen (the next field).
        Binding("tab", "tab(1)", "Next cell", show=False, id="rows.next_cell", priority=True),
        Binding(
            "shift+tab",
            "tab(-1)",
            "Previous cell",
            show=False,
            id="rows.previous_cell",
            priority=True,
        ),
    ]

    def row_of(self, widget: Widget | RowCell | None) -> int | None:
        """The index of the row that holds `widget` (a cell, its handle, a ✕), or None."""
        if isinstance(widget, RowCell):
            return self.cell_index(widget)
        if widget is None or not self._store:
            return None
        if widget is self._live or self._live in widget.ancestors:
            return self._live_index
        return None

    @property
    def focused_row(self) -> int | None:
        """The index of the row that has the focus, or None."""
        return self.row_of(self.screen.focused) if self.is_mounted else None

    # -- the mouse ---------------------------------------------------------------------------

    @on(Button.Pressed, ".rows-add")
    async def _add_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        await self.add_row(len(self._store))

    @on(RemoveRow.Pressed)
    async def _remove_pressed(self, event: RemoveRow.Pressed) -> None:
        event.stop()
        if self._store:
            await self.remove_row(self._live_index)

    async def on_row_table_pressed(self, event: RowTable.Pressed) -> None:
        """A click on a drawn row: edit the cell clicked (a Select opens), or remove the row."""
        event.stop()
        if event.key is None:
            await self.remove_row(event.row)
            return
        self.focus_cell(event.row, event.key)
        cell = self._live.cells[event.key]
        if isinstance(cell, Select):
            cell.expanded = True

    # -- edits of the rows -------------------------------------------------------------------

    async def add_row(self, index: int, values: dict[str, str] | None = None) -> bool:
        """Insert a row at `index` (as the user would) and focus its first field.

        Refused with a notice when the list already has `limit` rows; True when added.
        """
        if self._limit is not None and self.filled >= self._limit:
            self.notify(
                f"At most {self._limit} {self.noun}s; remove one first.",
                title=f"Cannot add {self.noun}",
                severity="warning",
                markup=False,
            )
            return False
        await self.insert_rows(index, [values or {}])
        return True

    async def insert_rows(
        self, index: int, rows: list[dict[str, str]], *, replace: bool = False
    ) -> None:
        """Put `rows` at `index` (as the user would), replacing the row there if `replace`.

        One Changed is posted for all of them; the focus goes to the last one's first cell.
        No limit is applied here: the caller says how many fit.
        """
        if not rows:
            return
        index = max(0, min(index, len(self._store)))
        if replace and index < len(self._store):
            self._store.put(index, rows[0])
            rows, index = rows[1:], index + 1
        self._store.insert(index, rows)
        self._live_index = -1  # shown again below, wherever it lands
        self.focus_cell(index + len(rows) - 1, select=False)
        cell = self._live.cells[self.columns[0].key]
        if isinstance(cell, Input):
            # After its focus selects the text: typing goes on at the end, as after a paste.
            cell.call_later(cell.action_end)
        self._changed()

    async def remove_row(self, index: int) -> None:
        """Remove the row at `index` (as the user would); the focus goes to a neighbour."""
        if not 0 <= index < len(self._store):
            return
        focused = self.screen.focused
        had_focus = self._focus_in_live_row() and index == self._live_index
        self._store.remove(index)
        if index < self._live_index:
            self._live_index -= 1
        if had_focus and self._store:
            self._live_index = -1
            key = focused.name if focused is not None else None
            self.focus_cell(min(index, len(self._store) - 1), key)
        else:
            self._show()
            if had_focus:
                self.focus_row()  # the Add button, so ctrl+n still works
        self._changed()

    async def move_row(self, index: int, offset: int) -> None:
        """Move the row at `index` by `offset` places (as the user would), keeping its focus."""
        target = index + offset
        if not (0 <= index < len(self._store) and 0 <= target < len(self._store)):
            return
        live_id = self._store.id_at(self._live_index)
        self._store.move(index, target)
        self._live_index = self._store.index_of(live_id) or 0
        self._show()
        self._live.scroll_visible(animate=False)
        self._changed()

    # -- actions (the keys) -----------------------------------------------------------------

    async def action_add(self) -> None:
        """Add a row after the focused one (at the end when no row has the focus)."""
        focused = self.focused_row
        await self.add_row(len(self._store) if focused is None else focused + 1)

    async def action_remove(self) -> None:
        """Remove the focused row."""
        focused = self.focused_row
        if focused is not None:
            await self.remove_row(focused)

    async def action_move(self, offset: int) -> None:
        """Move the focused row up (-1) or down (1)."""
        focused = self.focused_row
        if focused is not None:
            await self.move_row(focused, offset)

    def _live_cell(self) -> Input | Select[str] | None:
        focused = self.screen.focused if self.is_mounted else None
        cells = self._live.cells
        return cells.get(focused.name or "") if focused in cells.values() and focused else None

    def _tab_target(self, offset: int) -> tuple[int, str] | None:
        """Where tab (1) or shift+tab (-1) goes when it stays in the list, else None."""
        keys = [column.key for column in self.columns]
        count = len(self._store)
        focused = self.screen.focused if self.is_mounted else None
        if offset < 0 and count and focused is self._add:
            return count - 1, keys[-1]  # from Add back to the last row's last cell
        cell = self._live_cell()
        if cell is None or not keys:
            return None
        row = self._live_index + offset
        if cell.name == keys[-1 if offset > 0 else 0] and 0 <= row < count:
            return row, keys[0 if offset > 0 else -1]
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Up and down apply only in an Input with a row above or below it; tab and
        shift+tab only at a row's last or first cell with a row after or before it."""
        offset = parameters[0] if parameters else None
        if action == "tab":
            return isinstance(offset, int) and self._tab_target(offset) is not None
        if action != "cursor":
            return True
        cell = self._live_cell()
        return (
            isinstance(cell, Input)
            and isinstance(offset, int)
            and 0 <= self._live_index + offset < len(self._store)
        )

    async def action_cursor(self, offset: int) -> None:
        """Focus the same cell in the row `offset` rows away."""
        cell = self._live_cell()
        row = self._live_index + offset
        if cell is not None and 0 <= row < len(self._store):
            self.focus_cell(row, cell.name)

    async def action_tab(self, offset: int) -> None:
        """Go on to the next row's first cell (1) or the previous row's last cell (-1)."""
        target = self._tab_target(offset)
        if target is not None:
            self.focus_cell(*target)
