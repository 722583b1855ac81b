"""Provides IdleCollector: Python's full garbage collections moved out of the keys' frames
into the pauses between keys.

CPython collects its oldest generation once the middle one has been collected ten times and
enough has survived into it (the `gc` module's thresholds). In the composer the oldest
generation holds what was drawn and kept: Textual's line caches, some 58,000 objects with the
largest draft loaded, most of them the caches of its strips. A full pass over them took
19–28 ms, in the frame of whichever key was typed then (gc.callbacks over 30 keys in the
recipients pane: one full pass, 27.8 ms; the young passes, 0.2 ms each, stay where they are).

Once the composer is ready (`take_over`), what was loaded with the draft is frozen out of
every pass (`gc.freeze()`: a full pass over it took 0.5 s), and the oldest generation is no
longer collected by the interpreter but here: once the user has paused for IDLE seconds after
some input; while idle, whenever the interpreter would have (its own threshold); and, so that
memory stays bounded when someone types for minutes without a pause, once the middle
generation has been collected LIMIT times. `give_back` undoes both when the composer goes.
The collector is the process's, as the interpreter's thresholds are: one at a time.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import Final

from textual.app import App
from textual.timer import Timer

#: Seconds without a key or a click before the collector may run.
IDLE: Final = 1.0
#: How often the collector looks whether it should run (seconds).
CHECK_EVERY: Final = 0.25
#: Collections of the middle generation after which the oldest one is collected whatever the
#: user is doing (ten times the interpreter's own threshold).
LIMIT: Final = 100
#: A third threshold high enough that the interpreter never reaches it.
NEVER: Final = 1_000_000_000


class IdleCollector:
    """Collects the oldest generation in the pauses between input, not while keys come."""

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.monotonic,
        collect: Callable[[], object] = gc.collect,
    ) -> None:
        self._clock = clock
        self._collect = collect
        self._last_input = float("-inf")
        #: True from an input until the collection in the pause after it.
        self._owed = False
        self._saved: tuple[int, int, int] | None = None
        self._timer: Timer | None = None

    def start(self, app: App[object]) -> None:
        """Take over the oldest generation's collections while `app` runs."""
        if self._saved is None:
            self._saved = gc.get_threshold()
            young, middle, _ = self._saved
            gc.set_threshold(young, middle, NEVER)
        self._timer = app.set_interval(CHECK_EVERY, self.check, name="idle-collector")

    def stop(self) -> None:
        """Give the interpreter its thresholds back."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None

    def input_seen(self) -> None:
        """A key, a paste or a click came: the collection waits for the next pause."""
        self._last_input = self._clock()
        self._owed = True

    def check(self, pending: int | None = None) -> bool:
        """Collect the oldest generation if now is the time; True if it was collected.
        `pending`: the middle generation's collections since the last (`gc.get_count()`)."""
        if pending is None:
            pending = gc.get_count()[2]
        if pending == 0:
            return False  # nothing has reached the oldest generation since the last pass
        idle = self._clock() - self._last_input >= IDLE
        interpreter_would = pending >= (self._saved or gc.get_threshold())[2]
        if not (pending >= LIMIT or (idle and (self._owed or interpreter_would))):
            return False
        self._collect()
        self._owed = False
        return True


#: The collector in charge, if any (the thresholds it changed are the whole process's).
_active: IdleCollector | None = None


def take_over(app: App[object]) -> None:
    """Freeze what is loaded now and collect the oldest generation in pauses while `app` runs."""
    global _active
    gc.freeze()
    if _active is None:
        _active = IdleCollector()
        _active.start(app)


def give_back() -> None:
    """Stop collecting in pauses and let the interpreter collect what was frozen."""
    global _active
    if _active is not None:
        _active.stop()
        _active = None
    gc.unfreeze()


def input_seen() -> None:
    """Note a key, a paste or a click (the collection in charge waits for a pause)."""
    if _active is not None:
        _active.input_seen()
