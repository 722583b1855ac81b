"""Provides the operations: the service's own rules, after the shared validation.

Every request first goes through connect_tui.core.validation.validate_request (the one
implementation the composer uses too: botocore's model and, for StartEmailContact,
StartOutboundEmailContact and CreateContact, the prose rules); the first error is the
InvalidRequestException. Then the rules only the service can check: the instance exists,
addresses belong to it, contacts exist and are of the right kind, the agent is known,
and the instance has room for one more.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from connect_tui.sandbox import (
    account,
    admin,
    aws_copy,
    contact_search,
    flow_operations,
    flow_runs,
    search,
    views,
)
from connect_tui.sandbox.paging import page
from connect_tui.sandbox.protocol import ServiceError, invalid, not_found
from connect_tui.sandbox.state import Contact, Instance, State

OUTBOUND_METHODS: Final = ("OUTBOUND", "AGENT_REPLY")
#: API Reference, CreateContact: "For EMAIL: The supported initiation methods are OUTBOUND,
#: AGENT_REPLY, and FLOW".
EMAIL_CREATE_METHODS: Final = (*OUTBOUND_METHODS, "FLOW")
#: The operations that make contacts, and so remember their ClientToken.
IDEMPOTENT: Final = ("StartEmailContact", "StartOutboundEmailContact", "CreateContact")


@dataclass(frozen=True)
class Result:
    """An operation's answer body, and whether it replays an earlier ClientToken."""

    body: dict[str, Any]
    replay: bool = False


def run(state: State, operation: str, request: dict[str, Any]) -> Result:
    """Carry out one operation; ServiceError for every refusal."""
    if operation not in admin.OPERATIONS:
        check(operation, request)
    with state.lock:
        instance = None if operation in ACCOUNT_WIDE else state.instance(request.get("InstanceId"))
        if operation in IDEMPOTENT:
            earlier = state.tokens.replay(operation, request)
            if earlier is not None:
                return Result(earlier, replay=True)
        body = HANDLERS[operation](state, instance, request)
        if operation in IDEMPOTENT:
            state.tokens.remember(operation, request, body)
        return Result(body)


#: Rules about a draft's outbound chain, not about the API call itself: CreateContact makes
#: EMAIL contacts OUTBOUND, AGENT_REPLY or FLOW (API Reference, CreateContact); only the first
#: two can be sent by StartOutboundEmailContact, which refuses the others (docs/service-rules.md).
DRAFT_ONLY_RULES: Final = frozenset({"create-contact.initiation-method"})


def check(operation: str, request: dict[str, Any]) -> None:
    """InvalidRequestException naming the first error the shared validation finds."""
    # Imported here: the validation loads botocore's model, which the CLI need not wait for.
    from connect_tui.core.problems import first_and_more
    from connect_tui.core.validation import validate_request

    errors = [
        p
        for p in validate_request(operation, request)
        if p.is_error and p.rule_id not in DRAFT_ONLY_RULES
    ]
    if errors:
        raise invalid(first_and_more(errors))


def _entry(value: Any) -> dict[str, str]:
    """An EmailAddressInfo as the Contact shape's EmailRecipient (Address, DisplayName)."""
    entry = {"Address": str(value.get("EmailAddress", ""))}
    if value.get("DisplayName"):
        entry["DisplayName"] = str(value["DisplayName"])
    return entry


def _related_attributes(
    state: State, instance: Instance, request: dict[str, Any], member: str = "RelatedContactId"
) -> dict[str, str]:
    """The related contact's attributes (they are copied), overridden by the request's own."""
    copied: dict[str, str] = {}
    if member in request:
        copied.update(state.contact(instance, request[member]).attributes)
    copied.update(request.get("Attributes") or {})
    return copied


def _thread(state: State, instance: Instance, request: dict[str, Any]) -> dict[str, Any]:
    """Where a new contact sits in its email thread, from the RelatedContactId it names.

    API Reference, Contact (https://docs.aws.amazon.com/connect/latest/APIReference/API_Contact.html):
    ContactAssociationId is the root contact of the tree, InitialContactId the initial contact
    when contacts are related. A contact that names no related contact starts its own thread.
    """
    related_id = request.get("RelatedContactId")
    if related_id is None:
        return {}
    related = state.contact(instance, related_id)
    return {"association_id": related.root_id, "initial_contact_id": related.root_id}


