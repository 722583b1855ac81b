"""Pilot tests of the Segments pane: loading a draft exactly, reloading, and its problems."""

from __future__ import annotations

import copy

from textual.widgets import Input, Static

from connect_tui.core.defaults import new_draft
from connect_tui.core.model import OUTBOUND, Draft
from connect_tui.core.problems import Problem
from connect_tui.ui.dialogs.segment_expiry import ExpiryDialog
from connect_tui.ui.dialogs.segment_node import NodeDialog
from connect_tui.ui.widgets.segments import SegmentsPane
from tests.ui.segments_pilot import (
    cursor_to,
    fill,
    harness,
    label,
    segments_of,
    start,
    tree_of,
)


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
