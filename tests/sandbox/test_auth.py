"""SigV4: only requests signed by a known key, with its secret, get in; refusals are 403s."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.message import Message
from typing import Any

import pytest
from botocore.awsrequest import AWSRequest
from botocore.exceptions import ClientError

from connect_tui.core import sandbox_identity
from connect_tui.sandbox import auth
from connect_tui.sandbox.admin import sign
from connect_tui.sandbox.protocol import ServiceError
from connect_tui.sandbox.server import RunningSandbox
from tests.sandbox.conftest import INSTANCE, Starter, inbound, make_client


def refusal(client: Any) -> dict[str, Any]:
    with pytest.raises(ClientError) as caught:
        client.start_email_contact(**inbound())
    return caught.value.response


def test_wrong_secret(sandbox: RunningSandbox) -> None:
    response = refusal(make_client(sandbox.url, secret="not-the-secret"))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert response["Error"]["Code"] == "InvalidSignatureException"
    assert "signature we calculated does not match" in response["Error"]["Message"]


def test_unknown_key(sandbox: RunningSandbox) -> None:
    response = refusal(make_client(sandbox.url, key_id="AKIAUNKNOWNKEY000000"))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert response["Error"]["Code"] == "UnrecognizedClientException"
    assert "AKIAUNKNOWNKEY000000" in response["Error"]["Message"]


def test_unsigned(sandbox: RunningSandbox) -> None:
    response = refusal(make_client(sandbox.url, unsigned=True))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert response["Error"]["Code"] == "MissingAuthenticationTokenException"


def test_refused_requests_make_nothing(own_sandbox: Starter) -> None:
    running = own_sandbox(rate=0)
    refusal(make_client(running.url, secret="wrong"))
    with running.state.lock:
        assert running.state.contacts == {}


def test_own_credentials_replace_the_well_known_pair(own_sandbox: Starter) -> None:
    running = own_sandbox(rate=0, credentials=(("AKIAOWNKEY0000000000", "own/secret"),))
    mine = make_client(running.url, key_id="AKIAOWNKEY0000000000", secret="own/secret")
    assert mine.start_email_contact(**inbound())["ContactId"]
    assert refusal(make_client(running.url))["Error"]["Code"] == "UnrecognizedClientException"


def _signed(body: bytes = b"{}") -> tuple[Message, bytes]:
    """Headers of a request botocore signs now with the well-known keys, as received."""
    request = AWSRequest(method="PUT", url="http://127.0.0.1:9/contact/email", data=body)
    request.headers["Content-Type"] = "application/json"
    sign(request)
    headers = Message()
    for name, value in request.headers.items():
        headers[name] = value
    headers["Host"] = "127.0.0.1:9"
    return headers, body


def _secret(key_id: str) -> str | None:
    return sandbox_identity.SECRET_ACCESS_KEY if key_id == sandbox_identity.ACCESS_KEY_ID else None


def test_verify_accepts_botocores_signature() -> None:
    headers, body = _signed()
    assert auth.verify("PUT", "/contact/email", headers, body, _secret) == (
        sandbox_identity.ACCESS_KEY_ID
    )


def test_verify_refuses_a_changed_body() -> None:
    headers, _ = _signed(b'{"InstanceId": "a"}')
    with pytest.raises(ServiceError) as caught:
        auth.verify("PUT", "/contact/email", headers, b'{"InstanceId": "b"}', _secret)
    assert caught.value.code == "InvalidSignatureException"


def test_verify_refuses_an_old_signature() -> None:
    headers, body = _signed()
    later = datetime.now(UTC) + timedelta(minutes=20)
    with pytest.raises(ServiceError) as caught:
        auth.verify("PUT", "/contact/email", headers, body, _secret, now=later)
    assert caught.value.code == "InvalidSignatureException"
    assert "Signature expired" in caught.value.message


def test_no_secret_in_the_journal(own_sandbox: Starter) -> None:
    running = own_sandbox(rate=0)
    make_client(running.url).start_email_contact(**inbound())
    refusal(make_client(running.url, secret="typo-of-a-real-secret"))
    assert running.sandbox.config.journal is not None
    text = running.sandbox.config.journal.read_text()
    assert sandbox_identity.SECRET_ACCESS_KEY not in text
    assert "typo-of-a-real-secret" not in text
    assert "Signature=" not in text and INSTANCE in text
