"""Provides SearchContacts for the sandbox's contacts: a time range, channels, methods, paged.

What the composer's recent-contact picker asks of an instance (the contacts of the last
days, EMAIL only), answered as the API Reference documents it:
https://docs.aws.amazon.com/connect/latest/APIReference/API_SearchContacts.html

The sandbox filters on TimeRange (INITIATION_TIMESTAMP or DISCONNECT_TIMESTAMP; the
other types match no sandbox contact, which has no schedule, agent connection or queue
time of its own to search by), SearchCriteria.Channels and .InitiationMethods; other
criteria are accepted and not applied (the reply says nothing about them, as AWS's does
not). Newest first unless Sort says otherwise: the API Reference does not give a default.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final

from connect_tui.sandbox.paging import page
from connect_tui.sandbox.protocol import invalid
from connect_tui.sandbox.state import Contact, Instance, State

#: TimeRange types the sandbox's contacts carry a time for.
_TIMES: Final = {
    "INITIATION_TIMESTAMP": lambda c: c.created_at,
    "DISCONNECT_TIMESTAMP": lambda c: c.disconnected_at,
}


def _seconds(value: Any, member: str) -> float:
    """A timestamp as the wire carries it (epoch seconds, or ISO 8601 text)."""
    if isinstance(value, int | float):
        return float(value)
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00")).timestamp()
    except ValueError:
        raise invalid(f"TimeRange.{member}: {value!r} is not a timestamp") from None


def _summary(found: Contact) -> dict[str, Any]:
    """The ContactSearchSummary shape of one contact."""
    summary: dict[str, Any] = {
        "Arn": found.arn,
        "Id": found.id,
        "InitialContactId": found.initial_contact_id or found.id,
        "InitiationMethod": found.initiation_method,
        "Channel": found.channel,
        "InitiationTimestamp": found.created_at,
    }
    if found.previous_contact_id:
        summary["PreviousContactId"] = found.previous_contact_id
    if found.disconnected_at is not None:
        summary["DisconnectTimestamp"] = found.disconnected_at
    if found.queue_id:
        summary["QueueInfo"] = {"Id": found.queue_id}
    if found.name:
        summary["Name"] = found.name
    if found.segment_attributes:
        summary["SegmentAttributes"] = found.segment_attributes
    return summary


def search_contacts(state: State, instance: Instance, request: dict[str, Any]) -> dict[str, Any]:
    """The instance's contacts in the time range that meet the criteria, a page at a time."""
    time_range = request.get("TimeRange") or {}
    read_time = _TIMES.get(str(time_range.get("Type")))
    start = _seconds(time_range.get("StartTime"), "StartTime")
    end = _seconds(time_range.get("EndTime"), "EndTime")
    criteria = request.get("SearchCriteria") or {}
    channels = set(criteria.get("Channels") or [])
    methods = set(criteria.get("InitiationMethods") or [])
    found = []
    for contact in state.contacts.values():
        when = read_time(contact) if read_time else None
        if contact.instance_id != instance.id or when is None or not start <= when <= end:
            continue
        if (channels and contact.channel not in channels) or (
            methods and contact.initiation_method not in methods
        ):
            continue
        found.append(contact)
    sort = request.get("Sort") or {}
    oldest_first = sort.get("Order") == "ASCENDING"
    found.sort(key=lambda c: c.created_at, reverse=not oldest_first)
    answer = page([_summary(c) for c in found], request, "Contacts")
    answer["TotalCount"] = len(found)
    return answer
