"""Provides the rest-json wire format: AWS-style errors, JSON bodies in and out.

An error is sent as AWS sends it: the status code, the `x-amzn-ErrorType` header and a
JSON body with `message`, so botocore raises the modelled exception (or a ClientError
with that code) carrying the message.
"""

from __future__ import annotations

import json
from typing import Any, Final

from connect_tui.core import nesting, safe_text

#: HTTP status of each error the sandbox sends (Connect's model, plus the 403s of SigV4).
STATUS: Final[dict[str, int]] = {
    "InvalidRequestException": 400,
    "SerializationException": 400,
    "ServiceQuotaExceededException": 402,
    "AccessDeniedException": 403,
    "UnrecognizedClientException": 403,
    "InvalidSignatureException": 403,
    "IncompleteSignatureException": 403,
    "MissingAuthenticationTokenException": 403,
    "ResourceNotFoundException": 404,
    "UnknownOperationException": 404,
    "IdempotencyException": 409,
    "ContactNotFoundException": 410,
    "ThrottlingException": 429,
    "InternalServiceException": 500,
}

CONTENT_TYPE: Final = "application/json"


class ServiceError(Exception):
    """An error answer: its code (the exception name botocore raises) and its message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    @property
    def status(self) -> int:
        """The HTTP status code AWS answers this error with."""
        return STATUS.get(self.code, 400)

    def body(self) -> dict[str, Any]:
        """The JSON body of the answer."""
        return {"message": self.message}


def invalid(message: str) -> ServiceError:
    """An InvalidRequestException."""
    return ServiceError("InvalidRequestException", message)


def not_found(message: str) -> ServiceError:
    """A ResourceNotFoundException."""
    return ServiceError("ResourceNotFoundException", message)


def parse_body(raw: bytes) -> dict[str, Any]:
    """The JSON object of a request body ({} when empty); SerializationException otherwise."""
    if not raw.strip():
        return {}
    try:
        value = json.loads(raw)
    except (UnicodeDecodeError, ValueError) as exc:
        raise ServiceError("SerializationException", f"the body is not valid JSON: {exc}") from exc
    except RecursionError:
        raise ServiceError("SerializationException", "the body is nested too deeply") from None
    if not isinstance(value, dict):
        raise ServiceError("SerializationException", "the body must be a JSON object")
    deep = nesting.too_deep(value)
    if deep:
        raise ServiceError("SerializationException", f"the body is {deep}")
    bad_text = nesting.lone_surrogate(value)
    if bad_text:
        raise ServiceError("SerializationException", f"the body {bad_text}")
    return value


def encode(body: dict[str, Any]) -> bytes:
    """A JSON body as bytes (UTF-8, no ASCII escaping)."""
    # safe_text.dumps: the same JSON, with control characters and lone surrogates escaped.
    return safe_text.dumps(body).encode("utf-8")
