"""Provides switch_operation: turn an inbound draft into an outbound one and back, losing nothing;
and the outbound choices that set fields aside the same way: set_message_source (RAW or
TEMPLATE) and set_create_first (a typed ContactId, or a CreateContact step sent first).

Switching flips the direction of the email: the inbound customer (From) becomes the
outbound destination, and the instance address (inbound destination) becomes the
outbound From. Shapes that differ are converted (DestinationEmailAddress is a string
inbound and an address outbound; outbound has only Cc). Contact data that the outbound
request does not take but CreateContact does (attributes, references, segment
attributes, name, description, related contact) moves into the CreateContact step.
Whatever has no place in the new operation is parked on the draft and comes back when
the draft is switched back. A round trip gives back the very draft it started from: an
inbound draft switched to outbound and back has no CreateContact step it did not have
(docs/architecture.md, "Switching and parking").

The panes call these with the value a user picked and then only write field values: the
rules of what waits in `draft.parked` (its keys are defined once, in core.model) live here.
"""

from __future__ import annotations

import copy
from typing import Any, Final

from connect_tui.core import sandbox_identity
from connect_tui.core.model import (
    INBOUND,
    OUTBOUND,
    PARKED_CONTACT_ID,
    PARKED_CREATE_CONTACT,
    PARKED_RAW_MESSAGE,
    PARKED_TEMPLATE,
    Draft,
    Request,
)

#: Contact data that StartEmailContact and CreateContact take, StartOutboundEmailContact not.
CHAIN_FIELDS: Final = (
    "Name",
    "Description",
    "RelatedContactId",
    "Attributes",
    "References",
    "SegmentAttributes",
)
#: Fields kept as they are, whichever the operation.
SHARED_FIELDS: Final = ("InstanceId", "ClientToken")
#: The message an inbound draft gets when its outbound message was a template (inbound is RAW only).
BLANK_RAW_MESSAGE: Final = {
    "MessageSourceType": "RAW",
    "RawMessage": {"Subject": "", "Body": "", "ContentType": "text/plain"},
}
MESSAGE: Final = "EmailMessage"
#: The EmailMessage source types (inbound takes RAW only).
RAW: Final = "RAW"
TEMPLATE: Final = "TEMPLATE"
#: The member each source type needs; the other one waits in draft.parked under its name.
SOURCE_MEMBERS: Final = {RAW: PARKED_RAW_MESSAGE, TEMPLATE: PARKED_TEMPLATE}
#: A member of each source type with nothing typed in it (not worth parking).
EMPTY_MEMBERS: Final[dict[str, dict[str, Any]]] = {
    RAW: {"Subject": "", "Body": "", "ContentType": "text/plain"},
    TEMPLATE: {"TemplateAttributes": {}},
}


def default_create_contact(draft: Draft) -> Request:
    """The CreateContact step a new outbound draft starts with (an OUTBOUND email contact)."""
    user_id = sandbox_identity.AGENT_USER_ID if draft.target.is_sandbox else ""
    return {"Channel": "EMAIL", "InitiationMethod": "OUTBOUND", "UserInfo": {"UserId": user_id}}


def switch_operation(draft: Draft, operation: str) -> Draft:
    """A copy of the draft for `operation`, converted so that switching back restores it."""
    if operation not in (INBOUND, OUTBOUND):
        raise ValueError(f"unknown operation {operation!r}")
    new = draft.copy()
    if operation == draft.operation:
        return new
    parked_here = new.parked.pop(operation, {})
    if operation == OUTBOUND:
        request, leftovers = _to_outbound(new, parked_here)
    else:
        request, leftovers = _to_inbound(new, parked_here)
    new.request = merge_missing(request, parked_here)
    if leftovers:
        new.parked[draft.operation] = leftovers
    new.operation = operation
    return new


def as_reply(draft: Draft, related_contact_id: str) -> Draft:
    """The draft as an agent reply to contact `related_contact_id` (CreateContact AGENT_REPLY).

    An inbound draft is switched to outbound first, so its customer becomes the
    destination and its instance address the sender; a RAW subject gets "Re: ".
    """
    reply = switch_operation(draft, OUTBOUND) if draft.operation == INBOUND else draft.copy()
    reply.request.pop("ContactId", None)
    chain = reply.create_contact or default_create_contact(reply)
    chain.update(InitiationMethod="AGENT_REPLY", RelatedContactId=related_contact_id)
    chain.setdefault("Channel", "EMAIL")
    reply.create_contact = chain
    message = reply.request.get("EmailMessage")
    raw = message.get("RawMessage") if isinstance(message, dict) else None
    if isinstance(raw, dict) and isinstance(raw.get("Subject"), str):
        if not raw["Subject"].lower().startswith("re:"):
            raw["Subject"] = f"Re: {raw['Subject']}".strip()
    return reply


