"""The sandbox's handler against hostile requests: a 400 in AWS's shape, journaled, no traceback.

Each request goes over real HTTP to a sandbox serving in this process; stderr (captured
at the file descriptor) must stay free of tracebacks, and the journal must have a line
for every request answered, mode 0600.
"""

from __future__ import annotations

import http.client
import json
import socket
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from botocore.awsrequest import AWSRequest

from connect_tui.core import sandbox_identity
from connect_tui.sandbox.admin import sign
from connect_tui.sandbox.config import SandboxConfig
from connect_tui.sandbox.server import RunningSandbox, start


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    journal = tmp_path_factory.mktemp("journal") / "journal.jsonl"
    sandbox = start(SandboxConfig(host="127.0.0.1", port=0, rate=0, journal=journal))
    yield sandbox
    sandbox.stop()


def signed_request(
    url: str, method: str, path: str, body: bytes
) -> tuple[int, dict[str, str], Any]:
    """Send `body` signed with the well-known keys; (status, headers, parsed JSON body)."""
    request = AWSRequest(method=method, url=f"{url}{path}", data=body)
    request.headers["Content-Type"] = "application/json"
    sign(request)
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=dict(request.headers.items()))
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), json.loads(response.read() or b"{}")
    finally:
        connection.close()


def nested(depth: int) -> str:
    return '{"a": ' * depth + "1" + "}" * depth


def email_body(**extra: Any) -> dict[str, Any]:
    return {
        "InstanceId": sandbox_identity.INSTANCE_ID,
        "FromEmailAddress": {"EmailAddress": "a@example.com"},
        "DestinationEmailAddress": sandbox_identity.SUPPORT_ADDRESS,
        "EmailMessage": {
            "MessageSourceType": "RAW",
            "RawMessage": {"Subject": "s", "Body": "b", "ContentType": "text/plain"},
        },
        **extra,
    }


def or_conditions(depth: int) -> str:
    condition: dict[str, Any] = {"StringCondition": {"FieldName": "alias", "Value": "x"}}
    text = json.dumps(condition)
    for _ in range(depth):
        text = '{"OrConditions": [' + text + "]}"
    return f'{{"InstanceId": "{sandbox_identity.INSTANCE_ID}", "SearchCriteria": {text}}}'


CASES = {
    "nested-985": ("PUT", "/contact/email", ('{"InstanceId": ' + nested(985) + "}").encode()),
    "nested-10000": ("PUT", "/contact/email", ('{"Attributes": ' + nested(10_000) + "}").encode()),
    "lone-surrogate": (
        "PUT",
        "/contact/email",
        json.dumps(email_body(Name="\ud800")).encode(),  # json.dumps writes "\\ud800"
    ),
    "or-conditions-400": ("POST", "/search-email-addresses", or_conditions(400).encode()),
    "not-json": ("PUT", "/contact/email", b"\xff\xfe{"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_hostile_body_is_a_400_in_aws_shape_and_journaled(
    case: str, running: RunningSandbox, capfd: pytest.CaptureFixture[str]
) -> None:
    method, path, body = CASES[case]
    journal = running.sandbox.journal.path
    assert journal is not None
    before = len(journal.read_text().splitlines()) if journal.exists() else 0
    status, headers, reply = signed_request(running.url, method, path, body)
    assert status == 400
    assert headers.get("x-amzn-ErrorType") and isinstance(reply.get("message"), str)
    lines = journal.read_text(encoding="utf-8").splitlines()
    assert len(lines) == before + 1
    assert json.loads(lines[-1])["error"] == headers["x-amzn-ErrorType"]
    assert stat.S_IMODE(journal.stat().st_mode) == 0o600
    assert "Traceback" not in capfd.readouterr().err


def test_half_open_connections_are_closed_quietly(
    running: RunningSandbox, capfd: pytest.CaptureFixture[str]
) -> None:
    parts = urlsplit(running.url)
    for request in (
        b'PUT /contact/email HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"a"',
        b"PUT /contact/email HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n100\r\nab",
        b"PUT /contact/email HTTP/1.1\r\nHost: x\r\nContent-Le",
        b"",
    ):
        for _ in range(20):
            connection = socket.create_connection((parts.hostname, parts.port))
            connection.sendall(request)
            # Close the writing side, then the whole connection, without reading a reply.
            connection.shutdown(socket.SHUT_WR)
            connection.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
            )
            connection.close()
    # The sandbox still answers, and said nothing on stderr.
    status, _, _ = signed_request(
        running.url, "PUT", "/contact/email", json.dumps(email_body()).encode()
    )
    assert status == 200
    assert capfd.readouterr().err == ""


def test_a_journal_made_earlier_with_wider_rights_becomes_private(tmp_path: Path) -> None:
    journal = tmp_path / "old.jsonl"
    journal.write_text("")
    journal.chmod(0o644)
    start(SandboxConfig(host="127.0.0.1", port=0, journal=journal)).stop()
    assert stat.S_IMODE(journal.stat().st_mode) == 0o600
