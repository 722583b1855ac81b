"""Provides attachments from a local file: the checks before upload, the upload to S3 and
the presigned GET URL that fills an attachment's S3Url.

The S3 client is handed in (boto3 is never imported here): for an AWS target it is an S3
client of the draft's credentials and Region, and the bucket is the target's
`attachment_bucket`; for a sandbox target it is an S3 client of the sandbox, which stores
the file itself under `SANDBOX_BUCKET` (docs/attachments.md). The limits are named with
their sources in connect_tui/core/limits.py and listed in docs/service-rules.md.
"""

from __future__ import annotations

import os
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from connect_tui.core.files import UserError, regular_file
from connect_tui.core.limits import (
    ATTACHMENT_BYTES,
    EMAIL_TOTAL_BYTES,
    FILE_NAME_LENGTH,
)
from connect_tui.core.model import Draft
from connect_tui.core.rules_message import body_bytes
from connect_tui.core.safe_text import shown

if TYPE_CHECKING:
    from connect_tui.core.sending import Sender

#: The bucket the sandbox stores attachments in (path-style: http://SANDBOX/BUCKET/KEY).
SANDBOX_BUCKET: Final = "connect-tui-sandbox-attachments"
#: How long a presigned URL lasts unless the user chooses otherwise.
DEFAULT_EXPIRY_SECONDS: Final = 3600
#: A presigned URL lasts at most 7 days: AWS CLI reference, `aws s3 presign --expires-in`:
#: "Default is 3600 seconds. Maximum is 604800 seconds." (all presigned URLs use SigV4;
#: https://docs.aws.amazon.com/cli/latest/reference/s3/presign.html).
MAX_EXPIRY_SECONDS: Final = 7 * 24 * 3600
#: Every file goes up in one PutObject: at most 20 MB, far under S3's 5 GB for one PUT, so
#: s3transfer is told never to split it (the sandbox then needs no multipart upload).
_SINGLE_PUT: Final = {"multipart_threshold": ATTACHMENT_BYTES + 1, "max_concurrency": 1}


class AttachmentError(UserError):
    """A file that cannot be attached, or an upload that failed: one line naming the file."""


@dataclass(frozen=True)
class LocalFile:
    """A local file checked for attaching: where it is, the name to give it, its size."""

    path: Path
    file_name: str
    size: int


@dataclass(frozen=True)
class Uploaded:
    """A file stored in S3: the attachment row it makes, and where it is."""

    file_name: str
    url: str
    bucket: str
    key: str
    size: int

    def row(self) -> dict[str, str]:
        """The EmailAttachment this upload fills (API Reference, EmailAttachment)."""
        return {"FileName": self.file_name, "S3Url": self.url}


def file_name_problem(name: str) -> str | None:
    """Why `name` cannot be an attachment's FileName, or None.

    botocore's model: FileName is 1 to 256 characters matching `^\\P{C}*$` (no character of
    Unicode's "Other" categories: controls, format characters, surrogates, private use).
    """
    if not 1 <= len(name) <= FILE_NAME_LENGTH:
        return f"a file name must be 1 to {FILE_NAME_LENGTH} characters, not {len(name)}"
    for char in name:
        if unicodedata.category(char).startswith("C"):
            return f"the file name has a control character ({shown(char)})"
    return None


def check_file(path: str | Path, *, body_bytes: int = 0, other_bytes: int = 0) -> LocalFile:
    """The file at `path`, checked before any upload; AttachmentError names what is wrong.

    It must exist, be a regular file that can be read, be at most 20 MB, and with the RAW
    body (`body_bytes`, its UTF-8 size) and the files already attached from here
    (`other_bytes`: a URL typed by hand has no size to count) fit in the 25 MB an email may
    carry; its name must be a valid FileName.
    """
    text = str(path).strip()
    if not text:
        raise AttachmentError("give the path of a file to attach")
    where = Path(os.path.expanduser(text))
    label = shown(str(where))
    info = regular_file(where, label=label, error=AttachmentError)
    if not os.access(where, os.R_OK):
        raise AttachmentError(f"{label}: cannot read: permission denied")
    if info.st_size > ATTACHMENT_BYTES:
        raise AttachmentError(
            f"{label}: is {info.st_size:,} bytes; an email attachment may be at most "
            f"{ATTACHMENT_BYTES:,} (20 MB)"
        )
    if body_bytes + other_bytes + info.st_size > EMAIL_TOTAL_BYTES:
        others = f" and the other attachments' {other_bytes:,}" if other_bytes else ""
        raise AttachmentError(
            f"{label}: {info.st_size:,} bytes with the body's {body_bytes:,}{others} exceed "
            f"the {EMAIL_TOTAL_BYTES:,} bytes (25 MB) an email may carry"
        )
    problem = file_name_problem(where.name)
    if problem:
        raise AttachmentError(f"{label}: {problem}")
    return LocalFile(where, where.name, info.st_size)


