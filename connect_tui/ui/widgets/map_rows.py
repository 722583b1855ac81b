"""Provides MapRowsPane: the base of the panes that edit a map (name -> entry) as rows.

References and Attributes are maps. Rows are easier to edit than a map (a name can be
typed before its value, two rows can briefly share a name), so the pane keeps rows and
builds the map from them: the first row with a name is the map's entry, and a later row
with the same name is marked where it is (a map cannot hold it) and counted in the status
line, never dropped from the screen without a word.

Inbound, the map is a member of the request. Outbound, StartOutboundEmailContact takes
no contact data: the map belongs to the CreateContact step that makes the contact, and a
draft that names an existing ContactId has nowhere to put it (its data stays parked).
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult

from connect_tui.core.model import Draft
from connect_tui.core.problems import CREATE_CONTACT, REQUEST, Problem
from connect_tui.core.rules import repeated_names
from connect_tui.ui.widgets.fields import Hint
from connect_tui.ui.widgets.pane import INVALID, Field, Pane
from connect_tui.ui.widgets.row_extras import Extras
from connect_tui.ui.widgets.rows import Column, RowList


class MapRowsPane(Pane):
    """A map of the request (inbound) or of the CreateContact step (outbound), as rows."""

    #: The request member this pane edits, such as "References".
    MEMBER: ClassVar[str] = ""
    #: The columns of a row; KEY_COLUMN holds the map key.
    COLUMNS: ClassVar[tuple[Column, ...]] = ()
    KEY_COLUMN: ClassVar[str] = ""
    #: What one row is called ("reference").
    NOUN: ClassVar[str] = "entry"
    #: The UTF-8 byte budget the rule counts against.
    BUDGET: ClassVar[int] = 0
    #: One line above the rows saying what they are.
    INTRO: ClassVar[str] = ""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._section = REQUEST
        #: False when the draft has no place for the map (outbound with its own ContactId),
        #: or when the member in the draft is not a table: then the pane shows and writes nothing.
        self._editable = True
        self._duplicates: dict[int, int] = {}
        #: Members of the entries that no column shows (see connect_tui.ui.widgets.row_extras).
        self.extras = Extras()

    def compose(self) -> ComposeResult:
        """A line about the map, a note shown when it cannot be edited, and the rows."""
        yield Hint(self.INTRO, classes="map-intro")
        yield Hint("", classes="map-note")
        yield RowList(self.COLUMNS, noun=self.NOUN, classes="map-rows")

    @property
    def row_list(self) -> RowList:
        """The rows of the map."""
        return self.query_one(".map-rows", RowList)

    # -- what subclasses say ----------------------------------------------------------------

    def rows_from_map(self, table: dict[str, Any]) -> list[dict[str, str]]:
        """The rows that show `table` (one per entry, in order)."""
        raise NotImplementedError

    def entry_of(self, row: dict[str, str]) -> Any:
        """The map value a (non-blank) row stands for."""
        raise NotImplementedError

    def entry_bytes(self, name: str, entry: Any) -> int:
        """The UTF-8 bytes one entry counts against BUDGET, as the rule counts them."""
        raise NotImplementedError

    def is_blank(self, row: dict[str, str]) -> bool:
        """True when nothing was typed in the row (it is not written)."""
        return not any(row.get(column.key) for column in self.COLUMNS)

    # -- the Pane contract ------------------------------------------------------------------

    def _home(self, draft: Draft) -> dict[str, Any] | None:
        return draft.create_contact if draft.is_outbound else draft.request

    def load(self, draft: Draft) -> None:
        """Show the map of the draft's request (inbound) or CreateContact step (outbound)."""
        self._section = CREATE_CONTACT if draft.is_outbound else REQUEST
        home = self._home(draft)
        value = home.get(self.MEMBER) if home is not None else None
        note = ""
        if home is None:
            note = (
                f"This outbound draft names its contact (ContactId), so it has no "
                f"{self.MEMBER}: they are set when a contact is created (Contact pane). "
                "Anything kept from the inbound draft stays aside, unchanged."
            )
        elif value is not None and not isinstance(value, dict):
            note = f"{self.MEMBER} in this draft is not a table; it is kept as it is."
        elif draft.is_outbound:
            note = "Outbound: these are set on the contact created first (CreateContact)."
        self._editable = home is not None and (value is None or isinstance(value, dict))
        hint = self.query_one(".map-note", Hint)
        hint.update(note)
        hint.display = bool(note)
        self.row_list.display = self._editable
        self.extras.clear()
        rows = self.rows_from_map(value) if isinstance(value, dict) and self._editable else []
        with self.quietly():
            self.row_list.set_rows(rows)
        self._refresh()

    def apply(self, draft: Draft) -> None:
        """Write the map (first row of each name); no rows drops the member."""
        home = self._home(draft)
        if home is None or not self._editable:
            return
        table = self._build()
        if table:
            home[self.MEMBER] = table
        else:
            home.pop(self.MEMBER, None)

    def owns(self, problem: Problem) -> bool:
        """Problems about this map, in the request or (outbound) the CreateContact step."""
        return (
            problem.section in (REQUEST, CREATE_CONTACT)
            and bool(problem.location)
            and str(problem.location[0]) == self.MEMBER
        )

    def field_for(self, problem: Problem) -> Field | None:
        """The cell of the row whose name the problem is about; the rows for the whole map."""
        location = problem.location
        if problem.section != self._section or not location or location[0] != self.MEMBER:
            return None
        if len(location) == 1 or not self._editable:
            return self.row_list
        index = self._row_named(str(location[1]))
        if index is None:
            return self.row_list
        return self.row_list.field(index, self.cell_for(problem))

    def focus_problem(self, problem: Problem) -> bool:
        """Focus the problem's cell; for a problem with a whole list, its first row."""
        return self.row_list.focus_target(self.field_for(problem)) or super().focus_problem(problem)

    def cell_for(self, problem: Problem) -> str:
        """The column of a row that shows `problem` (about that row's entry)."""
        return self.KEY_COLUMN

    def local_problems(self) -> list[Problem]:
        """Rows that repeat an earlier row's name: the map keeps one (core's rule)."""
        if not self._editable or not self.is_mounted:
            return []
        names = [
            row.get(self.KEY_COLUMN, "") for row in self.row_list.rows if not self.is_blank(row)
        ]
        return repeated_names(self.MEMBER, names, self._section)

    def extra_marks(self) -> dict[Field, tuple[str, str]]:
        """The rows whose name repeats an earlier row's (marked over their problems)."""
        marks: dict[Field, tuple[str, str]] = {}
        for index, first in self._duplicates.items():
            cell = self.row_list.field(index, self.KEY_COLUMN)
            if cell is not None:
                marks[cell] = (
                    INVALID,
                    f"repeats the name in row {first + 1}: a map holds one entry per name, "
                    "so this row is not saved until it is renamed",
                )
        return marks

    # -- rows to map --------------------------------------------------------------------------

    def _build(self) -> dict[str, Any]:
        """The map the rows stand for; records the rows that repeat a name."""
        table: dict[str, Any] = {}
        first_row: dict[str, int] = {}
        self._duplicates = {}
        for index, row in enumerate(self.row_list.rows):
            if self.is_blank(row):
                continue
            name = row.get(self.KEY_COLUMN, "")
            if name in first_row:
                self._duplicates[index] = first_row[name]
                continue
            first_row[name] = index
            table[name] = self.entry_of(row)
        return table

    def _row_named(self, name: str) -> int | None:
        for index, row in enumerate(self.row_list.rows):
            if not self.is_blank(row) and row.get(self.KEY_COLUMN, "") == name:
                return index
        return None

    def _refresh(self) -> None:
        """Update the byte count and the marks of repeated names."""
        table = self._build()
        used = sum(self.entry_bytes(name, entry) for name, entry in table.items())
        status = f"{used:,} of {self.BUDGET:,} bytes (UTF-8)"
        if self._duplicates:
            count = len(self._duplicates)
            status += f" · {count} row{'s' if count > 1 else ''} not saved: repeated name"
        self.row_list.set_status(status, over=used > self.BUDGET or bool(self._duplicates))
        self.refresh_marks()

    def on_row_list_changed(self, event: RowList.Changed) -> None:
        """A user edit: recount, and tell the screen."""
        event.stop()
        self._refresh()
        self.changed()


def is_key_problem(problem: Problem) -> bool:
    """True when a problem located at a map entry is about its key, not its value."""
    # The shape check and the rules word key problems "key ..." (connect_tui.core).
    return problem.message.startswith("key ")
