"""Provides RowSheet: rows of fields shown as a spreadsheet shows them, the base of RowList.

The values live in a RowStore (row_store); one live row of real fields (row_cells.CellRow)
edits whichever row has the cursor, and two RowTables (row_table) draw the rows above and
below it, line by line, with no widget per row or cell: 200 or 520 rows show at once, and
a key costs what it costs with one row (a widget per cell made each key lay out hundreds
of fields, and 200 rows took seconds to mount). A cell is named by a RowCell handle
(`field(row, key)`) that keeps its marks and focuses it; focusing a cell moves the live
row there. Typing in the live row changes its row and posts `Changed`; the values the
sheet sets itself are set `quietly` (connect_tui.ui.widgets.pane), as panes set theirs.
Adding, removing and moving rows, by keys and by mouse, is RowList's (rows.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from connect_tui.ui.keys import focus_now
from connect_tui.ui.widgets.pane import quietly
from connect_tui.ui.widgets.part_marks import PartMarks
from connect_tui.ui.widgets.row_cells import CellRow, Column, RemoveRow, cell_value
from connect_tui.ui.widgets.row_store import RowCell, RowStore
from connect_tui.ui.widgets.row_table import RowTable


class RowSheet(PartMarks):
    """Rows of fields (a live row over drawn ones), headings, an Add button, a status line.

    Keys that are in a row dict but not among the columns ride along with their row,
    unshown, so a pane can keep data it does not edit attached to the right row.
    """

    MARKED_PARTS = ".rows-header, .rows-status"
    DEFAULT_CSS = """
    RowSheet {
        height: auto;
        margin: 0 0 1 0;

        /* A problem with the whole list (too many rows, too many bytes). */
        &.-invalid .rows-header, &.-invalid .rows-status {
            color: $text-error;
        }
        &.-warning .rows-header, &.-warning .rows-status {
            color: $text-warning;
        }

        .rows-header {
            height: 1;
            color: $text-muted;
            text-style: bold;
        }
        .rows-heading {
            margin-right: 1;
        }
        .rows-gap {
            width: 3;
            min-width: 3;
        }
        .rows-empty {
            height: 1;
            color: $text-muted;
            text-style: italic;
        }
        .rows-footer {
            height: 1;
            margin-top: 1;
        }
        .rows-add {
            min-width: 0;
            width: auto;
            margin-right: 2;
        }
        .rows-status {
            width: 1fr;
            height: 1;
            color: $text-muted;
            &.-over {
                color: $text-error;
                text-style: bold;
            }
        }
    }
    """

    # Named as RowList's: panes handle it as `on_row_list_changed`.
    class Changed(Message, namespace="row_list"):
        """The user edited, added, removed or moved a row."""

        def __init__(self, row_list: RowSheet) -> None:
            super().__init__()
            self.row_list = row_list

        @property
        def control(self) -> RowSheet:
            """The list that changed."""
            return self.row_list

    def __init__(
        self,
        columns: Sequence[Column],
        *,
        noun: str = "row",
        limit: int | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.columns: tuple[Column, ...] = tuple(columns)
        self.noun = noun
        self._limit = limit
        self._store = RowStore([column.key for column in self.columns], self)
        #: The row the live row edits (0 when there are none).
        self._live_index = 0
        self._spans: list[tuple[int, int]] | None = None
        self._status = ""
        self._header = Horizontal(classes="rows-header")
        self._above = RowTable(self.columns, self._store, self.column_spans, classes="rows-above")
        with quietly(self):  # its fields' first values are not the user's
            self._live = CellRow(self.columns, {})
        self._below = RowTable(self.columns, self._store, self.column_spans, classes="rows-below")
        self._empty = Static(
            Content(f"No {noun}s yet: press ctrl+n or Add {noun}."), classes="rows-empty"
        )
        self._status_label = Static("", classes="rows-status")
        self._add = Button(Content(f"+ Add {noun}"), compact=True, classes="rows-add")

    # -- the public interface -------------------------------------------------------------

    @property
    def rows(self) -> list[dict[str, str]]:
        """Every row, values as typed ("" when empty), in the order shown."""
        return self._store.copies()

    def set_rows(self, rows: list[dict[str, str]]) -> None:
        """Replace every row without posting Changed (the marks of the old rows go too)."""
        self._store.replace(rows)
        if not self._focus_in_live_row():
            self._live_index = 0
        if self.is_mounted:
            self._show()

    def field(self, row: int, key: str) -> RowCell | None:
        """The cell `key` of row `row` (a handle that follows its row), or None if none."""
        if not 0 <= row < len(self._store) or key not in self._store.keys:
            return None
        return self._store.cell(row, key)

    def set_status(self, text: str, *, over: bool = False) -> None:
        """Set the line under the rows ("120 of 4,096 bytes"); `over` shows it as an error."""
        self._status = text
        self._status_label.set_class(over, "-over")
        self._show_status()

    def focus_row(self, row: int = 0) -> None:
        """Focus the first cell of a row (-1: the last), or the Add button when there is none."""
        count = len(self._store)
        if not count:
            focus_now(self._add)
            return
        self.focus_cell(max(0, min(row if row >= 0 else count + row, count - 1)))

    def focus_field(self, widget: Widget | RowCell) -> bool:
        """Focus `widget` if it is one of this list's cells; True if it is."""
        if isinstance(widget, RowCell):
            index = self.cell_index(widget)
            if index is not None:
                self.focus_cell(index, widget.name)
            return index is not None
        if widget in self._live.cells.values() and self._store:
            self.focus_cell(self._live_index, widget.name)
            return True
        return False

    def focus_target(self, target: Widget | RowCell | None, *, row: int = 0) -> bool:
        """Focus what a pane's `field_for` named, if it is this list or one of its cells.

        The list itself (a problem about the whole list) focuses row `row`. True if focused.
        """
        if target is self:
            if not self.display:
                return False
            self.focus_row(row)
            return True
        return target is not None and self.focus_field(target)

    @property
    def limit(self) -> int | None:
        """The most rows a user may add (loaded rows beyond it are kept); None for no limit."""
        return self._limit

    @limit.setter
    def limit(self, limit: int | None) -> None:
        self._limit = limit
        self._show_status()

    @property
    def filled(self) -> int:
        """The rows with something typed in them: an empty row is not one of the `limit`."""
        return self._store.filled()

    # -- building and showing ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """The headings, the rows (drawn above, live, drawn below), then Add and the status."""
        with self._header:
            for column in self.columns:
                heading = Label(Content(column.label), classes="rows-heading")
                heading.styles.width = column.width
                yield heading
            yield Label("", classes="rows-gap")
        yield self._above
        yield self._live
        yield self._below
        yield self._empty
        with Horizontal(classes="rows-footer"):
            yield self._add
            yield self._status_label

    def on_mount(self) -> None:
        """Show the rows set before the widget was mounted; follow the focus."""
        self.watch(self.screen, "focused", self._focus_moved, init=False)
        self._show()

    def _show(self) -> None:
        """Show the rows: the live row at `_live_index`, the tables above and below it."""
        count = len(self._store)
        live = self._live_index = max(0, min(self._live_index, count - 1))
        self._above.show(0, live if count else 0)
        self._below.show(live + 1, max(0, count - live - 1))
        self._live.display = count > 0
        if count:
            with quietly(self):
                self._live.set_values(self.columns, self._store.row(live))
            self._show_live_marks()
        self._show_status()

    def _show_live_marks(self) -> None:
        marks = {}
        for column in self.columns:
            cell = self._store.cell_at(self._live_index, column.key)
            if cell is not None:
                marks[column.key] = (cell.classes, cell.tooltip)
        self._live.show_marks(marks)

    def _show_status(self) -> None:
        # Headings over no rows only take a line: the empty line says what to do instead.
        self._empty.display = not self._store
        self._header.display = bool(self._store)
        parts = []
        if self._limit is not None:
            parts.append(f"{self.filled} of {self._limit}")
        if self._status:
            parts.append(self._status)
        # A fixed-size line: no layout pass (with 200 rows, a layout pass is the cost of a key).
        self._status_label.update(Content(" · ".join(parts)), layout=False)

    def _focus_in_live_row(self) -> bool:
        focused = self.screen.focused if self.is_mounted else None
        return focused is not None and self._live in focused.ancestors_with_self

    def _focus_moved(self, focused: Widget | None) -> None:
        # The focus left for another field: the list is entered again at its first row
        # (tab from the field above lands there, as in a list of widgets). Not when it went
        # nowhere (the terminal lost the focus): it comes back to the same cell.
        if focused is None or self in focused.ancestors or not self._live_index:
            return
        self._live_index = 0
        self._show()

    def focus_cell(self, index: int, key: str | None = None, *, select: bool = True) -> None:
        """Edit row `index` in the live row and focus its cell `key` (default: the first).

        Focusing a field selects its text; the live row's own field, moved to another row,
        is selected the same way (`select`), so typing replaces it as after a focus.
        """
        if not self._store:
            return
        if index != self._live_index:
            self._live_index = index
            self._show()
        cell = self._live.cells.get(key or "", self._live.cells[self.columns[0].key])
        if self.screen.focused is cell:
            if select and isinstance(cell, Input):
                cell.select_all()
        else:
            focus_now(cell)
        # Once the live row is laid out where it now is.
        self.call_after_refresh(self._live.scroll_visible, animate=False)

    def cell_region(self, row: int, key: str | None = None) -> Region:
        """Where on the screen the cell `key` of row `row` is (None: its ✕), once drawn."""
        spans = self.column_spans()
        if spans is None or not 0 <= row < len(self._store):
            return Region()
        keys = [column.key for column in self.columns]
        x, width = spans[keys.index(key) if key is not None else -1]
        if row == self._live_index:
            origin = self._live.region.offset
        else:
            table = self._above if row < self._live_index else self._below
            origin = table.region.offset + (0, row - table.start)
        return Region(origin.x + x, origin.y, width, 1)

    # -- what the tables and the handles ask ------------------------------------------------

    def column_spans(self) -> list[tuple[int, int]] | None:
        """(x, width) of each column's field in the live row, then of its ✕ (for the tables)."""
        if self._spans is None:
            origin = self._live.region
            parts = [*self._live.cells.values(), self._live.query_one(RemoveRow)]
            if not origin.width or not all(part.region.width for part in parts):
                return None
            self._spans = [(part.region.x - origin.x, part.region.width) for part in parts]
        return self._spans

    def on_cell_row_resized(self, event: CellRow.Resized) -> None:
        """The live row's fields moved: the tables draw their cells again, to match."""
        event.stop()
        self._spans = None
        self._above.refresh()
        self._below.refresh()

    def cell_index(self, cell: RowCell) -> int | None:
        """The row a handle's cell is in now (None once removed, or not this list's)."""
        return self._store.index_of_cell(cell)

    def cell_text(self, cell: RowCell) -> str:
        """A handle's text."""
        index = self.cell_index(cell)
        return "" if index is None else self._store.row(index)[cell.name]

    def cell_marked(self, cell: RowCell) -> None:
        """Show a cell's new marks, in the live row or in the table that draws it."""
        index = self.cell_index(cell)
        if index is None or not self.is_mounted:
            return
        if index == self._live_index:
            self._show_live_marks()
        else:
            (self._above if index < self._live_index else self._below).refresh_row(index)

    def cell_focus(self, cell: RowCell) -> bool:
        """Focus a handle's cell."""
        return self.focus_field(cell)

    def cell_has_focus(self, cell: RowCell) -> bool:
        """True when the live row edits the handle's row and its field has the focus."""
        field = self._live.cells.get(cell.name)
        return (
            self.is_mounted
            and self.cell_index(cell) == self._live_index
            and field is not None
            and self.screen.focused is field
        )

    def cell_scroll_visible(self, cell: RowCell) -> None:
        """Scroll the container the list is in until the handle's cell is in view."""
        index = self.cell_index(cell)
        region = self.cell_region(index, cell.name) if index is not None else Region()
        container = next((node for node in self.ancestors if isinstance(node, Widget)), None)
        while container is not None and not container.is_scrollable:
            parent = container.parent
            container = parent if isinstance(parent, Widget) else None
        if container is not None and region:
            # From the screen to the container's scrolled (virtual) space.
            shift = container.scroll_offset - container.content_region.offset
            container.scroll_to_region(region.translate(shift), animate=False, immediate=True)

    # -- user edits -------------------------------------------------------------------------

    def _changed(self) -> None:
        self._show_status()
        self.post_message(self.Changed(self))

    def on_input_changed(self, event: Input.Changed) -> None:
        """A key typed in the live row: the row it edits changes."""
        self._cell_changed(event)

    def on_select_changed(self, event: Select.Changed) -> None:
        """A choice made in the live row."""
        self._cell_changed(event)

    def _cell_changed(self, event: Input.Changed | Select.Changed) -> None:
        # Cell messages stop here: a pane listens for RowList.Changed instead. Values this
        # list sets itself are set `quietly`: what arrives here is the user's.
        event.stop()
        cell = event.control
        key = cell.name
        if not self._store or key is None or cell not in self._live.cells.values():
            return
        self._store.set(self._live_index, key, cell_value(cell))
        self._changed()
