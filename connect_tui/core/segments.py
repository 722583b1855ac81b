"""Provides segment attributes: their value kinds, key rules and the contact-expiry helper.

A segment attribute value sets exactly one of ValueString, ValueInteger, ValueMap
(recursive), ValueList (recursive) and ValueArn. Keys are the user's own (letters,
digits, - and _) or system keys with the `connect:` prefix; ValueList and ValueArn
are only for system keys (API Reference, SegmentAttributeValue and StartEmailContact; the
rule ids and sources are listed in docs/service-rules.md). The tree editor and the
validator share these definitions; `SegmentNode` and its converters are the tree
editor's lossless view of a table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Final

from connect_tui.core.problems import Findings, MapKey, Step

VALUE_KINDS: Final = ("ValueString", "ValueInteger", "ValueMap", "ValueList", "ValueArn")
SYSTEM_ONLY_KINDS: Final = ("ValueList", "ValueArn")
SYSTEM_PREFIX: Final = "connect:"
EXPIRY_KEY: Final = "connect:ContactExpiry"
EXPIRY_DURATION: Final = "ExpiryDuration"

_USER_KEY = re.compile(r"[A-Za-z0-9_-]+")
_SYSTEM_KEY = re.compile(r"connect:[A-Za-z0-9_-]+")


def is_system_key(key: str) -> bool:
    """True for a system-defined key such as `connect:Subtype`."""
    return key.startswith(SYSTEM_PREFIX)


def expiry_value(minutes: int) -> dict[str, Any]:
    """The segment value that sets a contact's expiry, in minutes."""
    return {"ValueMap": {EXPIRY_DURATION: {"ValueInteger": minutes}}}


def expiry_minutes(value: Any) -> int | None:
    """The minutes a `connect:ContactExpiry` value sets, or None when it is not that shape."""
    if not isinstance(value, dict) or not isinstance(value.get("ValueMap"), dict):
        return None
    duration = value["ValueMap"].get(EXPIRY_DURATION)
    if not isinstance(duration, dict):
        return None
    minutes = duration.get("ValueInteger")
    return minutes if isinstance(minutes, int) and not isinstance(minutes, bool) else None


def count_nodes(table: Any) -> int:
    """How many segment values a SegmentAttributes table holds, nested ones included."""
    if not isinstance(table, dict):
        return 0
    return sum(_count_value(value) for value in table.values())


def _count_value(value: Any) -> int:
    if not isinstance(value, dict):
        return 1
    total = 1
    if isinstance(value.get("ValueMap"), dict):
        total += sum(_count_value(child) for child in value["ValueMap"].values())
    if isinstance(value.get("ValueList"), list):
        total += sum(_count_value(child) for child in value["ValueList"])
    return total


def check_segment_attributes(
    table: dict[Any, Any], found: Findings, max_expiry_minutes: int
) -> None:
    """Report bad keys, values that set no kind or several, misplaced kinds and bad expiry."""
    for key, value in table.items():
        if not isinstance(key, str) or not key:
            continue
        where: tuple[Step, ...] = ("SegmentAttributes", MapKey(key))
        system = is_system_key(key)
        if not (_SYSTEM_KEY if system else _USER_KEY).fullmatch(key):
            found.error(
                where,
                f"key {key!r} may use only letters, digits, '-' and '_' "
                f"(system keys start with {SYSTEM_PREFIX})",
                rule="segments.key-chars",
            )
        _check_value(value, where, system, found)
        if key == EXPIRY_KEY:
            _check_expiry(value, where, found, max_expiry_minutes)


def _check_value(value: Any, where: tuple[Step, ...], system: bool, found: Findings) -> None:
    if not isinstance(value, dict):
        return  # the model check reports the type
    kinds = [kind for kind in VALUE_KINDS if kind in value]
    if not kinds:
        found.error(
            where,
            "sets no value; set exactly one of " + ", ".join(VALUE_KINDS),
            rule="segments.one-kind",
        )
    elif len(kinds) > 1:
        found.error(where, f"sets {' and '.join(kinds)}; set exactly one", rule="segments.one-kind")
    for kind in kinds:
        if kind in SYSTEM_ONLY_KINDS and not system:
            found.error(
                (*where, kind),
                f"{kind} is only for system keys ({SYSTEM_PREFIX}…); "
                "use ValueString, ValueInteger or ValueMap for your own keys",
                rule="segments.system-only-kind",
            )
    children = value.get("ValueMap")
    if isinstance(children, dict):
        for child_key, child in children.items():
            child_where: tuple[Step, ...] = (*where, "ValueMap", MapKey(str(child_key)))
            if isinstance(child_key, str) and child_key and not _USER_KEY.fullmatch(child_key):
                found.error(
                    child_where,
                    f"key {child_key!r} may use only letters, digits, '-' and '_'",
                    rule="segments.key-chars",
                )
            _check_value(child, child_where, system, found)
    items = value.get("ValueList")
    if isinstance(items, list):
        for index, child in enumerate(items):
            _check_value(child, (*where, "ValueList", index), system, found)


