"""Pilot tests of RecipientsPane: To and Cc rows, the live count, the limit, both operations."""

from __future__ import annotations

from textual.widgets import Static

from connect_tui.core.conversion import switch_operation
from connect_tui.core.model import INBOUND, OUTBOUND, Draft
from connect_tui.core.rules import MAX_ADDITIONAL_RECIPIENTS
from connect_tui.ui.widgets.recipients import RecipientsPane
from connect_tui.ui.widgets.rows import RowCell, RowList
from tests.drafts import typical_draft, typical_outbound_draft
from tests.ui.form_keys import retype
from tests.ui.harness import PaneHarness

_TO = ("AdditionalRecipients", "ToAddresses")


def pane(app: PaneHarness) -> RecipientsPane:
    assert isinstance(app.pane, RecipientsPane)
    return app.pane


def cell(row_list: RowList, row: int, key: str = "EmailAddress") -> RowCell:
    handle = row_list.field(row, key)
    assert isinstance(handle, RowCell)
    return handle


def count(app: PaneHarness) -> Static:
    return app.pane.query_one(".recipients-count", Static)


def recipients(app: PaneHarness) -> dict[str, list[dict[str, str]]]:
    return app.draft.request["AdditionalRecipients"]  # type: ignore[no-any-return]


def crowded_draft(to: int, cc: int) -> Draft:
    draft = typical_draft()
    draft.request["AdditionalRecipients"] = {
        "ToAddresses": [{"EmailAddress": f"to{i}@example.com"} for i in range(to)],
        "CcAddresses": [{"EmailAddress": f"cc{i}@example.com"} for i in range(cc)],
    }
    return draft


