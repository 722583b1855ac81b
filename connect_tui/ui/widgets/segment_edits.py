"""Provides SegmentEdits: the edits the Segments pane's keys and buttons make to its tree
(add, edit, rename, delete, contact expiry), each through a small dialog, as Textual's Tree
has no inline editing.

The pane holds one and calls it from its actions; when an edit is made, `done(node)` tells
the pane, which puts the cursor on `node` and reports the change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from textual.widget import Widget

from connect_tui.core.segments import (
    EXPIRY_KEY,
    KIND_NAMES,
    SegmentNode,
    expiry_minutes,
    expiry_value,
    node_from_value,
    value_from_node,
)
from connect_tui.ui.dialogs.choice import confirm
from connect_tui.ui.dialogs.segment_expiry import ExpiryChoice, ExpiryDialog
from connect_tui.ui.dialogs.segment_node import NodeDialog
from connect_tui.ui.widgets.segment_nodes import (
    SegmentTreeNode,
    child_at,
    describe,
    node_checker,
)
from connect_tui.ui.widgets.segment_tree import SegmentTree


class SegmentEdits:
    """Edits a SegmentTree through dialogs opened over `pane`."""

    def __init__(
        self, pane: Widget, tree: SegmentTree, done: Callable[[SegmentTreeNode | None], None]
    ) -> None:
        self.pane = pane
        self.tree = tree
        self._done = done

    def selected(self) -> SegmentTreeNode | None:
        """The node under the cursor, if there is one."""
        node = self.tree.cursor_node
        return node if node is not None and node.data is not None else None

    def add(self, top: bool = False) -> None:
        """Add a child to the selected Map or List, else a key beside the selected node."""
        selected = None if top else self.selected()
        after: SegmentTreeNode | None = None
        if selected is None:
            parent = self.tree.root
        elif selected.data is not None and selected.data.is_container:
            parent = selected
        else:
            parent = selected.parent or self.tree.root
            after = selected
        owner = parent.data
        keyed = owner is None or owner.kind == "ValueMap"
        if owner is None:
            title = "Add a key"
        elif keyed:
            title = f"Add a key to {describe(parent)}"
        else:
            title = f"Add an item to {describe(parent)}"
        entry = SegmentNode("" if keyed else None, "ValueString", "")

        def added(result: SegmentNode | None) -> None:
            if result is None:
                return
            node = self.tree.add_segment(parent, result, after=after)
            self.tree.relabel_children(parent)
            self._done(node)

        dialog = NodeDialog(
            title, entry, nested=owner is not None, check=node_checker(parent, None)
        )
        self.pane.app.push_screen(dialog, added)

    def edit(self) -> None:
        """Edit the selected node's key, kind and value in a dialog."""
        node = self.selected()
        if node is None:
            self.pane.notify("Nothing to edit: press a to add a key.", severity="warning")
            return
        entry = node.data
        assert entry is not None
        parent = node.parent or self.tree.root

        def edited(result: SegmentNode | None) -> None:
            if result is None or result == replace(entry, children=[]):
                return
            held = len(node.children)
            if entry.is_container and held and result.kind != entry.kind:
                old = KIND_NAMES.get(entry.kind or "", "?")
                new = KIND_NAMES.get(result.kind or "", "?")
                question = (
                    f"Change {describe(node)} from {old} to {new} and drop "
                    f"the {held} value{'s' if held != 1 else ''} it holds?"
                )
                self.pane.app.push_screen(
                    confirm("Change the kind?", question, "Change"),
                    lambda answer: self._set_entry(node, result) if answer == "yes" else None,
                )
            else:
                self._set_entry(node, result)

        dialog = NodeDialog(
            f"Edit {describe(node)}",
            entry,
            nested=not parent.is_root,
            check=node_checker(parent, node),
        )
        self.pane.app.push_screen(dialog, edited)

    def _set_entry(self, node: SegmentTreeNode, result: SegmentNode) -> None:
        self.tree.set_entry(node, result)
        self._done(node)

    def rename(self) -> None:
        """Rename the selected key (list items have none)."""
        node = self.selected()
        if node is None or node.data is None or node.data.key is None:
            what = "Nothing to rename" if node is None else "List items have no key"
            self.pane.notify(f"{what}; e edits a value.", severity="warning")
            return
        entry = node.data
        parent = node.parent or self.tree.root

        def renamed(result: SegmentNode | None) -> None:
            if result is None or result.key == entry.key:
                return
            node.data = replace(entry, key=result.key)
            self.tree.relabel(node)
            self._done(node)

        dialog = NodeDialog(
            f"Rename {describe(node)}",
            entry,
            nested=not parent.is_root,
            key_only=True,
            check=node_checker(parent, node),
        )
        self.pane.app.push_screen(dialog, renamed)

    def delete(self) -> None:
        """Delete the selected node, asking first when it holds values."""
        node = self.selected()
        if node is None:
            self.pane.notify("Nothing to delete.", severity="warning")
            return
        held = len(node.children)
        if held:
            question = (
                f"Delete {describe(node)} and the {held} value{'s' if held != 1 else ''} in it?"
            )
            self.pane.app.push_screen(
                confirm("Delete?", question, "Delete"),
                lambda answer: self._delete(node) if answer == "yes" else None,
            )
        else:
            self._delete(node)

    def _delete(self, node: SegmentTreeNode) -> None:
        parent = node.parent or self.tree.root
        after = node.next_sibling or node.previous_sibling or (None if parent.is_root else parent)
        node.remove()
        self.tree.relabel_children(parent)
        self._done(after)

    def expiry(self) -> None:
        """Set (or remove) connect:ContactExpiry in days, hours and minutes."""
        existing = child_at(self.tree.root, EXPIRY_KEY)
        current = None
        if existing is not None:
            current = expiry_minutes(value_from_node(self.tree.segment_of(existing)))

        def chosen(choice: ExpiryChoice | None) -> None:
            if choice is None:
                return
            if choice.minutes is None:
                if existing is not None:
                    self._delete(existing)
                return
            entry = node_from_value(EXPIRY_KEY, expiry_value(choice.minutes))
            if existing is None:
                node = self.tree.add_segment(self.tree.root, entry)
            else:
                node = self.tree.add_segment(self.tree.root, entry, after=existing)
                existing.remove()
            self._done(node.children[0] if node.children else node)

        self.pane.app.push_screen(ExpiryDialog(current, present=existing is not None), chosen)
