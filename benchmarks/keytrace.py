"""Provides a key-to-repaint probe for a Textual app: when each key was read, when each frame
was written, and which frame first held the key's effect.

Opt in by running the app under it (nothing in connect_tui changes):

    python -m benchmarks.keytrace OUT [connect-tui arguments]   # connect-tui under the probe
    kill -USR1 PID                                              # write OUT now (also at exit)

or, in Pilot, `install()` before `run_test()` and `stamp(event)` each Key posted.

What it records, on the monotonic clock (`time.perf_counter`, CLOCK_MONOTONIC on Linux, so
another process can compare its own times with these):
- **read**: a key's bytes handed to Textual's XTermParser by the driver's input thread (in
  Pilot: the moment the benchmark posts the Key);
- what the key caused: every message posted while one of its messages was dispatched, every
  `call_after_refresh` callback set then, and timers set then that fire within FOLLOW_TIMERS
  (a debounce), followed through a ContextVar (each message pump's task keeps its own). Work
  handed to a thread is not followed. For the key and for all it caused:
  - **shown**: the last `Widget.refresh` asked for a widget on screen (a repaint or a new
    layout: how anything new reaches the screen) while the Key event itself was dispatched
    (**painted**: by any of its work);
  - **handled**: the end of the Key event's last dispatch (**settled**: of any of its work);
- **frames**: each `App._display` of a screen update (start, end): the moment a frame is
  written to the driver, whose writer thread puts it on the terminal at once (headless, as
  in Pilot, Textual composes the frame but skips turning it into escape codes); and each
  update of the screen on its update timer, which writes nothing when nothing it redrew
  differs from what is on the terminal already.

From these, `latencies()` gives each key's **echo**: read to the end of the first frame begun
after its last refresh (the key's own effect, the letter in the field; a key that refreshed
nothing: the first frame after it was handled), and **full**: read to the first frame begun
after the last refresh of all it caused (the byte count, the problems, the side panel too).
A frame can be drawn while a key's dispatch still waits (a binding waits for the keys before
it), so a frame begun after the refresh holds the effect even before the dispatch ends. Keys
typed in a burst queue behind one another, so their figures include the keys before them; a
run of a burst's keys typed at once (connect_tui.ui.key_burst) is each of those keys' doing.
"""

from __future__ import annotations

import atexit
import bisect
import itertools
import json
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

#: The keys whose consequences the current task is dispatching (empty: no key's doing); more
#: than one when the app typed a run of a burst's keys at once (connect_tui.ui.key_burst).
_KEY: ContextVar[tuple[int, ...]] = ContextVar("keytrace_key", default=())
#: True while the Key event itself is dispatched (not what it caused).
_IN_KEY: ContextVar[bool] = ContextVar("keytrace_in_key", default=False)
#: The refreshes seen while the current task does some keys' work, given to those keys at
#: once when the work ends (a run of 20 keys refreshing 100 times: 3 notes, not 2,000).
_SEEN: ContextVar[_Refreshes | None] = ContextVar("keytrace_seen", default=None)
#: Work a key causes later than this after its read is not counted as its own (a repeating
#: timer set by a key would otherwise keep it unsettled for ever).
HORIZON = 5.0
#: A timer set while a key's work runs is followed (its work is the key's) when it fires
#: within this many seconds: a debounce; a later chore (a recovery copy) is not the key's.
FOLLOW_TIMERS = 0.25


class _Refreshes:
    """The last refresh asked for by the keys themselves and by any of their work."""

    def __init__(self) -> None:
        self.by_key: tuple[float, str] | None = None
        self.last: tuple[float, str] | None = None

    def note(self, when: float, by_key: bool, what: str) -> None:
        self.by_key, self.last = (when, what) if by_key else self.by_key, (when, what)

    def give(self, numbers: tuple[int, ...]) -> None:
        """Record the refreshes noted for each of the keys `numbers`."""
        trace = _trace
        for number in numbers if trace is not None else ():
            for seen, by_key in ((self.by_key, True), (self.last, False)):
                if seen is not None and trace is not None:
                    trace.refreshed(number, seen[0], by_key=by_key, what=seen[1])


@dataclass
class KeyRecord:
    """One key: its name and the moments it was read, handled and settled (perf_counter)."""

    number: int
    key: str
    read: float
    handled: float = 0.0
    settled: float = 0.0
    shown: float = 0.0
    painted: float = 0.0
    #: What its work ended with (a message's class, or a callback's name).
    last: str = ""
    #: The widget its last refresh was asked for.
    last_painted: str = ""