def start_email_contact(
    state: State, instance: Instance, request: dict[str, Any]
) -> dict[str, Any]:
    """An inbound email arrives at one of the instance's addresses."""
    extra = request.get("AdditionalRecipients") or {}
    to_list = [_entry(a) for a in extra.get("ToAddresses", [])]
    cc_list = [_entry(a) for a in extra.get("CcAddresses", [])]
    destination = request["DestinationEmailAddress"]
    candidates = [destination] + [a["Address"] for a in to_list + cc_list]
    system = next((instance.address(a) for a in candidates if instance.address(a)), None)
    flow = flow_runs.flow_for(instance, request, system.address if system else None)
    if system is None and "ContactFlowId" not in request:
        known = ", ".join(a.address for a in instance.addresses.values()) or "none"
        raise not_found(
            f"DestinationEmailAddress {destination} (and every To/Cc address) is not an email "
            f"address of instance {instance.id} (it has: {known}); send to one of them or give "
            "a ContactFlowId"
        )
    attributes = _related_attributes(state, instance, request)
    raw = (request.get("EmailMessage") or {}).get("RawMessage") or {}
    state.check_room(instance)
    contact = state.new_contact(
        instance,
        "INBOUND",
        name=request.get("Name"),
        description=request.get("Description"),
        attributes=attributes,
        segment_attributes=_segments(request, raw.get("Subject"), raw.get("Headers")),
        related_contact_id=request.get("RelatedContactId"),
        customer=_entry(request["FromEmailAddress"]),
        system={"Address": system.address if system else destination},
        to_list=to_list,
        cc_list=cc_list,
        references=_references(request),
        attachments=[dict(a) for a in request.get("Attachments") or []],
        flow_id=request.get("ContactFlowId"),
        **_thread(state, instance, request),
    )
    if flow is not None:
        flow_runs.schedule(state, instance, contact, flow)
    return {"ContactId": contact.id}


def _segments(request: dict[str, Any], subject: Any, headers: Any) -> dict[str, Any]:
    """The request's segment attributes, with those Connect sets itself on an email contact."""
    own = dict(request.get("SegmentAttributes") or {})
    return {**views.EMAIL_SUBTYPE, **own, **views.system_segment_attributes(subject, headers)}


def _references(request: dict[str, Any]) -> dict[str, dict[str, str]]:
    return {name: dict(value) for name, value in (request.get("References") or {}).items()}


def create_contact(state: State, instance: Instance, request: dict[str, Any]) -> dict[str, Any]:
    """An email contact (OUTBOUND or AGENT_REPLY waits for StartOutboundEmailContact; FLOW not)."""
    method = request["InitiationMethod"]
    if method not in EMAIL_CREATE_METHODS:
        raise invalid(
            f"InitiationMethod: is {method}; an EMAIL contact is created with one of: "
            + ", ".join(EMAIL_CREATE_METHODS)
        )
    user = (request.get("UserInfo") or {}).get("UserId")
    # API Reference, CreateContact: UserInfo is required for OUTBOUND and AGENT_REPLY email.
    if (user is not None or method in OUTBOUND_METHODS) and account.agent(
        state, instance, user
    ) is None:
        raise not_found(f"UserInfo.{account.not_an_agent(instance, user)}")
    attributes = _related_attributes(state, instance, request)
    if "PreviousContactId" in request:
        state.contact(instance, request["PreviousContactId"])
    state.check_room(instance)
    contact = state.new_contact(
        instance,
        request["InitiationMethod"],
        made_by_create_contact=True,
        name=request.get("Name"),
        description=request.get("Description"),
        attributes=attributes,
        segment_attributes=_segments(request, None, None),
        related_contact_id=request.get("RelatedContactId"),
        previous_contact_id=request.get("PreviousContactId"),
        agent_id=user,
        references=_references(request),
        **_thread(state, instance, request),
    )
    return {"ContactId": contact.id, "ContactArn": contact.arn}


def start_outbound_email_contact(
    state: State, instance: Instance, request: dict[str, Any]
) -> dict[str, Any]:
    """The email of a contact made by CreateContact goes out (once)."""
    contact = state.contact(instance, request["ContactId"])
    _check_outbound_contact(contact)
    sender = request.get("FromEmailAddress")
    if sender is not None:
        address = instance.address(sender.get("EmailAddress"))
        if address is None:
            known = ", ".join(a.address for a in instance.addresses.values()) or "none"
            raise not_found(
                f"FromEmailAddress.EmailAddress {sender.get('EmailAddress')} is not an email "
                f"address of instance {instance.id} (it has: {known})"
            )
        system = {**_entry(sender), "Address": address.address}
    else:
        default = next(iter(instance.addresses.values()), None)
        system = {"Address": default.address} if default else {}
    extra = request.get("AdditionalRecipients") or {}
    contact.email_sent = True
    contact.updated_at = time.time()
    contact.customer = _entry(request["DestinationEmailAddress"])
    contact.system = system or None
    contact.cc_list = [_entry(a) for a in extra.get("CcEmailAddresses", [])]
    subject = ((request.get("EmailMessage") or {}).get("RawMessage") or {}).get("Subject")
    contact.segment_attributes.update(views.system_segment_attributes(subject, None))
    return {"ContactId": contact.id}


