"""Provides the sandbox's attachment store: the small part of Amazon S3 that boto3's
`upload_file` and a presigned GET need, so a demo attaches files with no AWS account.

Path-style requests under one bucket (`attachments.SANDBOX_BUCKET`), SigV4 for service
`s3` in the Authorization header (PutObject, GetObject, HeadObject, DeleteObject) or in
the query string (a presigned GET or HEAD, refused once expired). Objects live in memory,
at most `STORE_BYTES` in all. S3 answers errors in XML, and so does this. Not charged to
Connect's quota and not subject to its injected faults (those imitate Connect); each call
is journaled with its bucket, key and size, never the file's bytes. docs/attachments.md.

S3 API Reference: PutObject, GetObject, HeadObject, DeleteObject, ErrorResponses
(https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html); query-string auth:
https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import Message
from typing import Final
from urllib.parse import parse_qs, unquote, urlsplit
from xml.sax.saxutils import escape

from connect_tui.core.attachments import MAX_EXPIRY_SECONDS, SANDBOX_BUCKET
from connect_tui.sandbox import auth
from connect_tui.sandbox.protocol import ServiceError

PREFIX: Final = f"/{SANDBOX_BUCKET}"
#: The most the sandbox keeps in memory across all objects.
STORE_BYTES: Final = 256 * 1024 * 1024
_UNSIGNED: Final = "UNSIGNED-PAYLOAD"
#: Connect-style auth errors, as S3 names them.
_S3_CODES: Final = {
    "MissingAuthenticationTokenException": "AccessDenied",
    "IncompleteSignatureException": "AuthorizationHeaderMalformed",
    "UnrecognizedClientException": "InvalidAccessKeyId",
    "InvalidSignatureException": "SignatureDoesNotMatch",
}
_OPERATIONS: Final = {
    "PUT": "PutObject",
    "GET": "GetObject",
    "HEAD": "HeadObject",
    "DELETE": "DeleteObject",
}


@dataclass
class S3Reply:
    """An S3 answer: status, raw body, and headers."""

    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    error: str | None = None


@dataclass
class StoredObject:
    """One object: its bytes, Content-Type and ETag (the MD5 in quotes, as S3 gives it)."""

    data: bytes
    content_type: str
    etag: str


class Store:
    """The objects of the sandbox's bucket, by key; thread-safe."""

    def __init__(self) -> None:
        self._objects: dict[str, StoredObject] = {}
        self._lock = threading.Lock()

    def put(self, key: str, data: bytes, content_type: str) -> StoredObject:
        """Keep `data` under `key` (replacing any); S3Error when the store would be full."""
        stored = StoredObject(data, content_type, f'"{hashlib.md5(data).hexdigest()}"')
        with self._lock:
            used = sum(len(o.data) for k, o in self._objects.items() if k != key)
            if used + len(data) > STORE_BYTES:
                raise S3Error(
                    400,
                    "EntityTooLarge",
                    f"the sandbox keeps at most {STORE_BYTES:,} bytes of attachments "
                    f"({used:,} are stored); restart it to start afresh",
                )
            self._objects[key] = stored
        return stored

    def get(self, key: str) -> StoredObject | None:
        """The object under `key`, or None."""
        with self._lock:
            return self._objects.get(key)

    def delete(self, key: str) -> None:
        """Forget `key` (S3 answers 204 whether or not it existed)."""
        with self._lock:
            self._objects.pop(key, None)


