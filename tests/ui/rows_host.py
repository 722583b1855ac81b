"""Provides the RowList test host: one RowList in an app that takes keys as the composer does,
sample columns and rows, and small readers of what the list holds and draws."""

from __future__ import annotations

from textual.app import ComposeResult

from connect_tui.ui.widgets.row_table import RowTable
from connect_tui.ui.widgets.rows import Column, RowCell, RowList
from tests.ui.in_order_app import InOrderKeysApp

COLUMNS = (
    Column("name", "Name"),
    Column("kind", "Kind", choices=("URL", "STRING"), width="12"),
    Column("value", "Value", width="2fr"),
)
ROWS = [
    {"name": "a", "kind": "URL", "value": "https://a.example"},
    {"name": "b", "kind": "", "value": "two"},
    {"name": "c", "kind": "STRING", "value": "three"},
]


class Host(InOrderKeysApp):
    """One RowList, with every Changed it posts recorded; keys taken as the composer takes them."""

    def __init__(self, rows: list[dict[str, str]], *, limit: int | None = None) -> None:
        super().__init__()
        self.initial = rows
        self.limit = limit
        self.changes: list[RowList.Changed] = []

    def compose(self) -> ComposeResult:
        yield RowList(COLUMNS, noun="thing", limit=self.limit, id="things")

    def on_mount(self) -> None:
        self.row_list.set_rows(self.initial)

    @property
    def row_list(self) -> RowList:
        return self.query_one(RowList)

    def on_row_list_changed(self, message: RowList.Changed) -> None:
        assert message.control is self.row_list
        self.changes.append(message)


def names(app: Host) -> list[str]:
    return [row["name"] for row in app.row_list.rows]


def cell(app: Host, row: int, key: str) -> RowCell:
    handle = app.row_list.field(row, key)
    assert isinstance(handle, RowCell)
    return handle


def drawn_lines(app: Host) -> int:
    """The lines the rows take: the live row's and the drawn tables'."""
    parts = [*app.row_list.query(RowTable), app.row_list.query_one(".rows-live")]
    return sum(part.region.height for part in parts if part.display)
