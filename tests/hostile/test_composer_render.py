"""The composer shows hostile text escaped on every pane, and keeps the draft exactly as read.

The check reads what the app would write to the terminal (the compositor's full update,
with Textual's own escape sequences): no OSC, no clear-screen, no C1 control, no bidi
override may be in it, whichever pane or screen is shown.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from connect_tui.core import history, profiles
from connect_tui.core.sending import SendOutcome
from connect_tui.ui import safe_render
from connect_tui.ui.app import ComposerApp
from connect_tui.ui.screens.composer import PANE_KEYS
from connect_tui.ui.screens.history import HistoryScreen
from tests.hostile.hostile_data import ALL, save_hostile
from tests.ui.composer_pilot import ready, top_screen

#: What must never be in the bytes the app writes (Textual's own CSI style codes may be).
FORBIDDEN = ("\x1b]", "\x1b[2J", "\x07", "\x9b", "\x9d", "\x9c", "\u202e", "\u2066", "\x7f")


def terminal_output(app: Any) -> str:
    """Everything the app would write to draw its current screen."""
    update = app.screen._compositor.render_full_update()
    return str(update.render_segments(app.console))


def assert_safe(app: Any, where: str) -> None:
    output = terminal_output(app)
    found = [repr(f) for f in FORBIDDEN if f in output]
    assert not found, f"{where}: {found}"


def test_the_rendering_hook_is_installed() -> None:
    assert safe_render.installed()


@pytest.mark.slow
async def test_every_pane_shows_hostile_text_escaped(profiles_dir: Path) -> None:
    path = save_hostile(profiles_dir, endpoint_url=f"http://127.0.0.1:9/{ALL}")
    before = path.read_bytes()
    draft = profiles.load(path)
    app = ComposerApp(draft, path)
    async with app.run_test(size=(120, 40)) as pilot:
        composer = await ready(pilot)
        assert_safe(app, "start")
        for pane, pane_key in PANE_KEYS.items():
            await pilot.press(pane_key)
            await pilot.pause()
            assert_safe(app, pane)
        assert "\\x1b]0;PWNED" in terminal_output(app)  # shown, as an escape
        # The draft is still exactly what the file says.
        assert composer.draft.request == draft.request
        assert composer.draft.variables == draft.variables
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert path.read_bytes() == before


async def test_the_history_screen_shows_hostile_text_escaped(profiles_dir: Path) -> None:
    outcome = SendOutcome(
        profile=f"vip{ALL}",
        operation="StartEmailContact",
        target=f"sandbox http://127.0.0.1:9/{ALL}",
        error_code="EndpointConnectionError",
        error=f"EndpointConnectionError: cannot reach {ALL}",
        request={"Name": ALL},
    )
    history.append(outcome, profiles.load(save_hostile(profiles_dir)).target)
    app = ComposerApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("f9")
        await top_screen(pilot, HistoryScreen)
        assert_safe(app, "history")


async def test_editing_around_escaped_characters_keeps_the_value_exact() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Input, TextArea

    value = "a\x1b]0;PWNED\x07b\u202ec"

    class Fields(App[None]):
        def compose(self) -> ComposeResult:
            yield Input(value, id="one")
            yield TextArea(f"{value}\nsecond", id="two")

    app = Fields()
    async with app.run_test(size=(60, 10)) as pilot:
        app.query_one("#one", Input).focus()
        await pilot.press("end", "left", "left", "x", "home", "right", "backspace")
        assert app.query_one("#one", Input).value == "\x1b]0;PWNED\x07bx\u202ec"
        app.query_one("#two", TextArea).focus()
        await pilot.press("end", "y")
        assert app.query_one("#two", TextArea).text == f"{value}y\nsecond"
        assert_safe(app, "fields")