class S3Error(Exception):
    """An S3 error: HTTP status, S3's code, a message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def handles(path: str) -> bool:
    """True when the request's path is in the sandbox's bucket."""
    return path == PREFIX or path.startswith(PREFIX + "/")


def handle(
    store: Store,
    method: str,
    target: str,
    headers: Message,
    raw: bytes,
    secret_for: Callable[[str], str | None],
    *,
    now: datetime | None = None,
) -> tuple[str | None, dict[str, object], S3Reply]:
    """(operation, what to journal, the reply) for one request to the bucket; never raises."""
    parts = urlsplit(target)
    key = unquote(parts.path[len(PREFIX) + 1 :]) if parts.path.startswith(PREFIX + "/") else ""
    operation = _OPERATIONS.get(method)
    record: dict[str, object] = {"Bucket": SANDBOX_BUCKET, "Key": key}
    try:
        if "AWSAccessKeyId=" in parts.query:
            raise S3Error(
                400,
                "InvalidRequest",
                "a SigV2 presigned URL: the sandbox accepts SigV4 only (signature_version s3v4)",
            )
        if operation is None or not key or (parts.query and _subresource(parts.query)):
            raise S3Error(
                501,
                "NotImplemented",
                f"the sandbox's S3 serves PutObject, GetObject, HeadObject and DeleteObject "
                f"of one object in {SANDBOX_BUCKET}, not {method} {parts.path}",
            )
        query = parse_qs(parts.query, keep_blank_values=True)
        if "X-Amz-Signature" in query:
            if method not in ("GET", "HEAD"):
                raise S3Error(403, "AccessDenied", "a presigned URL here is for GET only")
            _verify_presigned(method, target, headers, query, secret_for, now)
        else:
            _verify_header(method, target, headers, raw, secret_for, now)
        reply = _run(store, method, key, headers, raw)
    except S3Error as error:
        return operation, record, _error(error, parts.path)
    except ServiceError as error:
        s3_error = S3Error(error.status, _S3_CODES.get(error.code, error.code), error.message)
        return operation, record, _error(s3_error, parts.path)
    record["size"] = len(raw) if method == "PUT" else len(reply.body)
    return operation, record, reply


def _subresource(query: str) -> bool:
    """True for a query naming an S3 subresource (?uploads, ?acl, ...) not served here."""
    names = {part.split("=", 1)[0] for part in query.split("&") if part}
    return bool(names - {"x-id"} - {n for n in names if n.startswith(("X-Amz-", "x-amz-"))})


def _run(store: Store, method: str, key: str, headers: Message, raw: bytes) -> S3Reply:
    if method == "PUT":
        content_type = str(headers.get("Content-Type") or "binary/octet-stream")
        stored = store.put(key, raw, content_type)
        return S3Reply(200, headers={"ETag": stored.etag})
    if method == "DELETE":
        store.delete(key)
        return S3Reply(204)
    found = store.get(key)
    if found is None:
        raise S3Error(404, "NoSuchKey", "The specified key does not exist.")
    answer = {"ETag": found.etag, "Content-Type": found.content_type}
    if method == "HEAD":  # the object's length, with no body (RFC 9110, HEAD)
        return S3Reply(200, b"", {**answer, "Content-Length": str(len(found.data))})
    return S3Reply(200, found.data, answer)


def _verify_header(
    method: str,
    target: str,
    headers: Message,
    raw: bytes,
    secret_for: Callable[[str], str | None],
    now: datetime | None,
) -> None:
    """Authorization-header SigV4; the body's SHA-256 must match x-amz-content-sha256."""
    if not headers.get("Authorization"):
        # S3 answers an anonymous request for a private object so.
        raise S3Error(403, "AccessDenied", "Access Denied: the request is not signed")
    claimed = str(headers.get("x-amz-content-sha256") or "")
    if not claimed:
        raise S3Error(400, "InvalidRequest", "Missing required header x-amz-content-sha256")
    if claimed.startswith("STREAMING-") or "aws-chunked" in str(
        headers.get("Content-Encoding") or ""
    ):
        # Signed chunks (or a trailing checksum) frame the body: stored as it came, the file
        # would be corrupt. boto3 sends plain bodies over http, which is all the sandbox is.
        raise S3Error(
            501,
            "NotImplemented",
            "aws-chunked uploads (x-amz-content-sha256 STREAMING-...) are not served by the "
            "sandbox; send the body whole",
        )
    if claimed != _UNSIGNED and claimed != hashlib.sha256(raw).hexdigest():
        raise S3Error(
            400,
            "XAmzContentSHA256Mismatch",
            "The provided 'x-amz-content-sha256' header does not match what was computed.",
        )
    auth.verify(method, target, headers, raw, secret_for, now=now, service="s3")


