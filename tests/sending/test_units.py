"""Unit tests of single functions: error wording, the pacer, the history file, replies."""

from __future__ import annotations

import json
import stat
import time

import pytest
from botocore.exceptions import (
    ClientError,
    EndpointConnectionError,
    NoCredentialsError,
    NoRegionError,
    ProfileNotFound,
    UnauthorizedSSOTokenError,
)

from connect_tui.core import history, paths
from connect_tui.core.conversion import as_reply
from connect_tui.core.files import UserError
from connect_tui.core.model import INBOUND, OUTBOUND, Target
from connect_tui.core.outcome import SendOutcome
from connect_tui.core.send_errors import MEANINGS, describe_client_error, describe_exception
from connect_tui.core.sending import Pacer, prepare
from connect_tui.core.validation import validate
from tests.drafts import typical_draft, typical_outbound_draft


def client_error(code: str, message: str = "details", attempts: int = 0) -> ClientError:
    response = {
        "Error": {"Code": code, "Message": message},
        "ResponseMetadata": {"RequestId": "req-1", "RetryAttempts": attempts},
    }
    return ClientError(response, "StartEmailContact")  # type: ignore[arg-type]


@pytest.mark.parametrize("code", sorted(MEANINGS))
def test_every_known_error_gets_its_meaning(code: str) -> None:
    got_code, message, request_id = describe_client_error(
        client_error(code, "why\nit failed"), "StartEmailContact"
    )
    assert got_code == code and request_id == "req-1"
    assert message == f"{code}: {MEANINGS[code]}: why it failed"
    assert "\n" not in message


def test_retries_are_counted_and_unknown_codes_still_read() -> None:
    _, message, _ = describe_client_error(client_error("ThrottlingException", "slow down", 9), "X")
    assert message.endswith("(after 10 attempts)")
    code, message, _ = describe_client_error(client_error("WeirdNewError", ""), "StartEmailContact")
    assert (code, message) == ("WeirdNewError", "WeirdNewError: StartEmailContact failed")


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (NoCredentialsError(), "connect-tui credentials set PROFILE"),
        (NoRegionError(), "--region"),
        (ProfileNotFound(profile="demo"), "'demo' is not in ~/.aws/config"),
        (UnauthorizedSSOTokenError(), "aws sso login --profile demo"),
        (
            EndpointConnectionError(endpoint_url="http://127.0.0.1:9"),
            "cannot reach http://127.0.0.1:9",
        ),
    ],
)
def test_exception_wording(error: Exception, words: str) -> None:
    _, message = describe_exception(error, endpoint="http://127.0.0.1:9", aws_profile="demo")
    assert words in message and "\n" not in message


def test_programming_errors_are_not_hidden() -> None:
    with pytest.raises(KeyError):
        describe_exception(KeyError("bug"), endpoint=None, aws_profile=None)


def test_pacer_allows_a_burst_then_paces() -> None:
    pacer = Pacer(rate=50, burst=5)
    start = time.monotonic()
    for _ in range(5):
        pacer.acquire()
    burst = time.monotonic() - start
    for _ in range(10):
        pacer.acquire()
    paced = time.monotonic() - start
    assert burst < 0.05 <= 10 / 50 * 0.8 <= paced  # 10 more calls at 50/s take about 0.2 s


def test_pacer_off() -> None:
    pacer = Pacer(rate=0, burst=1)
    start = time.monotonic()
    for _ in range(100):
        pacer.acquire()
    assert time.monotonic() - start < 0.1


def test_prepare_gives_tokens_and_resolves_variables() -> None:
    ready = prepare(typical_draft())
    assert ready.request["FromEmailAddress"]["EmailAddress"] == "alice@example.com"
    assert len(ready.request["ClientToken"]) == 36 and ready.problems == []
    assert "ClientToken" not in prepare(typical_draft(), with_tokens=False).request
    fixed = typical_draft()
    fixed.request["ClientToken"] = "mine"
    assert prepare(fixed).request["ClientToken"] == "mine"


