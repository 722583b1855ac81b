"""Pilot tests of the drafts picker: open, new, duplicate, rename and delete (with a confirm)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList

from connect_tui.core import profiles
from connect_tui.core.defaults import new_draft
from connect_tui.core.model import OUTBOUND
from connect_tui.ui.app import ComposerApp, open_argument
from connect_tui.ui.dialogs.choice import ChoiceDialog
from connect_tui.ui.dialogs.prompt import NamePrompt
from connect_tui.ui.screens.drafts_picker import DraftsScreen
from tests.ui.composer_pilot import ready, top_screen, until


def save(name: str, operation: str = "StartEmailContact") -> None:
    profiles.save(new_draft(name, operation), profiles.path_for(name))


def names(picker: DraftsScreen) -> list[str]:
    return [info.name for info in picker.found]


async def choose(pilot: object, picker: DraftsScreen, name: str) -> None:
    picker.query_one(OptionList).highlighted = names(picker).index(name)
    await pilot.pause()  # type: ignore[attr-defined]


async def answer_prompt(pilot: object, text: str) -> None:
    prompt = await top_screen(pilot, NamePrompt)
    prompt.query_one(Input).value = text
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_open_another_profile_asks_about_unsaved_changes(profiles_dir: Path) -> None:
    save("alpha")
    save("beta", OUTBOUND)
    app = ComposerApp(*open_argument("alpha"))
    async with app.run_test(size=(80, 24)) as pilot:
        composer = await ready(pilot)
        composer.mark_dirty()
        await pilot.press("ctrl+o")
        picker = await top_screen(pilot, DraftsScreen)
        assert names(picker) == ["alpha", "beta"]
        assert picker.selected == "alpha"  # the open draft is highlighted
        await choose(pilot, picker, "beta")
        await pilot.press("enter")
        await top_screen(pilot, ChoiceDialog)
        await pilot.press("d")  # discard alpha's changes
        await until(pilot, lambda: composer.draft.name == "beta")
        assert composer.draft.operation == OUTBOUND
        assert composer.path == profiles.path_for("beta")
        assert composer.draft_bar.name_text == "beta"
        assert not composer.dirty


async def test_new_from_the_picker_starts_an_unsaved_draft(profiles_dir: Path) -> None:
    save("alpha")
    app = ComposerApp(*open_argument("alpha"))
    async with app.run_test(size=(80, 24)) as pilot:
        composer = await ready(pilot)
        await pilot.press("ctrl+o")
        await top_screen(pilot, DraftsScreen)
        await pilot.press("n")
        await until(pilot, lambda: composer.path is None)
        assert composer.draft.name == "untitled"


async def test_duplicate_rename_and_delete(profiles_dir: Path) -> None:
    save("alpha")
    save("beta")
    app = ComposerApp(*open_argument("alpha"))
    async with app.run_test(size=(80, 24)) as pilot:
        composer = await ready(pilot)
        await pilot.press("ctrl+o")
        picker = await top_screen(pilot, DraftsScreen)

        await choose(pilot, picker, "beta")
        await pilot.press("d")
        await answer_prompt(pilot, "alpha")  # taken: refused in the prompt
        prompt = app.screen
        assert isinstance(prompt, NamePrompt)
        assert "already exists" in str(prompt.query_one("#prompt-error").content)
        await answer_prompt(pilot, "gamma")
        await until(pilot, lambda: "gamma" in names(picker))
        assert picker.selected == "gamma"
        assert profiles.load("gamma").name == "gamma"

        # Renaming the open draft: the composer follows it (told when the picker closes).
        await choose(pilot, picker, "alpha")
        await pilot.press("r")
        await answer_prompt(pilot, "omega")
        await until(pilot, lambda: "omega" in names(picker))
        assert names(picker) == ["beta", "gamma", "omega"]

        await choose(pilot, picker, "beta")
        await pilot.press("delete")
        dialog = await top_screen(pilot, ChoiceDialog)
        await pilot.press("escape")  # cancel: nothing deleted
        await until(pilot, lambda: app.screen is picker)
        assert profiles.exists("beta")
        await pilot.press("delete")
        dialog = await top_screen(pilot, ChoiceDialog)
        assert "beta" in str(dialog.message)
        await pilot.press("y")
        await until(pilot, lambda: "beta" not in names(picker))
        assert not profiles.exists("beta")
        assert sorted(p.name for p in profiles_dir.iterdir()) == ["gamma.toml", "omega.toml"]
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is composer)
        assert composer.path == profiles.path_for("omega")
        assert composer.draft_bar.name_text == "omega"


async def test_the_picker_says_when_there_are_no_drafts(profiles_dir: Path) -> None:
    app = ComposerApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+o")
        picker = await top_screen(pilot, DraftsScreen)
        assert picker.query_one("#profiles-empty").display
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, DraftsScreen)