def _verify_presigned(
    method: str,
    target: str,
    headers: Message,
    query: dict[str, list[str]],
    secret_for: Callable[[str], str | None],
    now: datetime | None,
) -> None:
    """Query-string SigV4: the signature, then the expiry (X-Amz-Date + X-Amz-Expires)."""
    needed = ("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires")
    values = {name: query.get(name, [""])[0] for name in (*needed, "X-Amz-Signature")}
    if values["X-Amz-Algorithm"] != auth.ALGORITHM or not all(values[n] for n in needed):
        raise S3Error(
            400, "AuthorizationQueryParametersError", f"{auth.ALGORITHM} query auth is incomplete"
        )
    scope = values["X-Amz-Credential"].split("/")
    if len(scope) != 5 or scope[3] != "s3" or scope[4] != "aws4_request":
        raise S3Error(
            400,
            "AuthorizationQueryParametersError",
            "X-Amz-Credential must be KEYID/DATE/REGION/s3/aws4_request",
        )
    key_id, date, region = scope[:3]
    secret = secret_for(key_id)
    if secret is None:
        raise S3Error(403, "InvalidAccessKeyId", f"this sandbox does not know {key_id}")
    try:
        signed_at = datetime.strptime(values["X-Amz-Date"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        expires = int(values["X-Amz-Expires"])
    except ValueError:
        raise S3Error(
            400, "AuthorizationQueryParametersError", "X-Amz-Date or X-Amz-Expires is malformed"
        ) from None
    if not 1 <= expires <= MAX_EXPIRY_SECONDS or date != values["X-Amz-Date"][:8]:
        raise S3Error(
            400,
            "AuthorizationQueryParametersError",
            "X-Amz-Expires must be 1 to 604800 seconds, signed on the Credential's date",
        )
    moment = now or datetime.now(UTC)
    if moment > signed_at + timedelta(seconds=expires):
        raise S3Error(403, "AccessDenied", "Request has expired")
    if signed_at - moment > auth.MAX_SKEW:
        raise S3Error(403, "AccessDenied", "Request is not yet valid")
    expected = _presigned_signature(method, target, headers, key_id, secret, region, values)
    if not hmac.compare_digest(expected, values["X-Amz-Signature"]):
        raise S3Error(403, "SignatureDoesNotMatch", auth.MISMATCH)


def _presigned_signature(
    method: str,
    target: str,
    headers: Message,
    key_id: str,
    secret: str,
    region: str,
    values: dict[str, str],
) -> str:
    """botocore's own S3 query signer over the URL without its signature."""
    from botocore.auth import S3SigV4QueryAuth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    parts = urlsplit(target)
    query = "&".join(
        part for part in parts.query.split("&") if not part.startswith("X-Amz-Signature=")
    )
    request = AWSRequest(method=method, url=f"http://{headers.get('host', '')}{parts.path}?{query}")
    request.headers["host"] = str(headers.get("host", ""))
    request.context["timestamp"] = values["X-Amz-Date"]
    signer = S3SigV4QueryAuth(
        Credentials(key_id, secret), "s3", region, expires=int(values["X-Amz-Expires"])
    )
    canonical = signer.canonical_request(request)
    return str(signer.signature(signer.string_to_sign(request, canonical), request))


def _error(error: S3Error, resource: str) -> S3Reply:
    """S3's XML error document."""
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<Error><Code>{escape(error.code)}</Code><Message>{escape(error.message)}</Message>"
        f"<Resource>{escape(resource)}</Resource></Error>"
    ).encode()
    return S3Reply(error.status, body, {"Content-Type": "application/xml"}, error.code)
