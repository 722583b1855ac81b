"""Provides the parts of a RowList's rows: Column (what a cell edits), CellRow, the cells.

CellRow is a RowList's live row: the one row of real fields, moved to whichever row is
being edited (the others are drawn by connect_tui.ui.widgets.row_table, to look the same).
A cell is an Input, or a Select when its column has choices. Rows are one line high
(borderless cells, like Textual's compact style): at 80x24 a pane then shows about
fifteen rows where tall, bordered fields would show five, and these lists are scanned
more than they are read. The focused cell is tinted with $primary, a cell with a
problem with $error (or $warning), so the state stays visible without a border.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.visual import VisualType
from textual.widgets import Input, Select, Static

from connect_tui.ui.keys import focus_now
from connect_tui.ui.widgets.fields import SteadyWidthInput

#: The marks a pane puts on a cell with a problem (see connect_tui.ui.widgets.pane).
MARKS = ("-invalid", "-warning")


@dataclass(frozen=True)
class Column:
    """One field of every row: its key in the row dict, its heading and how it is edited."""

    key: str
    label: str
    placeholder: str = ""
    #: A Select of these instead of an Input ("" in a row means nothing chosen).
    choices: tuple[str, ...] | None = None
    #: The CSS width of the column (the same for the heading and every cell).
    width: str = "1fr"


Cell = Input | Select[str]


class RemoveRow(Static):
    """The mouse's way to remove a row: a one-cell mark, not focusable (ctrl+d is the key's)."""

    class Pressed(Message):
        """The mark was clicked."""

        def __init__(self, mark: RemoveRow) -> None:
            super().__init__()
            self.mark = mark

        @property
        def control(self) -> RemoveRow:
            """The mark that was clicked."""
            return self.mark

    def __init__(self) -> None:
        # A Static rather than a Button: a Button per row doubles the cost of 200 rows.
        super().__init__(" ✕ ", classes="rows-remove")
        self.tooltip = "Remove this row (ctrl+d)"

    def on_click(self) -> None:
        """Ask the RowList to remove this row."""
        self.post_message(self.Pressed(self))


class CellInput(SteadyWidthInput):
    """An Input cell: no layout pass for a key while its text fits (see SteadyWidthInput)."""


class CellSelect(Select[str]):
    """A Select cell whose list takes the focus at once when it opens, and gives it back.

    Select moves the focus with `focus()`, which happens only once the app's queue gets to
    it: `enter`, `down`, `enter` sent in one burst reached the closed Select, not its list
    (see connect_tui.ui.keys).
    """

    def watch_expanded(self, expanded: bool) -> None:
        """Open: the list has the focus now; closed: this Select has it back."""
        if not self.is_mounted:
            return
        if expanded:
            focus_now(self.query_one("SelectOverlay"))
        elif self.screen.focused is not None and self in self.screen.focused.ancestors:
            focus_now(self)


class CellRow(Horizontal):
    """The live row of a RowList: a field per column and a remove button."""

    class Resized(Message):
        """The row was laid out at a new size: its cells may be elsewhere."""

    DEFAULT_CSS = """
    CellRow {
        height: 1;

        /* One line a row: Input and Select lose their tall borders (see the module notes). */
        .rows-cell {
            margin-right: 1;
            height: 1;
            border: none;
            padding: 0;
            &:focus {
                border: none;
                background-tint: $primary 25%;
            }
            &.-invalid {
                border: none;
                background-tint: $error 35%;
                color: $text-error;
            }
            &.-warning {
                border: none;
                background-tint: $warning 25%;
                color: $text-warning;
            }
            & > SelectCurrent {
                border: none;
                height: 1;
                padding: 0 1 0 0;
            }
            &:focus > SelectCurrent {
                border: none;
            }
            &.-invalid > SelectCurrent {
                background-tint: $error 35%;
            }
        }
        .rows-remove {
            width: 3;
            min-width: 3;
            color: $text-muted;
            &:hover {
                color: $text-error;
            }
        }
    }
    """

    def __init__(self, columns: Sequence[Column], values: dict[str, str]) -> None:
        super().__init__(classes="rows-row rows-live")
        self.cells: dict[str, Cell] = {}
        #: The Select cells that offer a loaded value outside their column's choices.
        self._extended: set[str] = set()
        for column in columns:
            value = values.get(column.key, "")
            cell: Cell
            if column.choices is not None:
                options = _options(column.choices, value)
                cell = CellSelect(
                    options,
                    prompt=column.placeholder or column.label,
                    value=value if value else Select.NULL,
                    name=column.key,
                    classes="rows-cell",
                )
            else:
                cell = CellInput(
                    value,
                    placeholder=column.placeholder or column.label,
                    # No validators: the pane marks problems. Without this, every value set
                    # restyles the Input (-valid/-invalid), which is most of the cost of a row,
                    # and clears the pane's -invalid mark.
                    validate_on=(),
                    name=column.key,
                    classes="rows-cell",
                )
            cell.styles.width = column.width
            self.cells[column.key] = cell
            if column.choices is not None and value and value not in column.choices:
                self._extended.add(column.key)

    def compose(self) -> ComposeResult:
        """The cells, then the remove button (not focusable: ctrl+d removes from the keyboard)."""
        yield from self.cells.values()
        yield RemoveRow()

    def on_resize(self) -> None:
        """Tell the RowList: the tables draw their cells where this row has its fields."""
        self.post_message(self.Resized())

    def show_marks(self, marks: dict[str, tuple[frozenset[str], VisualType | None]]) -> None:
        """Give each cell the marks (classes, tooltip) of the row shown: `{key: marks}`."""
        for key, cell in self.cells.items():
            classes, tooltip = marks.get(key, (frozenset(), None))
            for mark in MARKS:
                cell.set_class(mark in classes, mark)
            if cell.tooltip is not tooltip:
                cell.tooltip = tooltip

    def set_values(self, columns: Sequence[Column], values: dict[str, str]) -> None:
        """Show `values` in the cells (the caller mutes the change messages)."""
        for column in columns:
            cell = self.cells[column.key]
            value = values.get(column.key, "")
            if isinstance(cell, Select):
                choices = column.choices or ()
                extra = value if value and value not in choices else ""
                if extra or column.key in self._extended:
                    # Offer exactly the choices plus the loaded value outside them (if any).
                    cell.set_options(_options(choices, extra))
                    self._extended.discard(column.key)
                    if extra:
                        self._extended.add(column.key)
                cell.value = value if value else Select.NULL
            elif cell.value != value:
                cell.value = value


def _options(choices: Iterable[str], value: str) -> list[tuple[str | Content, str]]:
    # A loaded value outside the choices is offered too, so showing it loses nothing.
    options: list[tuple[str | Content, str]] = [(Content(c), c) for c in choices]
    if value and value not in choices:
        options.append((Content(value), value))
    return options


def cell_value(cell: Input | Select[Any]) -> str:
    """The text of a cell: an Input's value, a Select's choice ("" for none)."""
    if isinstance(cell, Select):
        value = cell.value
        return value if isinstance(value, str) else ""
    return cell.value
