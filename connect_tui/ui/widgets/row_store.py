"""Provides RowStore (a RowList's rows, each with a lasting id) and RowCell (a handle on one cell).

A RowList draws its rows from a store and edits one row at a time with real fields (see
connect_tui.ui.widgets.rows), so a cell of another row is no widget. `RowList.field(row,
key)` hands out a RowCell instead: it stands for its cell wherever the row moves, carries
the marks a pane puts on it (a problem's class and tooltip, as on any field) and focuses
the cell when asked. Handles are made on demand and kept by (row id, key), so asking twice
gives the same handle, and a handle of a removed row is inert.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from textual.visual import VisualType


class CellOwner(Protocol):
    """What a RowCell asks of its RowList."""

    def cell_index(self, cell: RowCell) -> int | None:
        """The row the cell is in now, or None once it is removed."""
        ...

    def cell_text(self, cell: RowCell) -> str:
        """The cell's text now ("" once removed)."""
        ...

    def cell_marked(self, cell: RowCell) -> None:
        """The cell's classes or tooltip changed: show them."""
        ...

    def cell_focus(self, cell: RowCell) -> bool:
        """Focus the cell's field; True if it could be."""
        ...

    def cell_has_focus(self, cell: RowCell) -> bool:
        """True when the cell's field has the focus."""
        ...

    def cell_scroll_visible(self, cell: RowCell) -> None:
        """Scroll the cell's row into view."""
        ...


class RowCell:
    """One cell of a RowList, as the panes and the Problems list see it.

    It answers what the panes ask of a field (`add_class`, `remove_class`, `has_class`,
    `tooltip`, `focus`, `has_focus`, `scroll_visible`, `value`, `name`), whether or not
    its row is the one being edited.
    """

    __slots__ = ("_classes", "_owner", "_tooltip", "name", "row_id")

    def __init__(self, owner: CellOwner, row_id: int, key: str) -> None:
        self._owner = owner
        self.row_id = row_id
        #: The column key (as an Input cell's `name`).
        self.name = key
        self._classes: frozenset[str] = frozenset()
        self._tooltip: VisualType | None = None

    def __repr__(self) -> str:
        return f"RowCell(row={self.row}, key={self.name!r})"

    @property
    def row(self) -> int | None:
        """The index of the cell's row now (rows move), or None once removed."""
        return self._owner.cell_index(self)

    @property
    def value(self) -> str:
        """The cell's text (a Select's choice; "" for none)."""
        return self._owner.cell_text(self)

    @property
    def classes(self) -> frozenset[str]:
        """The marks on the cell (such as "-invalid")."""
        return self._classes

    def has_class(self, *names: str) -> bool:
        """True when the cell has every one of `names`."""
        return self._classes.issuperset(names)

    def _set_classes(self, classes: frozenset[str]) -> None:
        if classes != self._classes:
            self._classes = classes
            self._owner.cell_marked(self)

    def add_class(self, *names: str) -> RowCell:
        """Mark the cell (a pane marks a problem's cell "-invalid" or "-warning")."""
        self._set_classes(self._classes.union(names))
        return self

    def remove_class(self, *names: str) -> RowCell:
        """Take marks off the cell."""
        self._set_classes(self._classes.difference(names))
        return self

    def set_class(self, add: bool, *names: str) -> RowCell:
        """Add `names` when `add`, else remove them."""
        return self.add_class(*names) if add else self.remove_class(*names)

    @property
    def tooltip(self) -> VisualType | None:
        """What hovering over the cell shows (a problem's message), or None."""
        return self._tooltip

    @tooltip.setter
    def tooltip(self, tooltip: VisualType | None) -> None:
        if tooltip is not self._tooltip:
            self._tooltip = tooltip
            self._owner.cell_marked(self)

    @property
    def focusable(self) -> bool:
        """True while the cell's row is in the list."""
        return self.row is not None

    def focus(self) -> bool:
        """Focus this cell (its row becomes the one edited); True if focused."""
        return self._owner.cell_focus(self)

    @property
    def has_focus(self) -> bool:
        """True when this very cell has the focus."""
        return self._owner.cell_has_focus(self)

    def scroll_visible(self) -> None:
        """Scroll the cell's row into view."""
        self._owner.cell_scroll_visible(self)


