"""InOrderKeysApp: a test app that takes keys as the composer's app does (ComposerApp), so
a widget under test meets the same key path: bindings run in order, bursts typed at once."""

from __future__ import annotations

from textual import events
from textual.app import App

from connect_tui.ui.key_burst import BurstTypist
from connect_tui.ui.keys import looked_up, run_binding_in_order
from connect_tui.ui.terminal_input import KeyBurst


class InOrderKeysApp(App[None]):
    """An App whose keys take ComposerApp's way (without its first-frame stand-ins)."""

    async def on_event(self, event: events.Event) -> None:
        """A key no binding took is not looked up again; one going down runs its binding
        at once, in order (connect_tui.ui.keys)."""
        if isinstance(event, events.Key) and looked_up(event):
            return
        if isinstance(event, events.Key) and not event.is_forwarded:
            if await run_binding_in_order(self, event):
                return
        await super().on_event(event)

    async def on_key_burst(self, burst: KeyBurst) -> None:
        """Keys read at once, delivered as the composer delivers them."""
        await BurstTypist(self).deliver(burst.keys)
