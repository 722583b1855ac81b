"""Provides RowList: an editable list of rows of fields, shared by every table-like pane.

Recipients, references, attributes, attachments, message headers and template
attributes are all "rows of a few text fields". RowList edits such rows from the
keyboard (ctrl+n add, ctrl+d remove, alt+up/alt+down move, up/down and tab between
cells) and the mouse (an Add button, a ✕ per row), and posts `RowList.Changed` on every
user edit, never on a value it set itself (it sets values `quietly`, as panes do).

It is built as a spreadsheet is, so that 200 rows show at once and a key costs what it
costs with one row: the values live in a RowStore, one live row of real fields
(row_cells.CellRow) edits whichever row has the cursor, and two RowTables draw the rows
above and below it, line by line, with no widget per row (row_table). A pane names a
cell with `field(row, key)`, a RowCell handle (row_store) that keeps the cell's marks
and focuses it. The keys and the mouse are in connect_tui.ui.widgets.row_keys.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.visual import VisualType
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from connect_tui.ui.keys import focus_now
from connect_tui.ui.widgets.pane import quietly
from connect_tui.ui.widgets.row_cells import CellRow, Column, RemoveRow, cell_value
from connect_tui.ui.widgets.row_store import RowCell, RowStore
from connect_tui.ui.widgets.row_table import RowTable

__all__ = ["Column", "RemoveRow", "RowCell", "RowList"]


class RowList(Widget):
    """A vertical list of rows of fields, with an Add button and a status line.

    Keys that are in a row dict but not among the columns ride along with their row,
    unshown, so a pane can keep data it does not edit attached to the right row.
    """

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

    DEFAULT_CSS = """
    RowList {
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

    class Changed(Message):
        """The user edited, added, removed or moved a row."""

        def __init__(self, row_list: RowList) -> None:
            super().__init__()
            self.row_list = row_list

        @property
        def control(self) -> RowList:
            """The RowList that changed."""
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
        self._store = RowStore([column.key for column in self.columns])
        #: The handles given out by `field`, by (row id, key): they carry the cells' marks.
        self._cells: dict[tuple[int, str], RowCell] = {}
        #: The row the live row edits (0 when there are none).
        self._live_index = 0
        self._spans: list[tuple[int, int]] | None = None
        self._status = ""
        self._header = Horizontal(classes="rows-header")
        self._above = RowTable(self, classes="rows-above")
        with quietly(self):  # its fields' first values are not the user's
            self._live = CellRow(self.columns, {})
        self._below = RowTable(self, classes="rows-below")
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
        self._cells.clear()
        if not self._focus_in_live_row():
            self._live_index = 0
        if self.is_mounted:
            self._show()

    def field(self, row: int, key: str) -> RowCell | None:
        """The cell `key` of row `row` (a handle that follows its row), or None if none."""
        if not 0 <= row < len(self._store) or key not in self._store.keys:
            return None
        row_id = self._store.id_at(row)
        cell = self._cells.get((row_id, key))
        if cell is None:
            cell = self._cells[row_id, key] = RowCell(self, row_id, key)
        return cell

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
        row_id = self._store.id_at(self._live_index)
        marks: dict[str, tuple[frozenset[str], VisualType | None]] = {}
        for column in self.columns:
            cell = self._cells.get((row_id, column.key))
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
        self._live.scroll_visible(animate=False)

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

    def row_values(self, index: int) -> dict[str, str]:
        """The values of row `index` (for the tables)."""
        return self._store.row(index)

    def marks_of(self, index: int, key: str) -> frozenset[str]:
        """The marks on a cell (for the tables)."""
        cell = self._cells.get((self._store.id_at(index), key))
        return cell.classes if cell is not None else frozenset()

    def tooltip_of(self, index: int, key: str) -> VisualType | None:
        """The tooltip of a cell (for the tables)."""
        cell = self._cells.get((self._store.id_at(index), key))
        return cell.tooltip if cell is not None else None

    def cell_index(self, cell: RowCell) -> int | None:
        """The row a handle's cell is in now (None once removed, or not this list's)."""
        if self._cells.get((cell.row_id, cell.name)) is not cell:
            return None
        return self._store.index_of(cell.row_id)

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
        """Scroll a handle's row into view (its table's, or the live row)."""
        index = self.cell_index(cell)
        if index == self._live_index:
            self._live.scroll_visible(animate=False)
        elif index is not None:
            (self._above if index < self._live_index else self._below).scroll_visible()

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
        row_id = self._store.id_at(index)
        for column in self.columns:
            self._cells.pop((row_id, column.key), None)
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