class RowStore:
    """The rows of a RowList: each a dict of text by key, with an id that stays with it,
    and the handles given out for its cells (they carry the cells' marks)."""

    def __init__(self, keys: Sequence[str], owner: CellOwner) -> None:
        #: The keys every row has (the columns'); other keys ride along unshown.
        self.keys = tuple(keys)
        self._owner = owner
        self._rows: list[dict[str, str]] = []
        self._ids: list[int] = []
        self._next_id = 0
        self._cells: dict[tuple[int, str], RowCell] = {}

    def __len__(self) -> int:
        return len(self._rows)

    def complete(self, row: dict[str, str]) -> dict[str, str]:
        """A copy of `row` with every column key, as text ("" for a missing one)."""
        return {**row, **{key: str(row.get(key, "") or "") for key in self.keys}}

    def _new_ids(self, count: int) -> list[int]:
        ids = list(range(self._next_id, self._next_id + count))
        self._next_id += count
        return ids

    def replace(self, rows: Iterable[dict[str, str]]) -> None:
        """Make `rows` the rows, each with a new id."""
        self._rows = [self.complete(row) for row in rows]
        self._ids = self._new_ids(len(self._rows))
        self._cells.clear()  # the old rows' handles (and their marks) go with them

    def copies(self) -> list[dict[str, str]]:
        """Every row, copied (a caller may change them freely)."""
        return [dict(row) for row in self._rows]

    def row(self, index: int) -> dict[str, str]:
        """The row at `index` itself (not a copy: read it, do not change it)."""
        return self._rows[index]

    def id_at(self, index: int) -> int:
        """The id of the row at `index`."""
        return self._ids[index]

    def index_of(self, row_id: int) -> int | None:
        """Where the row with `row_id` is now, or None when it was removed."""
        try:
            return self._ids.index(row_id)
        except ValueError:
            return None

    def set(self, index: int, key: str, value: str) -> None:
        """Set one cell's text."""
        self._rows[index][key] = value

    def insert(self, index: int, rows: Sequence[dict[str, str]]) -> None:
        """Insert `rows` (completed, with new ids) before `index`."""
        self._rows[index:index] = [self.complete(row) for row in rows]
        self._ids[index:index] = self._new_ids(len(rows))

    def put(self, index: int, row: dict[str, str]) -> None:
        """Replace the values of the row at `index` (it keeps its id)."""
        self._rows[index] = self.complete(row)

    def remove(self, index: int) -> None:
        """Remove the row at `index` (its handles become inert)."""
        row_id = self._ids[index]
        for key in self.keys:
            self._cells.pop((row_id, key), None)
        del self._rows[index]
        del self._ids[index]

    def move(self, index: int, target: int) -> None:
        """Move the row at `index` to `target`, with its id."""
        self._rows.insert(target, self._rows.pop(index))
        self._ids.insert(target, self._ids.pop(index))

    # -- handles -------------------------------------------------------------------------

    def cell(self, index: int, key: str) -> RowCell:
        """The handle of cell `key` of row `index` (the same one each time)."""
        row_id = self._ids[index]
        cell = self._cells.get((row_id, key))
        if cell is None:
            cell = self._cells[row_id, key] = RowCell(self._owner, row_id, key)
        return cell

    def cell_at(self, index: int, key: str) -> RowCell | None:
        """The handle of a cell if one was given out (None: no marks on it)."""
        return self._cells.get((self._ids[index], key))

    def index_of_cell(self, cell: RowCell) -> int | None:
        """The row of a handle's cell now; None once removed (or another list's handle)."""
        if self._cells.get((cell.row_id, cell.name)) is not cell:
            return None
        return self.index_of(cell.row_id)

    def filled(self) -> int:
        """The rows with something typed in a column."""
        return sum(1 for row in self._rows if any(row.get(key) for key in self.keys))