class Trace:
    """The keys and frames of one run."""

    def __init__(self) -> None:
        self.keys: dict[int, KeyRecord] = {}
        self.frames: list[tuple[float, float]] = []
        self._numbers = itertools.count(1)
        self._lock = threading.Lock()

    def stamp(self, event: Any, read: float | None = None) -> KeyRecord:
        """Mark a Key event as read now (or at `read`); its consequences are followed."""
        with self._lock:
            record = KeyRecord(next(self._numbers), str(event.key), read or time.perf_counter())
            self.keys[record.number] = record
        event._keytrace = (record.number,)
        return record

    def done(self, number: int, end: float, *, is_key: bool, what: str = "") -> None:
        """Something key `number` caused (`what`) ended at `end`."""
        record = self.keys.get(number)
        if record is None or end - record.read > HORIZON:
            return
        if is_key:
            record.handled = max(record.handled, end)
        if end >= record.settled:
            record.settled, record.last = end, what

    def refreshed(self, number: int, when: float, *, by_key: bool, what: str = "") -> None:
        """Key `number` (`by_key`: the Key event itself) asked for a refresh of `what` at
        `when`."""
        record = self.keys.get(number)
        if record is None or when - record.read > HORIZON:
            return
        if by_key:
            record.shown = max(record.shown, when)
        if when >= record.painted:
            record.painted, record.last_painted = when, what

    def latencies(self) -> list[dict[str, Any]]:
        """Each key with its echo and full latency in ms (None: no frame followed it)."""
        frames = sorted(self.frames)
        starts = [start for start, _ in frames]

        def frame_after(moment: float) -> float | None:
            index = bisect.bisect_left(starts, moment)
            return frames[index][1] if index < len(frames) else None

        rows = []
        for record in sorted(self.keys.values(), key=lambda r: r.number):
            shown = record.shown or record.handled or record.read
            echo = frame_after(shown)
            full = frame_after(max(record.painted, shown))
            rows.append(
                {
                    **asdict(record),
                    "echo_ms": None if echo is None else (echo - record.read) * 1000,
                    "full_ms": None if full is None else (full - record.read) * 1000,
                }
            )
        return rows

    def dump(self, path: Path) -> None:
        """Write the keys (with their latencies) and frames to `path` as JSON, atomically."""
        data = {"keys": self.latencies(), "frames": list(self.frames)}
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(data))
        temporary.replace(path)


#: The trace the hooks record into (install() sets it).
_trace: Trace | None = None
#: What the hooks replaced: (class, attribute) -> the original, for uninstall().
_originals: dict[tuple[type, str], Any] = {}


def install(trace: Trace, *, parser_reads: bool = True) -> None:
    """Hook Textual so that `trace` records keys, what they cause, and frames (from now on,
    in place of any trace installed before). `parser_reads`: stamp each key the terminal
    parser reads (Pilot posts its keys, and stamps them itself)."""
    global _trace
    _trace = trace
    _hook(parser_reads)


def uninstall() -> None:
    """Put Textual back as it was."""
    global _trace
    _trace = None
    for (cls, name), original in _originals.items():
        setattr(cls, name, original)
    _originals.clear()


def _patch(cls: type, name: str, make: Callable[[Any], Any]) -> None:
    """Replace `cls.name` with `make(original)`, once."""
    if (cls, name) not in _originals:
        original = cls.__dict__[name]
        _originals[(cls, name)] = original
        setattr(cls, name, make(original))


