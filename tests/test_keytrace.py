"""The key-to-repaint probe (benchmarks/keytrace.py) that benchmarks.keystroke reads."""

from __future__ import annotations

import asyncio
from typing import Any

from textual import events

from benchmarks.keytrace import Trace, install, uninstall
from connect_tui.ui.app import ComposerApp
from connect_tui.ui.terminal_input import KeyBurst
from tests.drafts import typical_draft


def test_echo_is_the_first_frame_begun_after_the_key_refreshed_what_it_changed() -> None:
    trace = Trace()
    record = trace.stamp(events.Key("a", "a"), read=10.0)
    trace.refreshed(record.number, 10.003, by_key=True)  # the letter, in the field
    trace.done(record.number, 10.008, is_key=True)  # the binding still waited for a while
    trace.refreshed(record.number, 10.028, by_key=False)  # the check's problems list
    trace.done(record.number, 10.030, is_key=False, what="check")
    # A frame begun before the refresh does not hold the effect; one begun after it does,
    # even while the key's dispatch was still waiting. The problems come in a later one.
    trace.frames = [(10.002, 10.0025), (10.004, 10.006), (10.025, 10.031), (10.040, 10.050)]
    (row,) = trace.latencies()
    assert round(row["echo_ms"]) == 6
    assert round(row["full_ms"]) == 50
    assert row["last"] == "check"


def test_a_key_that_refreshed_nothing_is_shown_by_the_first_frame_after_it() -> None:
    trace = Trace()
    record = trace.stamp(events.Key("a", "a"), read=1.0)
    trace.done(record.number, 1.004, is_key=True)
    trace.frames = [(1.002, 1.003), (1.010, 1.012)]
    (row,) = trace.latencies()
    assert round(row["echo_ms"]) == round(row["full_ms"]) == 12


def test_a_key_with_no_frame_after_it_has_no_latency() -> None:
    trace = Trace()
    trace.stamp(events.Key("a", "a"), read=1.0)
    trace.frames = [(0.5, 0.6)]
    assert trace.latencies()[0]["echo_ms"] is None


def test_a_key_typed_into_the_composer_is_followed_to_its_frames() -> None:
    async def run() -> list[dict[str, Any]]:
        trace = Trace()
        install(trace, parser_reads=False)
        app = ComposerApp(typical_draft())
        try:
            async with app.run_test(size=(120, 40)) as pilot:
                while not app.composer.model_ready:
                    await pilot.pause(0.05)
                await pilot.pause(0.2)
                event = events.Key("x", "x")
                trace.stamp(event)
                app.post_message(event)
                await pilot.pause(0.5)
                address = app.composer.draft.request["FromEmailAddress"]["EmailAddress"]
                assert address.endswith("x")
                # A burst typed at once (connect_tui.ui.key_burst): each key is followed.
                keys = [events.Key("y", "y"), events.Key("z", "z"), events.Key("backspace", None)]
                for key in keys:
                    trace.stamp(key)
                app.post_message(KeyBurst(keys))
                await pilot.pause(0.5)
                address = app.composer.draft.request["FromEmailAddress"]["EmailAddress"]
                assert address.endswith("xy")
        finally:
            uninstall()
        return trace.latencies()

    rows = asyncio.run(run())
    assert [row["key"] for row in rows] == ["x", "y", "z", "backspace"]
    for row in rows:
        assert row["echo_ms"] is not None and row["full_ms"] is not None
        assert 0 < row["echo_ms"] <= row["full_ms"]
        # The key's work went on past the field: the pane's Changed reached the screen.
        assert row["settled"] > row["handled"] > row["read"]
        assert row["painted"] >= row["shown"] > row["read"]
