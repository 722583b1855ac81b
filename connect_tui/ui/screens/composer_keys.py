"""Provides the composer's key bindings: each with the id a keymap rebinds it by.

Every key bound here must be one a terminal delivers as itself (tests/test_key_delivery.py);
the ids are listed in the README for the keymap of the settings file.
"""

from __future__ import annotations

from typing import Final

from textual.binding import Binding, BindingType

from connect_tui.ui.widgets.pane_index import PANE_INDEX


def pane_bindings() -> list[BindingType]:
    """alt+LETTER for each pane (from the pane index), as priority bindings."""
    # Not alt+DIGIT: terminals send it as ESC DIGIT, which Textual reads as a macOS Option
    # character (ESC 3 is "£"). Priority: a terminal sends alt+s as ESC s, which an Input
    # would otherwise type as "s".
    return [
        Binding(
            entry.key,
            f"show_pane('{entry.name}')",
            show=False,
            priority=True,
            id=f"composer.pane_{entry.name}",
        )
        for entry in PANE_INDEX
    ]


#: The composer screen's bindings.
COMPOSER_BINDINGS: Final[list[BindingType]] = [
    Binding("f5", "send", "Send", id="composer.send"),
    Binding("ctrl+s", "save", "Save", id="composer.save"),
    Binding("ctrl+o", "drafts", "Drafts", id="composer.drafts"),
    # Not ctrl+h: terminals send it as backspace (tests/test_key_delivery.py).
    Binding("f9", "history", "History", id="composer.history"),
    Binding("f1", "help", "Help", id="composer.help"),
    Binding("f6", "focus_problems", "Problems", show=False, id="composer.problems"),
    Binding("f4", "pick", "Pick", show=False, id="composer.pick"),
    Binding("f3", "attach_file", "Attach file", show=False, id="composer.attach_file"),
    # Priority: an Input binds these to scroll sideways, and they must switch panes.
    Binding(
        "ctrl+pagedown",
        "next_pane",
        "Next pane",
        show=False,
        id="composer.next_pane",
        priority=True,
    ),
    Binding(
        "ctrl+pageup",
        "previous_pane",
        "Previous pane",
        show=False,
        id="composer.previous_pane",
        priority=True,
    ),
    *pane_bindings(),
]
