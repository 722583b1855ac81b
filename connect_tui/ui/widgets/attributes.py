"""Provides AttributesPane: the contact's user-defined Attributes (key -> value) as rows."""

from __future__ import annotations

from typing import Any, ClassVar

from connect_tui.core.problems import Problem
from connect_tui.core.rules import ATTRIBUTE_BYTES, utf8_size
from connect_tui.ui.widgets.fields import text_of
from connect_tui.ui.widgets.map_rows import MapRowsPane, is_key_problem
from connect_tui.ui.widgets.rows import Column

KEY_CELL, VALUE = "Key", "Value"


class AttributesPane(MapRowsPane):
    """Contact attributes, readable in flows: a key and a value per row."""

    TITLE: ClassVar[str] = "Attributes"
    NAME: ClassVar[str] = "attributes"
    KEY: ClassVar[str] = "alt+t"
    HELP: ClassVar[str] = f"""\
# Attributes

User-defined contact attributes, one per row: a **key** and a **value**
(flows read them as `$.Attributes.key`).

- A key uses only letters, digits, `-` and `_`.
- All keys and values together take at most {ATTRIBUTE_BYTES:,} bytes of UTF-8:
  the line under the rows counts bytes, not characters (`é` takes 2, `€` 3, an emoji 4).
- A key can be used once: a second row with the same key is marked and not saved.
- A value may be empty; a row with neither key nor value is left out.

Outbound, attributes belong to the contact created first (CreateContact).

Keys: `ctrl+n` add a row after this one, `ctrl+d` remove this row,
`alt+up` / `alt+down` move it; `up` / `down` go to the row above or below.
"""
    MEMBERS: ClassVar[frozenset[str]] = frozenset({"Attributes"})
    WRITES = MEMBERS  # apply() writes these members only
    MEMBER: ClassVar[str] = "Attributes"
    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column(KEY_CELL, "Key", placeholder="key"),
        Column(VALUE, "Value", placeholder="value", width="2fr"),
    )
    KEY_COLUMN: ClassVar[str] = KEY_CELL
    NOUN: ClassVar[str] = "attribute"
    BUDGET: ClassVar[int] = ATTRIBUTE_BYTES
    INTRO: ClassVar[str] = "Contact attributes that flows can read: a key and a value."

    def rows_from_map(self, table: dict[str, Any]) -> list[dict[str, str]]:
        """One row per attribute, in the draft's order."""
        return [{KEY_CELL: str(key), VALUE: text_of(value)} for key, value in table.items()]

    def entry_of(self, row: dict[str, str]) -> Any:
        """The value as typed (an empty value is a value)."""
        return row.get(VALUE, "")

    def entry_bytes(self, name: str, entry: Any) -> int:
        """The key and the value, as the attributes rule counts them."""
        return utf8_size(name) + (utf8_size(entry) if isinstance(entry, str) else 0)

    def cell_for(self, problem: Problem) -> str:
        """The key for a problem with the key, else the value."""
        return KEY_CELL if is_key_problem(problem) else VALUE