async def test_load_then_apply_keeps_the_draft_identical() -> None:
    draft = typical_draft()
    draft.request["AdditionalRecipients"]["CcAddresses"].append(
        {"EmailAddress": "dan@example.com", "DisplayName": "[red]Dan[/red]"}
    )
    before = draft.copy()
    app = PaneHarness(RecipientsPane(), draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert cell(pane(app).cc_list, 1, "DisplayName").value == "[red]Dan[/red]"
        app.pane.apply(app.draft)
        assert app.draft.request == before.request
        assert app.changes == []


async def test_typing_adding_and_removing_change_the_lists_and_the_count() -> None:
    app = PaneHarness(RecipientsPane(), typical_draft())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        to, cc = pane(app).to_list, pane(app).cc_list
        assert str(count(app).render()).startswith("2 of 49 recipients")
        await retype(pilot, cell(cc, 0, "DisplayName"), "")
        assert recipients(app)["CcAddresses"] == [{"EmailAddress": "carol@example.com"}]
        cell(to, 0).focus()
        await pilot.press("ctrl+n", *"dave@example.com", "tab", *"Dave")
        await pilot.pause()
        assert recipients(app)["ToAddresses"][1] == {
            "EmailAddress": "dave@example.com",
            "DisplayName": "Dave",
        }
        assert "3 of 49" in str(count(app).render())
        assert "(To 2 + Cc 1)" in str(count(app).render())
        await pilot.click(offset=cc.cell_region(0).offset)  # its ✕
        await pilot.pause()
        assert "CcAddresses" not in recipients(app)
        cell(to, 0).focus()
        await pilot.press("ctrl+d", "ctrl+d")
        await pilot.pause()
        assert "AdditionalRecipients" not in app.draft.request
        assert str(count(app).render()).startswith("0 of 49")


async def test_blank_rows_are_left_out_and_a_name_alone_asks_for_an_address() -> None:
    app = PaneHarness(RecipientsPane(), typical_draft())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        to = pane(app).to_list
        cell(to, 0).focus()
        await pilot.press("ctrl+n")  # a blank row 1: not written
        await pilot.press("ctrl+n", "tab", *"Erin")  # row 2: a name, no address
        await pilot.pause()
        assert recipients(app)["ToAddresses"] == [
            {"EmailAddress": "bob@example.com"},
            {"EmailAddress": "", "DisplayName": "Erin"},
        ]
        problem = next(p for p in app.problems if p.location[:3] == (*_TO, 1))
        assert cell(to, 2).has_class("-invalid")  # request index 1 is row 2
        assert not cell(to, 1).has_class("-invalid")
        cell(to, 0).focus()
        await pilot.pause()  # focus() moves the focus later
        assert app.pane.focus_problem(problem)
        await pilot.pause()
        assert cell(to, 2).has_focus


async def test_fifty_recipients_is_an_error_shown_on_the_count() -> None:
    app = PaneHarness(RecipientsPane(), crowded_draft(25, 24))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.problems or not any(p.is_error for p in app.problems)
        assert not count(app).has_class("-over")
        cc = pane(app).cc_list
        cell(cc, 23).focus()
        await pilot.press("ctrl+n", *"one@more.example")
        await pilot.pause()
        limit = MAX_ADDITIONAL_RECIPIENTS
        assert f"{limit + 1} of {limit}" in str(count(app).render())
        assert count(app).has_class("-over")
        errors = [p for p in app.problems if p.location == ("AdditionalRecipients",)]
        assert errors and errors[0].is_error
        assert count(app).has_class("-invalid")
        assert "50 recipients" in str(count(app).tooltip)
        cell(pane(app).to_list, 0).focus()
        await pilot.pause()  # focus() moves the focus later
        assert app.pane.focus_problem(errors[0])
        await pilot.pause()
        assert cell(cc, 24).has_focus  # the last row, where one would remove a recipient
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert not count(app).has_class("-invalid")


async def test_outbound_fifty_cc_marks_the_cc_list() -> None:
    draft = typical_outbound_draft()
    draft.request["AdditionalRecipients"] = {
        "CcEmailAddresses": [{"EmailAddress": f"cc{i}@example.com"} for i in range(50)]
    }
    app = PaneHarness(RecipientsPane(), draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert pane(app).cc_list.has_class("-invalid")
        assert "50 of 49" in str(count(app).render())


async def test_switching_operation_hides_and_shows_to() -> None:
    app = PaneHarness(RecipientsPane(), typical_draft())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        to, cc = pane(app).to_list, pane(app).cc_list
        assert to.display and to.region.height > 0
        app.reload(switch_operation(app.draft, OUTBOUND))
        await pilot.pause()
        assert to.region.height == 0  # hidden
        assert [r["EmailAddress"] for r in cc.rows] == ["bob@example.com", "carol@example.com"]
        assert "(Cc)" in str(count(app).render())
        await retype(pilot, cell(cc, 1), "carl@example.com")
        assert recipients(app) == {
            "CcEmailAddresses": [
                {"EmailAddress": "bob@example.com"},
                {"EmailAddress": "carl@example.com", "DisplayName": "Carol"},
            ]
        }
        app.reload(switch_operation(app.draft, INBOUND))
        await pilot.pause()
        assert to.region.height > 0
        assert [r["EmailAddress"] for r in to.rows] == ["bob@example.com"]
        assert [r["EmailAddress"] for r in cc.rows] == ["carl@example.com"]


async def test_a_repeated_address_is_flagged_on_its_row() -> None:
    app = PaneHarness(RecipientsPane(), typical_draft())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        cc = pane(app).cc_list
        await retype(pilot, cell(cc, 0), "BOB@example.com")
        assert cell(cc, 0).has_class("-warning")
        assert "repeats" in str(cell(cc, 0).tooltip)


async def test_ctrl_n_in_the_pane_adds_to_to_inbound_and_to_cc_outbound() -> None:
    app = PaneHarness(RecipientsPane(), typical_draft())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.pane.focus_first()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert cell(pane(app).to_list, 1).has_focus
        app.reload(switch_operation(app.draft, OUTBOUND))
        await pilot.pause()
        assert app.pane.focus_first()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert cell(pane(app).cc_list, 1).has_focus
