"""Pilot tests of AttributesPane: key/value rows, UTF-8 byte budget, key problems, duplicates."""

from __future__ import annotations

from connect_tui.core.conversion import switch_operation
from connect_tui.core.model import INBOUND, OUTBOUND
from connect_tui.core.problems import MapKey
from connect_tui.ui.widgets.attributes import AttributesPane
from tests.drafts import typical_draft
from tests.ui.form_keys import retype
from tests.ui.harness import PaneHarness
from tests.ui.harness import pane_cell as cell
from tests.ui.harness import pane_rows as rows
from tests.ui.harness import pane_status as status


async def test_load_then_apply_keeps_the_draft_identical() -> None:
    draft = typical_draft()
    draft.request["Attributes"].update({"empty": "", "[red]x": "[b]y", "emoji": "🎉"})
    before = draft.copy()
    app = PaneHarness(AttributesPane(), draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert cell(app, 4, "Key").value == "[red]x"
        assert cell(app, 4, "Value").value == "[b]y"
        app.pane.apply(app.draft)
        assert app.draft.request == before.request
        assert app.changes == []


async def test_typing_adding_removing_and_moving_change_the_draft() -> None:
    app = PaneHarness(AttributesPane(), typical_draft())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await retype(pilot, cell(app, 1, "Value"), "platinum")
        assert app.draft.request["Attributes"]["tier"] == "platinum"
        await pilot.press("ctrl+n", *"channel", "tab", *"email")
        await pilot.pause()
        attributes = app.draft.request["Attributes"]
        assert list(attributes) == ["order_id", "tier", "channel", "language"]
        assert attributes["channel"] == "email"
        await pilot.press("alt+up", "alt+up")
        await pilot.pause()
        assert list(app.draft.request["Attributes"]) == ["channel", "order_id", "tier", "language"]
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert "channel" not in app.draft.request["Attributes"]
        assert await pilot.click(offset=rows(app).cell_region(0).offset)  # row 1's ✕
        await pilot.pause()
        assert list(app.draft.request["Attributes"]) == ["tier", "language"]
        for _ in range(2):
            await pilot.click(offset=rows(app).cell_region(0).offset)
            await pilot.pause()
        assert "Attributes" not in app.draft.request  # no rows: no empty member


async def test_bytes_not_characters_are_counted() -> None:
    draft = typical_draft()
    draft.request["Attributes"] = {"k": "Grüße"}
    app = PaneHarness(AttributesPane(), draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert status(app) == "8 of 32,768 bytes (UTF-8)"  # k + G r ü(2) ß(2) e
        await retype(pilot, cell(app, 0, "Value"), "日本")
        assert status(app) == "7 of 32,768 bytes (UTF-8)"  # k + 2 x 3
        app.draft.request["Attributes"] = {"k": "é" * 16_384}
        app.reload(app.draft)
        await pilot.pause()
        assert status(app) == "32,769 of 32,768 bytes (UTF-8)"
        assert rows(app).query_one(".rows-status").has_class("-over")
        budget = next(p for p in app.problems if p.location == ("Attributes",))
        assert rows(app).has_class("-invalid")
        assert app.pane.focus_problem(budget)
        await pilot.pause()
        assert cell(app, 0, "Key").has_focus


async def test_a_bad_key_is_marked_on_its_key_and_focused() -> None:
    app = PaneHarness(AttributesPane(), typical_draft())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await retype(pilot, cell(app, 0, "Key"), "order id")
        problem = next(p for p in app.problems if p.location == ("Attributes", MapKey("order id")))
        assert cell(app, 0, "Key").has_class("-invalid")
        assert not cell(app, 0, "Value").has_class("-invalid")
        cell(app, 2, "Value").focus()
        await pilot.pause()  # focus() moves the focus later
        assert app.pane.focus_problem(problem)
        await pilot.pause()
        assert cell(app, 0, "Key").has_focus


async def test_a_value_with_no_key_is_kept_so_validation_can_say_so() -> None:
    app = PaneHarness(AttributesPane(), typical_draft())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        cell(app, 2, "Value").focus()
        await pilot.press("ctrl+n", "tab", *"orphan")
        await pilot.pause()
        assert app.draft.request["Attributes"][""] == "orphan"
        assert cell(app, 3, "Key").has_class("-invalid")
        await pilot.press("ctrl+u")  # nothing typed any more: the blank row is not written
        await pilot.pause()
        assert "" not in app.draft.request["Attributes"]


async def test_a_repeated_key_is_marked_and_the_first_kept() -> None:
    app = PaneHarness(AttributesPane(), typical_draft())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await retype(pilot, cell(app, 2, "Key"), "tier")
        assert app.draft.request["Attributes"] == {"order_id": "1234", "tier": "gold"}
        assert cell(app, 2, "Key").has_class("-invalid")
        assert "not saved" in status(app)
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert not any(cell(app, i, "Key").has_class("-invalid") for i in range(2))
        assert "not saved" not in status(app)


async def test_outbound_attributes_live_in_the_create_contact_step_and_come_back() -> None:
    inbound = typical_draft()
    app = PaneHarness(AttributesPane(), inbound)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.reload(switch_operation(app.draft, OUTBOUND))
        await pilot.pause()
        assert len(rows(app).rows) == 3
        await retype(pilot, cell(app, 0, "Value"), "99")
        assert app.draft.create_contact is not None
        assert app.draft.create_contact["Attributes"]["order_id"] == "99"
        app.reload(switch_operation(app.draft, INBOUND))
        await pilot.pause()
        assert app.draft.request["Attributes"]["order_id"] == "99"
        assert cell(app, 0, "Value").value == "99"


async def test_two_hundred_rows_load_and_edit() -> None:
    draft = typical_draft()
    draft.request["Attributes"] = {f"k{i:03d}": f"v{i}" for i in range(200)}
    app = PaneHarness(AttributesPane(), draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert len(rows(app).rows) == 200
        await retype(pilot, cell(app, 199, "Value"), "last")
        assert app.draft.request["Attributes"]["k199"] == "last"
        assert len(app.draft.request["Attributes"]) == 200


async def test_a_problem_in_a_row_not_yet_mounted_is_focused_once_it_is() -> None:
    app = PaneHarness(AttributesPane(), typical_draft())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        big = typical_draft()
        big.request["Attributes"] = {f"k{i:03d}": f"v{i}" for i in range(199)}
        big.request["Attributes"]["bad key"] = "x"
        app.reload(big)  # 197 new rows: mounted a chunk at a time
        problem = next(p for p in app.problems if p.location == ("Attributes", MapKey("bad key")))
        target = rows(app).field(199, "Key")
        assert target is not None and not target.has_focus
        assert target.has_class("-invalid")
        assert app.pane.focus_problem(problem)
        await pilot.pause()
        assert target.has_focus
