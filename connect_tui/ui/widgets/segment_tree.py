"""Provides SegmentTree: the Tree of segment attributes, filled from and read back as
SegmentNodes.

Each tree node's `data` is a `SegmentNode` whose own `children` list stays empty: the
tree's nodes hold the children, so there is one source of truth while editing. Labels
are drawn from the data at render time (see `render_label`), with the key, the value
and the kind styled by component classes, so themes apply and user text stays literal.
How a label reads is segment_labels'; finding nodes and the dialogs' checks, segment_nodes'.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Tree

from connect_tui.core.problems import Step
from connect_tui.core.segments import SegmentNode
from connect_tui.ui.widgets.segment_labels import label_parts
from connect_tui.ui.widgets.segment_nodes import NodePath, SegmentTreeNode, child_at

__all__ = ["SegmentTree", "SegmentTreeNode"]

#: Clicking this part of a line expands or collapses the node (the meta Tree looks for).
_TOGGLE = Style.from_meta({"toggle": True})


class SegmentTree(Tree[SegmentNode]):
    """The segment attributes as a tree: one node a value, maps and lists expandable."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Enter edits (the pane's `e`); space still expands and collapses.
        Binding("enter", "edit_node", "Edit", show=False, id="segments.tree_edit"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "segment-tree--key",
        "segment-tree--value",
        "segment-tree--kind",
        "segment-tree--error",
        "segment-tree--warning",
    }

    DEFAULT_CSS = """
    SegmentTree {
        height: 1fr;
        min-height: 5;
        & > .segment-tree--key { text-style: bold; }
        & > .segment-tree--value { color: $text-primary; }
        & > .segment-tree--kind { text-style: dim; }
        & > .segment-tree--error { color: $text-error; }
        & > .segment-tree--warning { color: $text-warning; }
        &.-invalid { border-left: outer $error; }
        &.-warning { border-left: outer $warning; }
    }
    """

    class EditRequested(Message):
        """The user pressed enter on a node: the pane should open the edit dialog."""

        def __init__(self, tree: SegmentTree) -> None:
            super().__init__()
            self.tree = tree

        @property
        def control(self) -> SegmentTree:
            """The tree the request came from."""
            return self.tree

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("SegmentAttributes", id=id, classes=classes)
        self.show_root = False
        # Enter edits instead of toggling, so selecting must not toggle either.
        self.auto_expand = False
        #: Problem marks by node id: True for an error, False for a warning.
        self.marks: dict[int, bool] = {}

    # -- labels ------------------------------------------------------------------------------

    def parts_of(self, node: SegmentTreeNode) -> list[tuple[str, str]]:
        """The parts of a node's label, with its problem mark first when it has one."""
        assert node.data is not None
        index = 0
        if node.data.key is None and node.parent is not None:
            index = node.parent.children.index(node)
        parts = label_parts(node.data, index, len(node.children))
        mark = self.marks.get(int(node.id))
        if mark is not None:
            parts.insert(0, ("✗ " if mark else "! ", "mark"))
        return parts

    def plain_label(self, node: SegmentTreeNode) -> str:
        """The label's text without styles (what `node.label` holds, for tests and widths)."""
        return "".join(text for text, _ in self.parts_of(node))

    def relabel(self, node: SegmentTreeNode) -> None:
        """Refresh one node's label after its data, children or marks changed."""
        if node.data is not None:
            node.set_label(Text(self.plain_label(node)))

    def relabel_children(self, node: SegmentTreeNode) -> None:
        """Refresh a node's label and its children's (list indexes move on insert and delete)."""
        if not node.is_root:
            self.relabel(node)
        for child in node.children:
            self.relabel(child)

    def render_label(self, node: SegmentTreeNode, base_style: Style, style: Style) -> Text:
        """Draw the label from the node's data with the key, value and kind styles."""
        if node.data is None or not self.is_mounted:
            return super().render_label(node, base_style, style)
        label = Text()
        for text, part in self.parts_of(node):
            style_name = "segment-tree--key" if part == "mark" else f"segment-tree--{part}"
            label.append(text, self.get_component_rich_style(style_name, partial=True))
        mark = self.marks.get(int(node.id))
        if mark is not None:
            part = "error" if mark else "warning"
            label.stylize_before(
                self.get_component_rich_style(f"segment-tree--{part}", partial=True)
            )
        # Under the parts' own styles (the line's colour would repaint the dimmed kind), but
        # over them on the cursor line, which must read as one highlighted line.
        if node is self.cursor_node:
            label.stylize(style)
        else:
            label.stylize_before(style)
        if node.allow_expand:
            icon = self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE
            return Text.assemble((icon, base_style + _TOGGLE), label)
        return label

    def get_label_width(self, node: SegmentTreeNode) -> int:
        """The label's width from its plain text (kept in step), without rendering it."""
        if node.data is None:
            return super().get_label_width(node)
        label = node.label
        width = label.cell_len if isinstance(label, Text) else cell_len(label)
        if node.allow_expand:
            width += cell_len(self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE)
        return width

    # -- building ----------------------------------------------------------------------------

    def add_segment(
        self,
        parent: SegmentTreeNode,
        entry: SegmentNode,
        *,
        after: SegmentTreeNode | None = None,
        expanded: bool = True,
    ) -> SegmentTreeNode:
        """Add `entry` (and its children, recursively) under `parent`; returns the new node."""
        node = parent.add(
            "",
            replace(entry, children=[]),
            after=after,
            expand=expanded and entry.is_container,
            allow_expand=entry.is_container,
        )
        for child in entry.children:
            self.add_segment(node, child, expanded=expanded)
        self.relabel(node)
        return node

    def fill(self, entries: Iterable[SegmentNode], collapsed: set[NodePath]) -> None:
        """Replace the whole tree with `entries`; nodes whose path is in `collapsed` stay shut."""
        self.clear()
        self.marks = {}
        for entry in entries:
            self._fill_node(self.root, entry, (), collapsed)

    def _fill_node(
        self,
        parent: SegmentTreeNode,
        entry: SegmentNode,
        path: NodePath,
        collapsed: set[NodePath],
    ) -> None:
        index = len(parent.children)
        here = (*path, entry.key if entry.key is not None else index)
        # The label is made here, not by set_label afterwards: set_label schedules a
        # refresh per node, which made loading 200 nodes several times slower.
        text = "".join(part for part, _ in label_parts(entry, index, len(entry.children)))
        node = parent.add(
            Text(text),
            replace(entry, children=[]),
            expand=entry.is_container and here not in collapsed,
            allow_expand=entry.is_container,
        )
        for child in entry.children:
            self._fill_node(node, child, here, collapsed)

    # -- reading back ------------------------------------------------------------------------

    def segment_of(self, node: SegmentTreeNode) -> SegmentNode:
        """The node as a SegmentNode with its children filled in from the tree."""
        assert node.data is not None
        children = [self.segment_of(child) for child in node.children]
        return replace(node.data, children=children)

    def segments(self) -> list[SegmentNode]:
        """Every top-level node as a SegmentNode (the whole table)."""
        return [self.segment_of(child) for child in self.root.children]

    # -- finding -----------------------------------------------------------------------------

    def path_of(self, node: SegmentTreeNode) -> NodePath:
        """The keys and list indexes that lead from the top of the table to `node`."""
        steps: list[str | int] = []
        while node.parent is not None and node.data is not None:
            key = node.data.key
            steps.append(key if key is not None else node.parent.children.index(node))
            node = node.parent
        return tuple(reversed(steps))

    def node_at(self, path: NodePath) -> SegmentTreeNode | None:
        """The node at `path`, or None when the tree has no such node."""
        node = self.root
        for step in path:
            found = child_at(node, step)
            if found is None:
                return None
            node = found
        return None if node is self.root else node

    def node_for(self, location: Sequence[Step]) -> SegmentTreeNode | None:
        """The deepest node a problem location points into, or None when it names none.

        Locations run `SegmentAttributes, key, (ValueMap, key | ValueList, index)*, ...`.
        """
        if len(location) < 2 or str(location[0]) != "SegmentAttributes":
            return None
        node = child_at(self.root, str(location[1]))
        rest = list(location[2:])
        while node is not None and len(rest) >= 2 and node.data is not None:
            kind, step = str(rest[0]), rest[1]
            if kind != node.data.kind:
                break
            if kind == "ValueMap" and not isinstance(step, int):
                found = child_at(node, str(step))
            elif kind == "ValueList" and isinstance(step, int):
                found = child_at(node, step)
            else:
                break
            if found is None:
                break
            node = found
            rest = rest[2:]
        return node

    def set_entry(self, node: SegmentTreeNode, entry: SegmentNode) -> None:
        """Give `node` a new key, kind or value; its children go when its kind changes."""
        old = node.data
        node.data = replace(entry, children=[])
        if old is None or entry.kind != old.kind:
            node.remove_children()
            node.allow_expand = entry.is_container
            if entry.is_container:
                node.expand()
        self.relabel(node)

    def collapsed_paths(self) -> set[NodePath]:
        """The paths of the containers the user has collapsed (kept across a reload)."""
        collapsed: set[NodePath] = set()
        stack = list(self.root.children)
        while stack:
            node = stack.pop()
            if node.allow_expand and not node.is_expanded:
                collapsed.add(self.path_of(node))
            stack.extend(node.children)
        return collapsed

    def show_node(self, node: SegmentTreeNode) -> None:
        """Expand the node's ancestors and put the cursor on it (once the lines are rebuilt)."""
        parent = node.parent
        while parent is not None and not parent.is_root:
            parent.expand()
            parent = parent.parent
        self.call_after_refresh(self._put_cursor, node)

    def _put_cursor(self, node: SegmentTreeNode) -> None:
        if node.tree is self and node.line >= 0:
            self.move_cursor(node)
            self.scroll_to_node(node, animate=False)

    def action_edit_node(self) -> None:
        """Ask the pane to edit the node under the cursor."""
        if self.cursor_node is not None:
            self.post_message(self.EditRequested(self))
