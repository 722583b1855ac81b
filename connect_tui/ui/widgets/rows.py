"""Provides RowList: an editable list of rows of fields, shared by every table-like pane.

Recipients, references, attributes, attachments, message headers and template
attributes are all "rows of a few text fields". RowList edits such rows from the
keyboard (ctrl+n add, ctrl+d remove, alt+up/alt+down move) and the mouse (an Add
button, a remove button per row), and posts `RowList.Changed` on every user edit.

The list keeps its own copy of the values (`rows`), so it can tell a user's edit from
the echo of a value it set itself: setting values programmatically never posts Changed.
Rows are one line high; the rows and their cells live in connect_tui.ui.widgets.row_cells.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from connect_tui.ui.keys import focus_now
from connect_tui.ui.widgets.row_cells import CellRow, Column, RemoveRow, cell_value

__all__ = ["Column", "RemoveRow", "RowList"]


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
        .rows-body {
            height: auto;
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

    #: Rows mounted at a time (see `_mount_some`).
    CHUNK: ClassVar[int] = 40

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
        # A Select cell costs about what three Inputs do to mount: fewer rows a chunk.
        selects = sum(1 for column in self.columns if column.choices is not None)
        self._chunk = max(1, self.CHUNK // (1 + 3 * selects))
        self.noun = noun
        self._limit = limit
        self._values: list[dict[str, str]] = []
        self._row_widgets: list[CellRow] = []
        self._status = ""
        self._body = Vertical(classes="rows-body")
        self._empty = Static(
            Content(f"No {noun}s yet: press ctrl+n or Add {noun}."), classes="rows-empty"
        )
        self._status_label = Static("", classes="rows-status")
        self._header = Horizontal(classes="rows-header")

    # -- the public interface -------------------------------------------------------------

    @property
    def rows(self) -> list[dict[str, str]]:
        """Every row, values as typed ("" when empty), in the order shown."""
        return [dict(values) for values in self._values]

    def set_rows(self, rows: list[dict[str, str]]) -> None:
        """Replace every row without posting Changed; row widgets are reused where they can be."""
        self._values = [self._complete(row) for row in rows]
        if self.is_mounted:
            self._sync()

    def field(self, row: int, key: str) -> Widget | None:
        """The Input or Select of one cell, or None when there is no such cell."""
        if not 0 <= row < len(self._row_widgets):
            return None
        return self._row_widgets[row].cells.get(key)

    def set_status(self, text: str, *, over: bool = False) -> None:
        """Set the line under the rows ("120 of 4,096 bytes"); `over` shows it as an error."""
        self._status = text
        self._status_label.set_class(over, "-over")
        self._show_status()

    def focus_row(self, row: int = 0) -> None:
        """Focus the first cell of a row (-1: the last), or the Add button when there is none."""
        if not self._row_widgets:
            self._focus_now(self.query_one(".rows-add", Button))
            return
        index = max(-len(self._row_widgets), min(row, len(self._row_widgets) - 1))
        self._focus_when_mounted(self._row_widgets[index].cells[self.columns[0].key])

    def focus_field(self, widget: Widget) -> bool:
        """Focus `widget` if it is one of this list's cells; True if it is.

        Unlike `widget.focus()`, this works for a row still waiting to be mounted.
        """
        if not any(widget in row.cells.values() for row in self._row_widgets):
            return False
        self._focus_when_mounted(widget)
        return True

    def focus_target(self, target: Widget | None, *, row: int = 0) -> bool:
        """Focus what a pane's `field_for` named, if it is this list or one of its cells.

        The list itself (a problem about the whole list) focuses row `row`. True if focused.
        """
        if target is self:
            if not self.display:
                return False
            self.focus_row(row)
            return True
        return target is not None and self.focus_field(target)

    def _focus_now(self, widget: Widget) -> None:
        # Not `widget.focus()`: see connect_tui.ui.keys (the next key must land here).
        focus_now(widget)

    def _focus_when_mounted(self, widget: Widget) -> None:
        if not self._pending():
            self._focus_now(widget)
            return

        async def focus_later() -> None:
            await self.mount_pending()
            self._focus_now(widget)

        self.call_later(focus_later)

    @property
    def limit(self) -> int | None:
        """The most rows a user may add (loaded rows beyond it are kept); None for no limit."""
        return self._limit

    @limit.setter
    def limit(self, limit: int | None) -> None:
        self._limit = limit
        self._show_status()

    def row_of(self, widget: Widget | None) -> int | None:
        """The index of the row that holds `widget` (a cell or the remove button), or None."""
        node = widget
        while node is not None and node is not self:
            if isinstance(node, CellRow) and node.parent is self._body:
                return self._row_widgets.index(node)
            node = node.parent if isinstance(node.parent, Widget) else None
        return None

    @property
    def focused_row(self) -> int | None:
        """The index of the row that has the focus, or None."""
        return self.row_of(self.screen.focused) if self.is_mounted else None

    # -- building ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """The headings, the rows, and the footer with the Add button and status line."""
        with self._header:
            for column in self.columns:
                heading = Label(Content(column.label), classes="rows-heading")
                heading.styles.width = column.width
                yield heading
            yield Label("", classes="rows-gap")
        yield self._body
        yield self._empty
        with Horizontal(classes="rows-footer"):
            yield Button(Content(f"+ Add {self.noun}"), compact=True, classes="rows-add")
            yield self._status_label

    def on_mount(self) -> None:
        """Build the rows set before the widget was mounted."""
        self._sync()

    def _complete(self, row: dict[str, str]) -> dict[str, str]:
        return {**row, **{c.key: str(row.get(c.key, "") or "") for c in self.columns}}

    def _sync(self) -> None:
        """Make the row widgets show `_values`: reuse, then mount or remove the difference."""
        widgets = self._row_widgets
        # A row still being mounted (set_rows twice in a row) cannot take new values yet:
        # its Selects have no options until mounted. It is replaced, and so are those after.
        reusable = next((i for i, row in enumerate(widgets) if not row.is_mounted), len(widgets))
        keep = min(reusable, len(self._values))
        with self.prevent(Input.Changed, Select.Changed):
            for row, values in zip(widgets[:keep], self._values, strict=False):
                row.set_values(self.columns, values)
            surplus = widgets[keep:]
            missing = [CellRow(self.columns, v) for v in self._values[keep:]]
        del widgets[keep:]
        widgets.extend(missing)
        for row in surplus:
            if row.parent is not None:
                row.remove()
        self._mount_some()
        self._show_status()

    def _pending(self) -> list[CellRow]:
        # Rows not yet handed to mount: always the last ones, as they are mounted in order.
        return [row for row in self._row_widgets if row.parent is None]

    def _mount_some(self) -> None:
        """Mount the next CHUNK rows, and the rest after the next refresh.

        A few hundred rows take seconds to mount; in chunks, the app keeps answering keys
        and drawing frames meanwhile (the composer loads every pane, shown or not).
        """
        pending = self._pending()
        if not pending:
            return
        # Each chunk costs a layout of every row mounted so far: chunks grow with them,
        # so the layouts add up to a few times the rows, not rows squared over CHUNK.
        size = max(self._chunk, (len(self._row_widgets) - len(pending)) // 2)
        with self.prevent(Input.Changed, Select.Changed):
            self._body.mount_all(pending[:size])
        if len(pending) > size:
            self.call_after_refresh(self._mount_some)

    async def mount_pending(self) -> None:
        """Mount every row not mounted yet (before an edit, which needs them all in place)."""
        pending = self._pending()
        if pending:
            with self.prevent(Input.Changed, Select.Changed):
                await self._body.mount_all(pending)

    @property
    def filled(self) -> int:
        """The rows with something typed in them: an empty row is not one of the `limit`."""
        return sum(1 for row in self._values if any(row.get(c.key) for c in self.columns))

    def _show_status(self) -> None:
        # Headings over no rows only take a line: the empty line says what to do instead.
        self._empty.display = not self._values
        self._header.display = bool(self._values)
        parts = []
        if self._limit is not None:
            parts.append(f"{self.filled} of {self._limit}")
        if self._status:
            parts.append(self._status)
        # A fixed-size line: no layout pass (with 200 rows, a layout pass is the cost of a key).
        self._status_label.update(Content(" · ".join(parts)), layout=False)

    # -- user edits -------------------------------------------------------------------------

    def _changed(self) -> None:
        self._show_status()
        self.post_message(self.Changed(self))

    @on(Input.Changed)
    @on(Select.Changed)
    def _cell_changed(self, event: Input.Changed | Select.Changed) -> None:
        # Cell messages stop here: a pane listens for RowList.Changed instead.
        event.stop()
        cell = event.control
        index = self.row_of(cell)
        key = cell.name
        if index is None or key is None or not isinstance(cell, Input | Select):
            return
        value = cell_value(cell)
        if self._values[index].get(key) == value:
            return  # the echo of a value set by set_rows, not an edit
        self._values[index][key] = value
        self._changed()

    @on(Button.Pressed, ".rows-add")
    async def _add_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        await self.add_row(len(self._values))

    @on(RemoveRow.Pressed)
    async def _remove_pressed(self, event: RemoveRow.Pressed) -> None:
        event.stop()
        index = self.row_of(event.mark)
        if index is not None:
            await self.remove_row(index)

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
        await self.mount_pending()
        index = max(0, min(index, len(self._values)))
        row_values = self._complete(values or {})
        with self.prevent(Input.Changed, Select.Changed):
            row = CellRow(self.columns, row_values)
        self._values.insert(index, row_values)
        self._row_widgets.insert(index, row)
        if index + 1 < len(self._row_widgets):
            await self._body.mount(row, before=self._row_widgets[index + 1])
        else:
            await self._body.mount(row)
        if self.columns:
            self._focus_now(row.cells[self.columns[0].key])
        self._changed()
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
        await self.mount_pending()
        index = max(0, min(index, len(self._values)))
        added = [self._complete(values) for values in rows]
        if replace and index < len(self._values):
            self._values[index] = added[0]
            with self.prevent(Input.Changed, Select.Changed):
                self._row_widgets[index].set_values(self.columns, added[0])
            added, index = added[1:], index + 1
        with self.prevent(Input.Changed, Select.Changed):
            new_rows = [CellRow(self.columns, values) for values in added]
        self._values[index:index] = added
        self._row_widgets[index:index] = new_rows
        if new_rows:
            following = index + len(new_rows)
            if following < len(self._row_widgets):
                await self._body.mount_all(new_rows, before=self._row_widgets[following])
            else:
                await self._body.mount_all(new_rows)
        last = index + len(new_rows) - 1 if new_rows else index - 1
        if self.columns and 0 <= last < len(self._row_widgets):
            cell = self._row_widgets[last].cells[self.columns[0].key]
            self._focus_now(cell)
            if isinstance(cell, Input):
                # After its focus selects the text: typing goes on at the end, as after a paste.
                cell.call_later(cell.action_end)
        self._changed()

    async def remove_row(self, index: int) -> None:
        """Remove the row at `index` (as the user would); the focus goes to a neighbour."""
        if not 0 <= index < len(self._values):
            return
        await self.mount_pending()
        row = self._row_widgets[index]
        focused = self.screen.focused
        had_focus = focused is not None and self.row_of(focused) == index
        del self._values[index]
        del self._row_widgets[index]
        if had_focus:
            self._focus_neighbour(index, focused.name if focused is not None else None)
        await row.remove()
        self._changed()

    def _focus_neighbour(self, index: int, column: str | None) -> None:
        if not self._row_widgets:
            self.focus_row()
            return
        neighbour = self._row_widgets[min(index, len(self._row_widgets) - 1)]
        key = column if column in neighbour.cells else self.columns[0].key
        self._focus_now(neighbour.cells[key])

    async def move_row(self, index: int, offset: int) -> None:
        """Move the row at `index` by `offset` places (as the user would), keeping its focus."""
        target = index + offset
        if not (0 <= index < len(self._values) and 0 <= target < len(self._values)):
            return
        await self.mount_pending()
        row = self._row_widgets[index]
        other = self._row_widgets[target]
        if offset < 0:
            self._body.move_child(row, before=other)
        else:
            self._body.move_child(row, after=other)
        self._values.insert(target, self._values.pop(index))
        self._row_widgets.insert(target, self._row_widgets.pop(index))
        row.scroll_visible()
        self._changed()

    # -- actions (the keys) -----------------------------------------------------------------

    async def action_add(self) -> None:
        """Add a row after the focused one (at the end when no row has the focus)."""
        focused = self.focused_row
        await self.add_row(len(self._values) if focused is None else focused + 1)

    async def action_remove(self) -> None:
        """Remove the focused row."""
        focused = self.focused_row
        if focused is not None:
            await self.remove_row(focused)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Up and down apply only in an Input with a row above or below it."""
        if action != "cursor":
            return True
        focused = self.screen.focused if self.is_mounted else None
        row = self.row_of(focused)
        if not isinstance(focused, Input) or row is None or not parameters:
            return False
        offset = parameters[0]
        return isinstance(offset, int) and 0 <= row + offset < len(self._row_widgets)

    async def action_cursor(self, offset: int) -> None:
        """Focus the same cell in the row `offset` rows away."""
        focused = self.screen.focused
        row = self.row_of(focused)
        if focused is None or row is None or not 0 <= row + offset < len(self._row_widgets):
            return
        await self.mount_pending()
        cells = self._row_widgets[row + offset].cells
        self._focus_now(cells.get(focused.name or "", cells[self.columns[0].key]))

    async def action_move(self, offset: int) -> None:
        """Move the focused row up (-1) or down (1)."""
        focused = self.focused_row
        if focused is not None:
            await self.move_row(focused, offset)
