"""Pilot tests of TargetPane: kind, Region, profile, endpoint, keyring, variables."""

from __future__ import annotations

from textual.widgets import Checkbox

from connect_tui.core.model import KEYRING, Target
from connect_tui.core.problems import TARGET, VARIABLES
from connect_tui.ui.widgets.choices import Choices
from connect_tui.ui.widgets.rows import RowCell, RowList
from connect_tui.ui.widgets.target import TargetPane
from tests.drafts import typical_draft
from tests.ui.form_keys import retype
from tests.ui.harness import PaneHarness
from tests.ui.harness import pane_field as field
from tests.ui.harness import pane_shows as shown


def aws_draft():  # type: ignore[no-untyped-def]
    draft = typical_draft()
    draft.target = Target(kind="aws", region="eu-west-2", aws_profile="demo", credentials=KEYRING)
    return draft


async def test_sandbox_shows_only_the_endpoint() -> None:
    app = PaneHarness(TargetPane(), typical_draft())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert shown(app, "endpoint-url")
        assert not shown(app, "region") and not shown(app, "aws-profile")
        assert not shown(app, "flow-log-group")  # the sandbox's own group is read
        assert not shown(app, "keyring")
        app.pane.query_one("#kind", Choices).focus()
        await pilot.press("right")
        await pilot.pause()
        assert app.draft.target.kind == "aws"
        assert shown(app, "region") and shown(app, "keyring")
        hint = str(app.pane.query_one("#keyring-hint").render())
        assert "connect-tui credentials set typical" in hint


async def test_each_field_edits_its_target_attribute() -> None:
    draft = aws_draft()
    app = PaneHarness(TargetPane(), draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await retype(pilot, field(app, "region"), "us-west-2")
        assert app.draft.target == Target("aws", "us-west-2", "demo", KEYRING, None)
        await retype(pilot, field(app, "aws-profile"), "")
        assert app.draft.target.aws_profile is None
        await retype(pilot, field(app, "endpoint-url"), "https://x.example")
        assert app.draft.target.endpoint_url == "https://x.example"
        await pilot.click("#keyring")
        await pilot.pause()
        assert not app.pane.query_one("#keyring", Checkbox).value
        assert app.draft.target == Target("aws", "us-west-2", None, None, "https://x.example")
        assert app.draft.variables == {"customer": "alice@example.com"}
        await retype(pilot, field(app, "flow-log-group"), "/aws/connect/demo")
        assert app.draft.target.flow_log_group == "/aws/connect/demo"
        await retype(pilot, field(app, "attachment-bucket"), "acme-attachments")
        assert app.draft.target.attachment_bucket == "acme-attachments"


async def test_region_problem_is_marked_and_focused() -> None:
    app = PaneHarness(TargetPane(), aws_draft())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await retype(pilot, field(app, "region"), "mars")
        region = [p for p in app.problems if p.section == TARGET]
        assert region and region[0].location == ("region",)
        assert field(app, "region").has_class("-invalid")
        field(app, "endpoint-url").focus()
        assert app.pane.focus_problem(region[0]) and app.focused is field(app, "region")


async def test_variables_edit_and_their_problems_mark_the_row() -> None:
    app = PaneHarness(TargetPane(), typical_draft())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rows = app.pane.query_one("#variables", RowList)
        assert rows.rows == [{"name": "customer", "value": "alice@example.com"}]
        value = rows.field(0, "value")
        assert isinstance(value, RowCell)
        await retype(pilot, value, "bob@example.com")
        assert app.draft.variables == {"customer": "bob@example.com"}
        await rows.add_row(1)
        await pilot.pause()
        name = rows.field(1, "name")
        assert isinstance(name, RowCell)
        await retype(pilot, name, "9bad")
        assert app.draft.variables == {"customer": "bob@example.com", "9bad": ""}
        bad = [p for p in app.problems if p.section == VARIABLES and p.is_error]
        assert bad and app.pane.field_for(bad[0]) is name
        assert name.has_class("-invalid")


async def test_load_apply_round_trip_keeps_target_and_variables() -> None:
    for draft in (typical_draft(), aws_draft()):
        app = PaneHarness(TargetPane(), draft.copy())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.pane.apply(app.draft)
            assert app.draft.target == draft.target
            assert app.draft.variables == draft.variables
            assert not app.changes


async def test_sandbox_keeps_the_hidden_aws_settings() -> None:
    draft = aws_draft()
    app = PaneHarness(TargetPane(), draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.pane.query_one("#kind", Choices).focus()
        await pilot.press("left")
        await pilot.pause()
        assert app.draft.target == Target("sandbox", "eu-west-2", "demo", KEYRING, None)


async def test_draft_name_in_the_keyring_hint_is_literal() -> None:
    draft = typical_draft()
    draft.name = "[b]vip[/b]"
    app = PaneHarness(TargetPane(), draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        hint = str(app.pane.query_one("#keyring-hint").render())
        assert "credentials set '[b]vip[/b]'" in hint
