"""Every error the sandbox answers, as botocore raises it: the code, the status, the message."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

import pytest
from botocore.exceptions import ClientError

from connect_tui.core import sandbox_identity
from connect_tui.sandbox.server import RunningSandbox
from tests.sandbox.conftest import (
    INSTANCE,
    Starter,
    inbound,
    journal_lines,
    make_client,
    outbound,
    reply_chain,
)


def refused(call: Any, **request: Any) -> ClientError:
    """The ClientError a call raises (the test fails if it succeeds)."""
    with pytest.raises(ClientError) as caught:
        call(**request)
    return caught.value


def check(error: ClientError, code: str, status: int, *words: str) -> None:
    """The error has this code and HTTP status, and its message has these words."""
    assert error.response["Error"]["Code"] == code
    assert error.response["ResponseMetadata"]["HTTPStatusCode"] == status
    message = error.response["Error"]["Message"]
    for word in words:
        assert word in message, message
    assert error.response["ResponseMetadata"]["RequestId"]


# InvalidRequestException (400): the shared validation, first problem's path and message.
@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"EmailMessage": {"MessageSourceType": "RAW"}}, "EmailMessage.RawMessage"),
        ({"Attributes": {"bad key": "x"}}, 'Attributes["bad key"]'),
        ({"DestinationEmailAddress": "not-an-address"}, "DestinationEmailAddress"),
        (
            {"References": {"r": {"Type": "EMAIL", "Value": "a@b.example"}}},
            'References["r"].Type',
        ),
    ],
)
def test_invalid_request_names_the_field(client: Any, changes: dict[str, Any], path: str) -> None:
    error = refused(client.start_email_contact, **inbound(**changes))
    assert isinstance(error, client.exceptions.InvalidRequestException)
    check(error, "InvalidRequestException", 400, f"{path}: ")


def test_invalid_create_contact(client: Any) -> None:
    error = refused(
        client.create_contact,
        InstanceId=INSTANCE,
        Channel="EMAIL",
        InitiationMethod="INBOUND",
        UserInfo={"UserId": sandbox_identity.AGENT_USER_ID},
    )
    check(error, "InvalidRequestException", 400, "InitiationMethod: is INBOUND")


def test_outbound_needs_a_created_contact(client: Any) -> None:
    received = client.start_email_contact(**inbound())["ContactId"]
    error = refused(client.start_outbound_email_contact, **outbound(received))
    check(error, "InvalidRequestException", 400, "INBOUND contact", "CreateContact")


def test_outbound_contact_sends_once(client: Any) -> None:
    contact_id = reply_chain(client)
    client.start_outbound_email_contact(**outbound(contact_id))
    error = refused(client.start_outbound_email_contact, **outbound(contact_id))
    check(error, "InvalidRequestException", 400, "already sent")


# ResourceNotFoundException (404): instance, contact, address, agent.
def test_unknown_instance(client: Any) -> None:
    error = refused(client.start_email_contact, **inbound(InstanceId="nope"))
    assert isinstance(error, client.exceptions.ResourceNotFoundException)
    check(error, "ResourceNotFoundException", 404, "Instance nope not found", INSTANCE)


def test_unknown_contact(client: Any) -> None:
    error = refused(client.describe_contact, InstanceId=INSTANCE, ContactId="missing")
    check(error, "ResourceNotFoundException", 404, "Contact missing not found")
    error = refused(client.get_contact_attributes, InstanceId=INSTANCE, InitialContactId="gone")
    check(error, "ResourceNotFoundException", 404, "Contact gone not found")
    error = refused(client.start_outbound_email_contact, **outbound("never-created"))
    check(error, "ResourceNotFoundException", 404, "never-created")
    error = refused(client.start_email_contact, **inbound(RelatedContactId="no-such-contact"))
    check(error, "ResourceNotFoundException", 404, "no-such-contact")


def test_destination_must_be_an_instance_address(client: Any) -> None:
    request = inbound(DestinationEmailAddress="someone@elsewhere.example")
    request.pop("AdditionalRecipients")
    error = refused(client.start_email_contact, **request)
    check(error, "ResourceNotFoundException", 404, "someone@elsewhere.example", "ContactFlowId")


def test_outbound_from_must_be_an_instance_address(client: Any) -> None:
    contact_id = reply_chain(client)
    request = outbound(contact_id, FromEmailAddress={"EmailAddress": "me@elsewhere.example"})
    error = refused(client.start_outbound_email_contact, **request)
    check(error, "ResourceNotFoundException", 404, "FromEmailAddress", "me@elsewhere.example")


def test_unknown_agent(client: Any) -> None:
    error = refused(
        client.create_contact,
        InstanceId=INSTANCE,
        Channel="EMAIL",
        InitiationMethod="OUTBOUND",
        UserInfo={"UserId": "somebody"},
    )
    check(error, "ResourceNotFoundException", 404, "somebody", sandbox_identity.AGENT_USER_ID)


# AccessDeniedException (403): an instance of another account.
def test_instance_of_another_account(client: Any) -> None:
    arn = f"arn:aws:connect:us-east-1:999999999999:instance/{INSTANCE}"
    error = refused(client.start_email_contact, **inbound(InstanceId=arn))
    assert isinstance(error, client.exceptions.AccessDeniedException)
    check(error, "AccessDeniedException", 403, "not authorized", "999999999999")


# IdempotencyException (409): see test_idempotency.py for both ways.
def test_idempotency_conflict(client: Any) -> None:
    request = inbound()
    client.start_email_contact(**request)
    error = refused(client.start_email_contact, **{**request, "Name": "something else"})
    assert isinstance(error, client.exceptions.IdempotencyException)
    check(error, "IdempotencyException", 409, request["ClientToken"])


# ServiceQuotaExceededException (402): the active email contacts of an instance.
def test_active_contacts_per_instance(own_sandbox: Starter) -> None:
    running = own_sandbox(rate=0, max_active_contacts=2)
    client = make_client(running.url)
    first = client.start_email_contact(**inbound())["ContactId"]
    reply_chain(client)  # CreateContact makes an active contact too
    error = refused(client.start_email_contact, **inbound())
    assert isinstance(error, client.exceptions.ServiceQuotaExceededException)
    check(error, "ServiceQuotaExceededException", 402, "2 active email contacts")
    client.stop_contact(InstanceId=INSTANCE, ContactId=first)
    assert client.start_email_contact(**inbound())["ContactId"]


# ThrottlingException (429): the quota, and injected.
def test_burst_beyond_five_is_throttled(own_sandbox: Starter) -> None:
    # A slow refill so the sixth call finds the bucket empty however slow the machine is.
    running = own_sandbox(rate=0.01, burst=5)
    client = make_client(running.url)
    for _ in range(5):
        client.start_email_contact(**inbound())
    error = refused(client.start_email_contact, **inbound())
    assert isinstance(error, client.exceptions.ThrottlingException)
    check(error, "ThrottlingException", 429, "Rate exceeded", "StartEmailContact")
    # Reads draw from their own bucket.
    assert client.search_email_addresses(InstanceId=INSTANCE)["EmailAddresses"]


def test_injected_throttling(own_sandbox: Starter) -> None:
    running = own_sandbox(rate=0, throttle_rate=1.0)
    error = refused(make_client(running.url).start_email_contact, **inbound())
    check(error, "ThrottlingException", 429, "--throttle-rate")


# InternalServiceException (500): injected.
def test_injected_failure(own_sandbox: Starter) -> None:
    running = own_sandbox(rate=0, fail_rate=1.0)
    client = make_client(running.url)
    error = refused(client.start_email_contact, **inbound())
    assert isinstance(error, client.exceptions.InternalServiceException)
    check(error, "InternalServiceException", 500, "--fail-rate")
    with running.state.lock:
        assert running.state.contacts == {}  # a failed call makes nothing


def test_unknown_route_is_a_clear_404(sandbox: RunningSandbox) -> None:
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(f"{sandbox.url}/contact/nothing-here", timeout=5)
    assert caught.value.code == 404
    assert caught.value.headers["x-amzn-ErrorType"] == "UnknownOperationException"
    body = json.loads(caught.value.read())
    assert "GET /contact/nothing-here" in body["message"]
    assert "PUT /contact/email (StartEmailContact)" in body["message"]


def test_body_that_is_not_json(sandbox: RunningSandbox) -> None:
    request = urllib.request.Request(f"{sandbox.url}/contact/email", data=b"{", method="PUT")
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=5)
    # Unsigned: the signature is checked before the body is read.
    assert caught.value.code == 403


def test_every_operation_is_checked_against_the_model(client: Any) -> None:
    # botocore checks no maximum on the client side; the sandbox does, as Connect does.
    error = refused(client.search_email_addresses, InstanceId=INSTANCE, MaxResults=500)
    check(error, "InvalidRequestException", 400, "MaxResults: ")


def test_a_chunked_body_is_read(sandbox: RunningSandbox) -> None:
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(sandbox.url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=5)
    connection.request("PUT", "/contact/email", body=iter([b'{"a": ', b"1}"]), encode_chunked=True)
    response = connection.getresponse()
    # Read whole, then refused for what it lacks: a signature.
    assert response.status == 403
    assert response.headers["x-amzn-ErrorType"] == "MissingAuthenticationTokenException"
    response.read()
    connection.close()
    assert sandbox.sandbox.config.journal is not None
    assert journal_lines(sandbox.sandbox.config.journal)[-1]["request"] == {"a": 1}
