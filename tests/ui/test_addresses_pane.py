"""Pilot tests of AddressesPane: From and Destination, for both operations."""

from __future__ import annotations

from connect_tui.core.defaults import new_draft
from connect_tui.ui.widgets.addresses import AddressesPane
from tests.drafts import typical_draft, typical_outbound_draft
from tests.ui.form_keys import retype
from tests.ui.harness import PaneHarness
from tests.ui.harness import pane_field as field


async def test_inbound_edits_change_only_their_member() -> None:
    draft = typical_draft()
    before = draft.copy()
    app = PaneHarness(AddressesPane(), draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await retype(pilot, field(app, "from-name"), "Bob")
        assert app.draft.request["FromEmailAddress"] == {
            "EmailAddress": "${customer}",
            "DisplayName": "Bob",
        }
        await retype(pilot, field(app, "destination-address"), "sales@x.example")
        assert app.draft.request["DestinationEmailAddress"] == "sales@x.example"
        expected = before.request
        expected["FromEmailAddress"]["DisplayName"] = "Bob"
        expected["DestinationEmailAddress"] = "sales@x.example"
        assert app.draft.request == expected
        assert app.changes


async def test_inbound_destination_is_a_string_with_no_display_name() -> None:
    app = PaneHarness(AddressesPane(), new_draft())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.pane.query_one("#destination-name-row").display
        assert field(app, "from-address").region.height == 1  # one line at 80 columns
        await retype(pilot, field(app, "destination-address"), "a@b.example")
        assert app.draft.request["DestinationEmailAddress"] == "a@b.example"


async def test_outbound_destination_is_an_address_and_empty_from_drops_the_key() -> None:
    draft = typical_outbound_draft()
    app = PaneHarness(AddressesPane(), draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.pane.query_one("#destination-name-row").display
        await retype(pilot, field(app, "destination-name"), "Alice M")
        assert app.draft.request["DestinationEmailAddress"] == {
            "EmailAddress": "alice@example.com",
            "DisplayName": "Alice M",
        }
        await retype(pilot, field(app, "from-address"), "")
        assert "FromEmailAddress" not in app.draft.request
        assert not [p for p in app.problems if p.location[:1] == ("FromEmailAddress",)]


async def test_bad_from_address_is_marked_and_focused() -> None:
    app = PaneHarness(AddressesPane(), new_draft())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await retype(pilot, field(app, "from-address"), "not-an-address")
        problems = [p for p in app.problems if p.location[:1] == ("FromEmailAddress",)]
        assert problems, app.problems
        assert field(app, "from-address").has_class("-invalid")
        assert not field(app, "from-name").has_class("-invalid")
        field(app, "destination-address").focus()
        assert app.pane.focus_problem(problems[0])
        assert app.focused is field(app, "from-address")
        await retype(pilot, field(app, "from-address"), "ok@example.com")
        assert not field(app, "from-address").has_class("-invalid")


async def test_undefined_variable_marks_the_field_that_uses_it() -> None:
    app = PaneHarness(AddressesPane(), new_draft())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await retype(pilot, field(app, "from-address"), "${who}")
        undefined = [p for p in app.problems if "${who}" in p.message]
        assert undefined and app.pane.field_for(undefined[0]) is field(app, "from-address")
        assert field(app, "from-address").has_class("-invalid")


async def test_load_then_apply_keeps_both_drafts_identical() -> None:
    for draft in (typical_draft(), typical_outbound_draft()):
        app = PaneHarness(AddressesPane(), draft.copy())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.pane.apply(app.draft)
            assert app.draft.request == draft.request


async def test_reload_switches_shape_of_destination() -> None:
    app = PaneHarness(AddressesPane(), new_draft())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        from connect_tui.core.conversion import switch_operation

        app.reload(switch_operation(app.draft, "StartOutboundEmailContact"))
        await pilot.pause()
        assert app.pane.query_one("#destination-name-row").display
        assert field(app, "destination-name").value == "Customer"
        assert not app.changes