def merge_missing(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """`base` with what `extra` has that `base` lacks, merged table by table."""
    merged = dict(base)
    for key, value in extra.items():
        if key not in merged:
            merged[key] = copy.deepcopy(value)
        elif isinstance(merged[key], dict) and isinstance(value, dict):
            merged[key] = merge_missing(merged[key], value)
    return merged


def _to_outbound(draft: Draft, parked: Request) -> tuple[Request, Request]:
    source = draft.request
    out: Request = {k: source[k] for k in SHARED_FIELDS if k in source}
    leftovers: Request = {}
    destination = source.get("DestinationEmailAddress")
    if destination is not None:
        out["FromEmailAddress"] = {"EmailAddress": destination}
    if "FromEmailAddress" in source:
        out["DestinationEmailAddress"] = source["FromEmailAddress"]

    recipients = source.get("AdditionalRecipients")
    if isinstance(recipients, dict):
        to = _list(recipients.get("ToAddresses"))
        cc = _list(recipients.get("CcAddresses"))
        if to or cc:
            out["AdditionalRecipients"] = {"CcEmailAddresses": to + cc}
        if to:  # remembered so that switching back puts them in To again
            leftovers["AdditionalRecipients"] = {"ToAddresses": to}

    message = source.get("EmailMessage")
    own_message = parked.pop("EmailMessage", None)
    if isinstance(message, dict):
        raw_message, headers = _without_headers(message)
        if isinstance(own_message, dict) and "MessageSourceType" in own_message:
            # The outbound message (a template) parked on the way in comes back; the inbound
            # one is parked in turn unless it is only the blank RAW body made for the trip.
            out["EmailMessage"] = own_message
            if raw_message != BLANK_RAW_MESSAGE:
                leftovers["EmailMessage"] = message
        else:
            out["EmailMessage"] = raw_message
            if headers is not None:
                leftovers["EmailMessage"] = {"RawMessage": {"Headers": headers}}

    moved: Request = {k: source[k] for k in CHAIN_FIELDS if k in source}
    if draft.create_contact is None and "ContactId" in parked:
        # The draft names its contact itself: no CreateContact step to carry these.
        leftovers.update(moved)
    else:
        draft.create_contact = {**(draft.create_contact or default_create_contact(draft)), **moved}

    known = {*SHARED_FIELDS, *CHAIN_FIELDS, "DestinationEmailAddress", "FromEmailAddress"}
    known |= {"AdditionalRecipients", "EmailMessage"}
    for key, value in source.items():
        if key not in known:
            leftovers[key] = value  # Attachments, ContactFlowId and anything unknown
    return out, leftovers


def _to_inbound(draft: Draft, parked: Request) -> tuple[Request, Request]:
    source = draft.request
    out: Request = {k: source[k] for k in SHARED_FIELDS if k in source}
    leftovers: Request = {}
    sender = source.get("FromEmailAddress")  # outbound: an address of the instance
    if isinstance(sender, dict):
        if "EmailAddress" in sender:
            out["DestinationEmailAddress"] = sender["EmailAddress"]
        if "DisplayName" in sender:  # an inbound destination is a bare address
            leftovers["FromEmailAddress"] = {"DisplayName": sender["DisplayName"]}
    if "DestinationEmailAddress" in source:  # outbound: the customer
        out["FromEmailAddress"] = source["DestinationEmailAddress"]

    recipients = source.get("AdditionalRecipients")
    cc = _list(recipients.get("CcEmailAddresses")) if isinstance(recipients, dict) else []
    parked_recipients = parked.pop("AdditionalRecipients", {})
    was_to = {_address_key(e) for e in _list(parked_recipients.get("ToAddresses"))}
    to = [e for e in cc if _address_key(e) in was_to]
    cc_only = [e for e in cc if _address_key(e) not in was_to]
    if to or cc_only:
        out["AdditionalRecipients"] = {
            **({"ToAddresses": to} if to else {}),
            **({"CcAddresses": cc_only} if cc_only else {}),
        }

    message = source.get("EmailMessage")
    if isinstance(message, dict):
        if message.get("MessageSourceType") == "RAW" and "TemplatedMessageConfig" not in message:
            out["EmailMessage"] = message
        else:
            # Inbound email is RAW only: keep the template for the way back, start a RAW body.
            leftovers["EmailMessage"] = message
            own_message = parked.get("EmailMessage")
            if isinstance(own_message, dict) and "MessageSourceType" in own_message:
                # The inbound message parked on the way out comes back.
                out["EmailMessage"] = parked.pop("EmailMessage")
            else:
                out["EmailMessage"] = copy.deepcopy(BLANK_RAW_MESSAGE)

    chain = draft.create_contact or {}
    for key in CHAIN_FIELDS:
        if key in chain:
            out[key] = chain.pop(key)
    if draft.create_contact is not None and _is_default_step(chain, draft):
        # Only the step the switch to outbound made: it goes, so a round trip adds nothing.
        draft.create_contact = None

    known = {*SHARED_FIELDS, "DestinationEmailAddress", "FromEmailAddress"}
    known |= {"AdditionalRecipients", "EmailMessage"}
    for key, value in source.items():
        if key not in known:
            leftovers[key] = value  # ContactId and anything unknown
    return out, leftovers


def _is_default_step(chain: Request, draft: Draft) -> bool:
    """True when the CreateContact step holds nothing but what a new outbound draft starts with.

    The agent may be absent or empty as well as the default one: the Contact pane leaves
    out an empty UserId.
    """
    default = default_create_contact(draft)
    rest = {k: v for k, v in chain.items() if k != "UserInfo"}
    user = chain.get("UserInfo", {})
    return rest == {k: v for k, v in default.items() if k != "UserInfo"} and user in (
        {},
        {"UserId": ""},
        default["UserInfo"],
    )


def message_source(draft: Draft) -> str:
    """The source type the draft's message is edited as: its MessageSourceType when that is
    RAW or TEMPLATE, else RAW (an unknown type is shown as RAW, and kept)."""
    message = draft.request.get(MESSAGE)
    source = message.get("MessageSourceType") if isinstance(message, dict) else None
    return source if source in SOURCE_MEMBERS else RAW


def set_message_source(draft: Draft, source: str) -> dict[str, Any]:
    """Make `source` (RAW or TEMPLATE) the draft's message source; return its member to fill.

    Outbound, the other source's member waits in `draft.parked` (unless nothing is typed
    in it) and comes back when the source is switched back. Inbound (RAW only) leaves
    parked alone: a RAW message parked there is the outbound one, waiting behind its
    template. The returned table is the one in `draft.request`: the pane writes the
    fields it shows into it.
    """
    if source not in SOURCE_MEMBERS:
        raise ValueError(f"unknown message source {source!r}")
    raw_message = draft.request.get(MESSAGE)
    message = dict(raw_message) if isinstance(raw_message, dict) else {}
    if draft.is_outbound or message.get("MessageSourceType") in SOURCE_MEMBERS:
        message["MessageSourceType"] = source
    else:
        message.setdefault("MessageSourceType", source)  # an unknown inbound type is kept
    member = SOURCE_MEMBERS[source]
    current = message.get(member)
    if draft.is_outbound:
        other = TEMPLATE if source == RAW else RAW
        other_member = SOURCE_MEMBERS[other]
        waited = draft.parked.pop(member, None)
        current = waited if current is None else current
        waiting = message.pop(other_member, None) or draft.parked.get(other_member)
        if isinstance(waiting, dict) and waiting and waiting != EMPTY_MEMBERS[other]:
            draft.parked[other_member] = waiting
        else:
            draft.parked.pop(other_member, None)
    table = dict(current) if isinstance(current, dict) else {}
    message[member] = table
    draft.request[MESSAGE] = message
    return table


def set_create_first(draft: Draft, on: bool) -> Request | None:
    """Outbound: take the ContactId from a CreateContact step sent first (on), or from the
    ContactId typed into the request (off). Return the step to fill in, or None.

    What the other way had waits in `draft.parked` (the step under PARKED_CREATE_CONTACT,
    the typed ContactId under PARKED_CONTACT_ID) and comes back when the user changes
    their mind, so nothing typed is lost. A step made new is the default one.
    """
    if on:
        if draft.create_contact is None:
            parked = draft.parked.pop(PARKED_CREATE_CONTACT, None)
            draft.create_contact = (
                dict(parked) if isinstance(parked, dict) and parked else None
            ) or default_create_contact(draft)
        contact_id = draft.request.pop("ContactId", None)
        if contact_id:
            draft.parked[PARKED_CONTACT_ID] = contact_id
        return draft.create_contact
    if draft.create_contact is not None:
        draft.parked[PARKED_CREATE_CONTACT] = draft.create_contact
        draft.create_contact = None
    contact_id = draft.parked.pop(PARKED_CONTACT_ID, None)
    if contact_id and "ContactId" not in draft.request:
        draft.request["ContactId"] = contact_id
    return None


def shown_create_contact(draft: Draft) -> Request:
    """The CreateContact step to show: the draft's, else the one waiting in parked, else {}."""
    if draft.create_contact is not None:
        return draft.create_contact
    parked = draft.parked.get(PARKED_CREATE_CONTACT)
    return parked if isinstance(parked, dict) else {}


def shown_contact_id(draft: Draft) -> Any:
    """The ContactId to show: the request's, else the one waiting in parked (or None)."""
    return draft.request.get("ContactId", draft.parked.get(PARKED_CONTACT_ID))


def shown_member(draft: Draft, source: str) -> dict[str, Any]:
    """The message member of `source` to show: the request's, else the one waiting in parked."""
    member = SOURCE_MEMBERS[source]
    message = draft.request.get(MESSAGE)
    value = (message.get(member) if isinstance(message, dict) else None) or draft.parked.get(member)
    return value if isinstance(value, dict) else {}


def _without_headers(message: dict[str, Any]) -> tuple[dict[str, Any], Any]:
    raw = message.get("RawMessage")
    if not isinstance(raw, dict) or "Headers" not in raw:
        return message, None
    kept = {k: v for k, v in raw.items() if k != "Headers"}
    return {**message, "RawMessage": kept}, raw["Headers"]


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else []


def _address_key(entry: Any) -> str:
    address = entry.get("EmailAddress") if isinstance(entry, dict) else entry
    return str(address).casefold()
