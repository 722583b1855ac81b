"""Import then export is lossless, `${` included; an outbound import without ContactId chains.

Issue 11 items 3 and 4. The README promises that `cli-input-json` "is exactly the request
(import then export is lossless)" and that "an outbound draft with no ContactId has one
made first by CreateContact". Text from a file is literal: `variables.escape` writes
`${x}` as `$${x}` (the variables syntax for a literal `${x}`, README "Profiles").
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connect_tui.core import interop, profiles, variables
from connect_tui.core.files import UserError
from connect_tui.core.model import INBOUND, OUTBOUND, Target
from connect_tui.core.validation import validate

# Text as JSON can carry it and UTF-8 can store it (a lone surrogate cannot be saved anywhere).
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
# Text rich in what the variables syntax reads: $, {, }, names.
DOLLARS = st.lists(
    st.sampled_from(["$", "{", "}", "${", "$${", "order", "x", " ", "\\"]), max_size=12
).map("".join)
ANY_TEXT = st.one_of(TEXT, DOLLARS)


def inbound_request(subject: str, body: str, key: str, value: str, name: str) -> dict[str, Any]:
    return {
        "InstanceId": "5a2db0c5-0000-4000-8000-00000000c0de",
        "FromEmailAddress": {"EmailAddress": "alice@example.com", "DisplayName": name},
        "DestinationEmailAddress": "support@sandbox.connect-tui.example",
        "Name": name,
        "EmailMessage": {
            "MessageSourceType": "RAW",
            "RawMessage": {"Subject": subject, "Body": body, "ContentType": "text/plain"},
        },
        "Attributes": {key or "k": value},
    }


def round_trip(text: str, operation: str) -> str:
    """What `import` then `export --format cli-input-json` make of a file holding `text`."""
    request, _ = interop.parse_request(text, source="in.json", operation=operation)
    draft = interop.imported_draft("imported", operation, request, Target())
    # Through the profile on disk, as the two commands do.
    draft = profiles.loads(profiles.dumps(draft), source="imported.toml", default_name="imported")
    resolved, undefined = variables.resolve(draft.request, draft.variables)
    assert undefined == []
    return interop.cli_input_json(operation, resolved)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(subject=ANY_TEXT, body=ANY_TEXT, key=ANY_TEXT, value=ANY_TEXT, name=ANY_TEXT)
def test_import_then_export_gives_back_the_same_bytes(
    subject: str, body: str, key: str, value: str, name: str
) -> None:
    text = interop.cli_input_json(INBOUND, inbound_request(subject, body, key, value, name))
    assert round_trip(text, INBOUND) == text


@given(text=ANY_TEXT)
@settings(max_examples=100, deadline=None)
def test_escape_is_undone_by_resolve(text: str) -> None:
    escaped = variables.escape({"S": text, text: [text]})
    assert variables.used_names(escaped) == set()
    assert variables.resolve(escaped, {"order": "1", "x": "2"})[0] == {"S": text, text: [text]}


def test_the_issue_example_imports_without_an_undefined_variable() -> None:
    request = inbound_request("Refund for ${order}", "b", "k", "v", "n")
    text = interop.cli_input_json(INBOUND, request)
    parsed, _ = interop.parse_request(text, source="in.json", operation=INBOUND)
    draft = interop.imported_draft("refund", INBOUND, parsed, Target())
    assert draft.request["EmailMessage"]["RawMessage"]["Subject"] == "Refund for $${order}"
    assert [p for p in validate(draft) if "order" in p.message] == []
    assert round_trip(text, INBOUND) == text


def outbound_without_contact() -> dict[str, Any]:
    return {
        "InstanceId": "5a2db0c5-0000-4000-8000-00000000c0de",
        "DestinationEmailAddress": {"EmailAddress": "alice@example.com"},
        "EmailMessage": {
            "MessageSourceType": "RAW",
            "RawMessage": {
                "Subject": "Your order",
                "Body": "Shipped.",
                "ContentType": "text/plain",
            },
        },
    }


def test_outbound_import_without_contact_id_creates_the_contact_first() -> None:
    text = json.dumps(outbound_without_contact())
    request, _ = interop.parse_request(text, source="in.json", operation=OUTBOUND)
    draft = interop.imported_draft("out", OUTBOUND, request, Target())
    assert draft.create_contact is not None
    assert draft.create_contact["InitiationMethod"] == "OUTBOUND"
    assert draft.create_contact["Channel"] == "EMAIL"
    assert [str(p) for p in validate(draft) if p.is_error] == []
    # The request itself is still exactly what was imported.
    assert draft.request == outbound_without_contact()


def test_outbound_import_with_a_contact_id_keeps_it() -> None:
    request = {**outbound_without_contact(), "ContactId": "c-1"}
    draft = interop.imported_draft("out", OUTBOUND, request, Target())
    assert draft.create_contact is None and draft.request["ContactId"] == "c-1"


def test_a_lone_surrogate_is_refused_in_one_line_naming_the_field() -> None:
    # JSON can escape half a UTF-16 pair ("\ud800"); it is no character and UTF-8 cannot save it,
    # so import refuses it (exit 2) instead of failing later while writing the profile.
    text = '{"InstanceId": "i", "Name": "a\\ud800b"}'
    try:
        interop.parse_request(text, source="in.json", operation=INBOUND)
    except UserError as error:
        assert str(error).startswith("in.json: Name: holds \\ud800")
        assert error.exit_code == 2
    else:
        raise AssertionError("a lone surrogate was imported")
