"""IdleCollector: the oldest generation is collected in the pauses after input, not while
keys come; the interpreter's thresholds are taken while the composer runs and given back."""

from __future__ import annotations

import gc
import time
from pathlib import Path

import pytest

from connect_tui.ui import idle_collector
from connect_tui.ui.app import ComposerApp
from connect_tui.ui.idle_collector import IDLE, LIMIT, NEVER, IdleCollector
from tests.drafts import largest_legal_draft
from tests.ui.composer_pilot import ready, until


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def collector() -> tuple[IdleCollector, Clock, list[int]]:
    clock, collected = Clock(), []
    return IdleCollector(clock=clock, collect=lambda: collected.append(1)), clock, collected


def test_no_full_pass_while_keys_come_one_in_the_pause_after() -> None:
    idle, clock, collected = collector()
    for _ in range(50):  # a key every 0.1 s, the middle generation collected often
        idle.input_seen()
        clock.now += 0.1
        assert not idle.check(pending=LIMIT - 1)
    assert collected == []
    clock.now += IDLE
    assert idle.check(pending=1)  # the pause after the keys
    assert not idle.check(pending=1)  # once: no input since
    assert collected == [1]


def test_idle_the_interpreter_threshold_holds_and_nothing_pending_is_skipped() -> None:
    idle, clock, collected = collector()
    clock.now += 10 * IDLE
    assert not idle.check(pending=0)
    assert not idle.check(pending=gc.get_threshold()[2] - 1)
    assert idle.check(pending=gc.get_threshold()[2])
    idle.input_seen()
    clock.now += 10 * IDLE
    assert not idle.check(pending=0)  # owed, but nothing reached the oldest generation
    assert len(collected) == 1


def test_typing_without_a_pause_is_collected_at_the_limit() -> None:
    idle, clock, collected = collector()
    idle.input_seen()
    assert idle.check(pending=LIMIT)
    assert collected == [1]


async def test_the_composer_collects_in_pauses_only(
    profiles_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In the running composer: keys typed see no full collection; the pause after them
    does; the thresholds are the interpreter's again once the app has ended. (The pause is
    made long while the keys come: on a loaded machine the test's own keys can be a second
    apart, which is a pause.)"""
    before = gc.get_threshold()
    full: list[float] = []

    def watch(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] == 2:
            full.append(time.monotonic())

    app = ComposerApp(largest_legal_draft())
    gc.callbacks.append(watch)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            composer = await ready(pilot)
            assert gc.get_threshold()[2] == NEVER and gc.get_freeze_count() > 0
            await composer.action_show_pane("references")
            active = idle_collector._active
            assert active is not None
            monkeypatch.setattr(idle_collector, "IDLE", 3600.0)
            active.input_seen()  # from here on keys come (before: idle since ready, rightly)
            full.clear()
            for _ in range(3):
                await pilot.press(*"abcdefghij", *["backspace"] * 10)
            gc.collect(1)  # surely something in the middle generation, owed to the oldest
            assert full == [], "a full collection ran while keys came"
            monkeypatch.setattr(idle_collector, "IDLE", 0.5)
            await until(pilot, lambda: bool(full))  # the pause after the keys
            assert full[0] >= active._last_input + 0.5
    finally:
        gc.callbacks.remove(watch)
    assert gc.get_threshold() == before
    assert idle_collector._active is None and gc.get_freeze_count() == 0
