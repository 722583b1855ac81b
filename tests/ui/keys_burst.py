"""Type at full speed in a Pilot test: a burst of keys delivered as a terminal delivers them.

`pilot.press` waits for the app to go idle after every key, so a key never arrives while
the previous one is still being handled: bugs of order (text landing in the previous row,
a second answer to a closed dialog) cannot show. `burst` sends the xterm bytes of the keys
(tests/xterm_keys.py) through the composer's key parser and posts every event it makes to
the app at once, with no pause between them, then waits for the app to settle.
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from connect_tui.ui.terminal_input import BurstSafeParser
from tests.xterm_keys import xterm_keys


async def burst(pilot: Pilot[Any], *keys: str) -> None:
    """Send `keys` (key names or text, see `xterm_keys`) all at once, then settle."""
    await send_bytes(pilot, xterm_keys(*keys))


async def paste(pilot: Pilot[Any], text: str, *after: str) -> None:
    """A bracketed paste of `text` (as a terminal sends it), then `after` keys, in one burst."""
    await send_bytes(pilot, f"\x1b[200~{text}\x1b[201~" + xterm_keys(*after))


async def send_bytes(pilot: Pilot[Any], data: str) -> None:
    """Parse `data` as a terminal's input and post every event at once; then settle."""
    parser = BurstSafeParser()  # the composer's own (connect_tui.ui.terminal_input)
    events = [*parser.feed(data), *parser.feed("")]
    for event in events:
        pilot.app.post_message(event)
    await settle(pilot)


async def settle(pilot: Pilot[Any], rounds: int = 6) -> None:
    """Let the app finish what the keys started (mounts, focus moves, validation)."""
    for _ in range(rounds):
        await pilot.pause()