def object_key(local: LocalFile) -> str:
    """A fresh key for the file: a random folder keeps two files of one name apart."""
    return f"connect-tui/{uuid.uuid4()}/{local.file_name}"


def upload(
    client: Any,
    bucket: str,
    local: LocalFile,
    *,
    expires_in: int = DEFAULT_EXPIRY_SECONDS,
    progress: Callable[[int], None] | None = None,
    key: str | None = None,
) -> Uploaded:
    """Upload the file with `client.upload_file` and presign a GET for it.

    `progress` is called with the bytes sent since its last call (s3transfer's callback).
    AttachmentError, naming the file, when the bucket is not named, the expiry is out of
    range or S3 refuses (botocore's and s3transfer's errors are worded, not raised).
    """
    label = shown(str(local.path))
    if not bucket:
        raise AttachmentError(
            f"{label}: no bucket to upload to: set attachment_bucket in the target"
        )
    if not 1 <= expires_in <= MAX_EXPIRY_SECONDS:
        raise AttachmentError(
            f"{label}: a presigned URL lasts 1 second to 7 days, not {expires_in:,} seconds"
        )
    key = key or object_key(local)
    try:
        from boto3.s3.transfer import TransferConfig  # boto3 is loaded by now: the client is

        client.upload_file(
            str(local.path),
            bucket,
            key,
            Callback=progress,
            Config=TransferConfig(**_SINGLE_PUT),
        )
        url = client.generate_presigned_url(
            "get_object", Params={"Bucket": bucket, "Key": key}, ExpiresIn=expires_in
        )
    except OSError as exc:
        raise AttachmentError(f"{label}: cannot read: {exc.strerror or exc}") from None
    except Exception as exc:  # botocore / s3transfer: worded in one line, never a traceback
        raise AttachmentError(
            f"{label}: upload to {shown(bucket)} failed: {_reason(exc)}"
        ) from None
    return Uploaded(local.file_name, str(url), bucket, key, local.size)


def _reason(exc: Exception) -> str:
    """One line for an upload error: S3's code and message when there is one."""
    error = getattr(exc, "last_exception", None) or exc  # s3transfer wraps ClientError
    response = getattr(error, "response", None)
    if isinstance(response, dict):
        detail = response.get("Error", {})
        code, message = detail.get("Code"), detail.get("Message")
        if code:
            return shown(f"{code}: {message}" if message else str(code))
    return shown(str(error).splitlines()[0] if str(error) else type(error).__name__)


def bucket_for(target_bucket: str | None, *, is_sandbox: bool) -> str:
    """The bucket a draft's attachments go to: the sandbox's own, or the target's setting."""
    return SANDBOX_BUCKET if is_sandbox else (target_bucket or "")


def attach_file(
    sender: Sender,
    draft: Draft,
    path: str | Path,
    *,
    expires_in: int = DEFAULT_EXPIRY_SECONDS,
    progress: Callable[[int], None] | None = None,
    other_bytes: int = 0,
) -> Uploaded:
    """Check the file, upload it where the draft's target keeps attachments, presign it.

    `other_bytes`: the size of the draft's other attachments, when known (check_file).

    The sandbox target stores it in the sandbox (SANDBOX_BUCKET); an AWS target in its
    `attachment_bucket`, with the draft's credentials and Region. Every failure is an
    AttachmentError of one line naming the file.
    """
    local = check_file(path, body_bytes=body_bytes(draft.request) or 0, other_bytes=other_bytes)
    target = draft.target
    bucket = bucket_for(target.attachment_bucket, is_sandbox=target.is_sandbox)
    if not bucket:
        raise AttachmentError(
            f"{shown(str(local.path))}: no bucket to upload to: set the target's "
            "attachment bucket (attachment_bucket in the profile's [target])"
        )
    try:
        client, _ = sender.client_for(draft, "s3")
    except Exception as exc:  # credentials or botocore: one line, never a traceback
        raise AttachmentError(f"{shown(str(local.path))}: {_reason(exc)}") from None
    return upload(client, bucket, local, expires_in=expires_in, progress=progress)
