"""A TEMPLATE draft rendered in Preview (RenderMessageTemplate on the sandbox), its unfilled
variables as warnings, and the knowledge-base and template pickers."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import TextArea

from connect_tui.core import template_preview
from connect_tui.core.defaults import new_draft
from connect_tui.core.model import OUTBOUND
from connect_tui.sandbox import qconnect
from connect_tui.ui.app import ComposerApp
from tests.ui.composer_pilot import ready, until

ORDER_SHIPPED = next(t.id for t in qconnect.TEMPLATES.values() if t.name == "Order shipped")


def _template_draft(**attributes: object):
    draft = new_draft(operation=OUTBOUND)
    draft.request["EmailMessage"] = {
        "MessageSourceType": "TEMPLATE",
        "TemplatedMessageConfig": {
            "KnowledgeBaseId": qconnect.KNOWLEDGE_BASE_ID,
            "MessageTemplateId": ORDER_SHIPPED,
            "TemplateAttributes": attributes,
        },
    }
    return draft


def test_the_render_request_carries_the_drafts_template_attributes() -> None:
    config = {
        "KnowledgeBaseId": "kb",
        "MessageTemplateId": "t:$LATEST",
        "TemplateAttributes": {
            "CustomAttributes": {"order": "1234", "empty": ""},
            "CustomerProfileAttributes": json.dumps({"firstName": "Ana", "age": 7}),
        },
    }
    assert template_preview.render_request(config) == {
        "knowledgeBaseId": "kb",
        "messageTemplateId": "t:$LATEST",
        "attributes": {
            "customAttributes": {"order": "1234"},
            "customerProfileAttributes": {"firstName": "Ana"},
        },
    }
    broken = dict(config, TemplateAttributes={"CustomerProfileAttributes": "{not json"})
    assert template_preview.render_request(broken)["attributes"] == {}


async def test_preview_renders_the_template_and_unfilled_variables_are_warnings(
    isolated_home: Path,
) -> None:
    draft = _template_draft(CustomAttributes={"order": "1234"})
    app = ComposerApp(draft, None)
    async with app.run_test(size=(120, 40)) as pilot:
        composer = await ready(pilot)
        composer.action_show_pane("preview")
        rendered = composer.query_one("#preview-template", TextArea)
        await until(pilot, lambda: "Your order 1234 is on its way" in rendered.text)
        assert "Subject: Your order 1234 is on its way" in rendered.text
        await until(pilot, lambda: any("is not filled" in p.message for p in composer.problems))
        unfilled = [p for p in composer.problems if "is not filled" in p.message]
        assert {p.message.split("}}")[0] for p in unfilled} == {
            "the template's {{Attributes.Customer.FirstName",
            "the template's {{Attributes.Agent.FirstName",
        }
        assert all(not p.is_error for p in unfilled)
        assert unfilled[0].path.startswith("EmailMessage.TemplatedMessageConfig.TemplateAttributes")
