"""Provides the routes: which operation an HTTP method and path call, and its URI parameters.

The table is Connect's own (botocore's model holds the same; a test compares them).
Anything else is a 404 UnknownOperationException that lists what the sandbox serves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final
from urllib.parse import unquote, urlsplit

from connect_tui.sandbox.admin import ADMIN_ROUTES
from connect_tui.sandbox.protocol import ServiceError

#: (method, request URI, operation), as in botocore's Connect model.
ROUTES: Final = (
    ("PUT", "/contact/email", "StartEmailContact"),
    ("PUT", "/contact/outbound-email", "StartOutboundEmailContact"),
    ("PUT", "/contact/create-contact", "CreateContact"),
    ("GET", "/contacts/{InstanceId}/{ContactId}", "DescribeContact"),
    ("GET", "/contact/attributes/{InstanceId}/{InitialContactId}", "GetContactAttributes"),
    ("POST", "/search-email-addresses", "SearchEmailAddresses"),
    ("POST", "/contact/stop", "StopContact"),
)


def _pattern(uri: str) -> re.Pattern[str]:
    return re.compile(re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", uri) + "/?")


_COMPILED: Final = tuple(
    (method, _pattern(uri), name) for method, uri, name in ROUTES + ADMIN_ROUTES
)


@dataclass(frozen=True)
class Route:
    """The operation a request calls, and the parameters its path carries."""

    operation: str
    params: dict[str, str]


def match(method: str, target: str) -> Route:
    """The route of `method target`; UnknownOperationException (404) when there is none."""
    path = urlsplit(target).path
    for route_method, pattern, operation in _COMPILED:
        found = pattern.fullmatch(path)
        if found and route_method == method:
            params = {key: unquote(value) for key, value in found.groupdict().items()}
            return Route(operation, params)
    served = "; ".join(f"{m} {uri} ({name})" for m, uri, name in ROUTES)
    raise ServiceError(
        "UnknownOperationException",
        f"the sandbox has no operation at {method} {path}; it serves: {served}",
    )
