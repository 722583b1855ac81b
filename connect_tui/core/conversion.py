"""Provides switch_operation: turn an inbound draft into an outbound one and back, losing nothing.

Switching flips the direction of the email: the inbound customer (From) becomes the
outbound destination, and the instance address (inbound destination) becomes the
outbound From. Shapes that differ are converted (DestinationEmailAddress is a string
inbound and an address outbound; outbound has only Cc). Contact data that the outbound
request does not take but CreateContact does (attributes, references, segment
attributes, name, description, related contact) moves into the CreateContact step.
Whatever has no place in the new operation is parked on the draft and comes back when
the draft is switched back.
"""

from __future__ import annotations

import copy
from typing import Any, Final

from connect_tui.core import sandbox_identity
from connect_tui.core.model import INBOUND, OUTBOUND, Draft, Request

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

    known = {*SHARED_FIELDS, "DestinationEmailAddress", "FromEmailAddress"}
    known |= {"AdditionalRecipients", "EmailMessage"}
    for key, value in source.items():
        if key not in known:
            leftovers[key] = value  # ContactId and anything unknown
    return out, leftovers


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
