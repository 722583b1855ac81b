"""Helpers for pilot tests of the whole composer: start it, wait for the model, read the screen."""

from __future__ import annotations

import html
import re
from typing import Any

from textual.message import Message
from textual.notifications import Notify
from textual.pilot import Pilot, WaitForScreenTimeout
from textual.screen import Screen

from connect_tui.ui.app import ComposerApp
from connect_tui.ui.screens.composer import ComposerScreen


class Recorder:
    """Records the app's messages (pass `hook` as run_test's message_hook)."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    def hook(self, message: Message) -> None:
        """Keep one message."""
        self.messages.append(message)

    @property
    def notices(self) -> list[str]:
        """The text of every notification shown so far."""
        return [str(m.notification.message) for m in self.messages if isinstance(m, Notify)]

    def notices_with(self, severity: str) -> list[str]:
        """The notifications of one severity ("error", "warning", "information")."""
        return [
            str(m.notification.message)
            for m in self.messages
            if isinstance(m, Notify) and m.notification.severity == severity
        ]


async def patient_pause(pilot: Pilot[Any], delay: float | None = None) -> None:
    """`pilot.pause`, which on a loaded machine does not give up: Textual's raises
    WaitForScreenTimeout when the screen's queued messages take over 30 s (the composer's
    first mount did, at 120x40 beside a full CI run); here that is only "not idle yet"."""
    try:
        await pilot.pause(delay)
    except WaitForScreenTimeout:
        pass


async def until(pilot: Pilot[Any], condition: Any, *, seconds: float = 60.0) -> None:
    """Pause until `condition()` is true; fail after `seconds` (a hang, not a timing assert:
    on a loaded CI machine, 4 workers on 2 cores, the model has taken 38 s to load)."""
    steps = int(seconds / 0.05)
    for _ in range(steps):
        if condition():
            return
        await patient_pause(pilot, 0.05)
    raise AssertionError(f"gave up waiting for {getattr(condition, '__name__', condition)}")


async def ready(pilot: Pilot[Any]) -> ComposerScreen:
    """Wait until the composer has loaded the model and validated; return it."""
    app = pilot.app
    assert isinstance(app, ComposerApp)
    await patient_pause(pilot)
    await until(pilot, lambda: app.composer.model_ready)
    await patient_pause(pilot)
    return app.composer


async def top_screen(pilot: Pilot[Any], kind: type[Screen[Any]]) -> Any:
    """Wait until the screen on top is a `kind`; return it."""
    await until(pilot, lambda: isinstance(pilot.app.screen, kind))
    await pilot.pause()
    return pilot.app.screen


def screen_text(app: Any) -> str:
    """The text on the screen, line by line, read from an SVG screenshot."""
    svg = app.export_screenshot()
    rows: dict[float, list[tuple[float, str]]] = {}
    for match in re.finditer(r'<text[^>]*x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', svg):
        x, y = float(match.group(1)), float(match.group(2))
        text = html.unescape(re.sub("<[^>]+>", "", match.group(3))).replace("\xa0", " ")
        rows.setdefault(y, []).append((x, text))
    return "\n".join(
        "".join(text for _, text in sorted(parts)) for _, parts in sorted(rows.items())
    )
