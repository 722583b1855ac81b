"""Pilot tests of the Segments pane: the SegmentAttributes tree editor, driven by keys."""

from __future__ import annotations

import copy
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, Static

from connect_tui.core.defaults import new_draft
from connect_tui.core.model import OUTBOUND, Draft
from connect_tui.core.problems import Problem
from connect_tui.ui.dialogs.choice import ChoiceDialog
from connect_tui.ui.dialogs.segment_expiry import ExpiryDialog
from connect_tui.ui.dialogs.segment_node import NodeDialog
from connect_tui.ui.widgets.segment_tree import SegmentTree, SegmentTreeNode
from connect_tui.ui.widgets.segments import SegmentsPane
from tests.ui.harness import PaneHarness

KINDS = ["ValueString", "ValueInteger", "ValueMap", "ValueList", "ValueArn"]
QUEUE_ARN = "arn:aws:connect:us-east-1:123456789012:instance/i/queue/q"


def harness(segments: dict[str, Any] | None = None, operation: str | None = None) -> PaneHarness:
    draft = new_draft() if operation is None else new_draft(operation=operation)
    if segments is not None:
        draft.request["SegmentAttributes"] = copy.deepcopy(segments)
    return PaneHarness(SegmentsPane(), draft)


def tree_of(app: PaneHarness) -> SegmentTree:
    return app.query_one(SegmentTree)


def segments_of(app: PaneHarness) -> Any:
    return app.draft.request.get("SegmentAttributes")


def label(node: SegmentTreeNode) -> str:
    return str(node.label)


async def start(pilot: Pilot[None]) -> SegmentTree:
    await pilot.pause()
    tree = pilot.app.query_one(SegmentTree)
    tree.focus()
    await pilot.pause()
    return tree


async def cursor_to(pilot: Pilot[None], *path: str | int) -> SegmentTreeNode:
    tree = pilot.app.query_one(SegmentTree)
    node = tree.node_at(path)
    assert node is not None, path
    tree.show_node(node)
    await pilot.pause()
    assert tree.cursor_node is node
    return node


async def replace_text(pilot: Pilot[None], text: str) -> None:
    """Clear the focused Input and type `text`."""
    await pilot.press("home", "ctrl+k", *text)


async def fill(
    pilot: Pilot[None],
    key: str | None = None,
    kind: str | None = None,
    value: str | None = None,
    *,
    submit: bool = True,
) -> None:
    """Fill the open NodeDialog from the keyboard: key, kind (from the Select), value."""
    dialog = pilot.app.screen
    assert isinstance(dialog, NodeDialog)
    await pilot.pause()
    if key is not None:
        assert dialog.focused is dialog.query_one("#node-key")
        await replace_text(pilot, key)
        await pilot.press("tab")
    elif dialog.keyed and dialog.focused is dialog.query_one("#node-key"):
        await pilot.press("tab")
    if kind is not None:
        select = dialog.query_one("#node-kind")
        assert dialog.focused is select
        moves = KINDS.index(kind) - KINDS.index(str(select.value))  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.press(*(["down"] * moves if moves > 0 else ["up"] * -moves), "enter")
        await pilot.pause()
        await pilot.press("tab")
    if value is not None:
        assert dialog.focused is dialog.query_one("#node-value")
        await replace_text(pilot, value)
    if submit:
        # Enter in an Input submits; elsewhere tab on to the OK button and press it.
        for _ in range(4):
            if isinstance(dialog.focused, Input) or dialog.focused is dialog.query_one("#node-ok"):
                break
            await pilot.press("tab")
        await pilot.press("enter")
        await pilot.pause()


def error_line(app: PaneHarness) -> str:
    return str(app.screen.query_one(".dialog--error", Static).render())


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


async def test_load_then_apply_is_exact_even_after_edits() -> None:
    from tests.core.test_segment_tree import COMPLEX

    app = harness(COMPLEX)
    original = copy.deepcopy(app.draft.request)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        untouched = app.draft.copy()
        app.pane.apply(untouched)
        assert untouched.request == original
        # Rename a key and rename it back: now the tree itself is written out.
        await cursor_to(pilot, "priority")
        await pilot.press("r")
        await fill(pilot, "prio")
        await pilot.press("r")
        await fill(pilot, "priority")
        assert len(app.changes) == 2
        assert app.draft.request == original
        assert list(segments_of(app)) == list(COMPLEX)


