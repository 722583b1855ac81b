"""Provides the helpers that move values between a request and fields (no empty members
written, unknown keys kept, any value shown as a field's text) and the width of a field's
label. No Textual in it: what the first frame draws before its fields exist
(connect_tui.ui.widgets.addresses_sketch) reads values the same way.
"""

from __future__ import annotations

from typing import Any, Final

#: The columns of a field's label, left of the field.
LABEL_WIDTH: Final = 20


def put(table: dict[str, Any], key: str, value: Any) -> None:
    """Set `table[key]`, or remove the key when `value` is "" or None (no empty members)."""
    if value is None or value == "":
        table.pop(key, None)
    else:
        table[key] = value


def put_table(owner: dict[str, Any], key: str, table: dict[str, Any]) -> None:
    """Set `owner[key]` to `table`, or remove the key when the table is empty."""
    if table:
        owner[key] = table
    else:
        owner.pop(key, None)


def table_of(value: Any) -> dict[str, Any]:
    """A copy of `value` when it is a table, else an empty table (so edits keep unknown keys)."""
    return dict(value) if isinstance(value, dict) else {}


def text_of(value: Any) -> str:
    """`value` as the text of a field: strings as they are, numbers written out, else ""."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""
