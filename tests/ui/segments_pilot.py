"""Provides the Segments pane's Pilot helpers: a harness, the cursor, the node dialog's keys."""

from __future__ import annotations

import copy
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, Static

from connect_tui.core.defaults import new_draft
from connect_tui.ui.dialogs.segment_node import NodeDialog
from connect_tui.ui.widgets.segment_tree import SegmentTree, SegmentTreeNode
from connect_tui.ui.widgets.segments import SegmentsPane
from tests.ui.harness import PaneHarness

#: The kinds in the node dialog's Select, in its order.
KINDS = ["ValueString", "ValueInteger", "ValueMap", "ValueList", "ValueArn"]
QUEUE_ARN = "arn:aws:connect:us-east-1:123456789012:instance/i/queue/q"


def harness(segments: dict[str, Any] | None = None, operation: str | None = None) -> PaneHarness:
    """A PaneHarness of a SegmentsPane on a new draft with these SegmentAttributes."""
    draft = new_draft() if operation is None else new_draft(operation=operation)
    if segments is not None:
        draft.request["SegmentAttributes"] = copy.deepcopy(segments)
    return PaneHarness(SegmentsPane(), draft)


def tree_of(app: PaneHarness) -> SegmentTree:
    """The pane's SegmentTree."""
    return app.query_one(SegmentTree)


def segments_of(app: PaneHarness) -> Any:
    """The draft's SegmentAttributes as they stand."""
    return app.draft.request.get("SegmentAttributes")


def label(node: SegmentTreeNode) -> str:
    """A node's label as text."""
    return str(node.label)


async def start(pilot: Pilot[None]) -> SegmentTree:
    """Wait for the pane, focus its tree and return it."""
    await pilot.pause()
    tree = pilot.app.query_one(SegmentTree)
    tree.focus()
    await pilot.pause()
    return tree


async def cursor_to(pilot: Pilot[None], *path: str | int) -> SegmentTreeNode:
    """Move the tree's cursor to the node at `path` (keys and list indexes); return it."""
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
    """The open dialog's error line."""
    return str(app.screen.query_one(".dialog--error", Static).render())
