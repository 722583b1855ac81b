"""${name} variables: resolved in every string, keys included; undefined ones are problems."""

from __future__ import annotations

from connect_tui.core import schema, variables
from connect_tui.core.model import INBOUND
from connect_tui.core.validation import validate
from tests.drafts import typical_draft


def test_resolves_in_nested_strings_and_keys() -> None:
    request = {"A": "${x}-${y}", "M": {"key_${x}": ["${y}", 3]}}
    resolved, problems = variables.resolve(request, {"x": "1", "y": "two"})
    assert problems == []
    assert resolved == {"A": "1-two", "M": {"key_1": ["two", 3]}}
    assert request["A"] == "${x}-${y}"  # the draft itself is untouched


def test_escaped_reference_is_literal_and_no_recursion() -> None:
    resolved, problems = variables.resolve({"A": "$${x} ${y}"}, {"y": "${x}", "x": "boom"})
    assert problems == []
    assert resolved == {"A": "${x} ${x}"}


def test_undefined_variable_is_an_error_at_its_path() -> None:
    draft = typical_draft()
    draft.request["AdditionalRecipients"]["CcAddresses"][0]["EmailAddress"] = "${manager}"
    draft.request["Attributes"]["note"] = "${missing}"
    found = {p.path: p for p in validate(draft)}
    cc = found["AdditionalRecipients.CcAddresses[0].EmailAddress"]
    assert cc.is_error and "${manager}" in cc.message and "defined: customer" in cc.message
    assert found['Attributes["note"]'].is_error


def test_map_keys_render_as_keys_when_the_shape_is_known() -> None:
    shape = schema.input_shape(INBOUND)
    _, problems = variables.resolve({"Attributes": {"k": "${nope}"}}, {}, shape)
    assert problems[0].path == 'Attributes["k"]'


def test_variables_resolve_before_validation() -> None:
    draft = typical_draft()
    assert [p for p in validate(draft) if p.is_error] == []
    draft.variables["customer"] = "not-an-address"
    found = {p.path: p for p in validate(draft)}
    assert "not an email address" in found["FromEmailAddress.EmailAddress"].message


def test_unused_and_badly_named_variables() -> None:
    draft = typical_draft()
    draft.variables["spare"] = "x"
    draft.variables["9lives"] = "x"
    found = {p.path: p for p in validate(draft)}
    assert found['variables["spare"]'].severity == "warning"
    assert found['variables["9lives"]'].is_error


def test_used_names() -> None:
    assert variables.used_names({"a": ["${x}", {"${y}": "$${z}"}]}) == {"x", "y"}