def _check_expiry(value: Any, where: tuple[Step, ...], found: Findings, limit: int) -> None:
    minutes = expiry_minutes(value)
    if minutes is None:
        found.error(
            where,
            f"{EXPIRY_KEY} takes a ValueMap whose {EXPIRY_DURATION} is a ValueInteger of minutes, "
            f"such as {{ValueMap: {{{EXPIRY_DURATION}: {{ValueInteger: 1440}}}}}}",
            rule="segments.expiry-shape",
        )
        return
    location = (*where, "ValueMap", MapKey(EXPIRY_DURATION), "ValueInteger")
    if minutes < 1:
        found.error(
            location,
            f"is {minutes:,} minutes; a contact expiry is at least 1 minute",
            rule="segments.expiry-range",
        )
    elif minutes > limit:
        found.error(
            location,
            f"is {minutes:,} minutes ({minutes / 1440:.1f} days); an email contact expires "
            f"after at most {limit:,} minutes ({limit // 1440} days)",
            rule="segments.expiry-range",
        )


# -- the tree editor's model: segment values as nodes and back, losslessly ------------------

#: The short names the tree editor shows for each kind.
KIND_NAMES: Final = {
    "ValueString": "String",
    "ValueInteger": "Integer",
    "ValueMap": "Map",
    "ValueList": "List",
    "ValueArn": "Arn",
}
SCALAR_KINDS: Final = ("ValueString", "ValueInteger", "ValueArn")
CONTAINER_KINDS: Final = ("ValueMap", "ValueList")


@dataclass
class SegmentNode:
    """One segment value as the tree editor shows it: its key, its kind, its value or children.

    `key` is None for a list item. `kind` is one of VALUE_KINDS, or None when the value is
    not a well-formed single-kind value; then `value` holds it untouched, so showing a draft
    and writing it back never loses or alters anything. Scalars (String, Integer, Arn) keep
    their value in `value`, exactly as found; maps and lists keep theirs in `children`.
    """

    key: str | None
    kind: str | None
    value: Any = None
    children: list[SegmentNode] = field(default_factory=list)

    @property
    def is_container(self) -> bool:
        """True for a Map or a List (a node that holds children)."""
        return self.kind in CONTAINER_KINDS


def node_from_value(key: str | None, value: Any) -> SegmentNode:
    """The node for one segment value (keyed, or a list item when `key` is None)."""
    if not isinstance(value, dict) or len(value) != 1:
        return SegmentNode(key, None, value)
    kind, inner = next(iter(value.items()))
    if kind in SCALAR_KINDS:
        return SegmentNode(key, kind, inner)
    if kind == "ValueMap" and isinstance(inner, dict) and all(isinstance(k, str) for k in inner):
        return SegmentNode(key, kind, children=nodes_from_table(inner))
    if kind == "ValueList" and isinstance(inner, list):
        return SegmentNode(key, kind, children=[node_from_value(None, item) for item in inner])
    return SegmentNode(key, None, value)


def nodes_from_table(table: dict[str, Any]) -> list[SegmentNode]:
    """The nodes of a SegmentAttributes table (or of a ValueMap), in the table's order."""
    return [node_from_value(key, value) for key, value in table.items()]


def value_from_node(node: SegmentNode) -> Any:
    """The segment value a node stands for (the inverse of `node_from_value`)."""
    if node.kind is None:
        return node.value
    if node.kind == "ValueMap":
        return {"ValueMap": table_from_nodes(node.children)}
    if node.kind == "ValueList":
        return {"ValueList": [value_from_node(child) for child in node.children]}
    return {node.kind: node.value}


def table_from_nodes(nodes: list[SegmentNode]) -> dict[str, Any]:
    """The SegmentAttributes table (or ValueMap) of keyed nodes; inverse of `nodes_from_table`."""
    return {str(node.key): value_from_node(node) for node in nodes}


def key_problem(key: str, *, nested: bool) -> str | None:
    """Why `key` cannot name a segment value, or None when it can.

    A `nested` key (one inside a ValueMap) is always the user's own; a top-level key may
    also be a system key with the `connect:` prefix. The wording is the validator's.
    """
    if not key:
        return "a key must not be empty"
    if nested:
        if not _USER_KEY.fullmatch(key):
            return f"key {key!r} may use only letters, digits, '-' and '_'"
        return None
    if not (_SYSTEM_KEY if is_system_key(key) else _USER_KEY).fullmatch(key):
        return (
            f"key {key!r} may use only letters, digits, '-' and '_' "
            f"(system keys start with {SYSTEM_PREFIX})"
        )
    return None


def parse_integer(text: str) -> int | None:
    """The whole number typed in `text` (spaces, a sign and `_`/`,` separators allowed), or None."""
    cleaned = text.strip().replace(",", "").replace("_", "")
    if not re.fullmatch(r"[+-]?[0-9]+", cleaned):
        return None
    return int(cleaned)
