"""One way for each thing: the outcome and its history entry, the target's wording, the
"first (and N more)" wording, and a prepared send that is not validated again."""

from __future__ import annotations

import dataclasses
import socket

import pytest

from connect_tui.core import history, sending
from connect_tui.core.defaults import new_draft
from connect_tui.core.model import AWS, Target
from connect_tui.core.outcome import SendOutcome
from connect_tui.core.problems import first_and_more


def test_a_history_entry_is_the_outcome_it_recorded() -> None:
    outcome = SendOutcome(
        profile="vip",
        operation="StartEmailContact",
        target="sandbox http://127.0.0.1:9 (embedded)",
        contact_id="c-1",
        client_token="t",
        request_id="r",
        started_at=1_700_000_000.25,
        elapsed=0.1234,
        request={"InstanceId": "i"},
    )
    history.append(outcome, Target())
    (entry,) = history.read()
    for field in dataclasses.fields(SendOutcome):
        if field.name != "elapsed":
            assert getattr(entry, field.name) == getattr(outcome, field.name), field.name
    assert entry.elapsed_ms == 123.4 and entry.time == "2023-11-14T22:13:20.250+00:00"
    assert list(entry.summary())[:3] == ["number", "time", "profile"]


def test_one_wording_of_a_target() -> None:
    assert Target().describe() == "sandbox"
    assert Target().describe("http://127.0.0.1:9", embedded=True) == (
        "sandbox http://127.0.0.1:9 (embedded)"
    )
    aws = Target(kind=AWS, aws_profile="demo")
    assert aws.describe(region="eu-west-2") == "aws eu-west-2 profile demo"
    assert aws.describe() == "aws (Region from AWS config) profile demo"


def test_first_and_more() -> None:
    assert first_and_more([]) == ""
    assert first_and_more(["a"]) == "a"
    assert first_and_more(["a", "b", "c"]) == "a (and 2 more)"


def test_a_prepared_send_is_not_validated_again(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    real = sending.validate
    monkeypatch.setattr(sending, "validate", lambda d: calls.append(d) or real(d))
    with socket.socket() as sock:  # a port nothing listens on: the send fails at once
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    draft = new_draft("once")
    draft.target = Target(endpoint_url=f"http://127.0.0.1:{port}")
    prepared = sending.prepare(draft)
    outcome = sending.Sender(record=False).send(draft, prepared)
    assert len(calls) == 1
    assert outcome.error_code == "EndpointConnectionError"
    assert outcome.client_token == prepared.request["ClientToken"]
