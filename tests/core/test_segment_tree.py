"""Tests of the segment tree's pure helpers: values <-> nodes, key rules, whole numbers."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connect_tui.core.defaults import new_draft
from connect_tui.core.problems import MapKey
from connect_tui.core.segments import (
    SegmentNode,
    key_problem,
    node_from_value,
    nodes_from_table,
    parse_integer,
    table_from_nodes,
    value_from_node,
)
from connect_tui.core.validation import validate

COMPLEX: dict[str, Any] = {
    "connect:Subtype": {"ValueString": "connect:Guide"},
    "priority": {"ValueInteger": 3},
    "details": {
        "ValueMap": {
            "tier": {"ValueString": "gold"},
            "nested": {"ValueMap": {"deep": {"ValueInteger": -1}}},
            "empty": {"ValueMap": {}},
        }
    },
    "connect:Tags": {
        "ValueList": [
            {"ValueString": "a"},
            {"ValueMap": {"k": {"ValueArn": "arn:aws:x"}}},
            {"ValueList": []},
        ]
    },
    # Not well-formed: kept exactly as they are.
    "two": {"ValueString": "x", "ValueInteger": 1},
    "none": {},
    "text": "not a value",
    "wrong-type": {"ValueInteger": "12"},
    "map-of-list": {"ValueMap": [1, 2]},
}


def test_complex_table_round_trips_exactly() -> None:
    nodes = nodes_from_table(COMPLEX)
    back = table_from_nodes(nodes)
    assert back == COMPLEX
    assert list(back) == list(COMPLEX)  # the order too


def test_nodes_know_their_kinds_and_children() -> None:
    nodes = {node.key: node for node in nodes_from_table(COMPLEX)}
    assert nodes["priority"] == SegmentNode("priority", "ValueInteger", 3)
    details = nodes["details"]
    assert details.kind == "ValueMap" and details.is_container
    assert [child.key for child in details.children] == ["tier", "nested", "empty"]
    tags = nodes["connect:Tags"]
    assert [child.key for child in tags.children] == [None, None, None]
    assert [child.kind for child in tags.children] == ["ValueString", "ValueMap", "ValueList"]
    for raw in ("two", "none", "text", "map-of-list"):
        assert nodes[raw].kind is None
        assert nodes[raw].value == COMPLEX[raw]
    # A scalar of the wrong type keeps its kind and its value as found (the validator reports it).
    assert nodes["wrong-type"] == SegmentNode("wrong-type", "ValueInteger", "12")


def test_value_from_node_builds_each_kind() -> None:
    assert value_from_node(SegmentNode("k", "ValueArn", "arn:x")) == {"ValueArn": "arn:x"}
    item = SegmentNode(None, "ValueInteger", 2)
    assert value_from_node(SegmentNode("k", "ValueList", children=[item])) == {
        "ValueList": [{"ValueInteger": 2}]
    }
    assert node_from_value(None, {"ValueString": "x"}).key is None


segment_values: st.SearchStrategy[Any] = st.recursive(
    st.one_of(
        st.builds(lambda s: {"ValueString": s}, st.text(max_size=5)),
        st.builds(lambda i: {"ValueInteger": i}, st.integers()),
        st.builds(lambda s: {"ValueArn": s}, st.text(max_size=5)),
        st.text(max_size=3),
        st.dictionaries(st.sampled_from(["ValueString", "Other"]), st.integers(), max_size=2),
    ),
    lambda children: st.one_of(
        st.builds(lambda m: {"ValueMap": m}, st.dictionaries(st.text(max_size=4), children)),
        st.builds(lambda items: {"ValueList": items}, st.lists(children, max_size=4)),
    ),
    max_leaves=20,
)


@given(st.dictionaries(st.text(max_size=6), segment_values, max_size=6))
def test_any_table_round_trips(table: dict[str, Any]) -> None:
    assert table_from_nodes(nodes_from_table(table)) == table


@pytest.mark.parametrize(
    ("key", "nested", "ok"),
    [
        ("tier", False, True),
        ("my-key_2", False, True),
        ("connect:Subtype", False, True),
        ("connect:", False, False),
        ("my key", False, False),
        ("", False, False),
        ("tier.x", True, False),
        ("connect:Subtype", True, False),  # inside a map, keys are the user's own
        ("ExpiryDuration", True, True),
    ],
)
def test_key_problem(key: str, nested: bool, ok: bool) -> None:
    assert (key_problem(key, nested=nested) is None) is ok


@pytest.mark.parametrize("key", ["tier", "connect:Subtype", "my key", "connect:", "a.b", "é"])
def test_key_problem_agrees_with_the_validator(key: str) -> None:
    draft = new_draft()
    draft.request["SegmentAttributes"] = {key: {"ValueString": "x"}}
    flagged = any(
        p.location == ("SegmentAttributes", MapKey(key)) and p.code == "rule"
        for p in validate(draft)
    )
    assert (key_problem(key, nested=False) is not None) is flagged


@pytest.mark.parametrize(
    ("text", "number"),
    [("135", 135), (" -3 ", -3), ("+4", 4), ("1,000", 1000), ("1_000", 1000), ("abc", None)],
)
def test_parse_integer(text: str, number: int | None) -> None:
    assert parse_integer(text) == number


@pytest.mark.parametrize("text", ["", "1.5", "1e3", "--1", "12a"])
def test_parse_integer_refuses(text: str) -> None:
    assert parse_integer(text) is None
