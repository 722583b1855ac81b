"""Every picker in the composer (Pilot, embedded sandbox over HTTP): open, filter, choose, refresh.

Each id field that has a picker is driven as a user does: focus it, f4, type a filter,
enter; the draft then holds the chosen id at that field's place. Two composer sessions
(an inbound draft, an outbound TEMPLATE draft) keep the start-up cost to two.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, OptionList, Static

from connect_tui.core import history, sandbox_identity
from connect_tui.core.defaults import new_draft
from connect_tui.core.model import OUTBOUND
from connect_tui.core.outcome import SendOutcome
from connect_tui.sandbox import account, qconnect
from connect_tui.ui.app import ComposerApp
from connect_tui.ui.dialogs.picker import PickerDialog
from tests.ui.composer_pilot import ready, top_screen, until

SAM = next(a for a in account.seeded_agents(sandbox_identity.INSTANCE_ID) if a.first_name == "Sam")
REFUND = next(t for t in qconnect.TEMPLATES.values() if t.name == "Refund issued")
pytestmark = pytest.mark.slow  # two whole composer sessions, each with its embedded sandbox

CONTACT_ID = "c0ffee00-0000-4000-8000-000000000001"


def _at(draft: Any, path: tuple[str, ...]) -> Any:
    value: Any = draft.create_contact_request() if path[0] == "chain" else draft.request
    for step in path[1:] if path[0] == "chain" else path:
        value = (value or {}).get(step)
    return value


async def _pick(pilot: Any, pane: str, field_id: str, typed: str) -> PickerDialog:
    composer = pilot.app.composer
    composer.action_show_pane(pane)
    await pilot.pause()
    composer.query_one(f"#{field_id}", Input).focus()
    await pilot.pause()
    await pilot.press("f4")
    dialog: PickerDialog = await top_screen(pilot, PickerDialog)
    await until(
        pilot, lambda: dialog.listing is not None and dialog.query_one(OptionList).option_count
    )
    await pilot.press(*typed, "enter")
    await until(pilot, lambda: pilot.app.screen is composer)
    return dialog


async def test_the_inbound_pickers_fill_their_fields_and_refresh_refetches(
    isolated_home: Path,
) -> None:
    outcome = SendOutcome(
        profile="vip", operation="StartEmailContact", target="sandbox", contact_id=CONTACT_ID
    )
    history.append(outcome, new_draft().target)
    app = ComposerApp(new_draft(), None)
    async with app.run_test(size=(120, 40)) as pilot:
        composer = await ready(pilot)
        cases = [
            ("contact", "instance-id", "sandbox", sandbox_identity.INSTANCE_ID, ("InstanceId",)),
            (
                "contact",
                "contact-flow-id",
                "email",
                sandbox_identity.DEMO_FLOW_ID,
                ("ContactFlowId",),
            ),
            (
                "addresses",
                "destination-address",
                "sales@",
                sandbox_identity.SALES_ADDRESS,
                ("DestinationEmailAddress",),
            ),
            ("contact", "related-contact-id", "vip", CONTACT_ID, ("RelatedContactId",)),
        ]
        for pane, field_id, typed, expected, path in cases:
            await _pick(pilot, pane, field_id, typed)
            await until(
                pilot, lambda path=path, expected=expected: _at(composer.draft, path) == expected
            )

        # ctrl+r fetches a list again: a new live list replaces the one shown.
        composer.query_one("#instance-id", Input).focus()
        await pilot.pause()
        await pilot.press("f4")
        dialog = await top_screen(pilot, PickerDialog)
        await until(pilot, lambda: dialog.listing is not None and not dialog.listing.offline)
        first = dialog.listing
        await pilot.press("ctrl+r")
        await until(pilot, lambda: dialog.listing is not first)
        assert "live" in str(dialog.query_one("#picker-status", Static).render())
        await pilot.press("escape")


async def test_the_outbound_pickers_fill_agent_knowledge_base_and_template(
    isolated_home: Path,
) -> None:
    draft = new_draft(operation=OUTBOUND)
    draft.request["EmailMessage"] = {
        "MessageSourceType": "TEMPLATE",
        "TemplatedMessageConfig": {
            "KnowledgeBaseId": "",
            "MessageTemplateId": "",
            "TemplateAttributes": {},
        },
    }
    app = ComposerApp(draft, None)
    async with app.run_test(size=(120, 40)) as pilot:
        composer = await ready(pilot)
        template = ("EmailMessage", "TemplatedMessageConfig")
        cases = [
            ("contact", "chain-user", "sam", SAM.id, ("chain", "UserInfo", "UserId")),
            (
                "message",
                "knowledge-base-id",
                "templates",
                qconnect.KNOWLEDGE_BASE_ID,
                (*template, "KnowledgeBaseId"),
            ),
            # The template list is the chosen knowledge base's.
            ("message", "template-id", "refund", REFUND.id, (*template, "MessageTemplateId")),
        ]
        for pane, field_id, typed, expected, path in cases:
            await _pick(pilot, pane, field_id, typed)
            await until(
                pilot, lambda path=path, expected=expected: _at(composer.draft, path) == expected
            )