def _check_outbound_contact(contact: Contact) -> None:
    if not contact.made_by_create_contact or contact.initiation_method not in OUTBOUND_METHODS:
        raise invalid(
            f"ContactId: contact {contact.id} is a {contact.initiation_method} contact; "
            "StartOutboundEmailContact needs one made by CreateContact with Channel EMAIL and "
            "InitiationMethod OUTBOUND or AGENT_REPLY"
        )
    if contact.email_sent:
        raise invalid(f"ContactId: contact {contact.id} has already sent its email")
    if not contact.active:
        raise invalid(f"ContactId: contact {contact.id} was stopped")


def describe_contact(state: State, instance: Instance, request: dict[str, Any]) -> dict[str, Any]:
    """A contact as DescribeContact shows it."""
    return {"Contact": views.contact(state.contact(instance, request.get("ContactId")))}


def get_contact_attributes(
    state: State, instance: Instance, request: dict[str, Any]
) -> dict[str, Any]:
    """The attributes of a contact."""
    return {"Attributes": dict(state.contact(instance, request.get("InitialContactId")).attributes)}


def search_email_addresses(
    state: State, instance: Instance, request: dict[str, Any]
) -> dict[str, Any]:
    """The instance's email addresses that meet the search criteria, a page at a time."""
    return search.email_addresses(list(instance.addresses.values()), request)


def stop_contact(state: State, instance: Instance, request: dict[str, Any]) -> dict[str, Any]:
    """End an active contact, making room for another."""
    contact = state.contact(instance, request.get("ContactId"))
    if not contact.active:
        raise ServiceError("ContactNotFoundException", f"Contact {contact.id} is not active")
    # Without a code (only outbound campaigns may give one), the reason Connect reports for
    # a contact ended by an API call: API, one of the documented DISCONNECT_REASON values
    # (API Reference, GetMetricDataV2, MetricFilterValues).
    state.stop(instance, contact, (request.get("DisconnectReason") or {}).get("Code") or "API")
    return {}


def list_associated_contacts(
    state: State, instance: Instance, request: dict[str, Any]
) -> dict[str, Any]:
    """The contacts of the thread the contact is in (same ContactAssociationId), oldest first."""
    root = state.contact(instance, request.get("ContactId")).root_id
    thread = sorted(
        (c for c in state.contacts.values() if c.instance_id == instance.id and c.root_id == root),
        key=lambda c: c.created_at,
    )
    return page([views.associated(c) for c in thread], request, "ContactSummaryList")


def list_contact_references(
    state: State, instance: Instance, request: dict[str, Any]
) -> dict[str, Any]:
    """The contact's references of the ReferenceTypes asked for."""
    found = state.contact(instance, request.get("ContactId"))
    summaries = views.references(found, list(request.get("ReferenceTypes") or []))
    return page(summaries, request, "ReferenceSummaryList")


#: Each operation's handler: (state, the request's instance (None: ACCOUNT_WIDE), request).
HANDLERS: Final[dict[str, Callable[[State, Any, dict[str, Any]], dict[str, Any]]]] = {
    "StartEmailContact": start_email_contact,
    "StartOutboundEmailContact": start_outbound_email_contact,
    "CreateContact": create_contact,
    "DescribeContact": describe_contact,
    "GetContactAttributes": get_contact_attributes,
    "SearchEmailAddresses": search_email_addresses,
    "StopContact": stop_contact,
    "ListAssociatedContacts": list_associated_contacts,
    "ListContactReferences": list_contact_references,
    **flow_operations.HANDLERS,
    "ListInstances": account.list_instances,
    "SearchUsers": account.search_users,
    "SearchContacts": contact_search.search_contacts,
    "AcceptContact": admin.accept,
    "SetSandboxClock": lambda state, _, request: flow_runs.set_clock(state, request),
    "ImportFlows": lambda state, _, request: aws_copy.import_request(state, request),
}

#: Operations of the account, not of one instance (no InstanceId).
ACCOUNT_WIDE: Final = frozenset({"ListInstances", "SetSandboxClock", "ImportFlows"})
