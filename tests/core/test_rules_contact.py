"""The prose rules of the ClientToken and the CreateContact step (core.rules_contact)."""

from __future__ import annotations

from typing import Any

import pytest

from connect_tui.core.model import CREATE_CONTACT, INBOUND
from connect_tui.core.rules import MAX_EXPIRY_MINUTES
from tests.core.rule_requests import by_path, errors, inbound

# Client token and CreateContact ----------------------------------------------------------------


def test_client_token_length_and_fixed_token_warning() -> None:
    found = by_path(INBOUND, inbound(ClientToken="t" * 500))
    assert found["ClientToken"].severity == "warning"
    found = errors(INBOUND, inbound(ClientToken="t" * 501))
    assert "at most 500" in found["ClientToken"].message


def chain(**changes: Any) -> dict[str, Any]:
    request = {
        "InstanceId": "i",
        "Channel": "EMAIL",
        "InitiationMethod": "OUTBOUND",
        "UserInfo": {"UserId": "agent-1"},
    }
    request.update(changes)
    return request


def test_create_contact_for_email_is_valid() -> None:
    assert by_path(CREATE_CONTACT, chain()) == {}
    assert (
        by_path(CREATE_CONTACT, chain(InitiationMethod="AGENT_REPLY", RelatedContactId="c1")) == {}
    )


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"Channel": "VOICE"}, "Channel"),
        ({"InitiationMethod": "INBOUND"}, "InitiationMethod"),
        ({"UserInfo": {}}, "UserInfo.UserId"),
        ({"InitiationMethod": "AGENT_REPLY"}, "RelatedContactId"),
    ],
)
def test_create_contact_rules(changes: dict[str, Any], path: str) -> None:
    assert path in errors(CREATE_CONTACT, chain(**changes))


@pytest.mark.parametrize("minutes", [0, 7 * 24 * 60 + 1, MAX_EXPIRY_MINUTES + 1])
def test_create_contact_expiry_outside_a_week_is_only_a_warning(minutes: int) -> None:
    # Issue 11 item 7. botocore's model and the API Reference (API_CreateContact.html) give
    # ExpiryDurationInMinutes no range; only the agent workspace guide does, for a draft:
    # "Minimum is 1 minute, Maximum is 1 week" (3p-apps-email-requests-createdraftemail.html).
    found = by_path(CREATE_CONTACT, chain(ExpiryDurationInMinutes=minutes))
    problem = found["ExpiryDurationInMinutes"]
    assert not problem.is_error and problem.rule_id == "create-contact.expiry"
    assert "1 week" in problem.message


@pytest.mark.parametrize("minutes", [1, 12 * 60, 7 * 24 * 60])
def test_create_contact_expiry_within_a_week_is_quiet(minutes: int) -> None:
    assert by_path(CREATE_CONTACT, chain(ExpiryDurationInMinutes=minutes)) == {}
