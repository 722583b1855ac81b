"""The composer's panes: the index, the tab strip, and keys that come before the panes mount."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from connect_tui.ui.app import ComposerApp
from connect_tui.ui.screens.composer import ComposerScreen
from connect_tui.ui.widgets.pane_index import PANE_INDEX, PaneEntry
from connect_tui.ui.widgets.pane_tabs import PaneTabs


def test_every_entry_of_the_index_is_its_panes_class() -> None:
    for entry in PANE_INDEX:
        cls = entry.load()
        assert (cls.NAME, cls.TITLE, cls.KEY) == (entry.name, entry.title, entry.key)


def test_an_entry_that_disagrees_with_its_class_is_refused() -> None:
    entry = PANE_INDEX[1]
    wrong = PaneEntry(entry.name, entry.title, "alt+z", entry.class_path)
    with pytest.raises(TypeError, match="pane index"):
        wrong.load()


async def test_keys_before_the_panes_mount_land_in_the_pane_asked_for(
    profiles_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The other panes mount only when asked for: as if the keys came at the first frame.
    async def not_yet(self: ComposerScreen) -> None:
        return None

    monkeypatch.setattr(ComposerScreen, "_mount_other_panes", not_yet)
    app = ComposerApp()
    async with app.run_test(size=(80, 24)) as pilot:
        composer = app.composer
        await pilot.pause()
        # The first frame's stand-ins are still there: the first key puts the first pane in.
        assert composer.first_frame.sketched and composer.panes == []
        await pilot.press("alt+m", "ctrl+u", *"Early", "alt+c", "tab", "tab", *"abc")
        await pilot.pause()
        assert composer.active_pane == "contact"
        subject = composer.pane("message").query_one("#subject", Input)
        assert subject.value == "Early"
        assert composer.draft.request["EmailMessage"]["RawMessage"]["Subject"] == "Early"
        assert composer.draft.request["RelatedContactId"] == "abc"
        assert [pane.NAME for pane in composer.panes] == ["addresses", "message", "contact"]


async def test_the_tab_strip_takes_clicks_and_arrows(profiles_dir: Path) -> None:
    app = ComposerApp()
    async with app.run_test(size=(120, 40)) as pilot:
        composer = app.composer  # no need to wait for the model: a pane mounts when asked for
        await pilot.pause()
        tabs = composer.query_one(PaneTabs)
        focused: Any = app.focused
        # " Addresses  Recipients  Message ": Message starts at column 24.
        await pilot.click(PaneTabs, offset=(26, 0))
        await pilot.pause()
        assert composer.active_pane == tabs.active == "message"
        assert app.focused is tabs and focused is not tabs
        await pilot.press("right", "right")
        await pilot.pause()
        assert composer.active_pane == "attributes"
        await pilot.click(PaneTabs, offset=(3, 1))  # the bar under a title counts too
        await pilot.pause()
        assert composer.active_pane == "addresses"
        await pilot.press("left")
        await pilot.pause()
        assert composer.active_pane == "preview"
