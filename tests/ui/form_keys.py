"""Helpers for pilot tests of the form panes: type into a field as a user would."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input

from connect_tui.ui.widgets.rows import RowCell

_KEY_NAMES = {" ": "space"}


async def retype(pilot: Pilot[None], field: Input | RowCell, text: str) -> None:
    """Focus `field`, clear it with keys, then type `text` key by key."""
    field.focus()
    await pilot.pause()
    await pilot.press("end", "ctrl+u")
    await pilot.press(*[_KEY_NAMES.get(ch, ch) for ch in text])
    await pilot.pause()
