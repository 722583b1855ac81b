"""Provides FrameTimer: the screen's frame clock, drawing a change one frame period after the
last frame at the latest, and `install()`, which gives every screen one.

A Textual screen draws what changed when its update timer ticks, at most 60 times a second
(textual 8.2.8: `Screen._update_timer`, an interval timer paused while nothing changes). That
timer keeps a fixed grid of ticks, and after a pause it goes wrong: on resume it ticks at once,
then skips the next grid tick and waits for the one after (`Timer._run` recounts its ticks
one too far when it finds itself late), so the second frame of a burst of keys came 17–33 ms
after the first even when the keys were handled in 3 ms. Measured in tmux on 20 keys sent
at once: frames at 2 ms and then 36 ms, none between.

FrameTimer ticks as soon as it is resumed if a frame period has passed since its last tick,
else when it has: never two frames within one period, never a change waiting longer than one.
"""

from __future__ import annotations

from typing import Any

from textual._time import get_time, sleep
from textual.screen import UPDATE_PERIOD, Screen
from textual.timer import EventTargetGone, Timer


def next_tick(last_tick: float, now: float, period: float) -> float:
    """When a resumed frame clock ticks: now, or one period after its last tick if sooner."""
    return max(now, last_tick + period)


class FrameTimer(Timer):
    """A repeating timer that ticks at most once a period, and as soon as it may once resumed."""

    async def _run(self) -> None:
        last = float("-inf")
        while True:
            await self._active.wait()
            now = get_time()
            due = next_tick(last, now, self._interval)
            if due > now:
                await sleep(due - now)
                await self._active.wait()
            last = get_time()
            try:
                await self._tick(next_timer=last, count=0)
            except EventTargetGone:
                break


def _frame_timer(screen: Screen[Any]) -> Timer:
    """The screen's update timer, made a FrameTimer the first time it is asked for."""
    timer: Timer | None = screen._Screen__update_timer  # type: ignore[attr-defined]
    if timer is None:
        # As Screen._update_timer makes its own (textual 8.2.8), but with FrameTimer.
        timer = FrameTimer(
            screen,
            UPDATE_PERIOD,
            name="screen_update",
            callback=screen._on_timer_update,
            pause=True,
        )
        timer._start()
        screen._timers.add(timer)
        screen._Screen__update_timer = timer  # type: ignore[attr-defined]
    return timer


def install() -> None:
    """Give every screen a FrameTimer for its update timer (before any screen is drawn)."""
    Screen._update_timer = property(_frame_timer)  # type: ignore[method-assign, assignment]
