"""Provides the requests and lookups the prose-rule tests share (tests/core/test_rules*.py)."""

from __future__ import annotations

import copy
from typing import Any

from connect_tui.core.problems import Problem
from connect_tui.core.validation import validate_request
from tests.drafts import typical_inbound_request, typical_outbound_request


def inbound(**changes: Any) -> dict[str, Any]:
    """The typical inbound request with `changes` (deep-copied) in place of its members."""
    request = typical_inbound_request()
    request.update(copy.deepcopy(changes))
    return request


def outbound(**changes: Any) -> dict[str, Any]:
    """The typical outbound request with `changes` (deep-copied) in place of its members."""
    request = typical_outbound_request()
    request.update(copy.deepcopy(changes))
    return request


def by_path(operation: str, request: dict[str, Any]) -> dict[str, Problem]:
    """Every problem of the request, by its path."""
    return {p.path: p for p in validate_request(operation, request)}


def errors(operation: str, request: dict[str, Any]) -> dict[str, Problem]:
    """The errors of the request (no warnings), by path."""
    return {path: p for path, p in by_path(operation, request).items() if p.is_error}


def addresses(prefix: str, count: int) -> list[dict[str, str]]:
    """`count` distinct recipient entries: PREFIX0@example.com, PREFIX1@...."""
    return [{"EmailAddress": f"{prefix}{i}@example.com"} for i in range(count)]
