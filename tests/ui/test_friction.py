"""Issue 15's friction list in the composer: a repeated reference name is in the Problems
list (and stops a send), an empty attachment row is not one of the 50, the draft bar's last
ContactId stays with its draft, and the Sent dialog shows the ContactId large with no old
toast over its buttons at 80x24."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Digits
from textual.widgets._toast import Toast

from connect_tui.core.defaults import new_draft
from connect_tui.ui.app import ComposerApp
from connect_tui.ui.dialogs.send_result import SendResultDialog
from connect_tui.ui.widgets.rows import RowList
from tests.ui.composer_pilot import ready, screen_text, top_screen, until

pytestmark = pytest.mark.slow


async def test_a_repeated_reference_name_is_a_problem_and_stops_a_send(
    profiles_dir: Path,
) -> None:
    app = ComposerApp()
    async with app.run_test(size=(120, 40)) as pilot:
        composer = await ready(pilot)
        rows = composer.pane("references").query_one(RowList)
        # Rows as the user adds them (typing into cells is the tmux scenarios' job).
        for index in range(2):
            await rows.add_row(index, {"Name": "order", "Type": "STRING", "Value": "12"})
        await pilot.pause()
        await until(pilot, lambda: any(p.rule == "map.repeated-name" for p in composer.problems))
        listed = [p.message for p in composer.problems_list.problems]
        assert any("row 2 repeats the name 'order' of row 1" in m for m in listed)
        assert "Problems: 1 error" in screen_text(app)
        assert composer.draft.request["References"] == {"order": {"Type": "STRING", "Value": "12"}}
        await pilot.press("f5")
        await pilot.pause(0.3)
        assert not isinstance(app.screen, SendResultDialog)  # refused, saying why


async def test_an_empty_attachment_row_is_not_one_of_fifty(profiles_dir: Path) -> None:
    app = ComposerApp()
    async with app.run_test(size=(120, 40)) as pilot:
        composer = await ready(pilot)
        await pilot.press("alt+h")
        await pilot.pause()
        rows = composer.pane("attachments").query_one(RowList)
        await until(pilot, lambda: rows.limit is not None)
        await pilot.press("ctrl+n", "ctrl+n")
        await pilot.pause()
        assert len(rows.rows) == 2 and rows.filled == 0
        assert "0 of 50" in screen_text(app)
        await pilot.press(*"a.pdf")
        await pilot.pause()
        assert "1 of 50" in screen_text(app)


async def test_the_sent_dialog_at_80x24(profiles_dir: Path) -> None:
    app = ComposerApp()
    async with app.run_test(size=(80, 24)) as pilot:
        composer = await ready(pilot)
        app.notify("Not sent: an old toast", severity="error", timeout=30)
        await pilot.pause()
        await pilot.press("f5")
        dialog = await top_screen(pilot, SendResultDialog)
        await pilot.pause()
        assert not app.query(Toast) and not dialog.query(Toast)
        contact_id = dialog.outcome.contact_id or ""
        digits = "".join(d.value for d in dialog.query(Digits))
        assert digits == contact_id.upper()  # large, in two lines
        for button in dialog.query("Button"):
            assert button.region.bottom <= 24 and button.region.height > 0
        await pilot.press("escape")
        await until(pilot, lambda: contact_id in composer.draft_bar.status_text)
        # Another draft opened: the last ContactId was this draft's, not the next one's.
        composer.files.open_draft(new_draft("next"), None)
        await pilot.pause()
        assert composer.draft_bar.status_text == ""


async def test_problems_show_text_from_the_draft_as_text(profiles_dir: Path) -> None:
    draft = new_draft("markup")
    draft.request["FromEmailAddress"]["EmailAddress"] = "[red]x[/red]"
    app = ComposerApp()
    async with app.run_test(size=(120, 40)) as pilot:
        composer = await ready(pilot)
        composer.files.open_draft(draft, None)
        await until(pilot, lambda: bool(composer.problems))
        await pilot.pause()
        assert "'[red]x[/red]'" in screen_text(app)  # literally, not red


async def test_segments_at_80x24_footer_whole_and_buttons_read_in_full(profiles_dir: Path) -> None:
    from textual.widgets import Button
    from textual.widgets._footer import FooterKey

    app = ComposerApp()
    async with app.run_test(size=(80, 24)) as pilot:
        composer = await ready(pilot)
        await pilot.press("alt+s")
        await pilot.pause(0.2)
        text = screen_text(app)
        assert "press a to add a key" in text  # an empty tree says how to begin
        for button in composer.pane("segments").query(Button):
            assert button.region.right <= 80 and str(button.label) in text
        keys = [key for key in composer.query(FooterKey) if key.display]
        palette = [key for key in keys if key.has_class("-command-palette")]
        assert palette and len(keys) > 3
        for key in keys:
            if key not in palette:  # whole, and clear of the palette key
                assert key.region.right <= palette[0].region.x, key.description
