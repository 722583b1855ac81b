"""Issue 15 defect 8 in the composer: Inbound -> Outbound -> Inbound, then ctrl+s, leaves the
saved profile byte for byte as it was (the rules are core's: tests/core/test_parking.py)."""

from __future__ import annotations

from pathlib import Path

from connect_tui.core import profiles
from connect_tui.core.model import INBOUND, OUTBOUND
from connect_tui.ui.app import ComposerApp, open_argument
from tests.drafts import typical_draft
from tests.ui.composer_pilot import ready, until


async def test_switching_twice_then_saving_writes_the_same_bytes(profiles_dir: Path) -> None:
    draft = typical_draft()
    draft.name = "round"
    path = profiles.path_for("round")
    profiles.save(draft, path)
    before = path.read_bytes()
    app = ComposerApp(*open_argument("round"))
    async with app.run_test(size=(120, 40)) as pilot:
        composer = await ready(pilot)
        composer.set_operation(OUTBOUND)  # what the Inbound / Outbound switch does
        await pilot.pause()
        assert composer.draft.create_contact is not None
        composer.set_operation(INBOUND)
        await pilot.pause()
        assert composer.dirty
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not composer.dirty)
    assert path.read_bytes() == before
