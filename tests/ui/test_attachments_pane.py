"""Pilot tests of AttachmentsPane: file name and S3 URL rows, the limit, outbound."""

from __future__ import annotations

from connect_tui.core.conversion import switch_operation
from connect_tui.core.model import INBOUND, OUTBOUND, Draft
from connect_tui.ui.widgets.attachments import AttachmentsPane
from tests.drafts import typical_draft
from tests.ui.form_keys import retype
from tests.ui.harness import PaneHarness
from tests.ui.harness import pane_cell as cell
from tests.ui.harness import pane_rows as rows

SIGNED = "https://b.s3.amazonaws.com/{}?X-Amz-Signature=abc"


def with_attachments(count: int) -> Draft:
    draft = typical_draft()
    draft.request["Attachments"] = [
        {"FileName": f"f{i}.pdf", "S3Url": SIGNED.format(i)} for i in range(count)
    ]
    return draft


async def test_load_then_apply_keeps_the_draft_identical() -> None:
    draft = with_attachments(2)
    draft.request["Attachments"].append({"FileName": "[red]x.txt", "S3Url": SIGNED.format("x")})
    before = draft.copy()
    app = PaneHarness(AttachmentsPane(), draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert cell(app, 2, "FileName").value == "[red]x.txt"
        app.pane.apply(app.draft)
        assert app.draft.request == before.request
        assert app.changes == []


async def test_rows_edit_the_list_and_no_rows_drop_it() -> None:
    app = PaneHarness(AttachmentsPane(), typical_draft())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Attachments" not in app.draft.request
        await pilot.click(".rows-add")
        await pilot.press(*"a.pdf", "tab", *"https://s3/a?X-Amz-Signature=1")
        await pilot.press("ctrl+n", *"b.png", "tab", *"https://s3/b?X-Amz-Signature=2")
        await pilot.pause()
        assert [a["FileName"] for a in app.draft.request["Attachments"]] == ["a.pdf", "b.png"]
        await pilot.press("alt+up")
        await pilot.pause()
        assert [a["FileName"] for a in app.draft.request["Attachments"]] == ["b.png", "a.pdf"]
        await pilot.press("ctrl+d", "ctrl+d")
        await pilot.pause()
        assert "Attachments" not in app.draft.request


async def test_a_bad_url_is_marked_on_its_cell_and_focused() -> None:
    app = PaneHarness(AttachmentsPane(), with_attachments(3))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await retype(pilot, cell(app, 1, "S3Url"), "ftp://nope")
        problem = next(p for p in app.problems if p.location == ("Attachments", 1, "S3Url"))
        assert cell(app, 1, "S3Url").has_class("-invalid")
        assert not cell(app, 1, "FileName").has_class("-invalid")
        cell(app, 0, "FileName").focus()
        await pilot.pause()  # focus() moves the focus later
        assert app.pane.focus_problem(problem)
        await pilot.pause()
        assert cell(app, 1, "S3Url").has_focus
        await retype(pilot, cell(app, 2, "FileName"), "notes.exe")
        assert cell(app, 2, "FileName").has_class("-warning")


async def test_at_most_fifty_and_the_count_says_so() -> None:
    app = PaneHarness(AttachmentsPane(), with_attachments(50))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert rows(app).limit == 50  # read from botocore's model
        assert str(rows(app).query_one(".rows-status").render()).startswith("50 of 50")
        cell(app, 49, "FileName").focus()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert len(app.draft.request["Attachments"]) == 50
        assert app.changes == []


async def test_outbound_shows_a_note_and_keeps_the_attachments_parked() -> None:
    app = PaneHarness(AttachmentsPane(), with_attachments(2))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.reload(switch_operation(app.draft, OUTBOUND))
        await pilot.pause()
        assert not rows(app).display
        note = app.pane.query_one(".attachments-note")
        assert note.display and "no attachments" in str(note.render())
        before = app.draft.copy()
        app.pane.apply(app.draft)
        assert app.draft == before
        app.reload(switch_operation(app.draft, INBOUND))
        await pilot.pause()
        assert rows(app).display
        assert [r["FileName"] for r in rows(app).rows] == ["f0.pdf", "f1.pdf"]
