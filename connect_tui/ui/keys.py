"""Provides what keeps keys in order at full speed: `run_binding_in_order` (and `looked_up`),
`focus_now`, `settle`.

A terminal delivers a burst of keys (typing, a paste) all at once. Textual hands each key
to the focused widget's queue and runs a plain binding only once the key has bubbled back
up to the app, by when the keys typed after it have already gone to the old widget (text
typed after tab or ctrl+n landed in the previous field); and `Widget.focus()` moves the
focus only when the app's queue gets to it, after the keys already waiting there. So the
composer's app runs the binding of a key the focused widget will not take itself, at once
and in order (`run_binding_in_order`), and the actions move the focus with `focus_now`.
Actions that read the draft (save, send, quit) first `settle` the keys typed before them.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from textual import events
from textual.app import App
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.widget import Widget


def cpu_time() -> float:
    """This process's CPU seconds: the clock of the waits here. Each wait's timeout only
    guards against a queue that never drains; counted in CPU time, not wall time, it gives
    the keys the same allowance on a machine loaded by other processes (CI runs 4 workers
    on 2 cores, where 3 wall seconds could end a wait before a burst was handled) as on an
    idle one. The waits spin (sleep(0)), so a hang still uses the time up."""
    return time.process_time()


def focus_now(widget: Widget) -> None:
    """Give `widget` the focus now, so the very next key goes to it."""
    if widget.is_attached:
        widget.screen.set_focus(widget)


async def settle(screen: Screen[Any], *, timeout: float = 3.0) -> None:
    """Wait until the widgets of `screen` have handled the keys already handed to them.

    A priority binding runs as soon as its key comes, possibly before the focused field
    has taken the keys typed just before it (and before the edit has reached the draft).
    Save, send and quit read the draft, so they first let every queue on the screen run
    dry. The keys typed after them wait meanwhile: the app is running this binding.
    """
    nodes: list[MessagePump] = [screen, *screen.walk_children(Widget)]
    deadline = cpu_time() + timeout
    quiet = 0
    while quiet < 2 and cpu_time() < deadline:
        await asyncio.sleep(0)
        busy = any(node.message_queue_size for node in nodes)
        quiet = 0 if busy else quiet + 1


async def settle_focus(
    screen: Screen[Any], widget: Widget | None = None, *, timeout: float = 3.0
) -> None:
    """Wait until `widget` (default: the focused one) and its containers are idle."""
    focused = widget if widget is not None else screen.focused
    if focused is None:
        return
    nodes: list[MessagePump] = [focused, *focused.ancestors]
    nodes = [node for node in nodes if node is not screen.app]
    deadline = cpu_time() + timeout
    while any(node.message_queue_size for node in nodes) and cpu_time() < deadline:
        await asyncio.sleep(0)


async def run_binding_in_order(app: App[Any], event: events.Key) -> bool:
    """Run the binding of a key the focused widget will not take, in the order keys came.

    Textual hands a key to the focused widget and runs its binding only once the key has
    bubbled back up to the app, by when the keys typed after it have reached the old
    widget (text typed after tab or ctrl+n lands in the old field; `left` then `x`
    types x before the cursor moves). Here the app runs that binding itself, at once,
    after the keys before it are handled. Keys the focused widget may take (text in a
    field, enter in the body) go the usual way. True when a binding ran.
    """
    screen = app.screen
    focused = screen.focused
    if focused is None or screen.maximized is not None:
        return False
    if focused.check_consume_key(event.key, event.character):
        return False
    if event.key not in screen.active_bindings:
        event._looked_up = True  # type: ignore[attr-defined]
        return False
    await settle_focus(screen)  # the keys before this one are handled first
    # Textual's own order: priority bindings from the app down, then from the focused
    # widget up, each tried until one runs (an Input's ctrl+pagedown that does nothing
    # lets the screen's run). `_check_bindings` is that loop; no public API offers it.
    ran = await app._check_bindings(event.key, priority=True) or await app._check_bindings(
        event.key
    )
    if not ran:
        event._looked_up = True  # type: ignore[attr-defined]
    if ran:
        # What the action set going (a Select's list closing, a dialog's answer) settles
        # before the next key is handed on.
        await settle_focus(screen, focused)
        if app.screen is not screen:
            await screen_ready(app.screen)  # a dialog it opened takes the next keys
        await settle_focus(app.screen)
    return ran


def looked_up(event: events.Key) -> bool:
    """True for a key whose bindings `run_binding_in_order` looked up when it came, and
    none ran, so it went to the focused widget. When it bubbles back up to the app,
    Textual looks its bindings up again, for whatever has the focus by then: `down` typed
    in an Input, then ctrl+n three times, all at once, moved the cursor of the TextArea
    three fields on. The app skips that second look (a key's bindings are those of when
    it was typed)."""
    return event.is_forwarded and getattr(event, "_looked_up", False)


async def screen_ready(screen: Screen[Any], *, timeout: float = 3.0) -> None:
    """Wait until a screen just shown is mounted and has focused its first field."""
    deadline = cpu_time() + timeout
    while cpu_time() < deadline and (not screen.is_mounted or screen.message_queue_size):
        await asyncio.sleep(0)


async def take_paste_in_order(app: App[Any], event: events.Paste) -> bool:
    """Offer a paste to the first container of the focused widget that takes pastes.

    A container takes pastes with `async def take_paste(cell, text) -> bool` (a list of
    addresses pasted into a recipient row becomes rows). It runs in the app's loop, in the
    order of the keys around it, once the keys before it are handled. True when taken.
    """
    focused = app.screen.focused
    if focused is None:
        return False
    for node in focused.ancestors_with_self:
        take = getattr(node, "take_paste", None)
        if callable(take):
            await settle_focus(app.screen)
            return bool(await take(focused, event.text))
    return False
