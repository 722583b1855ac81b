"""Provides how a segment attribute is labelled in the tree: its key, its value (elided when
long) and its kind, as parts the tree styles (connect_tui.ui.widgets.segment_tree draws them).
"""

from __future__ import annotations

import json
from typing import Any

from connect_tui.core.segments import KIND_NAMES, SegmentNode

#: The longest value shown in a label; the rest is elided (the edit dialog shows it all).
LABEL_VALUE_WIDTH = 60


def shown_key(key: str) -> str:
    """A key as a label shows it: as typed, or quoted when it has unprintable characters."""
    return key if key.isprintable() else json.dumps(key, ensure_ascii=False)


def shown_value(value: Any) -> str:
    """A scalar (or a raw value) as a label shows it: JSON, elided when long."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    if len(text) > LABEL_VALUE_WIDTH:
        text = text[: LABEL_VALUE_WIDTH - 1] + "…"
    return text


def label_parts(entry: SegmentNode, index: int, count: int) -> list[tuple[str, str]]:
    """The parts of a label as (text, part), part being key, value or kind.

    `index` is the node's place among its siblings (shown for list items) and `count`
    the number of its children (shown for maps and lists).
    """
    name = f"[{index}]" if entry.key is None else shown_key(entry.key)
    parts = [(name, "key")]
    if entry.kind is None:
        parts += [(" = ", "value"), (shown_value(entry.value), "value"), ("  invalid", "kind")]
    elif entry.is_container:
        parts.append((f"  {KIND_NAMES[entry.kind]} ({count})", "kind"))
    else:
        parts += [(" = ", "value"), (shown_value(entry.value), "value")]
        parts.append((f"  {KIND_NAMES[entry.kind]}", "kind"))
    return parts
