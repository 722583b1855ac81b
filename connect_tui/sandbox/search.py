"""Provides SearchEmailAddresses: string conditions (and, or), pages of MaxResults.

Fields are matched as Connect documents them: EXACT, STARTS_WITH or CONTAINS, ignoring
case. NextToken is the position of the next page. Tag filters are accepted and match
nothing-in-particular: the sandbox's addresses have no tags.
"""

from __future__ import annotations

from typing import Any, Final

from connect_tui.sandbox.paging import search_page
from connect_tui.sandbox.protocol import invalid
from connect_tui.sandbox.state import EmailAddress

MAX_RESULTS: Final = 100
FIELDS: Final = ("EmailAddress", "DisplayName", "Description", "EmailAddressId")


def _string_condition(
    condition: dict[str, Any], metadata: dict[str, Any], fields: tuple[str, ...]
) -> bool:
    field = condition.get("FieldName", "")
    if field not in fields:
        raise invalid(
            f"SearchCriteria.StringCondition.FieldName {field!r}: use one of {', '.join(fields)}"
        )
    value = str(condition.get("Value", "")).lower()
    actual = str(metadata.get(field) or "").lower()
    comparison = condition.get("ComparisonType", "EXACT")
    if comparison == "STARTS_WITH":
        return actual.startswith(value)
    if comparison == "CONTAINS":
        return value in actual
    if comparison == "EXACT":
        return actual == value
    raise invalid(
        f"SearchCriteria.StringCondition.ComparisonType {comparison!r}: "
        "use EXACT, STARTS_WITH or CONTAINS"
    )


def matches(
    criteria: dict[str, Any] | None,
    metadata: dict[str, Any],
    fields: tuple[str, ...] = FIELDS,
    kinds: dict[str, str] | None = None,
) -> bool:
    """True when the metadata meets the criteria (no criteria: all); `fields` may be named in a
    StringCondition, and `kinds` are the conditions matched exactly (SearchContactFlows'
    TypeCondition: the flow's type)."""
    if not criteria:
        return True
    if "OrConditions" in criteria:
        return any(matches(c, metadata, fields, kinds) for c in criteria["OrConditions"])
    if "AndConditions" in criteria:
        return all(matches(c, metadata, fields, kinds) for c in criteria["AndConditions"])
    for name, value in (kinds or {}).items():
        if name in criteria and criteria[name] != value:
            return False
    if "StringCondition" in criteria:
        return _string_condition(criteria["StringCondition"], metadata, fields)
    return True


def email_addresses(addresses: list[EmailAddress], request: dict[str, Any]) -> dict[str, Any]:
    """The SearchEmailAddresses answer for these addresses."""
    limit = request.get("MaxResults", MAX_RESULTS)
    if not isinstance(limit, int) or not 1 <= limit <= MAX_RESULTS:
        raise invalid(f"MaxResults: {limit!r} is not from 1 to {MAX_RESULTS}")
    criteria = request.get("SearchCriteria")
    found = [m for m in (a.metadata() for a in addresses) if matches(criteria, m)]
    return search_page(found, {**request, "MaxResults": limit}, "EmailAddresses")
