"""Pilot tests of MessagePane: RAW and TEMPLATE, headers inbound, nothing lost on switches."""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea

from connect_tui.core.conversion import switch_operation
from connect_tui.core.model import INBOUND, OUTBOUND, Draft
from connect_tui.ui.widgets.choices import Choices
from connect_tui.ui.widgets.message import MessagePane, header_keys
from connect_tui.ui.widgets.rows import RowCell, RowList
from tests.drafts import typical_draft, typical_outbound_draft
from tests.ui.form_keys import retype
from tests.ui.harness import PaneHarness
from tests.ui.harness import pane_shows as shown


def templated_draft() -> Draft:
    draft = typical_outbound_draft()
    draft.request["EmailMessage"] = {
        "MessageSourceType": "TEMPLATE",
        "TemplatedMessageConfig": {
            "KnowledgeBaseId": "kb-1",
            "MessageTemplateId": "tpl-1:$LATEST",
            "TemplateAttributes": {
                "CustomAttributes": {"order": "1234", "name": "${customer}"},
                "CustomerProfileAttributes": '{"FirstName": "Alice"}',
            },
        },
    }
    draft.variables = {"customer": "Alice"}
    return draft


async def settle(app: PaneHarness, pilot: object) -> None:
    """Wait for the header names to be read and the header table mounted."""
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


def headers(app: PaneHarness) -> RowList:
    return app.pane.query_one("#headers", RowList)


