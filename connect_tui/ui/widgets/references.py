"""Provides ReferencesPane: the contact's References (name -> type and value) as rows."""

from __future__ import annotations

from typing import Any, ClassVar

from connect_tui.core.problems import Problem
from connect_tui.core.rules import REFERENCE_BYTES, REFERENCE_TYPES_AT_CREATION, utf8_size
from connect_tui.ui.widgets.fields import text_of
from connect_tui.ui.widgets.map_rows import MapRowsPane
from connect_tui.ui.widgets.row_extras import EXTRA
from connect_tui.ui.widgets.rows import Column

NAME_CELL, TYPE, VALUE = "Name", "Type", "Value"
#: The members of a reference the rows show; others (Status, Arn, ...) ride along unshown.
_SHOWN = (TYPE, VALUE)


class ReferencesPane(MapRowsPane):
    """References shown to the agent: a name, a type and a value per row."""

    TITLE: ClassVar[str] = "References"
    NAME: ClassVar[str] = "references"
    # Not alt+f: a terminal sends it as ESC f, which Textual reads as ctrl+right.
    KEY: ClassVar[str] = "alt+e"
    HELP: ClassVar[str] = f"""\
# References

Links and facts shown to the agent in the Contact Control Panel, one per row:
a **name**, a **type** and a **value**.

At creation an email contact takes only these types: {", ".join(REFERENCE_TYPES_AT_CREATION)}.
- `URL`: a link, `https://...`
- `NUMBER`: a number such as `42` or `-3.5`
- `STRING`: any text
- `DATE`: an epoch timestamp in seconds, such as `1767225600`

All names and values together take at most {REFERENCE_BYTES:,} bytes of UTF-8
(a character outside ASCII takes 2 to 4 bytes); the line under the rows counts them.
A name can be used once: a second row with the same name is marked and not saved.

Outbound, references belong to the contact created first (CreateContact).

Keys: `ctrl+n` add a row after this one, `ctrl+d` remove this row,
`alt+up` / `alt+down` move it; `up` / `down` go to the row above or below;
`enter` on a type opens its list.
"""
    MEMBERS: ClassVar[frozenset[str]] = frozenset({"References"})
    WRITES = MEMBERS  # apply() writes these members only
    MEMBER: ClassVar[str] = "References"
    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column(NAME_CELL, "Name", placeholder="name"),
        Column(TYPE, "Type", placeholder="type", choices=REFERENCE_TYPES_AT_CREATION, width="12"),
        Column(VALUE, "Value", placeholder="value", width="2fr"),
    )
    KEY_COLUMN: ClassVar[str] = NAME_CELL
    NOUN: ClassVar[str] = "reference"
    BUDGET: ClassVar[int] = REFERENCE_BYTES
    INTRO: ClassVar[str] = "Shown to the agent with the contact: a name, a type and a value."

    def rows_from_map(self, table: dict[str, Any]) -> list[dict[str, str]]:
        """One row per reference; members other than Type and Value kept in the row."""
        rows = []
        for name, reference in table.items():
            entry = reference if isinstance(reference, dict) else {}
            rows.append(
                {
                    NAME_CELL: str(name),
                    TYPE: text_of(entry.get(TYPE)),
                    VALUE: text_of(entry.get(VALUE)),
                    EXTRA: self.extras.keep(entry, _SHOWN),
                }
            )
        return rows

    def entry_of(self, row: dict[str, str]) -> Any:
        """{Type, Value} with the members kept from the draft; empty ones left out."""
        entry = self.extras.of(row)
        for key in _SHOWN:
            if row.get(key):
                entry[key] = row[key]
        return entry

    def entry_bytes(self, name: str, entry: Any) -> int:
        """The name and the value, as the references rule counts them (not the type)."""
        value = entry.get(VALUE) if isinstance(entry, dict) else None
        return utf8_size(name) + (utf8_size(value) if isinstance(value, str) else 0)

    def cell_for(self, problem: Problem) -> str:
        """Type or Value when the location names one; else the name."""
        location = problem.location
        if len(location) > 2 and str(location[2]) in _SHOWN:
            return str(location[2])
        return NAME_CELL
