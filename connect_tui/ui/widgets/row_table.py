"""Provides RowTable: rows of a RowList drawn line by line, with no widget per row or cell.

A RowList edits one row with real fields (its live row) and shows every other row through
two RowTables, the rows above the live row and the rows below it. A table draws only the
lines on screen (Textual's line API), so 200 or 520 rows cost what the few in view cost,
to show and on every key; a widget per cell made each key lay out hundreds of fields.

The table draws a cell as the live row's field shows it (text or placeholder, a Select's
prompt and arrow, the marks of a problem), at the live row's own column positions, so a
row looks the same whether it is being edited or not. Text is shown, never obeyed: control
characters become visible escapes (connect_tui.core.safe_text). A click on a cell asks the
RowList to edit it; a click on a row's ✕ asks it to remove the row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.cells import set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.color import Color
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip
from textual.visual import VisualType
from textual.widget import Widget

from connect_tui.core.safe_text import shown
from connect_tui.ui.widgets.row_cells import MARKS, Column
from connect_tui.ui.widgets.row_store import RowStore

#: What a row's remove mark shows (as the live row's RemoveRow).
REMOVE_MARK = " ✕ "


class RowTable(Widget):
    """Rows `start` to `start + count` of a RowList, drawn, not mounted."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "row-table--cell",
        "row-table--placeholder",
        "row-table--arrow",
        "row-table--invalid",
        "row-table--warning",
        "row-table--remove",
    }

    # The cells look like the live row's fields (connect_tui.ui.widgets.row_cells): an
    # Input or Select with no border on $surface, a problem tinted $error or $warning.
    DEFAULT_CSS = """
    RowTable {
        height: auto;
        & > .row-table--cell {
            background: $surface;
            color: $foreground;
        }
        & > .row-table--placeholder {
            background: $surface;
            color: $text-disabled;
        }
        & > .row-table--arrow {
            background: $surface;
            color: $foreground 50%;
        }
        & > .row-table--invalid {
            background: $surface;
            background-tint: $error 35%;
            color: $text-error;
        }
        & > .row-table--warning {
            background: $surface;
            background-tint: $warning 25%;
            color: $text-warning;
        }
        & > .row-table--remove {
            color: $text-muted;
        }
    }
    """

    class Pressed(Message):
        """A cell (`key`) or the remove mark (`key` None) of row `row` was clicked."""

        def __init__(self, table: RowTable, row: int, key: str | None) -> None:
            super().__init__()
            self.table = table
            self.row = row
            self.key = key

        @property
        def control(self) -> RowTable:
            """The table clicked."""
            return self.table

    def __init__(
        self,
        columns: tuple[Column, ...],
        store: RowStore,
        spans: Callable[[], list[tuple[int, int]] | None],
        *,
        classes: str | None = None,
    ) -> None:
        super().__init__(classes=classes)
        self._columns = columns
        self._store = store
        #: (x, width) of each column's cell, then of the ✕, as the live row lays them out
        #: (None until it is laid out).
        self._spans = spans
        self.start = 0
        self.count = 0
        self._styles: dict[str | None, tuple[Style, Style, Style]] = {}

    def show(self, start: int, count: int) -> None:
        """Draw rows `start` to `start + count` (a new height lays the list out again)."""
        layout = count != self.count
        self.start, self.count = start, count
        self.display = count > 0
        self.refresh(layout=layout)

    def refresh_row(self, index: int) -> None:
        """Draw row `index` again, if this table shows it."""
        y = index - self.start
        if 0 <= y < self.count:
            self.refresh(Region(0, y, self.size.width, 1))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """One line a row."""
        return self.count

    # -- drawing ---------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        """The theme or the CSS changed: work the cells' styles out again."""
        super().notify_style_update()
        self._styles.clear()

    def _cell_styles(self, mark: str | None) -> tuple[Style, Style, Style]:
        """(text, placeholder, dim) styles of a cell with `mark`: the colors of row_cells'
        fields, each laid over the cell's background as Textual lays a color with alpha."""
        styles = self._styles.get(mark)
        if styles is None:
            cell = self.get_component_styles("row-table--cell")
            marked = self.get_component_styles(f"row-table-{mark}") if mark else cell
            background = marked.background.tint(marked.background_tint)
            bgcolor = background.rich_color

            def over(color: Color) -> Style:
                return Style(color=(background + color).rich_color, bgcolor=bgcolor)

            placeholder = self.get_component_styles("row-table--placeholder").color
            dim = self.get_component_styles("row-table--arrow").color
            styles = (over(marked.color), over(placeholder), over(dim))
            self._styles[mark] = styles
        return styles

    def render_line(self, y: int) -> Strip:
        """The row at line `y`: each cell at its column, then the remove mark."""
        width = self.size.width
        base = self.rich_style
        spans = self._spans()
        if spans is None or not 0 <= y < self.count:
            return Strip.blank(width, base)
        index = self.start + y
        values = self._store.row(index)
        segments: list[Segment] = []
        x = 0
        for column, (left, size) in zip(self._columns, spans, strict=False):
            if left > x:
                segments.append(Segment(" " * (left - x), base))
            segments.extend(self._cell(index, column, values.get(column.key, ""), size))
            x = left + size
        left, size = spans[-1]
        if left > x:
            segments.append(Segment(" " * (left - x), base))
        remove = base + self.get_component_rich_style("row-table--remove")
        segments.append(Segment(set_cell_size(REMOVE_MARK, size), remove))
        return Strip(segments).adjust_cell_length(width, base)

    def _cell(self, index: int, column: Column, value: str, size: int) -> list[Segment]:
        cell = self._store.cell_at(index, column.key)
        marks = cell.classes if cell is not None else frozenset()
        mark = next((m for m in MARKS if m in marks), None)
        text, placeholder, dim = self._cell_styles(mark)
        hint = column.placeholder or column.label
        if column.choices is None:
            # An Input: its text, or its placeholder.
            shown_text = shown(value) if value else hint
            return [Segment(set_cell_size(shown_text, size), text if value else placeholder)]
        # A Select: its choice in the plain text color (or its prompt, dim), then " ▼ ".
        label = set_cell_size(shown(value) if value else hint, max(0, size - 3))
        plain = self._cell_styles(None)[0] + Style(bgcolor=text.bgcolor)
        return [
            Segment(label, plain if value else dim),
            Segment(set_cell_size(" ▼ ", min(3, size)), dim),
        ]

    # -- the mouse -------------------------------------------------------------------------

    def _hit(self, x: int, y: int) -> tuple[int, str | None] | None:
        """The row and column key (None: the remove mark) at (x, y), if any."""
        spans = self._spans()
        if spans is None or not 0 <= y < self.count:
            return None
        keys: list[str | None] = [column.key for column in self._columns]
        for key, (left, size) in zip([*keys, None], spans, strict=False):
            if left <= x < left + size:
                return self.start + y, key
        return None

    def on_click(self, event: events.Click) -> None:
        """Ask the RowList to edit the cell clicked, or to remove the row of a ✕."""
        hit = self._hit(event.x, event.y)
        if hit is not None:
            event.stop()
            self.post_message(self.Pressed(self, *hit))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Show the tooltip of the cell under the pointer (a problem's message)."""
        hit = self._hit(event.x, event.y)
        tooltip: VisualType | None = None
        if hit is not None:
            row, key = hit
            cell = self._store.cell_at(row, key) if key is not None else None
            if key is None:
                tooltip = "Remove this row (ctrl+d)"
            elif cell is not None:
                tooltip = cell.tooltip
        if tooltip is not self.tooltip:
            self.tooltip = tooltip
