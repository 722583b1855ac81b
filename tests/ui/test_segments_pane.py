"""Pilot tests of the Segments pane: the SegmentAttributes tree edited by keys and the mouse."""

from __future__ import annotations

from textual.widgets import Static

from connect_tui.ui.dialogs.choice import ChoiceDialog
from connect_tui.ui.dialogs.segment_expiry import ExpiryDialog
from connect_tui.ui.dialogs.segment_node import NodeDialog
from connect_tui.ui.widgets.segment_tree import SegmentTree
from tests.ui.segments_pilot import (
    QUEUE_ARN,
    cursor_to,
    error_line,
    fill,
    harness,
    label,
    replace_text,
    segments_of,
    start,
    tree_of,
)


async def test_build_a_nested_tree_by_keys_only() -> None:
    app = harness()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("a")
        await fill(pilot, "details", "ValueMap")
        await pilot.press("a")  # a Map is selected: add inside it
        await fill(pilot, "tier", "ValueString", "gold")
        await pilot.press("a")  # a key inside the map is selected: add beside it
        await fill(pilot, "level", "ValueInteger", "3")
        await pilot.press("A")  # at the top level, whatever is selected
        await fill(pilot, "connect:Tags", "ValueList")
        await pilot.press("a")  # list items have no key
        assert not app.screen.query("#node-key")
        await fill(pilot, None, "ValueString", "vip")
        await pilot.press("a")
        await fill(pilot, None, "ValueInteger", "-2")
        await pilot.press("A")
        await fill(pilot, "connect:Queue", "ValueArn", QUEUE_ARN)
        await pilot.press("A")
        await fill(pilot, "priority", "ValueInteger", "1,000")
        assert segments_of(app) == {
            "details": {
                "ValueMap": {"tier": {"ValueString": "gold"}, "level": {"ValueInteger": 3}}
            },
            "connect:Tags": {"ValueList": [{"ValueString": "vip"}, {"ValueInteger": -2}]},
            "connect:Queue": {"ValueArn": QUEUE_ARN},
            "priority": {"ValueInteger": 1000},
        }
        assert [p for p in app.problems if p.location[:1] == ("SegmentAttributes",)] == []
        tree = tree_of(app)
        assert label(tree.root.children[0]) == "details  Map (2)"
        assert label(tree.root.children[1]) == "connect:Tags  List (2)"
        assert label(tree.root.children[1].children[1]) == "[1] = -2  Integer"
        assert label(tree.root.children[3]) == "priority = 1000  Integer"
        assert "Add" in str(app.screen.active_bindings["a"].binding.description)


async def test_edit_a_value() -> None:
    app = harness({"tier": {"ValueString": "gold"}, "level": {"ValueInteger": 1}})
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("enter")  # enter edits, like e
        await fill(pilot, "tier", "ValueString", "silver")
        assert segments_of(app) == {"tier": {"ValueString": "silver"}, "level": {"ValueInteger": 1}}
        assert label(tree_of(app).root.children[0]) == 'tier = "silver"  String'


