"""Pilot tests of PreviewPane: resolved request JSON and aws command, live and literal."""

from __future__ import annotations

import json

from textual.app import App, ComposeResult
from textual.widgets import Input, TabbedContent, TabPane, TextArea

from connect_tui.core.defaults import new_draft
from connect_tui.core.model import OUTBOUND
from connect_tui.ui.widgets.preview import PreviewPane
from tests.drafts import typical_draft
from tests.ui.harness import PaneHarness


def area(app: App[None], id: str) -> TextArea:
    return app.query_one(f"#{id}", TextArea)


async def test_shows_the_resolved_json_and_the_aws_command() -> None:
    app = PaneHarness(PreviewPane(), typical_draft())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = json.loads(area(app, "preview-json").text)
        assert shown["FromEmailAddress"]["EmailAddress"] == "alice@example.com"  # ${customer}
        assert list(shown)[:2] == ["InstanceId", "FromEmailAddress"]  # the model's order
        command = area(app, "preview-command").text
        assert "aws connect start-email-contact" in command
        assert "alice@example.com" in command
        assert not app.pane.query_one("#preview-chain").display


async def test_outbound_chain_shows_both_requests_and_both_commands() -> None:
    app = PaneHarness(PreviewPane(), new_draft(operation=OUTBOUND))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.pane.query_one("#preview-chain").display
        chain = json.loads(area(app, "preview-chain").text)
        assert chain["InitiationMethod"] == "OUTBOUND"
        assert chain["InstanceId"] == app.draft.request["InstanceId"]
        command = area(app, "preview-command").text
        assert "aws connect create-contact" in command
        assert "aws connect start-outbound-email-contact" in command


async def test_updates_on_load_and_shows_markup_literally() -> None:
    app = PaneHarness(PreviewPane(), typical_draft())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        draft = app.draft.copy()
        draft.request["InstanceId"] = "[b]x[/b] [red]y"  # the first line of the JSON
        app.reload(draft)
        await pilot.pause()
        assert json.loads(area(app, "preview-json").text)["InstanceId"] == "[b]x[/b] [red]y"
        assert "[b]x[/b]" in area(app, "preview-command").text
        screen = app.export_screenshot().replace("&#160;", " ")
        assert '"InstanceId": "[b]x[/b] [red]y"' in screen.replace("&quot;", '"')


async def test_copy_bindings_copy_the_json_and_the_command() -> None:
    app = PaneHarness(PreviewPane(), typical_draft())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        area(app, "preview-json").focus()
        await pilot.press("j")
        assert app.clipboard == app.pane.request_json
        assert json.loads(app.clipboard)["InstanceId"]
        await pilot.press("c")
        assert app.clipboard.startswith(("aws ", "# start the sandbox"))
        assert "aws connect start-email-contact" in app.clipboard


class TabsApp(App[None]):
    """The preview in a hidden tab, as in the composer."""

    def compose(self) -> ComposeResult:
        with TabbedContent(id="tabs"):
            with TabPane("Other", id="tab-other"):
                yield Input(id="other")
            with TabPane("Preview", id="tab-preview"):
                yield PreviewPane(id="preview")


async def test_renders_only_when_shown() -> None:
    app = TabsApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        pane = app.query_one(PreviewPane)
        pane.load(typical_draft())
        await pilot.pause()
        assert pane.request_json == ""  # hidden: nothing rendered yet
        app.query_one(TabbedContent).active = "tab-preview"
        await pilot.pause()
        await pilot.pause()
        assert '"InstanceId"' in pane.request_json
        assert area(app, "preview-json").text == pane.request_json
