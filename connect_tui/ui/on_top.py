"""Provides DismissedOnTopOnly: a screen that closes itself only while it is on top.

Textual's `Screen.dismiss` answers the screen's caller and then pops whatever screen is on
top of the stack (textual 8.2.8), not necessarily the one dismissed. Two quick answers to a
dialog (a double click, Enter and Escape read at once, a key repeating) therefore answered
its caller twice and closed the screen below it too: the composer itself (ScreenStackError)
or another dialog opened by the first answer. A screen with this mixin ignores a dismissal
once it is no longer the screen on top, so its caller hears one answer and the screens
below stay. The command palette (`ui/palette.py`) and every dialog and screen that
dismisses itself use it (tests/ui/test_on_top.py checks each of them).
"""

from __future__ import annotations

from typing import Any, cast

from textual.await_complete import AwaitComplete
from textual.screen import Screen


class DismissedOnTopOnly:
    """Mixin for a Screen class, listed before it: `dismiss` does nothing unless the
    screen is on top (`Screen.is_active`), so a second answer cannot close another screen."""

    def dismiss(self, result: Any = None) -> AwaitComplete:
        """Answer the caller with `result` and close this screen, if it is on top."""
        if not cast("Screen[Any]", self).is_active:
            nothing: AwaitComplete = AwaitComplete.nothing()  # type: ignore[no-untyped-call]
            return nothing
        dismissed: AwaitComplete = super().dismiss(result)  # type: ignore[misc]
        return dismissed