def _hook(parser_reads: bool) -> None:
    from textual._xterm_parser import XTermParser
    from textual.app import App
    from textual.events import Key
    from textual.message_pump import MessagePump
    from textual.screen import Screen
    from textual.widget import Widget

    def traced_feed(feed: Callable[..., Iterable[Any]]) -> Callable[..., Iterable[Any]]:
        def feed_and_stamp(self: Any, data: str) -> Iterable[Any]:
            read = time.perf_counter()
            for event in feed(self, data):
                if isinstance(event, Key) and _trace is not None:
                    _trace.stamp(event, read)
                yield event

        return feed_and_stamp

    if parser_reads:
        _patch(XTermParser, "feed", traced_feed)

    def traced_dispatch(dispatch: Callable[..., Any]) -> Callable[..., Any]:
        async def dispatch_as_key(self: Any, message: Any) -> None:
            numbers = getattr(message, "_keytrace", None)
            if numbers is None:
                await dispatch(self, message)
                return
            what = f"{type(self).__name__}:{type(message).__name__}"
            await _as_keys(numbers, isinstance(message, Key), dispatch(self, message), what)

        return dispatch_as_key

    _patch(MessagePump, "_dispatch_message", traced_dispatch)

    def traced_type_into(type_into: Callable[..., Any]) -> Callable[..., Any]:
        async def type_into_as_keys(self: Any, field: Any, keys: Any, *rest: Any) -> int:
            # A run of a burst's keys typed at once: each key's effect is the run's.
            numbers = tuple(number for key in keys for number in getattr(key, "_keytrace", ()))
            what = f"{type(field).__name__}:{len(keys)} keys typed at once"
            taken: int = await _as_keys(numbers, True, type_into(self, field, keys, *rest), what)
            return taken

        return type_into_as_keys

    try:
        from connect_tui.ui.key_burst import BurstTypist
    except ImportError:  # another app than connect-tui
        pass
    else:
        _patch(BurstTypist, "type_into", traced_type_into)

    def traced_post(post: Callable[..., bool]) -> Callable[..., bool]:
        def post_as_key(self: Any, message: Any) -> bool:
            numbers = _KEY.get()
            if numbers and getattr(message, "_keytrace", None) is None:
                message._keytrace = numbers
            return post(self, message)

        return post_as_key

    _patch(MessagePump, "post_message", traced_post)

    def traced_invoke_later(invoke_later: Callable[..., None]) -> Callable[..., None]:
        def invoke_later_as_key(self: Any, callback: Callable[..., Any], sender: Any) -> None:
            numbers = _KEY.get()
            if numbers:
                callback = _follow(numbers, callback)
            invoke_later(self, callback, sender)

        return invoke_later_as_key

    _patch(Screen, "_invoke_later", traced_invoke_later)

    def traced_timer(set_timer: Callable[..., Any]) -> Callable[..., Any]:
        def set_timer_as_key(self: Any, *args: Any, **kwargs: Any) -> Any:
            # A timer's task inherits the key of the task that set it: keep that for a
            # short debounce (part of the key's effect), not for a later chore, and never for
            # a repeating timer.
            delay = args[0] if args else kwargs.get("delay", kwargs.get("interval", 0))
            if set_timer.__name__ == "set_timer" and delay <= FOLLOW_TIMERS:
                return set_timer(self, *args, **kwargs)
            token = _KEY.set(())
            try:
                return set_timer(self, *args, **kwargs)
            finally:
                _KEY.reset(token)

        return set_timer_as_key

    _patch(MessagePump, "set_timer", traced_timer)
    _patch(MessagePump, "set_interval", traced_timer)

    def traced_refresh(refresh: Callable[..., Any]) -> Callable[..., Any]:
        def refresh_as_key(self: Any, *args: Any, **kwargs: Any) -> Any:
            numbers = _KEY.get()
            # Only what is on screen: a refresh of a hidden widget draws nothing.
            if numbers and _trace is not None and _on_screen(self):
                what = f"{type(self).__name__}#{self.id}" if self.id else type(self).__name__
                when, by_key = time.perf_counter(), _IN_KEY.get()
                seen = _SEEN.get()
                if seen is not None:  # noted once, given to the keys when the work ends
                    seen.note(when, by_key, what)
                else:
                    for number in numbers:
                        _trace.refreshed(number, when, by_key=by_key, what=what)
            return refresh(self, *args, **kwargs)

        return refresh_as_key

    _patch(Widget, "refresh", traced_refresh)

    def traced_display(display: Callable[..., None]) -> Callable[..., None]:
        def display_and_record(self: Any, screen: Any, renderable: Any) -> None:
            start = time.perf_counter()
            display(self, screen, renderable)
            if renderable is not None and not self._batch_count and _trace is not None:
                _trace.frames.append((start, time.perf_counter()))

        return display_and_record

    _patch(App, "_display", traced_display)

    def traced_update(update: Callable[..., None]) -> Callable[..., None]:
        def update_and_record(self: Any) -> None:
            start = time.perf_counter()
            update(self)
            if _trace is not None:
                _trace.frames.append((start, time.perf_counter()))

        return update_and_record

    # The screen brings itself up to date on its update timer: that is a frame too when
    # nothing it had to redraw differed (so no bytes were written), as for a refresh of
    # text that did not change.
    _patch(Screen, "_on_timer_update", traced_update)


def _on_screen(widget: Any) -> bool:
    """True when `widget` takes up room on its screen (it is in the compositor's map)."""
    try:
        return bool(widget.is_mounted and widget.region.area)
    except Exception:  # not on a screen (being mounted or removed)
        return False


def _follow(numbers: tuple[int, ...], callback: Callable[..., Any]) -> Callable[[], Any]:
    """`callback`, run as keys `numbers`' doing (what it posts is followed too)."""

    async def followed() -> None:
        import inspect

        async def run() -> None:
            result = callback()
            if inspect.isawaitable(result):
                await result

        await _as_keys(numbers, False, run(), repr(callback)[:80])

    return followed


async def _as_keys(numbers: tuple[int, ...], is_key: bool, work: Any, what: str) -> Any:
    """Await `work` as keys `numbers`' doing (`is_key`: the keys themselves being handled)."""
    token, seen = _KEY.set(numbers), _SEEN.set(_Refreshes())
    in_key = _IN_KEY.set(is_key)
    try:
        return await work
    finally:
        _SEEN.get().give(numbers)  # type: ignore[union-attr]
        _SEEN.reset(seen)
        _IN_KEY.reset(in_key)
        _KEY.reset(token)
        if _trace is not None:
            end = time.perf_counter()
            for number in numbers:
                _trace.done(number, end, is_key=is_key, what=what)


def main(argv: list[str]) -> int:
    """Run connect-tui with `argv[1:]` under the probe, writing the trace to `argv[0]`."""
    out = Path(argv[0])
    trace = Trace()
    install(trace)
    atexit.register(trace.dump, out)
    signal.signal(signal.SIGUSR1, lambda *_: trace.dump(out))
    from connect_tui.cli import main as cli_main

    return cli_main(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
