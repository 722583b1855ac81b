"""Pilot tests of attaching a local file in the composer, against the embedded sandbox.

f3 asks for a path, the file goes up to the sandbox's own S3 store over HTTP, the row
lands in Attachments and in the draft, the send carries it, and the contact's URL serves
the very bytes.
"""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from connect_tui.core.defaults import new_draft
from connect_tui.core.model import OUTBOUND
from connect_tui.ui.app import ComposerApp
from connect_tui.ui.commands import composer_commands
from connect_tui.ui.dialogs.attach_file import AttachFileDialog
from connect_tui.ui.dialogs.send_result import SendResultDialog
from connect_tui.ui.widgets.attachments import AttachmentsPane
from tests.ui.composer_pilot import Recorder, ready, top_screen, until


@pytest.mark.slow
async def test_f3_uploads_a_file_and_the_sent_contact_serves_it(
    profiles_dir: Path, tmp_path: Path
) -> None:
    data = b"%PDF-1.4\n" + bytes(range(256)) * 2000
    path = tmp_path / "invoice.pdf"
    path.write_bytes(data)
    app = ComposerApp(new_draft("with-file"))
    async with app.run_test(size=(100, 30)) as pilot:
        composer = await ready(pilot)
        titles = {command.title: command.help for command in composer_commands(composer)}
        assert titles["Attach a file"].endswith("(f3)")
        await pilot.press("f3")
        dialog = await top_screen(pilot, AttachFileDialog)
        dialog.query_one("#attach-path", Input).value = str(path)
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is composer)
        pane = composer.query_one(AttachmentsPane)
        # The dialog's answer reaches the pane by a callback queued as the dialog closes.
        await until(pilot, lambda: bool(pane.row_list.rows))
        assert pane.row_list.rows[0]["FileName"] == "invoice.pdf"
        attached = composer.draft.request["Attachments"]
        assert [a["FileName"] for a in attached] == ["invoice.pdf"]
        assert "X-Amz-Expires=3600" in attached[0]["S3Url"]
        assert not [p for p in composer.problems if p.is_error]
        assert composer.session.dirty  # flowed into the draft like any edit
        with urllib.request.urlopen(attached[0]["S3Url"], timeout=10) as answer:  # noqa: S310
            assert answer.read() == data
        await pilot.press("f3")  # a second file counts this one against the 25 MB
        again = await top_screen(pilot, AttachFileDialog)
        assert again.other_bytes == len(data)
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is composer)
        await pilot.press("f5")
        result = await top_screen(pilot, SendResultDialog)
        assert result.outcome.ok, result.outcome.error
        assert result.outcome.request["Attachments"] == attached


@pytest.mark.slow
async def test_a_missing_file_is_one_line_and_outbound_takes_none(
    profiles_dir: Path, tmp_path: Path
) -> None:
    recorder = Recorder()
    app = ComposerApp(new_draft("no-file"))
    async with app.run_test(size=(100, 30), message_hook=recorder.hook) as pilot:
        composer = await ready(pilot)
        await pilot.press("f3")
        dialog = await top_screen(pilot, AttachFileDialog)
        missing = tmp_path / "nope\x1b[2J.pdf"
        dialog.query_one("#attach-path", Input).value = str(missing)
        await pilot.press("enter")
        await pilot.pause()
        shown = str(dialog.query_one("#attach-error", Static).render())
        assert shown == f"{tmp_path}/nope\\x1b[2J.pdf: no such file"
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is composer)
        assert "Attachments" not in composer.draft.request
        composer.set_operation(OUTBOUND)
        await pilot.press("f3")
        await pilot.pause()
        assert app.screen is composer
        assert any("take no attachments" in n for n in recorder.notices_with("warning"))
