"""Provides `install()`: no text any widget shows reaches the terminal as a control character.

Rich's `Text` and Textual's `Content` already pass every string they are built from
through one translate table (rich.control / textual.content), which drops BEL, BS, VT,
FF and CR but lets ESC, the C1 controls (U+009B is a one-character CSI), DEL, bidi
overrides and lone surrogates through: a value holding `ESC ] 0;PWNED BEL` would retitle
the terminal and `ESC [2J` clear it. Every widget (Input and TextArea values, labels,
tree labels, tooltips, notifications, Markdown) renders its text through those tables,
so extending them once, here, makes every one of them show such characters as visible
escapes (`\\x1b`, `\\u202e`), as connect_tui.core.safe_text does for the verbs. The
widgets' values (and so the draft) keep the text exactly as it was read.

Textual 8.2.8 has no public hook for this; the tables are module-level dicts that the
strip functions take as default arguments, so they are updated in place.
"""

from __future__ import annotations

from typing import Any

from connect_tui.core.safe_text import MULTILINE


def _tables() -> list[dict[int, Any]]:
    import rich.control
    import textual.content

    return [
        rich.control._CONTROL_STRIP_TRANSLATE,
        textual.content._CONTROL_STRIP_TRANSLATE,
    ]


def install() -> None:
    """Make rich's Text and Textual's Content show unsafe characters as visible escapes."""
    for table in _tables():
        table.update(MULTILINE)


def installed() -> bool:
    """True when every table escapes ESC (a test checks it, so a Textual upgrade cannot undo it)."""
    return all(table.get(0x1B) == MULTILINE[0x1B] for table in _tables())
