"""Provides the ClientToken memory: same token and parameters, same contact; else a conflict.

Connect remembers a ClientToken for 7 days (voice and chat document that; email is taken
to match). The parameters are compared as canonical JSON, so member order does not count.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any, Final

from connect_tui.sandbox.protocol import ServiceError

MEMORY_SECONDS: Final = 7 * 24 * 3600


@dataclass(frozen=True)
class Remembered:
    """What one token made: the parameters (canonical JSON), the answer, and when."""

    fingerprint: str
    response: dict[str, Any]
    at: float


def fingerprint(request: dict[str, Any]) -> str:
    """The request's parameters as canonical JSON."""
    return json.dumps(request, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


class TokenMemory:
    """Answers already given, by operation and ClientToken (the State's lock guards it)."""

    def __init__(self) -> None:
        self._answers: dict[tuple[str, str], Remembered] = {}

    def replay(self, operation: str, request: dict[str, Any]) -> dict[str, Any] | None:
        """The earlier answer to this very request, None for a new token; IdempotencyException
        when the token was used with other parameters."""
        token = request.get("ClientToken")
        if not isinstance(token, str):
            return None
        remembered = self._answers.get((operation, token))
        if remembered is None or time.time() - remembered.at > MEMORY_SECONDS:
            return None
        if remembered.fingerprint != fingerprint(request):
            raise ServiceError(
                "IdempotencyException",
                f"ClientToken {token!r} was already used by a {operation} request with different "
                f"parameters (it made contact {remembered.response.get('ContactId')}); use a new "
                "ClientToken for a new contact",
            )
        return remembered.response

    def remember(self, operation: str, request: dict[str, Any], response: dict[str, Any]) -> None:
        """Keep the answer to a request that carried a ClientToken."""
        token = request.get("ClientToken")
        if isinstance(token, str):
            self._answers[(operation, token)] = Remembered(
                fingerprint(request), response, time.time()
            )
