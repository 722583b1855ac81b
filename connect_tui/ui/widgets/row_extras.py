"""Provides Extras: the parts of a draft's entries that no column shows, kept with their rows.

A row of a RowList holds text; an entry of the draft may hold more (a reference's Status
and Arn, an unknown member). Extras keeps those parts aside under a token, and the row
carries the token in a key that is not a column, so the parts follow their row through
moves and renames and come back unchanged (any value, not only text) when it is written.
"""

from __future__ import annotations

import copy
from typing import Any, Final

#: The hidden row key holding the token of the row's kept parts.
EXTRA: Final = "~extra"


class Extras:
    """Members of entries that the rows do not show, by token."""

    def __init__(self) -> None:
        self._kept: dict[str, dict[str, Any]] = {}

    def clear(self) -> None:
        """Forget everything kept (on load: the rows are replaced)."""
        self._kept.clear()

    def keep(self, entry: Any, shown: tuple[str, ...]) -> str:
        """Keep the members of `entry` outside `shown`; the token to put in the row's EXTRA."""
        if not isinstance(entry, dict):
            return ""
        rest = {key: value for key, value in entry.items() if key not in shown}
        if not rest:
            return ""
        token = str(len(self._kept) + 1)
        self._kept[token] = rest
        return token

    def of(self, row: dict[str, str]) -> dict[str, Any]:
        """A copy of the members kept for `row` (an empty table when there are none)."""
        return copy.deepcopy(self._kept.get(row.get(EXTRA, ""), {}))