async def test_inbound_raw_fields_edit_exactly_their_member() -> None:
    draft = typical_draft()
    before = draft.copy()
    app = PaneHarness(MessagePane(), draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert not shown(app, "source") and not shown(app, "knowledge-base-id")
        assert shown(app, "headers")
        await retype(pilot, app.pane.query_one("#subject", Input), "New subject")
        app.pane.query_one("#content-type").focus()
        await pilot.press("right")
        await pilot.pause()
        expected = before.request
        raw = expected["EmailMessage"]["RawMessage"]
        raw["Subject"] = "New subject"
        raw["ContentType"] = "text/html"
        assert app.draft.request == expected
        body = app.pane.query_one("#body", TextArea)
        body.focus()
        await pilot.press("end", "!")
        await pilot.pause()
        assert app.draft.request["EmailMessage"]["RawMessage"]["Body"] == (
            "Hello,!\nmy order has not arrived yet.\nAlice"
        )


async def test_headers_offer_the_model_keys_and_edit_the_map() -> None:
    assert "MESSAGE_ID" in header_keys() and "X_SES_SPAM_VERDICT" in header_keys()
    app = PaneHarness(MessagePane(), typical_draft())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        rows = headers(app)
        assert rows.rows == [{"key": "MESSAGE_ID", "value": "<1234@example.com>"}]
        assert rows.columns[0].choices == header_keys()
        await rows.add_row(1, {"key": "X_SES_SPAM_VERDICT"})
        await pilot.pause()
        value = rows.field(1, "value")
        assert isinstance(value, RowCell)
        await retype(pilot, value, "MAYBE")
        assert app.draft.request["EmailMessage"]["RawMessage"]["Headers"] == {
            "MESSAGE_ID": "<1234@example.com>",
            "X_SES_SPAM_VERDICT": "MAYBE",
        }
        verdict = [p for p in app.problems if "SES verdict" in p.message]
        assert verdict and app.pane.field_for(verdict[0]) is value
        assert value.has_class("-invalid")
        app.pane.query_one("#subject").focus()
        assert app.pane.focus_problem(verdict[0]) and value.has_focus


async def test_outbound_shows_source_and_hides_headers() -> None:
    app = PaneHarness(MessagePane(), typical_outbound_draft())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert shown(app, "source") and shown(app, "subject")
        assert not shown(app, "headers-group") and not shown(app, "template-id")


async def test_raw_template_raw_keeps_subject_and_body() -> None:
    draft = typical_outbound_draft()
    app = PaneHarness(MessagePane(), draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await retype(pilot, app.pane.query_one("#subject", Input), "Kept")
        source = app.pane.query_one("#source", Choices)
        source.focus()
        await pilot.press("right")
        await pilot.pause()
        message = app.draft.request["EmailMessage"]
        assert message["MessageSourceType"] == "TEMPLATE"
        assert "RawMessage" not in message
        assert app.draft.parked["RawMessage"]["Subject"] == "Kept"
        assert shown(app, "template-id") and not shown(app, "subject")
        await retype(pilot, app.pane.query_one("#knowledge-base-id", Input), "kb")
        await retype(pilot, app.pane.query_one("#template-id", Input), "tpl")
        assert app.draft.request["EmailMessage"]["TemplatedMessageConfig"] == {
            "KnowledgeBaseId": "kb",
            "MessageTemplateId": "tpl",
            "TemplateAttributes": {},
        }
        source.focus()
        await pilot.press("left")
        await pilot.pause()
        message = app.draft.request["EmailMessage"]
        assert message["MessageSourceType"] == "RAW"
        assert message["RawMessage"] == {
            "Subject": "Kept",
            "Body": "<p>It ships today.</p>",
            "ContentType": "text/html",
        }
        assert "TemplatedMessageConfig" not in message
        assert app.draft.parked["TemplatedMessageConfig"]["KnowledgeBaseId"] == "kb"
        assert "RawMessage" not in app.draft.parked
        # The template comes back too, as typed.
        source.focus()
        await pilot.press("right")
        await pilot.pause()
        config = app.draft.request["EmailMessage"]["TemplatedMessageConfig"]
        assert config["MessageTemplateId"] == "tpl"


async def test_template_fields_and_custom_attributes_edit_the_config() -> None:
    draft = templated_draft()
    app = PaneHarness(MessagePane(), draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        custom = app.pane.query_one("#custom-attributes", RowList)
        assert custom.rows == [
            {"key": "order", "value": "1234"},
            {"key": "name", "value": "${customer}"},
        ]
        cell = custom.field(0, "value")
        assert isinstance(cell, RowCell)
        await retype(pilot, cell, "99")
        attributes = app.draft.request["EmailMessage"]["TemplatedMessageConfig"][
            "TemplateAttributes"
        ]
        assert attributes["CustomAttributes"] == {"order": "99", "name": "${customer}"}
        profile = app.pane.query_one("#profile-attributes", TextArea)
        profile.focus()
        await pilot.press("end", "x")
        await pilot.pause()
        config = app.draft.request["EmailMessage"]["TemplatedMessageConfig"]
        assert config["TemplateAttributes"]["CustomerProfileAttributes"] == (
            '{"FirstName": "Alice"}x'
        )
        profile.clear()  # as select-all and delete would
        await pilot.pause()
        config = app.draft.request["EmailMessage"]["TemplatedMessageConfig"]
        assert "CustomerProfileAttributes" not in config["TemplateAttributes"]
        assert config["KnowledgeBaseId"] == "kb-1"


async def test_template_problem_marks_the_template_id() -> None:
    draft = templated_draft()
    app = PaneHarness(MessagePane(), draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await retype(pilot, app.pane.query_one("#template-id", Input), "")
        problems = [p for p in app.problems if "MessageTemplateId" in p.path]
        assert problems, app.problems
        assert app.pane.query_one("#template-id").has_class("-invalid")


async def test_load_apply_round_trip_keeps_complex_drafts_identical() -> None:
    for draft in (typical_draft(), typical_outbound_draft(), templated_draft()):
        app = PaneHarness(MessagePane(), draft.copy())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            app.pane.apply(app.draft)
            assert app.draft.request == draft.request
            assert app.draft.parked == draft.parked
            assert not app.changes


async def test_operation_switch_round_trip_keeps_the_template() -> None:
    draft = templated_draft()
    app = PaneHarness(MessagePane(), draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.reload(switch_operation(app.draft, INBOUND))
        await pilot.pause()
        assert not shown(app, "source") and shown(app, "subject")
        app.pane.apply(app.draft)  # as after an edit inbound
        app.reload(switch_operation(app.draft, OUTBOUND))
        await pilot.pause()
        assert app.draft.request["EmailMessage"] == templated_draft().request["EmailMessage"]
        assert shown(app, "template-id")
        assert app.pane.query_one("#template-id", Input).value == "tpl-1:$LATEST"


async def test_big_body_is_not_read_back_on_other_edits() -> None:
    draft = typical_draft()
    big = "x" * 5_000_000
    draft.request["EmailMessage"]["RawMessage"]["Body"] = big
    app = PaneHarness(MessagePane(), draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        # The draft's own string stays in place when only the subject changes.
        await retype(pilot, app.pane.query_one("#subject", Input), "s")
        assert app.draft.request["EmailMessage"]["RawMessage"]["Body"] is big


@pytest.mark.slow  # loads a 5 MB body into the TextArea (about 3 s)
async def test_body_bytes_line_counts_utf8_and_marks_over_5_mb() -> None:
    # Issue 11 item 2: the body's UTF-8 size beside the admin guide's 5 MB (5,242,880 bytes,
    # docs/service-rules.md), shown like the other panes' byte budgets.
    draft = typical_draft()
    draft.request["EmailMessage"]["RawMessage"]["Body"] = "€uro"
    app = PaneHarness(MessagePane(), draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        line = app.pane.query_one("#body-bytes")
        assert str(line.render()) == "6 of 5,242,880 bytes (UTF-8)"
        assert not line.has_class("-over")
        body = app.pane.query_one("#body", TextArea)
        body.focus()
        await pilot.press("end", "é")
        await pilot.pause()
        assert str(line.render()) == "8 of 5,242,880 bytes (UTF-8)"
        over = typical_draft()
        over.request["EmailMessage"]["RawMessage"]["Body"] = ("€" * 999 + "\n") * 1_800
        app.reload(over)
        await pilot.pause()
        assert str(line.render()) == "5,396,400 of 5,242,880 bytes (UTF-8)"
        assert line.has_class("-over")
        assert any(p.rule_id == "message.body-bytes" for p in app.problems)
