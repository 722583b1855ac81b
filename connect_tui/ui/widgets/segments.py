"""Provides SegmentsPane: the tree editor of the request's SegmentAttributes.

Keyboard first: `a` adds, `e`/enter edits, `r` renames, `d`/delete deletes, `x` sets the
contact expiry; the buttons above the tree do the same for the mouse. Editing happens in
small modals (Textual's Tree has no inline editing). Loading and applying are lossless:
values that are not well-formed segment values are shown as `invalid` and written back
untouched, and a pane the user has not edited writes nothing at all.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Static, Tree
from textual.widgets.tree import NodeID, UnknownNodeID

from connect_tui.core.model import Draft
from connect_tui.core.problems import Problem
from connect_tui.core.segments import count_nodes, nodes_from_table, table_from_nodes
from connect_tui.ui.widgets.pane import Pane, location_starts
from connect_tui.ui.widgets.segment_edits import SegmentEdits
from connect_tui.ui.widgets.segment_nodes import SegmentTreeNode
from connect_tui.ui.widgets.segment_tree import SegmentTree

#: The part of `Pane.edited` that says the user changed the tree.
TREE = "tree"
_ACTIONS = frozenset({"add", "add_top", "edit", "rename", "delete", "expiry"})


class SegmentsPane(Pane):
    """The SegmentAttributes of an inbound contact, as a tree of keys, maps and lists."""

    TITLE: ClassVar[str] = "Segments"
    NAME: ClassVar[str] = "segments"
    KEY: ClassVar[str] = "alt+s"
    HELP: ClassVar[str] = """\
# Segment attributes

A tree of keys and values (`SegmentAttributes`). Each value is one kind:
**String**, **Integer**, **Map** (keys inside), **List** (items inside) or **Arn**.
List and Arn are only for system keys, which start with `connect:`.

| Key | Does |
| :- | :- |
| `a` | add: a child of the selected Map or List, else a key beside the selected one |
| `A` | add a key at the top level |
| `e`, `enter` | edit the selected node: key, kind and value |
| `r` | rename the selected key |
| `d`, `delete` | delete the selected node (asks first when it holds values) |
| `x` | contact expiry: `connect:ContactExpiry` in days, hours and minutes (at most 90 days) |
| `space` | expand or collapse |

