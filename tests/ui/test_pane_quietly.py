"""Pilot tests of the one way a pane's own changes are kept from the screen: `Pane.quietly()`.

Every field posts its change message, Choices and Checkbox included, whoever changed it;
loading a draft inside `quietly()` mutes them all, so reloading a draft whose choices and
ticks differ posts no `Pane.Changed` (and so marks nothing unsaved).
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.message import Message
from textual.widgets import Checkbox

from connect_tui.core.model import INBOUND, KEYRING, OUTBOUND, Draft, Target
from connect_tui.ui.widgets.choices import Choices
from connect_tui.ui.widgets.contact import ContactPane
from connect_tui.ui.widgets.message import MessagePane
from connect_tui.ui.widgets.operation import OperationSwitch
from connect_tui.ui.widgets.pane import quietly
from connect_tui.ui.widgets.target import TargetPane
from tests.drafts import outbound_chain_draft, typical_draft, typical_outbound_draft
from tests.ui.harness import PaneHarness


def html_draft() -> Draft:
    draft = typical_draft()
    draft.request["EmailMessage"]["RawMessage"]["ContentType"] = "text/html"
    return draft


def template_draft() -> Draft:
    draft = typical_outbound_draft()
    draft.request["EmailMessage"] = {
        "MessageSourceType": "TEMPLATE",
        "TemplatedMessageConfig": {"KnowledgeBaseId": "kb-1", "MessageTemplateId": "tpl-1"},
    }
    return draft


def agent_reply_draft() -> Draft:
    draft = outbound_chain_draft()
    assert draft.create_contact is not None
    draft.create_contact["InitiationMethod"] = "AGENT_REPLY"
    return draft


def field_changes(recorded: list[Message]) -> list[str]:
    """The Choices and Checkbox change messages among those the app handled."""
    kinds = Choices.Changed | Checkbox.Changed
    return [type(m).__qualname__ for m in recorded if isinstance(m, kinds)]


async def test_reloading_other_choices_and_ticks_posts_nothing() -> None:
    aws = typical_draft()
    aws.target = Target(kind="aws", region="eu-west-2", credentials=KEYRING)
    cases = [
        (TargetPane(), typical_draft(), aws, "#kind", "aws", "#keyring"),
        (MessagePane(), typical_draft(), html_draft(), "#content-type", "text/html", None),
        (MessagePane(), typical_outbound_draft(), template_draft(), "#source", "TEMPLATE", None),
        (
            ContactPane(),
            typical_outbound_draft(),
            agent_reply_draft(),
            "#chain-method",
            "AGENT_REPLY",
            "#create-first",
        ),
    ]
    for pane, first, second, choices_id, picked, box in cases:
        app = PaneHarness(pane, first)
        recorded: list[Message] = []
        async with app.run_test(size=(80, 24), message_hook=recorded.append) as pilot:
            await pilot.pause()
            app.reload(second)
            await app.workers.wait_for_complete()
            await pilot.pause()
            name = type(pane).__name__
            assert app.changes == [] and field_changes(recorded) == [], name
            assert pane.query_one(choices_id, Choices).value == picked, name
            assert box is None or pane.query_one(box, Checkbox).value, name


class ChoicesApp(App[None]):
    """Hosts one Choices and records what it posts."""

    def __init__(self) -> None:
        super().__init__()
        self.posted: list[str] = []

    def compose(self) -> ComposeResult:
        yield Choices(("a", "b"), id="c")

    def on_choices_changed(self, message: Choices.Changed) -> None:
        self.posted.append(message.value)


async def test_choices_posts_every_change_unless_quiet() -> None:
    app = ChoicesApp()
    async with app.run_test(size=(80, 24)) as pilot:
        choices = app.query_one(Choices)
        choices.set_value("b")
        choices.set_value("b")  # no change: nothing
        with quietly(app):
            choices.set_value("a")
        await pilot.pause()
        assert app.posted == ["b"] and choices.value == "a"


async def test_the_operation_switch_is_set_quietly_by_the_screen() -> None:
    from connect_tui.ui.app import ComposerApp
    from tests.ui.composer_pilot import Recorder, ready

    recorder = Recorder()
    app = ComposerApp(typical_draft())
    async with app.run_test(size=(120, 40), message_hook=recorder.hook) as pilot:
        composer = await ready(pilot)
        composer.set_operation(OUTBOUND)
        await pilot.pause()
        composer.set_operation(INBOUND)
        await pilot.pause()
        assert app.query_one(OperationSwitch).operation == INBOUND
    assert not [m for m in recorder.messages if isinstance(m, OperationSwitch.Changed)]
