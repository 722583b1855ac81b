"""The command palette at keyboard speed: enter runs the command of the text typed before it.

Textual's palette picks from the list of whatever search has finished when enter comes,
and runs the command behind the keys already read. A burst (what one read delivers, or a
loaded machine) then picked a stray command or none, and the next ctrl+p opened a second
palette under the first one's dialog (the tmux `switch-twice` scenario, `test_monkey`
seed 1). A slow command provider stands for the loaded machine: every search takes a
while, so the keys always come before it ends. Each test here failed before
connect_tui/ui/palette.py.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.command import CommandPalette, Hits, Provider
from textual.widgets import Input

from connect_tui.core.model import INBOUND, OUTBOUND
from connect_tui.ui.app import ComposerApp
from connect_tui.ui.dialogs.choice import confirm
from tests.ui.composer_pilot import ready, top_screen
from tests.ui.keys_burst import burst

# Each waits for the composer's model and for a slow search or three: 3-12 s under load.
pytestmark = pytest.mark.slow


class SlowProvider(Provider):
    """Finds nothing, slowly: each search of the palette ends a moment after the keys."""

    async def search(self, query: str) -> Hits:
        await asyncio.sleep(0.3)
        for hit in ():
            yield hit

    async def discover(self) -> Hits:
        async for hit in self.search(""):
            yield hit


@pytest.fixture(autouse=True)
def loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    """The composer's palette searches as slowly as on a loaded machine."""
    monkeypatch.setattr(ComposerApp, "COMMANDS", ComposerApp.COMMANDS | {SlowProvider})


def stack(app: ComposerApp) -> list[str]:
    return [type(screen).__name__ for screen in app.screen_stack]


async def test_three_switches_typed_at_once_each_run_in_order(profiles_dir: Path) -> None:
    app = ComposerApp()
    async with app.run_test(size=(100, 30)) as pilot:
        composer = await ready(pilot)
        assert composer.draft.operation == INBOUND
        await burst(
            pilot,
            *("ctrl+p", "Switch to outbound", "enter"),
            *("ctrl+p", "Switch to inbound", "enter"),
            *("ctrl+p", "Switch to outbound", "enter"),
        )
        assert stack(app) == ["ComposerScreen"]
        assert composer.draft.operation == OUTBOUND


async def test_the_keys_after_enter_reach_what_the_command_showed(profiles_dir: Path) -> None:
    app = ComposerApp()
    async with app.run_test(size=(100, 30)) as pilot:
        composer = await ready(pilot)
        await burst(pilot, "ctrl+p", "Pane: Message", "enter", "end", "ctrl+u", "Typed after")
        assert stack(app) == ["ComposerScreen"]
        assert composer.active_pane == "message"
        subject = composer.pane("message").query_one("#subject", Input)
        assert subject.value == "Typed after"


async def test_enter_with_nothing_matching_keeps_the_palette_open(profiles_dir: Path) -> None:
    app = ComposerApp()
    async with app.run_test(size=(100, 30)) as pilot:
        composer = await ready(pilot)
        await burst(pilot, "ctrl+p", "qqqqzzzz", "enter")
        assert CommandPalette.is_open(app)
        await burst(pilot, "escape")  # alone: ESC then ctrl+p in one read is alt+ctrl+p
        await burst(pilot, "ctrl+p", "Switch to outbound", "enter")
        assert stack(app) == ["ComposerScreen"]
        assert composer.draft.operation == OUTBOUND


async def test_a_covered_palette_ignores_a_late_dismissal(profiles_dir: Path) -> None:
    # Textual's dismiss pops the screen on top, whichever it is, and answers twice.
    app = ComposerApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        palette = await top_screen(pilot, CommandPalette)
        dialog = confirm("Covering", "A dialog over the palette")
        app.push_screen(dialog)
        await pilot.pause()
        palette.dismiss()
        await pilot.pause()
        assert app.screen_stack[1:] == [palette, dialog]
