"""Provides the routes: which operation an HTTP method and path call, and its URI parameters.

The table is Connect's own (botocore's model holds the same; a test compares them).
Anything else is a 404 UnknownOperationException that lists what the sandbox serves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import parse_qs, unquote, urlsplit

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
    ("GET", "/contact/associated/{InstanceId}", "ListAssociatedContacts"),
    ("GET", "/contact/references/{InstanceId}/{ContactId}", "ListContactReferences"),
    # Flows, queues, hours, tags (connect_tui.sandbox.flow_operations; docs/flows.md).
    ("PUT", "/contact-flows/{InstanceId}", "CreateContactFlow"),
    ("POST", "/contact-flows/{InstanceId}/{ContactFlowId}/content", "UpdateContactFlowContent"),
    ("GET", "/contact-flows/{InstanceId}/{ContactFlowId}", "DescribeContactFlow"),
    ("GET", "/contact-flows-summary/{InstanceId}", "ListContactFlows"),
    ("POST", "/search-contact-flows", "SearchContactFlows"),
    ("GET", "/queues-summary/{InstanceId}", "ListQueues"),
    ("GET", "/queues/{InstanceId}/{QueueId}", "DescribeQueue"),
    ("POST", "/search-queues", "SearchQueues"),
    ("GET", "/hours-of-operations/{InstanceId}/{HoursOfOperationId}", "DescribeHoursOfOperation"),
    ("POST", "/contact/tags", "TagContact"),
    # The account's instances and an instance's agents (connect_tui.sandbox.account).
    ("GET", "/instance", "ListInstances"),
    ("POST", "/search-users", "SearchUsers"),
    ("POST", "/search-contacts", "SearchContacts"),
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
    params: dict[str, Any]


def query_members(operation: str, query: str) -> dict[str, Any]:
    """The request members a query string carries, named and typed as botocore's model says
    (`contactId=...` is ContactId; a list member takes every value; an integer is parsed)."""
    from connect_tui.core import schema

    shape = schema.operation_model(operation).input_shape
    members: dict[str, Any] = {}
    if shape is None:
        return members
    values = parse_qs(query, keep_blank_values=True)
    for name, member in shape.members.items():
        where = member.serialization
        if where.get("location") != "querystring" or where.get("name") not in values:
            continue
        given = values[where["name"]]
        if member.type_name == "list":
            members[name] = given
        elif member.type_name in ("integer", "long") and given[0].lstrip("-").isdigit():
            members[name] = int(given[0])
        else:
            members[name] = given[0]
    return members


def match(method: str, target: str) -> Route:
    """The route of `method target`; UnknownOperationException (404) when there is none."""
    parts = urlsplit(target)
    path = parts.path
    for route_method, pattern, operation in _COMPILED:
        found = pattern.fullmatch(path)
        if found and route_method == method:
            params: dict[str, Any] = {
                key: unquote(value) for key, value in found.groupdict().items()
            }
            if parts.query:
                params.update(query_members(operation, parts.query))
            return Route(operation, params)
    served = "; ".join(f"{m} {uri} ({name})" for m, uri, name in ROUTES)
    raise ServiceError(
        "UnknownOperationException",
        f"the sandbox has no operation at {method} {path}; it serves: {served}",
    )