async def test_a_problem_focuses_its_node_and_marks_it() -> None:
    app = harness(
        {
            "plain": {"ValueInteger": 1},
            "tags": {"ValueList": [{"ValueString": "a"}]},
            "connect:ContactExpiry": {"ValueMap": {"ExpiryDuration": {"ValueInteger": 200_000}}},
        }
    )
    async with app.run_test(size=(80, 24)) as pilot:
        tree = await start(pilot)
        expiry = tree.node_at(("connect:ContactExpiry",))
        assert expiry is not None
        expiry.collapse()
        tree.blur()
        await pilot.pause()

        def problem(*tail: object) -> Problem:
            found = [p for p in app.problems if tuple(map(str, p.location[1:])) == tail]
            assert found, (tail, app.problems)
            return found[0]

        too_long = problem("connect:ContactExpiry", "ValueMap", "ExpiryDuration", "ValueInteger")
        assert app.pane.field_for(too_long) is tree
        assert app.pane.focus_problem(too_long)
        await pilot.pause()
        assert tree.has_focus
        assert expiry.is_expanded
        assert tree.cursor_node is expiry.children[0]
        assert label(expiry.children[0]).startswith("✗ ExpiryDuration = 200000")
        status = str(app.pane.query_one("#segment-status", Static).render())
        assert "at most 129,600 minutes" in status

        assert app.pane.focus_problem(problem("tags", "ValueList"))
        await pilot.pause()
        assert tree.cursor_node is tree.node_at(("tags",))
        assert label(tree.node_at(("tags",))).startswith("✗ tags")  # type: ignore[arg-type]
        assert label(tree.node_at(("plain",))) == "plain = 1  Integer"  # type: ignore[arg-type]
        assert tree.has_class("-invalid")


async def test_list_item_problems_point_at_the_item() -> None:
    app = harness({"connect:L": {"ValueList": [{"ValueInteger": 1}, {"ValueInteger": "x"}]}})
    async with app.run_test(size=(80, 24)) as pilot:
        tree = await start(pilot)
        (bad,) = [p for p in app.problems if 1 in p.location]
        assert app.pane.focus_problem(bad)
        await pilot.pause()
        assert tree.cursor_node is tree.node_at(("connect:L", 1))


async def test_user_text_with_markup_is_literal() -> None:
    app = harness({"[b]k[/b]": {"ValueString": "[red]not red[/red] $x"}})
    async with app.run_test(size=(80, 24)) as pilot:
        tree = await start(pilot)
        node = tree.root.children[0]
        assert label(node).startswith('✗ [b]k[/b] = "[red]not red[/red] $x"  String')
        await pilot.pause()
        rendered = tree.render_label(node, tree.rich_style, tree.rich_style)
        assert '[b]k[/b] = "[red]not red[/red] $x"' in rendered.plain
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#node-value", Input).value == "[red]not red[/red] $x"
        assert "Edit [b]k[/b]" in str(app.screen.query_one(".dialog--title", Static).render())


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


async def test_outbound_has_no_segment_attributes() -> None:
    app = harness(operation=OUTBOUND)
    app.draft.parked = {"StartEmailContact": {"SegmentAttributes": {"k": {"ValueInteger": 1}}}}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        pane = app.pane
        assert not tree_of(app).display
        assert "takes no segment attributes" in str(pane.query_one("#segment-note").render())
        pane.focus()
        await pilot.press("a", "x")
        await pilot.pause()
        assert not isinstance(app.screen, NodeDialog | ExpiryDialog)
        assert "SegmentAttributes" not in app.draft.request
        assert app.changes == []


async def test_reload_keeps_collapsed_nodes_and_the_cursor() -> None:
    segments = {
        "a": {"ValueMap": {"x": {"ValueInteger": 1}}},
        "b": {"ValueMap": {"y": {"ValueInteger": 2}}},
    }
    app = harness(segments)
    async with app.run_test(size=(80, 24)) as pilot:
        tree = await start(pilot)
        tree.node_at(("a",)).collapse()  # type: ignore[union-attr]
        await cursor_to(pilot, "b", "y")
        draft: Draft = app.draft.copy()
        draft.request["SegmentAttributes"]["c"] = {"ValueMap": {}}
        app.reload(draft)
        await pilot.pause()
        assert not tree.node_at(("a",)).is_expanded  # type: ignore[union-attr]
        assert tree.node_at(("b",)).is_expanded  # type: ignore[union-attr]
        assert tree.cursor_node is tree.node_at(("b", "y"))
        assert label(tree.root.children[2]) == "c  Map (0)"


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


def test_load_works_before_the_pane_is_mounted() -> None:
    draft = new_draft()
    draft.request["SegmentAttributes"] = {"a": {"ValueMap": {"b": {"ValueInteger": 1}}}}
    pane = SegmentsPane()
    pane.load(draft)
    pane.edited.add("tree")  # make apply write the tree out
    rebuilt = new_draft()
    pane.apply(rebuilt)
    assert rebuilt.request["SegmentAttributes"] == draft.request["SegmentAttributes"]


async def test_values_the_tree_cannot_hold_survive_a_load_and_apply() -> None:
    for odd in ({}, ["not", "a", "table"]):
        app = harness(odd)  # type: ignore[arg-type]
        async with app.run_test(size=(80, 24)) as pilot:
            await start(pilot)
            copy_ = app.draft.copy()
            app.pane.apply(copy_)
            assert copy_.request["SegmentAttributes"] == odd
            note = str(app.pane.query_one("#segment-note", Static).render())
            assert ("not a table" in note) is isinstance(odd, list)