Changing a Map or List to another kind asks before dropping what it holds.
Segment attributes belong to inbound contacts (StartEmailContact) only.
"""
    MEMBERS: ClassVar[frozenset[str]] = frozenset({"SegmentAttributes"})
    WRITES = MEMBERS  # apply() writes these members only

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add", id="segments.add"),
        Binding("A", "add_top", "Add top-level", show=False, id="segments.add_top"),
        Binding("e", "edit", "Edit", id="segments.edit"),
        Binding("r", "rename", "Rename", id="segments.rename"),
        Binding("d,delete", "delete", "Delete", id="segments.delete"),
        Binding("x", "expiry", "Expiry", id="segments.expiry"),
    ]

    DEFAULT_CSS = """
    SegmentsPane {
        & #segment-buttons { height: auto; margin-bottom: 1; }
        /* As wide as their labels: at 76 columns five fixed-width buttons cut "Expiry…". */
        & #segment-buttons Button { margin-right: 1; width: auto; min-width: 8; }
        & #segment-note { color: $text-warning; height: auto; }
        & #segment-status { color: $text-muted; height: auto; }
    }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # Built here so `load` works before the pane is mounted.
        self.segment_tree = SegmentTree(id="segment-tree")
        self.note = Static("", id="segment-note")
        self.status = Static("", id="segment-status")
        buttons = [
            Button(label, id=f"segment-{name}", compact=True)
            for name, label in (
                ("add", "Add"),
                ("edit", "Edit"),
                ("rename", "Rename"),
                ("delete", "Delete"),
                ("expiry", "Expiry…"),
            )
        ]
        for button in buttons:
            button.can_focus = False  # for the mouse: the keys do the same from the tree
        self.buttons = Horizontal(*buttons, id="segment-buttons")
        self.outbound = False
        self.node_problems: dict[int, list[Problem]] = {}
        #: The dialogs that edit the tree (add, edit, rename, delete, expiry).
        self.edits = SegmentEdits(self, self.segment_tree, self._edit_done)
        #: How many keys and values the tree holds (None: to be counted again).
        self._sizes: tuple[int, int] | None = None
        self._status_text = ""

    def compose(self) -> ComposeResult:
        """The buttons, the tree and a status line."""
        yield self.note
        yield self.buttons
        yield self.segment_tree
        yield self.status

    def on_mount(self) -> None:
        """Put the cursor on the first node when the draft was loaded before mounting."""
        children = self.segment_tree.root.children
        if self.segment_tree.cursor_node is None and children:
            self.segment_tree.show_node(children[0])

    # -- the pane contract --------------------------------------------------------------------

    def load(self, draft: Draft) -> None:
        """Rebuild the tree from the draft, keeping what was collapsed and the cursor."""
        with self.quietly():
            self.outbound = draft.is_outbound
            value = draft.request.get("SegmentAttributes")
            cursor = self.segment_tree.cursor_node
            cursor_path = self.segment_tree.path_of(cursor) if cursor is not None else None
            collapsed = self.segment_tree.collapsed_paths()
            self.segment_tree.fill(
                nodes_from_table(value) if isinstance(value, dict) else [], collapsed
            )
            self._sizes = None
            self.node_problems = {}
            if self.outbound:
                note = (
                    "StartOutboundEmailContact takes no segment attributes. Any set inbound are "
                    "kept and come back when you switch to inbound."
                )
            elif value is not None and not isinstance(value, dict):
                note = (
                    f"SegmentAttributes is {type(value).__name__}, not a table; it is kept as it "
                    "is until you add a key, which replaces it."
                )
            else:
                note = ""
            self.note.update(Content(note))
            self.note.display = bool(note)
            self.segment_tree.display = not self.outbound
            self.buttons.display = not self.outbound
            target = self.segment_tree.node_at(cursor_path) if cursor_path else None
            if target is None and self.segment_tree.root.children:
                target = self.segment_tree.root.children[0]
            if target is not None and self.is_mounted:
                self.segment_tree.show_node(target)
            self.show_status()
            if self.is_mounted:
                self.refresh_bindings()

    def apply(self, draft: Draft) -> None:
        """Write the tree into request["SegmentAttributes"] (dropped when empty)."""
        # Until the user edits the tree, nothing is written: a load/apply round trip is exact.
        if TREE not in self.edited or draft.is_outbound:
            return
        table = table_from_nodes(self.segment_tree.segments())
        if table:
            draft.request["SegmentAttributes"] = table
        else:
            draft.request.pop("SegmentAttributes", None)

    def field_for(self, problem: Problem) -> Widget | None:
        """The tree shows every segment attribute problem (its node is marked too)."""
        return self.segment_tree if location_starts(problem, "SegmentAttributes") else None

    def show_problems(self, problems: list[Problem]) -> None:
        """Mark the tree, and each node with a problem (✗ for errors, ! for warnings)."""
        super().show_problems(problems)
        marks: dict[int, bool] = {}
        by_node: dict[int, list[Problem]] = {}
        for problem in problems:
            if not self.owns(problem):
                continue
            node = self.segment_tree.node_for(problem.location)
            if node is None:
                continue
            node_id = int(node.id)
            marks[node_id] = marks.get(node_id, False) or problem.is_error
            by_node.setdefault(node_id, []).append(problem)
        old = self.segment_tree.marks
        self.segment_tree.marks = marks
        self.node_problems = by_node
        for node_id in set(old) | set(marks):
            if old.get(node_id) != marks.get(node_id):
                try:
                    self.segment_tree.relabel(self.segment_tree.get_node_by_id(NodeID(node_id)))
                except UnknownNodeID:
                    pass  # deleted since it was marked
        self.show_status()

    def focus_problem(self, problem: Problem) -> bool:
        """Focus the tree and put the cursor on the problem's node, expanding its parents."""
        if self.outbound or not location_starts(problem, "SegmentAttributes"):
            return super().focus_problem(problem)
        self.segment_tree.focus()
        node = self.segment_tree.node_for(problem.location)
        if node is not None:
            self.segment_tree.show_node(node)
        return True

    # -- status -------------------------------------------------------------------------------

    def show_status(self) -> None:
        """Say how many keys and values there are, and what is wrong with the selected node."""
        if self._sizes is None:  # counted once per change, not on every cursor move
            segments = self.segment_tree.segments()
            self._sizes = (len(segments), count_nodes(table_from_nodes(segments)))
        keys, total = self._sizes
        if not keys:
            # An empty tree shows nothing to select: say how to begin.
            self._show_status_text(
                "No segment attributes yet: press a to add a key, x for contact expiry."
            )
            return
        text = f"{keys} key{'s' if keys != 1 else ''}, {total} value" + ("s" if total != 1 else "")
        cursor = self.segment_tree.cursor_node
        found = self.node_problems.get(int(cursor.id), []) if cursor is not None else []
        if found:
            text += f" · {'✗' if found[0].is_error else '!'} {found[0].message}"
        self._show_status_text(text)

    def _show_status_text(self, text: str) -> None:
        # Unchanged on most keys (each check, each cursor move): an update lays out the screen.
        if text != self._status_text:
            self._status_text = text
            self.status.update(Content(text))

    @on(Tree.NodeHighlighted)
    def _highlighted(self) -> None:
        self.show_status()

    # -- actions ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The editing keys do nothing on an outbound draft (it has no segment attributes)."""
        if action in _ACTIONS and self.outbound:
            return False
        return True

    def _edit_done(self, focus: SegmentTreeNode | None) -> None:
        self._sizes = None
        if focus is not None:
            self.segment_tree.show_node(focus)
        self.segment_tree.focus()
        self.changed(TREE)
        self.show_status()

    def action_add(self, top: bool = False) -> None:
        """Add a child to the selected Map or List, else a key beside the selected node."""
        self.edits.add(top)

    def action_add_top(self) -> None:
        """Add a key at the top level, whatever is selected."""
        self.edits.add(top=True)

    def action_edit(self) -> None:
        """Edit the selected node's key, kind and value in a dialog."""
        self.edits.edit()

    def action_rename(self) -> None:
        """Rename the selected key (list items have none)."""
        self.edits.rename()

    def action_delete(self) -> None:
        """Delete the selected node, asking first when it holds values."""
        self.edits.delete()

    def action_expiry(self) -> None:
        """Set (or remove) connect:ContactExpiry in days, hours and minutes."""
        self.edits.expiry()

    @on(SegmentTree.EditRequested)
    def _edit_requested(self) -> None:
        self.action_edit()

    @on(Button.Pressed, "#segment-buttons Button")
    def _button(self, event: Button.Pressed) -> None:
        event.stop()
        action = (event.button.id or "").removeprefix("segment-")
        if action in _ACTIONS and not self.outbound:
            getattr(self, f"action_{action}")()
