"""Pilot tests of the history screen: past sends newest first, reopen one, resend one."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from connect_tui.core import history
from connect_tui.core.defaults import new_draft
from connect_tui.runtime import send_draft
from connect_tui.ui.app import ComposerApp
from connect_tui.ui.dialogs.send_result import SendResultDialog
from connect_tui.ui.screens.history import HistoryScreen
from tests.ui.composer_pilot import ready, screen_text, top_screen, until


def sent(*names: str) -> list[str]:
    """Send a new draft under each name; return the ContactIds."""
    ids = []
    for name in names:
        outcome = send_draft(new_draft(name))
        assert outcome.ok, outcome.error
        ids.append(outcome.contact_id or "")
    return ids


async def test_history_lists_sends_newest_first(profiles_dir: Path) -> None:
    first, second = sent("first", "second")
    app = ComposerApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("f9")
        screen = await top_screen(pilot, HistoryScreen)
        assert [entry.profile for entry in screen.entries] == ["second", "first"]
        table = screen.query_one(DataTable)
        assert table.row_count == 2
        text = screen_text(app)
        assert text.index(second) < text.index(first)


async def test_reopen_an_entry_as_a_new_draft_with_its_variables(profiles_dir: Path) -> None:
    """Defect 7 of issue 15: reopen kept the profile's name and resolved the variables, so
    saving would have replaced the template with one resolved instance."""
    template = new_draft("template")
    template.variables = {"order": "1234"}
    template.request["EmailMessage"]["RawMessage"]["Subject"] = "Order ${order}"
    assert send_draft(template).ok
    app = ComposerApp()
    async with app.run_test(size=(80, 24)) as pilot:
        composer = await ready(pilot)
        await pilot.press("f9")
        await top_screen(pilot, HistoryScreen)
        await pilot.press("o")
        await until(pilot, lambda: composer.draft.variables == {"order": "1234"})
        assert composer.path is None and composer.dirty
        assert composer.draft.name == "untitled"  # saving asks a name; no profile is replaced
        assert composer.draft.request == template.request  # ${order} as written
        assert "ClientToken" not in composer.draft.request


async def test_resend_an_entry_with_a_new_client_token(profiles_dir: Path) -> None:
    (first,) = sent("resent")
    app = ComposerApp()
    async with app.run_test(size=(80, 24)) as pilot:
        composer = await ready(pilot)
        before = composer.draft.copy()
        await pilot.press("f9")
        await top_screen(pilot, HistoryScreen)
        await pilot.press("r")
        dialog = await top_screen(pilot, SendResultDialog)
        assert dialog.outcome.ok, dialog.outcome.error
        assert dialog.outcome.contact_id != first
        assert composer.draft == before  # the draft in the editor is not touched
    entries = history.read()
    assert len(entries) == 2
    assert entries[0].client_token != entries[1].client_token
    assert entries[1].profile == "resent"


async def test_an_empty_history_says_so(profiles_dir: Path) -> None:
    app = ComposerApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("f9")
        screen = await top_screen(pilot, HistoryScreen)
        assert screen.query_one("#history-empty").display
        await pilot.press("o")  # nothing to reopen: stays
        await pilot.pause()
        assert app.screen is screen
