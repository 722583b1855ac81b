"""The sandbox's attachment store: upload with boto3, attach to a contact, fetch the URL.

Real HTTP on 127.0.0.1: boto3's upload_file and generate_presigned_url through the same
client the composer uses (Sender.client_for(draft, "s3")), and urllib as the fetcher.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta
from email.message import Message
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from connect_tui.core import attachments, sandbox_identity
from connect_tui.core.model import Draft, Target
from connect_tui.core.sending import Sender
from connect_tui.sandbox import s3
from connect_tui.sandbox.server import RunningSandbox
from tests.sandbox.conftest import INSTANCE, inbound, journal_lines


def _draft(sandbox: RunningSandbox) -> Draft:
    return Draft("attach", target=Target(endpoint_url=sandbox.url))


def _fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 (a test's own URL)
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture(scope="module")
def uploaded(
    sandbox: RunningSandbox, tmp_path_factory: pytest.TempPathFactory
) -> tuple[attachments.Uploaded, bytes, list[int]]:
    """One file of 300 kB with every byte value, uploaded to the module's sandbox."""
    data = bytes(range(256)) * 1200
    path = tmp_path_factory.mktemp("files") / "invoice.pdf"
    path.write_bytes(data)
    seen: list[int] = []
    done = attachments.attach_file(
        Sender(record=False), _draft(sandbox), path, progress=seen.append
    )
    return done, data, seen


def test_an_upload_is_readable_from_its_contact_s_url(
    uploaded: tuple[attachments.Uploaded, bytes, list[int]], client: Any
) -> None:
    done, data, seen = uploaded
    assert sum(seen) == len(data)  # the progress callback counted every byte
    assert done.bucket == attachments.SANDBOX_BUCKET and done.file_name == "invoice.pdf"
    assert "X-Amz-Signature=" in done.url and "X-Amz-Expires=3600" in done.url
    contact = client.start_email_contact(**inbound(Attachments=[done.row()]))["ContactId"]
    references = client.list_contact_references(
        InstanceId=INSTANCE, ContactId=contact, ReferenceTypes=["ATTACHMENT"]
    )["ReferenceSummaryList"]
    assert [r["Attachment"]["Name"] for r in references] == ["invoice.pdf"]
    assert _fetch(references[0]["Attachment"]["Value"]) == (200, data)


def test_a_tampered_or_unsigned_url_is_refused(
    uploaded: tuple[attachments.Uploaded, bytes, list[int]],
) -> None:
    done = uploaded[0]
    status, body = _fetch(done.url.replace("X-Amz-Signature=", "X-Amz-Signature=0"))
    assert status == 403 and b"<Code>SignatureDoesNotMatch</Code>" in body
    status, body = _fetch(done.url.split("?")[0])
    assert status == 403 and b"<Code>AccessDenied</Code>" in body
    status, body = _fetch(done.url.replace("invoice.pdf", "other.pdf"))
    assert status == 403  # the key is signed too


def test_the_url_expires(uploaded: tuple[attachments.Uploaded, bytes, list[int]]) -> None:
    parts = urlsplit(uploaded[0].url)
    headers = Message()
    headers["host"] = parts.netloc
    target = f"{parts.path}?{parts.query}"
    secret = {sandbox_identity.ACCESS_KEY_ID: sandbox_identity.SECRET_ACCESS_KEY}.get
    store = s3.Store()
    store.put(parts.path.split("/", 2)[2], b"x", "text/plain")
    soon = datetime.now(UTC) + timedelta(minutes=59)
    assert s3.handle(store, "GET", target, headers, b"", secret, now=soon)[2].status == 200
    later = datetime.now(UTC) + timedelta(minutes=61)
    reply = s3.handle(store, "GET", target, headers, b"", secret, now=later)[2]
    assert reply.status == 403 and b"Request has expired" in reply.body


def test_the_journal_names_the_object_never_its_bytes(
    sandbox: RunningSandbox, uploaded: tuple[attachments.Uploaded, bytes, list[int]]
) -> None:
    journal = sandbox.sandbox.journal.path
    assert journal is not None
    lines = [line for line in journal_lines(journal) if line["operation"] == "s3:PutObject"]
    assert lines and lines[0]["request"] == {
        "Bucket": attachments.SANDBOX_BUCKET,
        "Key": uploaded[0].key,
        "size": len(uploaded[1]),
    }
    assert "\\u0000\\u0001" not in journal.read_text()


def test_what_it_does_not_serve_is_named(sandbox: RunningSandbox) -> None:
    status, body = _fetch(f"{sandbox.url}/{attachments.SANDBOX_BUCKET}/x?uploads")
    assert status == 501 and b"PutObject, GetObject" in body


def test_an_aws_target_without_a_bucket_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("x")
    draft = Draft("no-bucket", target=Target(kind="aws", region="us-east-1"))
    with pytest.raises(attachments.AttachmentError) as caught:
        attachments.attach_file(Sender(record=False), draft, path)
    assert str(caught.value).startswith(str(path)) and "attachment bucket" in str(caught.value)


def test_a_chunked_upload_is_refused_rather_than_stored_corrupt() -> None:
    headers = Message()
    headers["host"] = "127.0.0.1:1"
    headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/s3/aws4_request"
    headers["x-amz-content-sha256"] = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
    store = s3.Store()
    target = f"/{attachments.SANDBOX_BUCKET}/a.txt"
    secret = {sandbox_identity.ACCESS_KEY_ID: sandbox_identity.SECRET_ACCESS_KEY}.get
    operation, _, reply = s3.handle(store, "PUT", target, headers, b"5;chunk-signature=0", secret)
    assert operation == "PutObject" and reply.status == 501 and b"aws-chunked" in reply.body
    assert store.get("a.txt") is None
