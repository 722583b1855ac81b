"""Snapshot tests of the composer's looks, at 80x24 and 120x40 (pytest-textual-snapshot).

Each scene opens a fixed draft in the isolated HOME, waits until botocore's model has
loaded and the draft has been checked, stops every cursor blinking, then compares the
screen with the SVG in __snapshots__/. The sent scene shows the send result dialog for
a fixed outcome, because a real send's ContactId, request id and timing differ every
time; `test_a_real_send_shows_the_contact_id_it_made` checks those on a real send.

After a deliberate change of looks, regenerate and review the SVGs:
    python -m pytest tests/ui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea

from connect_tui.core import history
from connect_tui.core.model import Draft
from connect_tui.core.outcome import SendOutcome
from connect_tui.ui.app import ComposerApp
from connect_tui.ui.dialogs.send_result import SendResultDialog
from tests.drafts import outbound_chain_draft, typical_inbound_request

SIZES = [(80, 24), (120, 40)]
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def inbound() -> Draft:
    """A typical inbound draft, valid."""
    return Draft(name="order-1234", request=typical_inbound_request())


def outbound() -> Draft:
    """A typical outbound reply that creates its contact first, valid."""
    return outbound_chain_draft("order-1234-reply")


def with_errors() -> Draft:
    """The inbound draft with three mistakes."""
    draft = inbound()
    draft.name = "order-1234-mistakes"
    draft.request["FromEmailAddress"]["EmailAddress"] = "alice at example"
    draft.request["Attributes"]["order id!"] = "1234"
    draft.request["EmailMessage"]["RawMessage"]["ContentType"] = "text/markdown"
    return draft


FIXED_OUTCOME = SendOutcome(
    profile="order-1234",
    operation="StartEmailContact",
    target="sandbox (embedded)",
    contact_id="0b5e7c1a-3f2d-4c8e-9a61-5d4f2e8b7c90",
    client_token="6f1c2d3e-4b5a-4697-8a8b-9c0d1e2f3a4b",
    request_id="9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
    elapsed=0.214,
)


async def settled(pilot: Pilot[Any], timeout: float = 30.0) -> None:
    """Wait until the model is loaded and the draft checked; stop every cursor blinking."""
    app = pilot.app
    assert isinstance(app, ComposerApp)
    deadline = time.monotonic() + timeout
    while True:
        await pilot.pause()
        composer = app.composer
        title = str(composer.problems_list.border_title or "")
        if composer.model_ready and "checking" not in title:
            break
        assert time.monotonic() < deadline, "the draft was not checked in time"
        await asyncio.sleep(0.02)
    await app.workers.wait_for_complete()
    await pilot.pause()
    for widget in app.screen.query("*"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False
    await pilot.pause()


async def show_sent(pilot: Pilot[Any]) -> None:
    """The send result dialog for FIXED_OUTCOME over the composer."""
    await settled(pilot)
    await pilot.app.push_screen(SendResultDialog(FIXED_OUTCOME))
    await settled(pilot)


SCENES: dict[str, tuple[Callable[[], Draft], Callable[[Pilot[Any]], Awaitable[None]]]] = {
    "inbound": (inbound, settled),
    "outbound": (outbound, settled),
    "errors": (with_errors, settled),
    "sent": (inbound, show_sent),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("scene", list(SCENES))
def test_snapshot(scene: str, size: tuple[int, int], snap_compare: Any) -> None:
    make_draft, before = SCENES[scene]
    assert snap_compare(ComposerApp(make_draft(), None), terminal_size=size, run_before=before)


async def test_the_error_scene_has_its_errors() -> None:
    # The snapshot shows whatever was on screen: this says what must be on it.
    app = ComposerApp(with_errors(), None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        assert str(app.composer.problems_list.border_title) == "Problems: 3 errors"


async def test_a_real_send_shows_the_contact_id_it_made() -> None:
    app = ComposerApp(inbound(), None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("f5")
        deadline = time.monotonic() + 60
        while not isinstance(app.screen, SendResultDialog):
            assert time.monotonic() < deadline, "no send result within 60 s"
            await asyncio.sleep(0.05)
            await pilot.pause()
        await pilot.pause()
        headline = app.screen.query_one("#send-result-headline", Static)
        shown = UUID.findall(str(headline.render()))
    recorded = history.read()
    assert len(recorded) == 1 and recorded[0].ok
    assert shown == [recorded[0].contact_id]
