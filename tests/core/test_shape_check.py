"""The model check: what botocore's model says, read at run time, each constraint both ways."""

from __future__ import annotations

import pytest

from connect_tui.core import schema
from connect_tui.core.model import INBOUND, OUTBOUND
from connect_tui.core.problems import MapKey
from connect_tui.core.schema import Shape, compile_pattern, shape_at
from connect_tui.core.shape_check import check


def text(low: int | None = None, high: int | None = None, **kw) -> Shape:
    return Shape(name="T", type="string", min=low, max=high, **kw)


def test_constraints_come_from_botocore_model() -> None:
    shape = schema.input_shape(INBOUND)
    address = shape.members["FromEmailAddress"].members["EmailAddress"]
    raw = schema.service_model().shape_for("EmailAddress").metadata
    assert (address.min, address.max, address.pattern) == (raw["min"], raw["max"], raw["pattern"])
    assert shape.required == tuple(
        schema.service_model().operation_model(INBOUND).input_shape.required_members
    )


def test_the_recursive_segment_shape_compiles_once() -> None:
    shape = schema.input_shape(INBOUND)
    value = shape.members["SegmentAttributes"].value
    assert value is not None and value.members["ValueMap"].value is value


@pytest.mark.parametrize(("value", "ok"), [("", True), ("a" * 5, True), ("a" * 6, False)])
def test_max_length(value: str, ok: bool) -> None:
    assert (check(text(0, 5), value) == []) == ok


@pytest.mark.parametrize(("value", "ok"), [("", False), ("a", False), ("aa", True)])
def test_min_length(value: str, ok: bool) -> None:
    assert (check(text(2, 5), value) == []) == ok


def test_length_counts_characters_of_multibyte_text() -> None:
    assert check(text(0, 3), "日本語") == []
    assert (
        check(text(0, 3), "日本語!")[0].message
        == "is 4 characters long; at most 3 characters allowed"
    )


@pytest.mark.parametrize(("value", "ok"), [(-1, False), (0, True), (10, True), (11, False)])
def test_integer_range(value: int, ok: bool) -> None:
    shape = Shape(name="I", type="integer", min=0, max=10)
    problems = check(shape, value)
    assert (problems == []) == ok
    if not ok:
        assert problems[0].code == "range" and "0 to 10" in problems[0].message


@pytest.mark.parametrize("value", [True, 1.5, "3", None, [], {}])
def test_integer_type(value: object) -> None:
    assert check(Shape(name="I", type="integer"), value)[0].code == "type"


def test_enum_lists_allowed_values() -> None:
    problems = check(text(enum=("RAW",)), "HTML")
    assert problems[0].code == "enum" and "use one of: RAW" in problems[0].message


def test_list_and_map_sizes() -> None:
    member = text(1, 10)
    shape = Shape(name="L", type="list", min=1, max=2, member=member)
    assert check(shape, ["a"]) == []
    assert check(shape, [])[0].message == "is empty; remove it or add at least 1 item"
    assert check(shape, ["a", "b", "c"])[0].message == "has 3 items; 1 to 2 items allowed"
    mapping = Shape(name="M", type="map", max=1, key=text(1, 3), value=member)
    assert check(mapping, {"k": "v"}) == []
    assert check(mapping, {"k": "v", "j": "w"})[0].code == "size"


def test_map_keys_are_checked_against_their_shape() -> None:
    mapping = Shape(name="M", type="map", key=text(1, 3, enum=("A", "B")), value=text())
    problems = check(mapping, {"C": "x", "LONGER": "y"})
    assert [(p.location, p.code) for p in problems] == [
        ((MapKey("C"),), "enum"),
        ((MapKey("LONGER"),), "length"),
    ]
    assert problems[0].message.startswith("key 'C'")


def test_required_member_named_with_its_documentation() -> None:
    problems = check(schema.input_shape(INBOUND), {})
    required = {p.path: p.message for p in problems}
    assert set(required) == {
        "InstanceId",
        "FromEmailAddress",
        "DestinationEmailAddress",
        "EmailMessage",
    }
    doc = schema.first_sentence(schema.input_shape(INBOUND).members["InstanceId"].documentation)
    assert "instance" in doc
    assert required["InstanceId"] == f"is required: {doc}"


def test_unknown_member_suggests_the_near_name() -> None:
    problems = check(schema.input_shape(OUTBOUND), {"InstanceID": "x"}, root_name=OUTBOUND)
    unknown = [p for p in problems if p.code == "unknown"][0]
    assert unknown.path == "InstanceID"
    assert "did you mean InstanceId?" in unknown.message
    assert f"not a field in {OUTBOUND}" in unknown.message


def test_pattern_translation_for_unicode_categories() -> None:
    no_control = compile_pattern(r"^\P{C}*$")
    assert no_control is not None
    assert no_control("Übersicht 2026.pdf") and no_control("")
    assert not no_control("a\tb") and not no_control("x\u200by")
    plain = compile_pattern(r"[^\s@]+@[^\s@]+\.[^\s@]+")
    assert plain is not None and plain("a@b.c") and not plain("x a@b.c")


def test_every_pattern_in_the_email_operations_compiles() -> None:
    seen: set[int] = set()

    def walk(shape: Shape) -> None:
        if id(shape) in seen:
            return
        seen.add(id(shape))
        if shape.pattern is not None:
            assert shape.matches is not None, f"{shape.name}: {shape.pattern} was not compiled"
        for child in [*shape.members.values(), shape.member, shape.key, shape.value]:
            if child is not None:
                walk(child)

    for operation in (INBOUND, OUTBOUND, "CreateContact"):
        walk(schema.input_shape(operation))
    assert len(seen) > 20


def test_shape_at_follows_members_keys_and_indexes() -> None:
    root = schema.input_shape(INBOUND)
    found = shape_at(root, ("AdditionalRecipients", "ToAddresses", 3, "EmailAddress"))
    assert found is not None and found.name == "EmailAddress"
    found = shape_at(
        root, ("SegmentAttributes", MapKey("x"), "ValueMap", MapKey("y"), "ValueInteger")
    )
    assert found is not None and found.type == "integer"
    assert shape_at(root, ("Nope",)) is None
