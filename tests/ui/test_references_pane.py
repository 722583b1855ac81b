"""Pilot tests of ReferencesPane: name, type and value rows, byte budget, duplicates, outbound."""

from __future__ import annotations

from textual.widgets import OptionList, Select

from connect_tui.core.conversion import switch_operation
from connect_tui.core.model import OUTBOUND, Draft
from connect_tui.core.problems import MapKey
from connect_tui.core.rules import REFERENCE_TYPES_AT_CREATION
from connect_tui.ui.widgets.references import ReferencesPane
from tests.drafts import typical_draft, typical_outbound_draft
from tests.ui.form_keys import retype
from tests.ui.harness import PaneHarness
from tests.ui.harness import pane_cell as cell
from tests.ui.harness import pane_rows as rows
from tests.ui.harness import pane_status as status


def complex_draft() -> Draft:
    draft = typical_draft()
    draft.request["References"] = {
        "order": {"Type": "URL", "Value": "https://shop.example.com/orders/1234"},
        "placed": {"Type": "DATE", "Value": "1767225600"},
        "attachment": {
            "Type": "ATTACHMENT",
            "Value": "x.pdf",
            "Status": "AVAILABLE",
            "Arn": "arn:aws:connect:us-east-1:123456789012:instance/x",
            "StatusReason": "",
        },
        "[red]markup": {"Type": "STRING", "Value": "[b]not bold[/b]"},
    }
    return draft


