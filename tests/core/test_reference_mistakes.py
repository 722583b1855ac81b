"""The reference set: we catch all 24 kinds of mistakes; botocore's own validator catches 4."""

from __future__ import annotations

import pytest
from botocore.validate import ParamValidator

from connect_tui.core import schema
from connect_tui.core.model import INBOUND, OUTBOUND
from connect_tui.core.validation import validate_request
from tests.drafts import (
    largest_legal_request,
    typical_inbound_request,
    typical_outbound_request,
)
from tests.reference_mistakes import MISTAKES, Mistake


def botocore_rejects(operation: str, request: dict) -> bool:
    shape = schema.service_model().operation_model(operation).input_shape
    return ParamValidator().validate(request, shape).has_errors()


def test_the_set_has_24_distinct_kinds() -> None:
    assert len(MISTAKES) == 24
    assert len({m.kind for m in MISTAKES}) == 24


@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda m: m.kind)
def test_we_catch_each_kind_at_its_field(mistake: Mistake) -> None:
    problems = validate_request(mistake.operation, mistake.request())
    errors = [p for p in problems if p.is_error]
    assert mistake.path in {p.path for p in errors}, [str(p) for p in problems]


@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda m: m.kind)
def test_each_kind_is_one_mistake_on_a_valid_request(mistake: Mistake) -> None:
    # Only the mistake's own field is blamed: the base request has no other error.
    problems = validate_request(mistake.operation, mistake.request())
    blamed = {p.path for p in problems if p.is_error}
    assert all(path.startswith(mistake.path.split("[")[0].split(".")[0]) for path in blamed), blamed


def test_botocore_catches_only_four_of_them() -> None:
    caught = [m.kind for m in MISTAKES if botocore_rejects(m.operation, m.request())]
    print(f"botocore's ParamValidator catches {len(caught)} of {len(MISTAKES)}: {caught}")
    assert caught == [m.kind for m in MISTAKES[:4]]


@pytest.mark.parametrize(
    ("operation", "request_factory"),
    [
        (INBOUND, typical_inbound_request),
        (OUTBOUND, typical_outbound_request),
        (INBOUND, largest_legal_request),
    ],
    ids=["typical inbound", "typical outbound", "largest legal inbound"],
)
def test_no_false_alarm_on_valid_requests(operation: str, request_factory) -> None:
    request = request_factory()
    assert not botocore_rejects(operation, request)
    assert validate_request(operation, request) == []
