"""Attachments on the AWS path, against a real S3 implementation on loopback (moto's server).

The composer's own code path: an AWS target naming a bucket, Sender.client_for(draft, "s3")
finding S3 through AWS_ENDPOINT_URL_S3 (botocore's service-specific endpoint setting), then
upload_file and a presigned GET, fetched over HTTP and compared byte for byte. No client is
mocked: moto answers real HTTP as S3 does.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from connect_tui.core import attachments
from connect_tui.core.model import AWS, Draft, Target
from connect_tui.core.sending import Sender

BUCKET = "acme-connect-attachments"


@pytest.fixture(scope="module")
def s3_url() -> Iterator[str]:
    """moto's S3 in server mode on 127.0.0.1, a free port, for the module."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def aws(s3_url: str, monkeypatch: pytest.MonkeyPatch) -> Draft:
    """An AWS draft whose S3 is moto's, with the bucket made; keys in the environment."""
    import boto3

    monkeypatch.setenv("AWS_ENDPOINT_URL_S3", s3_url)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    client = boto3.client("s3", region_name="us-east-1", endpoint_url=s3_url)
    client.create_bucket(Bucket=BUCKET)
    return Draft("aws", target=Target(kind=AWS, region="us-east-1", attachment_bucket=BUCKET))


def test_upload_presign_fetch_compare(aws: Draft, tmp_path: Path) -> None:
    data = bytes(range(256)) * 4096 + b"tail"  # 1 MiB and a bit
    path = tmp_path / "statement.pdf"
    path.write_bytes(data)
    seen: list[int] = []
    done = attachments.attach_file(
        Sender(record=False), aws, path, expires_in=600, progress=seen.append
    )
    assert sum(seen) == len(data)
    assert done.bucket == BUCKET and done.key.endswith("/statement.pdf")
    assert "X-Amz-Signature=" in done.url and "X-Amz-Expires=600" in done.url
    assert done.row() == {"FileName": "statement.pdf", "S3Url": done.url}
    with urllib.request.urlopen(done.url, timeout=10) as answer:  # noqa: S310 (loopback)
        assert answer.read() == data


def test_a_missing_bucket_is_one_line_naming_the_file(aws: Draft, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("x")
    aws.target.attachment_bucket = "no-such-bucket-here"
    with pytest.raises(attachments.AttachmentError) as caught:
        attachments.attach_file(Sender(record=False, max_attempts=1), aws, path)
    message = str(caught.value)
    assert message.startswith(f"{path}: upload to no-such-bucket-here failed")
    assert "NoSuchBucket" in message and "\n" not in message
