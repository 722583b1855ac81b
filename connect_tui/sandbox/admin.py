"""Provides the sandbox's own admin operations, which stand in for what people do in a demo.

Amazon Connect has no API by which an agent accepts a contact: an agent accepts it in the
agent workspace (the Contact Control Panel), and `UpdateContact`'s UserInfo may only be
set on external audio contacts (API Reference, UpdateContact:
https://docs.aws.amazon.com/connect/latest/APIReference/API_UpdateContact.html). So the
sandbox serves it on a path of its own, `POST /sandbox/accept-contact`, signed with SigV4
like every other request, which no Connect operation can collide with. What it changes is
what DescribeContact then shows on AWS: AgentInfo with the agent's Id,
AcceptedByAgentTimestamp and ConnectedToAgentTimestamp.

`accept_contact` (the client side) signs and sends that request with botocore's signer
and the sandbox's well-known keys; nothing else is needed.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from typing import Any, Final

from connect_tui.core import sandbox_identity
from connect_tui.sandbox import account
from connect_tui.sandbox.protocol import ServiceError, invalid
from connect_tui.sandbox.state import Instance, State

#: (method, path, operation) of the sandbox-only operations.
ADMIN_ROUTES: Final = (
    ("POST", "/sandbox/accept-contact", "AcceptContact"),
    # The sandbox clock that CheckHoursOfOperation reads (connect_tui.sandbox.flow_runs).
    ("POST", "/sandbox/clock", "SetSandboxClock"),
    # An instance copied from AWS, given to a running sandbox (connect_tui.sandbox.aws_copy).
    ("POST", "/sandbox/import-flows", "ImportFlows"),
)
ACCEPT_PATH: Final = ADMIN_ROUTES[0][1]
IMPORT_FLOWS_PATH: Final = ADMIN_ROUTES[2][1]
#: Their names: botocore's model has no shapes for them, so each checks its own request.
OPERATIONS: Final = frozenset(name for _, _, name in ADMIN_ROUTES)


def accept(state: State, instance: Instance, request: dict[str, Any]) -> dict[str, Any]:
    """The sandbox's agent accepts an active inbound contact (once)."""
    if not request.get("ContactId"):
        raise invalid("ContactId is required")
    contact = state.contact(instance, request["ContactId"])
    if not contact.active:
        raise invalid(f"ContactId: contact {contact.id} has ended; an agent cannot accept it")
    if contact.accepted_at is not None:
        raise invalid(f"ContactId: contact {contact.id} was already accepted by an agent")
    if contact.made_by_create_contact:
        raise invalid(
            f"ContactId: contact {contact.id} is an {contact.initiation_method} contact made by "
            "CreateContact: its agent is the one who made it"
        )
    user = request.get("UserId") or sandbox_identity.AGENT_USER_ID
    if account.agent(state, instance, user) is None:
        raise ServiceError(
            "ResourceNotFoundException",
            account.not_an_agent(instance, user),
        )
    contact.agent_id = user
    contact.accepted_at = contact.updated_at = time.time()
    return {"ContactId": contact.id}


class AdminError(Exception):
    """A refused or failed admin request; the message is one line for people."""


def accept_contact(url: str, instance_id: str, contact_id: str, *, timeout: float = 10) -> None:
    """Ask the sandbox at `url` to have its agent accept the contact; AdminError if refused."""
    post(url, ACCEPT_PATH, {"InstanceId": instance_id, "ContactId": contact_id}, timeout=timeout)


def import_flows(url: str, copy: dict[str, Any]) -> dict[str, Any]:
    """Give the sandbox at `url` an instance copied from AWS (connect_tui.sandbox.aws_copy.fetch);
    the counts of what it took. AdminError (one line) when refused or unreachable."""
    # boto3 gives timestamps as datetimes; the copy needs none of them, text will do.
    return post(url, IMPORT_FLOWS_PATH, json.loads(json.dumps(copy, default=str)), timeout=30)


def sign(request: Any, service: str = "connect") -> None:
    """Sign a botocore AWSRequest with the sandbox's well-known keys in its Region (SigV4),
    as boto3 signs a Connect request (`service` is the signing name)."""
    from botocore.auth import SigV4Auth
    from botocore.credentials import Credentials

    keys = Credentials(sandbox_identity.ACCESS_KEY_ID, sandbox_identity.SECRET_ACCESS_KEY)
    SigV4Auth(keys, service, sandbox_identity.REGION).add_auth(request)


def post(url: str, path: str, payload: dict[str, Any], *, timeout: float = 10) -> dict[str, Any]:
    """POST one of the sandbox's own operations, signed with its well-known keys; the JSON
    answer, or AdminError (one line) when it is refused or the sandbox cannot be reached."""
    from botocore.awsrequest import AWSRequest

    body = json.dumps(payload).encode()
    request = AWSRequest(
        method="POST",
        url=url.rstrip("/") + path,
        data=body,
        headers={"Content-Type": "application/json"},
    )
    sign(request)
    prepared = request.prepare()
    sent = urllib.request.Request(
        prepared.url, data=body, method="POST", headers=dict(prepared.headers.items())
    )
    try:
        with urllib.request.urlopen(sent, timeout=timeout) as answer:  # noqa: S310 (our URL)
            return dict(json.loads(answer.read() or b"{}"))
    except urllib.error.HTTPError as error:
        code = error.headers.get("x-amzn-ErrorType") or f"HTTP {error.code}"
        try:
            message = json.loads(error.read() or b"{}").get("message", "")
        except ValueError:
            message = ""
        raise AdminError(f"{code}: {message}" if message else code) from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise AdminError(f"cannot reach the sandbox at {url}: {reason}") from None
