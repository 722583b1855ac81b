"""Pilot tests of ContactPane: inbound contact fields, outbound ContactId or CreateContact."""

from __future__ import annotations

from textual.widgets import Checkbox

from connect_tui.core import sandbox_identity
from connect_tui.core.defaults import new_draft
from connect_tui.core.model import OUTBOUND
from connect_tui.core.problems import CREATE_CONTACT
from connect_tui.ui.widgets.contact import ContactPane
from tests.drafts import typical_draft, typical_outbound_draft
from tests.ui.form_keys import retype
from tests.ui.harness import PaneHarness
from tests.ui.harness import pane_field as field
from tests.ui.harness import pane_shows as shown


async def test_inbound_shows_inbound_fields_and_edits_the_request() -> None:
    draft = typical_draft()
    before = draft.copy()
    app = PaneHarness(ContactPane(), draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for id in ("instance-id", "contact-flow-id", "related-contact-id", "contact-name"):
            assert shown(app, id), id
        assert not shown(app, "create-first") and not shown(app, "contact-id")
        await retype(pilot, field(app, "contact-flow-id"), "flow-1")
        await retype(pilot, field(app, "contact-name"), "")
        expected = before.request
        expected["ContactFlowId"] = "flow-1"
        del expected["Name"]
        assert app.draft.request == expected
        assert app.draft.create_contact is None


async def test_outbound_with_a_contact_id_edits_it() -> None:
    draft = typical_outbound_draft()
    app = PaneHarness(ContactPane(), draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert shown(app, "contact-id") and not shown(app, "chain-user")
        assert not shown(app, "contact-flow-id") and not shown(app, "contact-name")
        await retype(pilot, field(app, "contact-id"), "abc")
        assert app.draft.request["ContactId"] == "abc"
        assert app.draft.create_contact is None


async def test_create_first_switches_to_the_chain_and_back_keeping_both() -> None:
    draft = typical_outbound_draft()
    app = PaneHarness(ContactPane(), draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.click("#create-first")
        await pilot.pause()
        assert app.pane.query_one("#create-first", Checkbox).value
        assert shown(app, "chain-user") and not shown(app, "contact-id")
        # The draft goes to the sandbox: the default step names the sandbox's agent.
        assert app.draft.create_contact == {
            "Channel": "EMAIL",
            "InitiationMethod": "OUTBOUND",
            "UserInfo": {"UserId": sandbox_identity.AGENT_USER_ID},
        }
        assert "ContactId" not in app.draft.request
        assert not [p for p in app.problems if p.is_error], app.problems
        await retype(pilot, field(app, "chain-name"), "Reply")
        assert app.draft.create_contact["Name"] == "Reply"
        await pilot.click("#create-first")
        await pilot.pause()
        assert app.draft.create_contact is None
        assert app.draft.request["ContactId"] == "11111111-2222-4333-8444-555555555555"
        await pilot.click("#create-first")
        await pilot.pause()
        assert app.draft.create_contact is not None
        assert app.draft.create_contact["Name"] == "Reply"


async def test_agent_reply_and_user_id_problems_mark_the_chain_fields() -> None:
    draft = new_draft(operation=OUTBOUND)
    assert draft.create_contact is not None
    app = PaneHarness(ContactPane(), draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert shown(app, "chain-user")
        await retype(pilot, field(app, "chain-user"), "")
        user = [p for p in app.problems if p.section == CREATE_CONTACT]
        assert user and user[0].location[0] == "UserInfo"
        assert "UserInfo" not in app.draft.create_contact
        assert field(app, "chain-user").has_class("-invalid")
        field(app, "instance-id").focus()
        assert app.pane.focus_problem(user[0])
        assert app.focused is field(app, "chain-user")

        app.pane.query_one("#chain-method").focus()
        await pilot.press("right")
        await pilot.pause()
        assert app.draft.create_contact["InitiationMethod"] == "AGENT_REPLY"
        assert field(app, "chain-related").has_class("-invalid")
        await retype(pilot, field(app, "chain-related"), "c-1")
        assert app.draft.create_contact["RelatedContactId"] == "c-1"
        assert not field(app, "chain-related").has_class("-invalid")


async def test_expiry_is_an_integer_and_other_text_is_kept() -> None:
    app = PaneHarness(ContactPane(), new_draft(operation=OUTBOUND))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await retype(pilot, field(app, "chain-expiry"), "135")
        assert app.draft.create_contact["ExpiryDurationInMinutes"] == 135
        # Past a week only the agent workspace guide objects: a warning, not an error
        # (docs/service-rules.md, create-contact.expiry).
        await retype(pilot, field(app, "chain-expiry"), "999999")
        assert field(app, "chain-expiry").has_class("-warning")
        assert not field(app, "chain-expiry").has_class("-invalid")
        await retype(pilot, field(app, "chain-expiry"), "soon")
        assert app.draft.create_contact["ExpiryDurationInMinutes"] == "soon"
        assert field(app, "chain-expiry").has_class("-invalid")


async def test_load_apply_round_trip_keeps_drafts_identical() -> None:
    chained = new_draft(operation=OUTBOUND)
    assert chained.create_contact is not None
    chained.create_contact.update(
        InitiationMethod="AGENT_REPLY",
        RelatedContactId="c-1",
        ExpiryDurationInMinutes=135,
        Name="n",
        Description="d",
        Attributes={"a": "b"},
    )
    for draft in (typical_draft(), typical_outbound_draft(), chained):
        app = PaneHarness(ContactPane(), draft.copy())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.pane.apply(app.draft)
            assert app.draft.request == draft.request
            assert app.draft.create_contact == draft.create_contact
            assert app.draft.parked == draft.parked
            assert not app.changes