async def test_rename_a_key_keeps_its_place_and_children() -> None:
    app = harness(
        {
            "a": {"ValueInteger": 1},
            "details": {"ValueMap": {"x": {"ValueString": "y"}}},
            "z": {"ValueInteger": 2},
        }
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await cursor_to(pilot, "details")
        await pilot.press("r")
        dialog = app.screen
        assert isinstance(dialog, NodeDialog)
        assert [row.display for row in dialog.query(".node-field")] == [False, False]
        await fill(pilot, "info")
        assert list(segments_of(app)) == ["a", "info", "z"]
        assert segments_of(app)["info"] == {"ValueMap": {"x": {"ValueString": "y"}}}


async def test_change_kind_asks_before_dropping_children() -> None:
    app = harness({"details": {"ValueMap": {"x": {"ValueString": "y"}, "n": {"ValueInteger": 1}}}})
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("e")
        await fill(pilot, None, "ValueString")  # enter in the (now shown) empty value field
        assert isinstance(app.screen, ChoiceDialog)
        assert "drop the 2 values" in str(app.screen.message)
        await pilot.press("n")
        await pilot.pause()
        assert app.changes == []
        assert len(tree_of(app).root.children[0].children) == 2
        await pilot.press("e")
        await fill(pilot, None, "ValueInteger", "5")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("y")
        await pilot.pause()
        assert segments_of(app) == {"details": {"ValueInteger": 5}}
        details = tree_of(app).root.children[0]
        assert len(details.children) == 0 and not details.allow_expand
        # A scalar changes kind without a question.
        await pilot.press("e")
        await fill(pilot, None, "ValueString", "five")
        assert segments_of(app) == {"details": {"ValueString": "five"}}


async def test_delete_asks_when_the_node_holds_values() -> None:
    app = harness({"one": {"ValueInteger": 1}, "m": {"ValueMap": {"x": {"ValueInteger": 2}}}})
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("d")  # a leaf goes at once
        await pilot.pause()
        assert segments_of(app) == {"m": {"ValueMap": {"x": {"ValueInteger": 2}}}}
        await cursor_to(pilot, "m")
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("n")
        await pilot.pause()
        assert segments_of(app) == {"m": {"ValueMap": {"x": {"ValueInteger": 2}}}}
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert "SegmentAttributes" not in app.draft.request  # empty: dropped, not {}


async def test_expiry_helper_writes_the_exact_shape() -> None:
    app = harness({"before": {"ValueInteger": 1}})
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ExpiryDialog)
        assert "Not set" in str(app.screen.query_one(".dialog--note", Static).render())
        await pilot.press("2", "tab", "3", "tab", "1", "5", "enter")
        await pilot.pause()
        assert segments_of(app) == {
            "before": {"ValueInteger": 1},
            "connect:ContactExpiry": {
                "ValueMap": {"ExpiryDuration": {"ValueInteger": 2 * 1440 + 3 * 60 + 15}}
            },
        }
        # Again: the dialog shows the current value and replaces it in place.
        await pilot.press("x")
        await pilot.pause()
        assert "3,075 minutes (2 days 3 h 15 min)" in str(
            app.screen.query_one(".dialog--note", Static).render()
        )
        await pilot.press("home", "ctrl+k", "9", "1", "enter")  # 91 days: refused
        await pilot.pause()
        assert isinstance(app.screen, ExpiryDialog)
        assert "129,600" in error_line(app)
        await replace_text(pilot, "1")
        await pilot.press("tab", "home", "ctrl+k", "tab", "home", "ctrl+k", "enter")
        await pilot.pause()
        assert segments_of(app)["connect:ContactExpiry"] == {
            "ValueMap": {"ExpiryDuration": {"ValueInteger": 1440}}
        }
        assert list(segments_of(app)) == ["before", "connect:ContactExpiry"]


async def test_invalid_input_is_refused_with_a_message_and_changes_nothing() -> None:
    segments = {"tier": {"ValueString": "gold"}}
    app = harness(segments)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("A")
        await fill(pilot, "my key", "ValueString", "x")
        assert isinstance(app.screen, NodeDialog)
        assert "may use only letters, digits" in error_line(app)
        assert app.screen.query_one("#node-key").has_class("-invalid")

        await fill(pilot, "tier", None, None)  # the key at fault has the focus
        assert "'tier' is already a key here" in error_line(app)

        await fill(pilot, "count", "ValueInteger", "12abc")
        assert "is not a whole number" in error_line(app)
        assert app.screen.query_one("#node-value").has_class("-invalid")

        await pilot.press("shift+tab", "shift+tab")
        await fill(pilot, "mine", "ValueArn", "arn:x")
        assert "Arn is only for system keys" in error_line(app)

        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, NodeDialog)
        assert app.changes == []
        assert segments_of(app) == segments


async def test_mouse_buttons_open_the_dialogs() -> None:
    app = harness({"one": {"ValueInteger": 1}, "two": {"ValueInteger": 2}})
    async with app.run_test(size=(80, 24)) as pilot:
        tree = await start(pilot)
        await pilot.click(SegmentTree, offset=(3, 1))  # a click moves the cursor, edits nothing
        await pilot.pause()
        assert tree.cursor_node is tree.node_at(("two",))
        assert not isinstance(app.screen, NodeDialog)
        for button, dialog in (
            ("#segment-add", NodeDialog),
            ("#segment-edit", NodeDialog),
            ("#segment-rename", NodeDialog),
            ("#segment-expiry", ExpiryDialog),
        ):
            await pilot.click(button)
            await pilot.pause()
            assert isinstance(app.screen, dialog), button
            await pilot.press("escape")
            await pilot.pause()
        await pilot.click("#segment-delete")
        await pilot.pause()
        assert segments_of(app) == {"one": {"ValueInteger": 1}}


async def test_editing_a_malformed_value_replaces_it() -> None:
    app = harness({"odd": {"ValueString": "x", "ValueInteger": 1}})
    async with app.run_test(size=(80, 24)) as pilot:
        tree = await start(pilot)
        assert label(tree.root.children[0]).endswith("invalid")
        await pilot.press("e")
        await pilot.pause()
        assert "not a segment value" in str(app.screen.query_one(".dialog--note", Static).render())
        await fill(pilot, None, "ValueInteger", "4")
        assert segments_of(app) == {"odd": {"ValueInteger": 4}}
