"""Provides SigV4 verification: the request is signed again with botocore's own signer.

The received request is rebuilt with the headers it says it signed, its X-Amz-Date and
the secret of the access key it names, then signed by botocore.auth.SigV4Auth; the two
signatures must match. Refusals are 403s shaped as AWS shapes them. No key or signature
is ever logged.
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.message import Message
from typing import Final

from connect_tui.sandbox.protocol import ServiceError

SERVICE: Final = "connect"
ALGORITHM: Final = "AWS4-HMAC-SHA256"
#: AWS refuses a signature made more than 15 minutes away from its own clock.
MAX_SKEW: Final = timedelta(minutes=15)

_FIELD = re.compile(r"(\w+)=([^,\s]*)")
MISMATCH: Final = (
    "The request signature we calculated does not match the signature you provided. "
    "Check your AWS Secret Access Key and signing method."
)


def verify(
    method: str,
    path: str,
    headers: Message,
    body: bytes,
    secret_for: Callable[[str], str | None],
    *,
    now: datetime | None = None,
    service: str = SERVICE,
) -> str:
    """The access key id that signed the request; ServiceError (403) when it is not signed right.

    `path` is the request target as received (path and query); `secret_for` gives the
    secret of a known access key id, or None.
    """
    header = headers.get("Authorization")
    if not header:
        raise ServiceError("MissingAuthenticationTokenException", "Missing Authentication Token")
    algorithm, _, rest = header.strip().partition(" ")
    fields = dict(_FIELD.findall(rest))
    if algorithm != ALGORITHM or not {"Credential", "SignedHeaders", "Signature"} <= set(fields):
        raise ServiceError(
            "IncompleteSignatureException",
            f"Authorization header must be {ALGORITHM} with Credential, SignedHeaders and "
            "Signature",
        )
    scope = fields["Credential"].split("/")
    if len(scope) != 5 or scope[4] != "aws4_request":
        raise ServiceError(
            "IncompleteSignatureException",
            "Credential must be KEYID/DATE/REGION/SERVICE/aws4_request",
        )
    key_id, date, region, scope_service, _ = scope
    secret = secret_for(key_id)
    if secret is None:
        raise ServiceError(
            "UnrecognizedClientException",
            f"The security token included in the request is invalid: this sandbox does not "
            f"know the access key id {key_id}",
        )
    if scope_service != service:
        raise ServiceError(
            "InvalidSignatureException",
            f"Credential should be scoped to correct service: '{service}', not '{scope_service}'",
        )
    amz_date = headers.get("X-Amz-Date", "")
    _check_date(amz_date, date, now or datetime.now(UTC))
    names = [name for name in fields["SignedHeaders"].lower().split(";") if name]
    if "host" not in names:
        raise ServiceError("InvalidSignatureException", "the host header must be signed")
    missing = [name for name in names if headers.get(name) is None]
    if missing:
        raise ServiceError(
            "InvalidSignatureException", f"signed header {missing[0]} is not in the request"
        )
    expected = _signature(
        method, path, headers, names, body, key_id, secret, region, amz_date, service
    )
    if not hmac.compare_digest(expected, fields["Signature"]):
        raise ServiceError("InvalidSignatureException", MISMATCH)
    return str(key_id)


def _check_date(amz_date: str, scope_date: str, now: datetime) -> None:
    try:
        signed_at = datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        raise ServiceError(
            "IncompleteSignatureException", "X-Amz-Date is missing or not YYYYMMDDTHHMMSSZ"
        ) from None
    if scope_date != amz_date[:8]:
        raise ServiceError(
            "InvalidSignatureException",
            f"Date in Credential scope does not match YYYYMMDD from X-Amz-Date: {scope_date}",
        )
    if abs(now - signed_at) > MAX_SKEW:
        raise ServiceError(
            "InvalidSignatureException",
            f"Signature expired: {amz_date} is more than 15 minutes from the sandbox's "
            f"clock ({now:%Y%m%dT%H%M%SZ})",
        )


def warm_up() -> None:
    """Import botocore's signer now, so the first request does not wait for it."""
    import botocore.auth  # noqa: F401


def _signature(
    method: str,
    path: str,
    headers: Message,
    names: list[str],
    body: bytes,
    key_id: str,
    secret: str,
    region: str,
    amz_date: str,
    service: str = SERVICE,
) -> str:
    # Imported here: botocore takes a noticeable time to import and the CLI prints first.
    from botocore.auth import S3SigV4Auth, SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    request = AWSRequest(method=method, url=f"http://{headers['host']}{path}", data=body)
    for name in names:
        for value in headers.get_all(name, []):
            request.headers.add_header(name, value)
    request.context["timestamp"] = amz_date
    # S3 signs the path as sent (no normalising) and its payload hash as a header.
    signer_class = S3SigV4Auth if service == "s3" else SigV4Auth
    signer = signer_class(Credentials(key_id, secret), service, region)
    canonical = signer.canonical_request(request)
    return str(signer.signature(signer.string_to_sign(request, canonical), request))
