"""Property: whatever botocore's own ParamValidator rejects, our validator rejects too.

Requests are generated from the model itself (any operation input shape), with members
sometimes missing, sometimes of the wrong type and sometimes unknown, so both sides of
every structural check are explored. Our validator must also never crash.
"""

from __future__ import annotations

from typing import Any

from botocore.validate import ParamValidator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connect_tui.core import schema
from connect_tui.core.model import CREATE_CONTACT, INBOUND, OUTBOUND
from connect_tui.core.schema import Shape
from connect_tui.core.validation import validate_request

WRONG = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=3),
    st.just([]),
    st.just({}),
)


def values(shape: Shape, depth: int = 0) -> st.SearchStrategy[Any]:
    """Values for `shape`: mostly right, sometimes wrong, bounded in depth and size."""
    right = _right(shape, depth)
    return st.one_of(right, right, right, WRONG) if depth else right


def _right(shape: Shape, depth: int) -> st.SearchStrategy[Any]:
    if shape.type == "string":
        if shape.enum:
            return st.one_of(st.sampled_from(shape.enum), st.text(max_size=4))
        return st.one_of(
            st.text(max_size=6),
            st.from_regex(r"[a-z]{1,4}@[a-z]{1,4}\.[a-z]{2}", fullmatch=True),
            st.text(min_size=250, max_size=260, alphabet="ab"),
        )
    if shape.type in ("integer", "long"):
        return st.integers(min_value=-10, max_value=200_000)
    if shape.type == "boolean":
        return st.booleans()
    if depth > 3:
        return st.just({} if shape.type in ("structure", "map") else [])
    if shape.type == "list":
        assert shape.member is not None
        return st.lists(values(shape.member, depth + 1), max_size=3)
    if shape.type == "map":
        assert shape.key is not None and shape.value is not None
        return st.dictionaries(
            st.one_of(st.text(max_size=5), st.sampled_from(shape.key.enum or ("k", "connect:X"))),
            values(shape.value, depth + 1),
            max_size=3,
        )
    members = {name: values(member, depth + 1) for name, member in shape.members.items()}
    return (
        st.fixed_dictionaries({}, optional={**members, "Unknown": st.just("x")})
        if depth
        else st.fixed_dictionaries(
            {name: members[name] for name in shape.required if name in members},
            optional={k: v for k, v in members.items() if k not in shape.required}
            | {"Extra": st.just(1)},
        )
    )


def check_superset(operation: str, request: Any) -> None:
    model_shape = schema.service_model().operation_model(operation).input_shape
    botocore_rejects = ParamValidator().validate(request, model_shape).has_errors()
    ours = validate_request(operation, request)  # must not raise, whatever the input
    if botocore_rejects:
        assert any(p.is_error for p in ours), request


PROPERTY_SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@PROPERTY_SETTINGS
@given(st.data())
def test_inbound_superset_of_botocore(data: st.DataObject) -> None:
    check_superset(INBOUND, data.draw(values(schema.input_shape(INBOUND))))


@PROPERTY_SETTINGS
@given(st.data())
def test_outbound_superset_of_botocore(data: st.DataObject) -> None:
    check_superset(OUTBOUND, data.draw(values(schema.input_shape(OUTBOUND))))


@PROPERTY_SETTINGS
@given(st.data())
def test_create_contact_superset_of_botocore(data: st.DataObject) -> None:
    check_superset(CREATE_CONTACT, data.draw(values(schema.input_shape(CREATE_CONTACT))))
