"""A screen answers its caller once and closes only itself (ui/on_top.py).

Textual's `Screen.dismiss` pops whatever screen is on top: a dialog dismissed twice (two
quick answers) used to answer twice and close the screen under it as well.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from typing import Any

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Static

import connect_tui.ui
from connect_tui.ui.dialogs.help import HelpDialog
from connect_tui.ui.dialogs.prompt import NamePrompt
from connect_tui.ui.on_top import DismissedOnTopOnly


def _screens_that_dismiss_themselves() -> list[type[Screen[Any]]]:
    found = []
    for module_info in pkgutil.walk_packages(connect_tui.ui.__path__, "connect_tui.ui."):
        module = importlib.import_module(module_info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if (
                cls.__module__ == module.__name__
                and issubclass(cls, Screen)
                and "self.dismiss(" in inspect.getsource(cls)
            ):
                found.append(cls)
    return found


def test_every_screen_that_dismisses_itself_does_so_only_on_top() -> None:
    screens = _screens_that_dismiss_themselves()
    assert len(screens) >= 12, [cls.__name__ for cls in screens]  # the walk found them
    unguarded = [cls.__name__ for cls in screens if not issubclass(cls, DismissedOnTopOnly)]
    assert not unguarded, f"these dismiss with Textual's pop-the-top dismiss: {unguarded}"


class _Base(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Static("the screen under the dialog")


async def test_two_answers_close_the_dialog_alone_and_answer_once() -> None:
    for dialog in (HelpDialog("Help", "text"), NamePrompt("Save as", value="draft")):
        answers: list[object] = []
        app: App[None] = App()
        async with app.run_test() as pilot:
            base = _Base()
            await app.push_screen(base)
            await app.push_screen(dialog, answers.append)
            await pilot.pause()
            # Two answers in one turn, as two keys read at once or a double click give.
            dialog.dismiss(None)
            dialog.dismiss(None)
            await pilot.pause()
            assert app.screen is base, type(dialog).__name__
            assert answers == [None], type(dialog).__name__
