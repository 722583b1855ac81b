"""ClientToken: a replay gets the same contact, a changed request a conflict; dropped replies."""

from __future__ import annotations

import random
from typing import Any

import pytest
from botocore.exceptions import ClientError, HTTPClientError

from connect_tui.sandbox.server import RunningSandbox
from tests.sandbox.conftest import INSTANCE, Starter, inbound, journal_lines, make_client, outbound


def test_same_token_same_request_same_contact(client: Any, sandbox: RunningSandbox) -> None:
    request = inbound()
    first = client.start_email_contact(**request)["ContactId"]
    second = client.start_email_contact(**request)["ContactId"]
    assert first == second
    with sandbox.state.lock:
        assert [c for c in sandbox.state.contacts if c == first] == [first]


def test_member_order_does_not_matter(client: Any) -> None:
    request = inbound()
    first = client.start_email_contact(**request)["ContactId"]
    reordered = dict(reversed(list(request.items())))
    assert client.start_email_contact(**reordered)["ContactId"] == first


def test_same_token_other_request_is_a_conflict(client: Any) -> None:
    request = inbound()
    client.start_email_contact(**request)
    with pytest.raises(ClientError) as caught:
        client.start_email_contact(**{**request, "Attributes": {"changed": "yes"}})
    assert caught.value.response["Error"]["Code"] == "IdempotencyException"


def test_create_contact_and_outbound_replays(client: Any) -> None:
    create = {
        "InstanceId": INSTANCE,
        "Channel": "EMAIL",
        "InitiationMethod": "OUTBOUND",
        "UserInfo": {"UserId": "sandbox-agent"},
        "ClientToken": "create-1",
    }
    created = client.create_contact(**create)["ContactId"]
    assert client.create_contact(**create)["ContactId"] == created
    send = outbound(created, ClientToken="send-1")
    assert client.start_outbound_email_contact(**send)["ContactId"] == created
    # A replay is answered before the rule that a contact sends only once.
    assert client.start_outbound_email_contact(**send)["ContactId"] == created


def test_dropped_reply_then_retry_returns_the_same_contact(own_sandbox: Starter) -> None:
    running = own_sandbox(rate=0, drop_rate=1.0)
    client = make_client(running.url)
    request = inbound()
    with pytest.raises(HTTPClientError):
        client.start_email_contact(**request)
    with running.state.lock:
        made = list(running.state.contacts)
    assert len(made) == 1  # the contact IS created, though the caller heard nothing
    running.faults.drop_rate = 0.0
    assert client.start_email_contact(**request)["ContactId"] == made[0]
    with running.state.lock:
        assert list(running.state.contacts) == made
    assert running.sandbox.config.journal is not None
    entries = journal_lines(running.sandbox.config.journal)
    assert [(e["ContactId"], e.get("dropped", False), e["replay"]) for e in entries] == [
        (made[0], True, False),
        (made[0], False, True),
    ]


def _seed_that_drops_once() -> int:
    """A seed whose fault dice drop the first reply (at rate 0.5) and not the second."""
    for seed in range(1000):
        dice = random.Random(seed)
        if dice.random() < 0.5 <= dice.random():
            return seed
    raise AssertionError("no such seed")


def test_botocore_retries_a_dropped_reply_into_one_contact(own_sandbox: Starter) -> None:
    running = own_sandbox(rate=0, drop_rate=0.5, seed=_seed_that_drops_once())
    client = make_client(running.url, attempts=3)
    answer = client.start_email_contact(**inbound())
    assert answer["ResponseMetadata"]["RetryAttempts"] == 1
    with running.state.lock:
        assert list(running.state.contacts) == [answer["ContactId"]]