def outcome(**changes: object) -> SendOutcome:
    values: dict[str, object] = dict(
        profile="vip",
        operation=INBOUND,
        target="sandbox http://127.0.0.1:1",
        contact_id="c-1",
        client_token="t-1",
        request_id="r-1",
        started_at=1_767_225_600.0,
        elapsed=0.0425,
        request={"InstanceId": "i", "ClientToken": "t-1"},
    )
    values.update(changes)
    return SendOutcome(**values)  # type: ignore[arg-type]


def test_history_appends_numbered_private_lines() -> None:
    history.append(outcome(), Target())
    history.append(
        outcome(contact_id=None, error_code="X", error="boom"),
        Target(kind="aws", region="eu-west-1"),
    )
    path = paths.history_file()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    entries = history.read()
    assert [e.number for e in entries] == [1, 2]
    assert entries[0].ok and entries[0].time == "2026-01-01T00:00:00.000+00:00"
    assert entries[0].elapsed_ms == 42.5
    assert not entries[1].ok and entries[1].settings["region"] == "eu-west-1"
    assert history.read(limit=1) == entries[1:]


def test_damaged_history_lines_are_skipped_numbers_kept() -> None:
    history.append(outcome(), Target())
    with paths.history_file().open("a") as handle:
        handle.write("{not json\n")
    history.append(outcome(contact_id="c-3"), Target())
    assert [(e.number, e.contact_id) for e in history.read()] == [(1, "c-1"), (3, "c-3")]


def test_history_entry_to_draft_drops_tokens_and_contact_id() -> None:
    history.append(
        outcome(
            operation=OUTBOUND,
            request={"InstanceId": "i", "ContactId": "made", "ClientToken": "t"},
            create_contact={"InstanceId": "i", "Channel": "EMAIL", "ClientToken": "u"},
        ),
        Target(kind="aws", region="eu-west-1", aws_profile="demo"),
    )
    draft = history.to_draft(history.entry(1))
    assert draft.request == {"InstanceId": "i"}
    assert draft.create_contact == {"InstanceId": "i", "Channel": "EMAIL"}
    assert draft.target == Target(kind="aws", region="eu-west-1", aws_profile="demo")
    with pytest.raises(UserError, match="--from-history 7: no such entry"):
        history.entry(7)


def test_history_entry_to_draft_keeps_sent_text_literal() -> None:
    # What was sent is what is sent again: a subject that went out as "Refund for ${order}"
    # is not a variable the second time (issue 11, item 3: text from outside is literal).
    from connect_tui.core import variables

    sent = {"InstanceId": "i", "Name": "Refund for ${order}"}
    history.append(outcome(request=sent), Target())
    draft = history.to_draft(history.entry(1))
    resolved, undefined = variables.resolve(draft.request, draft.variables)
    assert undefined == [] and resolved == sent


def test_history_has_no_credentials_field() -> None:
    history.append(outcome(), Target(kind="aws", credentials="keyring"))
    record = json.loads(paths.history_file().read_text())
    assert set(record["settings"]) == {
        "kind",
        "region",
        "aws_profile",
        "credentials",
        "endpoint_url",
        "flow_log_group",  # a log group's name (the follow view reads it), not a secret
        "attachment_bucket",  # a bucket's name, not a secret
    }
    assert record["settings"]["credentials"] == "keyring"  # the marker, not keys


def test_reply_to_an_inbound_draft_turns_it_around() -> None:
    draft = typical_draft()
    reply = as_reply(draft, "contact-123")
    assert reply.operation == OUTBOUND
    assert reply.request["DestinationEmailAddress"]["EmailAddress"] == "${customer}"
    assert reply.create_contact is not None
    assert reply.create_contact["InitiationMethod"] == "AGENT_REPLY"
    assert reply.create_contact["RelatedContactId"] == "contact-123"
    assert reply.request["EmailMessage"]["RawMessage"]["Subject"] == "Re: Where is order 1234?"
    assert [p for p in validate(reply) if p.is_error] == []


def test_reply_to_an_outbound_draft_keeps_it_outbound() -> None:
    reply = as_reply(typical_outbound_draft(), "c-9")
    assert "ContactId" not in reply.request
    assert (
        reply.request["EmailMessage"]["RawMessage"]["Subject"] == "Re: Where is order 1234?"
    )  # not "Re: Re:"
    assert reply.create_contact is not None and reply.create_contact["RelatedContactId"] == "c-9"
