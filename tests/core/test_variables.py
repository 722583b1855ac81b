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


def test_resolving_for_reading_shares_what_holds_no_variable_and_collects_names() -> None:
    """The validator's resolve (every key, on the largest draft): same result and problems
    as `resolve`, the names used collected on the way, and no copy of what has no variable."""
    plain = {"Body": "x" * 1000, "Rows": [{"k": "v"}] * 50}
    request = {"A": "${x}", "Plain": plain, "L": ["a", "$${esc}", "${gone}"], "k_${x}": 1}
    used: set[str] = set()
    resolved, problems = variables.resolve_for_reading(request, {"x": "1"}, None, used)
    expected, expected_problems = variables.resolve(request, {"x": "1"})
    assert resolved == expected and problems == expected_problems
    assert [p.path for p in problems] == ["L[2]"]
    assert used == {"x", "gone"} == variables.used_names(request)
    assert resolved["Plain"] is plain  # shared, not copied
    assert expected["Plain"] is not plain  # `resolve` still copies: its callers may change it
    assert request["A"] == "${x}"
    unchanged = {"Plain": plain}
    assert variables.resolve_for_reading(unchanged, {})[0] is unchanged