async def test_load_then_apply_keeps_the_draft_identical() -> None:
    draft = complex_draft()
    before = draft.copy()
    app = PaneHarness(ReferencesPane(), draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert [r["Name"] for r in rows(app).rows] == list(before.request["References"])
        assert cell(app, 3, "Name").value == "[red]markup"
        app.pane.apply(app.draft)
        assert app.draft.request == before.request
        assert app.changes == []


async def test_typing_and_choosing_change_the_reference_and_keep_hidden_members() -> None:
    app = PaneHarness(ReferencesPane(), complex_draft())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await retype(pilot, cell(app, 2, "Name"), "file")
        await retype(pilot, cell(app, 2, "Value"), "y.pdf")
        references = app.draft.request["References"]
        assert "attachment" not in references
        assert references["file"]["Status"] == "AVAILABLE"  # rode along with the rename
        assert references["file"]["Value"] == "y.pdf"
        select = rows(app).field(1, "Type")
        assert select is not None and select.focus()
        assert isinstance(app.focused, Select)
        await pilot.press("enter", "up", "enter")  # DATE -> STRING
        await pilot.pause()
        assert app.draft.request["References"]["placed"]["Type"] == "STRING"


async def test_only_creation_types_are_offered_and_a_loaded_other_one_is_an_error() -> None:
    app = PaneHarness(ReferencesPane(), complex_draft())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        new = rows(app).field(0, "Type")
        assert new is not None and new.focus()
        await pilot.pause()
        assert isinstance(app.focused, Select)
        options = app.focused.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert tuple(prompts[1:]) == REFERENCE_TYPES_AT_CREATION  # after the blank prompt
        kept = rows(app).field(2, "Type")
        assert kept is not None and kept.value == "ATTACHMENT"
        assert kept.has_class("-invalid")
        problem = next(p for p in app.problems if p.location[1:] == ("attachment", "Type"))
        cell(app, 0, "Name").focus()
        assert app.pane.focus_problem(problem)
        await pilot.pause()
        assert kept.has_focus
        # Its Select offers the creation types and the loaded one, shown and kept.
        assert isinstance(app.focused, Select) and app.focused.value == "ATTACHMENT"
        options = app.focused.query_one(OptionList)
        offered = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert tuple(offered[1:]) == (*REFERENCE_TYPES_AT_CREATION, "ATTACHMENT")
        assert app.focused.has_class("-invalid")


async def test_add_a_reference_with_keys() -> None:
    draft = typical_draft()
    app = PaneHarness(ReferencesPane(), draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        cell(app, 1, "Value").focus()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert cell(app, 2, "Name").has_focus
        await pilot.press(*"ticket")
        await pilot.pause()
        # No type yet: the model requires one, and the Type cell says so.
        assert rows(app).field(2, "Type").has_class("-invalid")  # type: ignore[union-attr]
        await pilot.press("tab", "enter", "down", "down", "enter")  # blank, URL, NUMBER
        await pilot.press("tab", *"42")
        await pilot.pause()
        assert app.draft.request["References"]["ticket"] == {"Type": "NUMBER", "Value": "42"}
        assert not [p for p in app.problems if p.location[:1] == ("References",)]


async def test_bytes_are_counted_in_utf8_and_the_budget_marks_the_list() -> None:
    draft = typical_draft()
    draft.request["References"] = {"n": {"Type": "STRING", "Value": "é"}}
    app = PaneHarness(ReferencesPane(), draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert status(app).startswith("3 of 4,096 bytes")  # n (1) + é (2)
        await retype(pilot, cell(app, 0, "Value"), "éé")
        assert status(app).startswith("5 of 4,096 bytes")
        app.draft.request["References"]["n"]["Value"] = "€" * 1400
        app.reload(app.draft)
        await pilot.pause()
        assert status(app).startswith("4,201 of 4,096 bytes")
        assert rows(app).has_class("-invalid")
        assert rows(app).query_one(".rows-status").has_class("-over")


async def test_a_repeated_name_is_marked_and_not_saved() -> None:
    app = PaneHarness(ReferencesPane(), complex_draft())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await retype(pilot, cell(app, 1, "Name"), "order")
        references = app.draft.request["References"]
        assert references["order"]["Type"] == "URL"  # the first row keeps the name
        assert "placed" not in references
        assert cell(app, 1, "Name").has_class("-invalid")
        assert "row 1" in str(cell(app, 1, "Name").tooltip)
        assert not cell(app, 0, "Name").has_class("-invalid")
        assert "1 row not saved" in status(app)
        await retype(pilot, cell(app, 1, "Name"), "placed2")
        assert app.draft.request["References"]["placed2"]["Type"] == "DATE"
        assert not cell(app, 1, "Name").has_class("-invalid")
        assert "not saved" not in status(app)


async def test_problems_focus_the_right_cell() -> None:
    draft = typical_draft()
    app = PaneHarness(ReferencesPane(), draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await retype(pilot, cell(app, 1, "Value"), "tomorrow")
        problem = next(p for p in app.problems if p.location[:2] == ("References", "placed"))
        assert isinstance(problem.location[1], MapKey)
        assert cell(app, 1, "Value").has_class("-invalid")
        cell(app, 0, "Name").focus()
        await pilot.pause()  # focus() moves the focus later
        assert app.pane.focus_problem(problem)
        await pilot.pause()
        assert cell(app, 1, "Value").has_focus


async def test_outbound_edits_the_create_contact_step() -> None:
    draft = switch_operation(complex_draft(), OUTBOUND)
    assert draft.create_contact is not None
    app = PaneHarness(ReferencesPane(), draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert len(rows(app).rows) == 4
        await retype(pilot, cell(app, 0, "Value"), "https://x.example")
        assert app.draft.create_contact is not None
        assert app.draft.create_contact["References"]["order"]["Value"] == "https://x.example"
        assert "References" not in app.draft.request
        kept = rows(app).field(2, "Type")
        assert kept is not None and kept.has_class("-invalid")  # a CreateContact problem


async def test_outbound_with_its_own_contact_id_shows_a_note_and_keeps_data() -> None:
    draft = typical_outbound_draft()
    draft.parked = {"StartEmailContact": {"References": {"a": {"Type": "URL", "Value": "x"}}}}
    before = draft.copy()
    app = PaneHarness(ReferencesPane(), draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not rows(app).display
        note = app.pane.query_one(".map-note")
        assert note.display and "ContactId" in str(note.render())
        app.pane.apply(app.draft)
        assert app.draft == before


async def test_ctrl_n_from_the_first_field_adds_a_row_after_it() -> None:
    app = PaneHarness(ReferencesPane(), typical_draft())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.pane.focus_first()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert len(rows(app).rows) == 3
        assert cell(app, 1, "Name").has_focus
