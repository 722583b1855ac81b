"""A key's whole effect in the frame that shows the key (issue 13, aim 3): the problems, the
unsaved mark and the byte count are drawn with the letter, not a frame or more later; and
the parts of that pipeline (ui/screens/checking.py, Pane.show_problems) on their own."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import pytest
from textual import events
from textual.screen import Screen
from textual.widgets import Input, TextArea

from connect_tui.core.defaults import new_draft
from connect_tui.core.problems import Problem
from connect_tui.ui.app import ComposerApp
from connect_tui.ui.screens import checking
from connect_tui.ui.screens.checking import Checking
from connect_tui.ui.widgets.addresses import AddressesPane
from connect_tui.ui.widgets.pane import INVALID
from tests.ui.composer_pilot import ready, until
from tests.ui.harness import PaneHarness
from tests.ui.harness import pane_field as field


@dataclass(frozen=True)
class Frame:
    """What the composer's widgets showed when Textual drew one frame."""

    address: str
    problems_title: str
    dirty: bool
    body: str
    body_bytes: str


async def test_a_key_and_all_it_changes_are_drawn_in_one_frame(
    profiles_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No limit on the hold: this is about order, and a busy machine must not change it.
    monkeypatch.setattr(checking, "HOLD_SECONDS", 600.0)
    monkeypatch.setattr(checking, "HOLD_TURNS", 10**9)
    frames: list[Frame] = []
    app = ComposerApp(new_draft("frames"))
    draw = Screen._on_timer_update

    def recorded(screen: Screen[Any]) -> None:
        if screen is app.screen and app.composer.model_ready:
            composer = app.composer
            message = composer.pane("message")
            frames.append(
                Frame(
                    composer.pane("addresses").query_one("#from-address", Input).value,
                    str(composer.problems_list.border_title),
                    composer.draft_bar.has_class("-dirty"),
                    message.query_one("#body", TextArea).text,
                    str(message.query_one("#body-bytes").render()),
                )
            )
        draw(screen)

    monkeypatch.setattr(Screen, "_on_timer_update", recorded)
    async with app.run_test(size=(80, 24)) as pilot:
        composer = await ready(pilot)
        from_address = composer.pane("addresses").query_one("#from-address", Input)
        from_address.focus()
        await pilot.pause()
        assert composer.problems == []
        address = from_address.value
        frames.clear()
        await pilot.press("space")  # no spaces in an address: an error
        await until(pilot, lambda: bool(composer.problems))
        await pilot.pause()
        first = next(frame for frame in frames if frame.address == address + " ")
        # Before: this frame still said "Problems: none" and no unsaved mark; they came
        # in the frame after (17 to 33 ms later, on Textual's update timer).
        assert first.problems_title == "Problems: 1 error"
        assert first.dirty

        await pilot.press("alt+m")
        body = composer.pane("message").query_one("#body", TextArea)
        body.focus()
        await pilot.pause()
        size = len(body.text.encode())
        frames.clear()
        await pilot.press("x")
        await until(
            pilot, lambda: "x" in composer.draft.request["EmailMessage"]["RawMessage"]["Body"]
        )
        await pilot.pause()
        first = next(frame for frame in frames if "x" in frame.body)
        assert first.body_bytes.startswith(f"{size + 1} of")  # the count moves with the letter


class _Host:
    """The little of the composer Checking uses, counting the checks."""

    def __init__(self) -> None:
        self.checks = 0
        self.prompts = 0

    def check_idle(self) -> None:
        self.prompts += 1

    model_ready = False  # check() then only clears what is owed
    checking: Checking


def _checking() -> tuple[Checking, _Host]:
    host = _Host()
    host.checking = checking = Checking(cast(Any, host))
    check = checking.check

    def counted() -> None:
        host.checks += 1
        check()

    checking.check = counted  # type: ignore[method-assign]
    return checking, host


def test_a_change_on_its_way_holds_the_frame_until_it_is_applied_and_checked() -> None:
    found, host = _checking()
    found._field_message(Input.Changed(cast(Input, None), "a"))
    idle = events.Idle()
    asyncio.run(found.before_frame(idle))
    assert idle._no_default_action  # Screen's idle handler (the frame) did not run
    assert host.prompts == 1  # and the screen comes back to look again
    found.applied()  # the pane's change reached the screen: checked at once
    assert host.checks == 1
    idle = events.Idle()
    asyncio.run(found.before_frame(idle))
    assert not idle._no_default_action and host.checks == 1  # nothing owed, nothing held


def test_a_hold_ends_by_itself_when_no_change_arrives() -> None:
    found, host = _checking()
    found._field_message(Input.Changed(cast(Input, None), "a"))
    found.schedule()
    held = 0
    for _ in range(checking.HOLD_TURNS + 5):
        idle = events.Idle()
        asyncio.run(found.before_frame(idle))
        held += idle._no_default_action
        if not idle._no_default_action:
            break
    assert 0 < held <= checking.HOLD_TURNS
    assert found.expired == 1 and host.checks == 1  # the owed check ran before the frame


def test_a_message_that_is_no_change_holds_nothing() -> None:
    found, _ = _checking()
    found._field_message(events.Key("a", "a"))
    idle = events.Idle()
    asyncio.run(found.before_frame(idle))
    assert not idle._no_default_action and found.holds == 0


async def test_problems_shown_again_touch_no_field(monkeypatch: pytest.MonkeyPatch) -> None:
    draft = new_draft()
    draft.request["FromEmailAddress"]["EmailAddress"] = "not an address"
    app = PaneHarness(AddressesPane(), draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        marked = field(app, "from-address")
        assert marked.has_class(INVALID)
        changes: list[str] = []
        for name in ("add_class", "remove_class"):
            original = getattr(marked, name)

            def spy(*names: str, _name: str = name, _original: Any = original) -> Any:
                changes.append(_name)
                return _original(*names)

            monkeypatch.setattr(marked, name, spy)
        app.pane.show_problems(list(app.problems))  # the same problems, as on most keys
        # Before: every field's mark was taken off and put back (two restyles a key each).
        assert changes == []
        moved = [Problem(("FromEmailAddress", "EmailAddress"), "other words", severity="warning")]
        app.pane.show_problems(moved)
        assert marked.has_class("-warning") and not marked.has_class(INVALID)
        assert str(marked.tooltip) == "other words"
        app.pane.show_problems([])
        assert not marked.has_class("-warning") and marked.tooltip is None
