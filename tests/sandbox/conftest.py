"""Fixtures of the sandbox tests: sandboxes started in this process, boto3 clients, requests.

Every test talks to the sandbox as a user's program does: a real boto3 client over real
HTTP on 127.0.0.1, signed with SigV4. Most share one module-wide sandbox with the quota
off; a test that needs faults or a quota starts its own (starting one takes milliseconds).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from connect_tui.core import sandbox_identity
from connect_tui.sandbox.config import SandboxConfig
from connect_tui.sandbox.server import RunningSandbox, start
from tests.drafts import typical_inbound_request

INSTANCE = sandbox_identity.INSTANCE_ID

#: The smallest flow the service takes: one action that ends the contact.
DISCONNECT_FLOW: dict[str, Any] = {
    "Version": "2019-10-30",
    "StartAction": "bye",
    "Actions": [
        {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}
    ],
}


def make_client(
    url: str,
    *,
    key_id: str = sandbox_identity.ACCESS_KEY_ID,
    secret: str = sandbox_identity.SECRET_ACCESS_KEY,
    attempts: int = 1,
    unsigned: bool = False,
    service: str = "connect",
) -> Any:
    """A boto3 client (Connect by default; "logs", "qconnect") for the sandbox at `url`, with
    the well-known keys (one attempt: errors come straight back)."""
    import boto3
    from botocore import UNSIGNED
    from botocore.config import Config

    config = Config(
        retries={"mode": "standard", "total_max_attempts": attempts},
        connect_timeout=5,
        read_timeout=10,
        signature_version=UNSIGNED if unsigned else None,
    )
    return boto3.client(
        service,
        region_name=sandbox_identity.REGION,
        endpoint_url=url,
        aws_access_key_id=key_id,
        aws_secret_access_key=secret,
        config=config,
    )


def inbound(**changes: Any) -> dict[str, Any]:
    """A valid StartEmailContact request with a fresh ClientToken; `changes` replace members."""
    request = typical_inbound_request()
    request["ClientToken"] = str(uuid.uuid4())
    request.update(changes)
    return request


def reply_chain(client: Any, related: str | None = None) -> str:
    """The ContactId of a new CreateContact (OUTBOUND, or AGENT_REPLY to `related`)."""
    request: dict[str, Any] = {
        "InstanceId": INSTANCE,
        "Channel": "EMAIL",
        "InitiationMethod": "AGENT_REPLY" if related else "OUTBOUND",
        "UserInfo": {"UserId": sandbox_identity.AGENT_USER_ID},
    }
    if related:
        request["RelatedContactId"] = related
    return str(client.create_contact(**request)["ContactId"])


def outbound(contact_id: str, **changes: Any) -> dict[str, Any]:
    """A valid StartOutboundEmailContact request for a contact made by CreateContact."""
    request: dict[str, Any] = {
        "InstanceId": INSTANCE,
        "ContactId": contact_id,
        "DestinationEmailAddress": {"EmailAddress": "alice@example.com"},
        "EmailMessage": {
            "MessageSourceType": "RAW",
            "RawMessage": {
                "Subject": "Re: order 1234",
                "Body": "On its way.",
                "ContentType": "text/plain",
            },
        },
    }
    request.update(changes)
    return request


def journal_lines(path: Path) -> list[dict[str, Any]]:
    """Every line of a journal file, parsed."""
    return [json.loads(line) for line in path.read_text().splitlines() if line]


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    """One sandbox for the module: the default identity, quota off, no faults, a journal."""
    journal = tmp_path_factory.mktemp("journal") / "journal.jsonl"
    running = start(SandboxConfig(rate=0, journal=journal))
    yield running
    running.stop()


@pytest.fixture
def client(sandbox: RunningSandbox) -> Any:
    """A client of the module's sandbox (one attempt), made inside the test's isolation."""
    return make_client(sandbox.url)


Starter = Callable[..., RunningSandbox]


@pytest.fixture
def own_sandbox(tmp_path: Path) -> Iterator[Starter]:
    """Start sandboxes of a test's own (config fields as keywords); all stopped afterwards."""
    started: list[RunningSandbox] = []

    def starter(**fields: Any) -> RunningSandbox:
        fields.setdefault("journal", tmp_path / f"journal-{len(started)}.jsonl")
        running = start(SandboxConfig(**fields))
        started.append(running)
        return running

    yield starter
    for running in started:
        running.stop()
