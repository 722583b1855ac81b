"""The draft bar's unsaved mark shows and hides itself without restyling the bar (a class on
the bar restyled everything in it, the operation switch too: 1.2 ms of a key)."""

from __future__ import annotations

from pathlib import Path

from connect_tui.core.defaults import new_draft
from connect_tui.ui.app import ComposerApp
from tests.ui.composer_pilot import ready, screen_text
from tests.ui.restyles import record_restyles


async def test_the_unsaved_mark_comes_and_goes_without_a_restyle(profiles_dir: Path) -> None:
    app = ComposerApp(new_draft("bar"))
    async with app.run_test(size=(100, 30)) as pilot:
        composer = await ready(pilot)
        bar = composer.draft_bar
        restyled = record_restyles(app)
        assert "●" not in screen_text(app).splitlines()[0]
        for dirty in (True, False, True):
            bar.show_dirty(dirty)
            await pilot.pause()
            assert bar.has_class("-dirty") is dirty
            assert ("●" in screen_text(app).splitlines()[0]) is dirty
        assert not [node for node in restyled if node is bar or bar in node.ancestors]
