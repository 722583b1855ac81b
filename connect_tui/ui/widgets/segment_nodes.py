"""Provides finding segment attributes in the tree, and the checks a node dialog cannot make
alone: `child_at`, `describe`, `node_checker` (keys taken beside a node, List and Arn kept
for system keys).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets.tree import TreeNode

from connect_tui.core.segments import (
    KIND_NAMES,
    SYSTEM_ONLY_KINDS,
    SYSTEM_PREFIX,
    SegmentNode,
    is_system_key,
)
from connect_tui.ui.widgets.segment_labels import shown_key

SegmentTreeNode = TreeNode[SegmentNode]
#: A check a node dialog runs on its result: what is wrong, or None when it is fine.
NodeCheck = Callable[[SegmentNode], str | None]
#: Where a node is: the keys (and list indexes) from the top of the table down.
NodePath = tuple[str | int, ...]


def child_at(node: SegmentTreeNode, step: str | int) -> SegmentTreeNode | None:
    """The child of `node` with key `step` (a str) or at index `step` (an int, for lists)."""
    if isinstance(step, int):
        children = node.children
        return children[step] if 0 <= step < len(children) else None
    for child in node.children:
        if child.data is not None and child.data.key == step:
            return child
    return None


def describe(node: SegmentTreeNode) -> str:
    """How dialogs name a node: its key, or its list's key and its index (`tags[2]`)."""
    entry = node.data
    assert entry is not None
    if entry.key is not None:
        return shown_key(entry.key)
    parent = node.parent
    owner = describe(parent) if parent is not None and parent.data is not None else ""
    index = parent.children.index(node) if parent is not None else 0
    return f"{owner}[{index}]"


def subtree_kinds(node: SegmentTreeNode) -> set[str | None]:
    """The kinds of every node below `node`."""
    kinds: set[str | None] = set()
    stack = list(node.children)
    while stack:
        child = stack.pop()
        kinds.add(child.data.kind if child.data is not None else None)
        stack.extend(child.children)
    return kinds


def node_checker(parent: SegmentTreeNode, current: SegmentTreeNode | None) -> NodeCheck:
    """The checks a node dialog cannot make alone: keys taken beside it, List/Arn under user keys.

    `parent` is where the node goes; `current` is the node being edited (None when adding).
    """
    top = parent
    while top.parent is not None and not top.parent.is_root:
        top = top.parent

    def check(result: SegmentNode) -> str | None:
        if result.key is not None:
            for sibling in parent.children:
                if sibling is not current and sibling.data and sibling.data.key == result.key:
                    return f"{result.key!r} is already a key here; choose another name"
        top_key = result.key if parent.is_root else (top.data.key if top.data else None)
        if top_key is not None and is_system_key(top_key):
            return None
        kinds = {result.kind}
        if parent.is_root and current is not None and current.data is not None:
            if result.kind == current.data.kind:
                kinds |= subtree_kinds(current)  # the children it keeps must suit the key too
        for kind in SYSTEM_ONLY_KINDS:
            if kind in kinds:
                return (
                    f"{KIND_NAMES[kind]} is only for system keys ({SYSTEM_PREFIX}…); "
                    "use String, Integer or Map for your own keys"
                )
        return None

    return check
