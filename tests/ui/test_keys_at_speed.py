"""Pilot tests of the composer at keyboard speed: every burst is sent with no pause between keys.

Each of these failed before the fix (issue 15, defects 1 to 4): answers to a dialog taken
twice (ScreenStackError), text typed after ctrl+n or Tab landing in the previous cell, and
alt+letter from inside a row bouncing back to the row's pane with the focus lost.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from connect_tui.core import profiles, recovery
from connect_tui.core.defaults import new_draft
from connect_tui.ui.app import ComposerApp, open_argument
from connect_tui.ui.dialogs.choice import ChoiceDialog
from connect_tui.ui.screens.composer import ComposerScreen
from connect_tui.ui.widgets.rows import RowList
from tests.ui.composer_pilot import Recorder, ready, top_screen
from tests.ui.form_keys import retype
from tests.ui.keys_burst import burst, paste


def addresses(composer: ComposerScreen) -> list[Input]:
    """From address, From display name (the Addresses pane's first Inputs)."""
    return list(composer.pane("addresses").query(Input))[:2]


def to_rows(composer: ComposerScreen) -> list[dict[str, str]]:
    return composer.pane("recipients").query_one("#recipients-to", RowList).rows


async def test_two_quick_answers_to_the_unsaved_question(profiles_dir: Path) -> None:
    profiles.save(new_draft("demo"), profiles.path_for("demo"))
    app = ComposerApp(*open_argument("demo"))
    async with app.run_test(size=(80, 24)) as pilot:
        composer = await ready(pilot)
        from_field = addresses(composer)[0]
        await retype(pilot, from_field, "a@example.com")
        # ctrl+q opens the question, the first c answers "cancel", the second is typed.
        await burst(pilot, "ctrl+q", "cc")
        assert app.return_code is None
        assert app.screen is composer and composer.dirty
        assert from_field.value == "a@example.comc"
        assert composer.draft.request["FromEmailAddress"]["EmailAddress"] == "a@example.comc"


async def test_text_typed_just_before_ctrl_q_is_not_lost(profiles_dir: Path) -> None:
    profiles.save(new_draft("demo"), profiles.path_for("demo"))
    app = ComposerApp(*open_argument("demo"))
    async with app.run_test(size=(80, 24)) as pilot:
        composer = await ready(pilot)
        from_field = addresses(composer)[0]
        await retype(pilot, from_field, "")
        await burst(pilot, "b@example.com", "ctrl+q", "s")  # type, quit, save
        assert app.return_code == 0
    assert profiles.load("demo").request["FromEmailAddress"]["EmailAddress"] == "b@example.com"


async def test_two_quick_answers_to_the_restore_question(profiles_dir: Path) -> None:
    saved = new_draft("demo")
    profiles.save(saved, profiles.path_for("demo"))
    kept = saved.copy()
    kept.request["FromEmailAddress"]["EmailAddress"] = "kept@example.com"
    recovery.write("demo", kept)
    app = ComposerApp(*open_argument("demo"))
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await top_screen(pilot, ChoiceDialog)
        composer = app.composer
        from_field = addresses(composer)[0]
        before = from_field.value
        await burst(pilot, "end", "nd")  # "not now", then a d typed in the field below
        assert dialog.answer == "cancel"
        assert app.screen is composer
        await ready(pilot)
        assert from_field.value == before + "d"
        assert recovery.find("demo") is not None  # "not now" keeps the copy


async def test_tab_between_fields_at_full_speed(profiles_dir: Path) -> None:
    app = ComposerApp()
    async with app.run_test(size=(80, 24)) as pilot:
        composer = await ready(pilot)
        from_field, name_field = addresses(composer)
        await retype(pilot, name_field, "")
        await retype(pilot, from_field, "")
        # (A field reached by tab has its text selected: end, so that d is added.)
        await burst(pilot, "abc", "tab", "XY", "shift+tab", "end", "d")
        assert (from_field.value, name_field.value) == ("abcd", "XY")


async def test_rows_typed_at_full_speed_land_where_they_were_typed(profiles_dir: Path) -> None:
    app = ComposerApp()
    async with app.run_test(size=(80, 24)) as pilot:
        composer = await ready(pilot)
        await burst(pilot, "alt+r", "ctrl+n", "a@x.io", "tab", "Ann", "ctrl+n", "b@x.io", "ctrl+n")
        await paste(pilot, "c@x.io")
        assert to_rows(composer) == [
            {"EmailAddress": "a@x.io", "DisplayName": "Ann"},
            {"EmailAddress": "b@x.io", "DisplayName": ""},
            {"EmailAddress": "c@x.io", "DisplayName": ""},
        ]
        entries = composer.draft.request["AdditionalRecipients"]["ToAddresses"]
        assert [entry["EmailAddress"] for entry in entries] == ["a@x.io", "b@x.io", "c@x.io"]


@pytest.mark.slow
async def test_alt_letter_from_inside_any_row_goes_there_and_stays(profiles_dir: Path) -> None:
    app = ComposerApp()
    async with app.run_test(size=(80, 24)) as pilot:
        composer = await ready(pilot)
        from_field = addresses(composer)[0]
        await retype(pilot, from_field, "")
        # Recipients, Message (headers), References, Attributes, Attachments: a row each.
        for letter in "rmeth":
            await burst(pilot, f"alt+{letter}")
            pane = composer.current_pane()
            row_list = pane.query(RowList).first()
            row_list.focus_row(0)  # the Add button when there are no rows
            await burst(pilot, "ctrl+n", "alt+a", "end", letter.upper())
            assert composer.active_pane == "addresses", letter
            assert app.focused is from_field, letter
        await burst(pilot, "alt+r", "ctrl+n", "alt+a", "alt+r", "alt+a", "end", "Z")
        assert composer.active_pane == "addresses"
        assert from_field.value == "RMETHZ"


async def test_a_pasted_list_of_addresses_becomes_one_row_each(profiles_dir: Path) -> None:
    app = ComposerApp()
    async with app.run_test(size=(80, 24)) as pilot:
        composer = await ready(pilot)
        await burst(pilot, "alt+r", "ctrl+n")
        listed = 'Ann <a@x.io>, "Lee, Bo" <b@x.io>; c@x.io\nd@x.io\n'
        await paste(pilot, listed, "X")  # typing goes on in the last row
        assert to_rows(composer) == [
            {"EmailAddress": "a@x.io", "DisplayName": "Ann"},
            {"EmailAddress": "b@x.io", "DisplayName": "Lee, Bo"},
            {"EmailAddress": "c@x.io", "DisplayName": ""},
            {"EmailAddress": "d@x.ioX", "DisplayName": ""},
        ]
        assert "4 of 49 recipients" in str(
            composer.pane("recipients").query_one(".recipients-count").render()
        )


async def test_a_pasted_list_beyond_the_limit_says_what_was_not_added(
    profiles_dir: Path,
) -> None:
    draft = new_draft()
    draft.request["AdditionalRecipients"] = {
        "CcAddresses": [{"EmailAddress": f"cc{i}@x.io"} for i in range(47)]
    }
    recorder = Recorder()
    app = ComposerApp(draft)
    async with app.run_test(size=(80, 24), message_hook=recorder.hook) as pilot:
        composer = await ready(pilot)
        await burst(pilot, "alt+r", "ctrl+n")
        await paste(pilot, "a@x.io, b@x.io, c@x.io, d@x.io")
        assert [row["EmailAddress"] for row in to_rows(composer)] == ["a@x.io", "b@x.io"]
        warnings = recorder.notices_with("warning")
        assert len(warnings) == 1
        assert "2 of the 4 pasted addresses were not added" in warnings[0]
        assert "c@x.io, d@x.io" in warnings[0]
