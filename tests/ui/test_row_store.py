"""RowStore and RowCell without Textual running: ids follow rows, handles follow ids."""

from __future__ import annotations

from connect_tui.ui.widgets.row_store import RowCell, RowStore


class Owner:
    """A RowList stand-in: answers a handle's questions from the store, records marks."""

    def __init__(self) -> None:
        self.store = RowStore(["name", "value"], self)
        self.marked: list[RowCell] = []

    def cell_index(self, cell: RowCell) -> int | None:
        return self.store.index_of_cell(cell)

    def cell_text(self, cell: RowCell) -> str:
        index = self.store.index_of_cell(cell)
        return "" if index is None else self.store.row(index)[cell.name]

    def cell_marked(self, cell: RowCell) -> None:
        self.marked.append(cell)

    def cell_focus(self, cell: RowCell) -> bool:
        return False

    def cell_has_focus(self, cell: RowCell) -> bool:
        return False

    def cell_scroll_visible(self, cell: RowCell) -> None:
        pass


def test_rows_are_completed_and_hidden_keys_ride_along() -> None:
    owner = Owner()
    owner.store.replace([{"name": "a", "~extra": "1"}, {"value": None}])  # type: ignore[dict-item]
    assert owner.store.copies() == [
        {"name": "a", "value": "", "~extra": "1"},
        {"name": "", "value": ""},
    ]
    assert owner.store.filled() == 1


def test_a_handle_follows_its_row_through_moves_and_inserts_and_dies_with_it() -> None:
    owner = Owner()
    store = owner.store
    store.replace([{"name": n} for n in "abc"])
    c = store.cell(2, "name")
    assert store.cell(2, "name") is c and c.value == "c" and c.row == 2
    store.move(2, 0)
    store.insert(0, [{"name": "new"}])
    assert c.row == 1 and c.value == "c"
    c.add_class("-invalid")
    c.add_class("-invalid")  # no change: not shown again
    c.tooltip = "why"
    assert c.has_class("-invalid") and owner.marked == [c, c]
    assert store.cell_at(1, "name") is c and store.cell_at(2, "name") is None
    store.remove(1)
    assert c.row is None and c.value == "" and not c.focusable
    store.replace([{"name": "x"}])
    assert store.cell(0, "name") is not c  # new rows, new handles: no old marks on them
