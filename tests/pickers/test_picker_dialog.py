"""The pickers in the composer (Pilot): open with the pick key, filter, choose; offline; warnings.

The draft's target is the sandbox, so the lists come over real HTTP from the embedded
sandbox this process starts, as they do for a user with no AWS account.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from textual.widgets import Input, OptionList, Static

from connect_tui.core import pickers, sandbox_identity
from connect_tui.core.defaults import new_draft
from connect_tui.ui.app import ComposerApp
from connect_tui.ui.dialogs.picker import PickerDialog
from tests.ui.composer_pilot import ready, top_screen, until


async def _pick(pilot, field_id: str, typed: str) -> PickerDialog:
    composer = pilot.app.composer
    field = composer.query_one(f"#{field_id}", Input)
    composer.action_show_pane(
        "contact" if field_id in ("instance-id", "contact-flow-id") else "addresses"
    )
    await pilot.pause()
    field.focus()
    await pilot.pause()
    await pilot.press("f4")
    dialog = await top_screen(pilot, PickerDialog)
    options = dialog.query_one(OptionList)
    await until(pilot, lambda: dialog.listing is not None and options.option_count > 0)
    await pilot.press(*typed)
    await pilot.pause()
    return dialog


async def test_an_instance_the_target_lacks_is_a_warning_once_the_list_is_known(
    isolated_home: Path,
) -> None:
    app = ComposerApp(new_draft(), None)
    async with app.run_test(size=(120, 40)) as pilot:
        composer = await ready(pilot)
        dialog = await _pick(pilot, "instance-id", "")
        await until(pilot, lambda: dialog.listing is not None and not dialog.listing.offline)
        await pilot.press("escape")
        await until(pilot, lambda: pilot.app.screen is composer)
        assert not [p for p in composer.problems if p.code == "unknown"]
        field = composer.query_one("#instance-id", Input)
        field.value = "5a2db0c5-0000-4000-8000-00000000dead"
        await until(pilot, lambda: any("not among" in p.message for p in composer.problems))
        warning = next(p for p in composer.problems if "not among" in p.message)
        assert warning.path == "InstanceId" and not warning.is_error


async def test_offline_the_picker_shows_the_cached_list_and_why(isolated_home: Path) -> None:
    draft = new_draft()
    draft.target = dataclasses.replace(draft.target, endpoint_url="http://127.0.0.1:9")
    key = pickers.cache_key(
        pickers.ADDRESS,
        "|".join(("sandbox", "http://127.0.0.1:9", "", "")),
        sandbox_identity.INSTANCE_ID,
    )
    cached = pickers.Listing(pickers.ADDRESS, (pickers.Choice("old@example.com", "Old"),), 0.0)
    pickers.remember(key, cached)
    app = ComposerApp(draft, None)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        dialog = await _pick(pilot, "destination-address", "")
        status = dialog.query_one("#picker-status", Static)
        await until(pilot, lambda: "offline" in str(status.render()))
        assert "nothing answers at http://127.0.0.1:9" in str(status.render())
        assert dialog.query_one(OptionList).option_count == 1
