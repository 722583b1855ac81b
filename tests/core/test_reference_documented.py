"""The second reference set (20 documented limits, issue 11): each caught at its field, at the
documented severity, with nothing else blamed; and the documented legal extremes pass quietly.

Sources: each case in tests/reference_mistakes_documented.py names its own; the legal
extremes below come from the same pages (docs/service-rules.md lists them).
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from connect_tui.core.model import CREATE_CONTACT, INBOUND, OUTBOUND
from connect_tui.core.rule_catalog import CATALOG
from connect_tui.core.validation import validate_request
from tests.drafts import typical_inbound_request, typical_outbound_request
from tests.reference_mistakes_documented import (
    DOCUMENTED,
    PRESIGNED,
    DocumentedCase,
    create_contact_request,
)


def test_the_set_has_20_distinct_cases() -> None:
    assert len(DOCUMENTED) == 20
    assert len({case.kind for case in DOCUMENTED}) == 20


@pytest.mark.parametrize("case", DOCUMENTED, ids=lambda c: c.kind)
def test_each_case_is_named_at_its_field(case: DocumentedCase) -> None:
    problems = validate_request(case.operation, case.request())
    at_field = [p for p in problems if p.path == case.path]
    assert at_field, [str(p) for p in problems]
    assert at_field[0].severity == case.severity, str(at_field[0])
    assert at_field[0].rule_id in CATALOG
    # One limit broken on a valid request: no error anywhere else.
    others = [str(p) for p in problems if p.is_error and p.path != case.path]
    assert others == []


def _with(base: dict[str, Any], path: list[Any], value: Any) -> dict[str, Any]:
    request = copy.deepcopy(base)
    node = request
    for step in path[:-1]:
        node = node.setdefault(step, {})
    node[path[-1]] = value
    return request


@pytest.mark.parametrize(
    ("operation", "request_"),
    [
        # 49 To besides the destination: 50 in all (API Reference, InboundAdditionalRecipients).
        (
            INBOUND,
            _with(
                typical_inbound_request(),
                ["AdditionalRecipients"],
                {"ToAddresses": [{"EmailAddress": f"t{i}@example.com"} for i in range(49)]},
            ),
        ),
        # 10 attachments: the feature specifications' number per email.
        (
            INBOUND,
            _with(
                typical_inbound_request(),
                ["Attachments"],
                [{"FileName": f"f{i}.pdf", "S3Url": PRESIGNED} for i in range(10)],
            ),
        ),
        # A body of exactly 5,242,880 bytes of UTF-8, in 2-byte characters.
        (
            OUTBOUND,
            _with(
                typical_outbound_request(), ["EmailMessage", "RawMessage", "Body"], "é" * 2_621_440
            ),
        ),
        # A week's expiry for the CreateContact step (agent workspace guide: at most 1 week).
        (CREATE_CONTACT, {**create_contact_request(), "ExpiryDurationInMinutes": 10_080}),
        # An empty inbound subject is allowed (InboundRawMessage: 0 to 998).
        (INBOUND, _with(typical_inbound_request(), ["EmailMessage", "RawMessage", "Subject"], "")),
    ],
    ids=["49 To", "10 attachments", "5 MiB body", "a week's expiry", "empty inbound subject"],
)
def test_documented_legal_extremes_pass(operation: str, request_: dict[str, Any]) -> None:
    assert [str(p) for p in validate_request(operation, request_)] == []
