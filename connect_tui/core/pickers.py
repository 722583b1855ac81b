"""Provides the pickers' lists: which ids a draft's target has for a field, fetched or cached.

A picker answers "which id goes here" from the instance itself: instances
(ListInstances), flows (SearchContactFlows; ListContactFlows where search is not served),
email addresses (SearchEmailAddresses, which has no botocore paginator: paged here),
queues (SearchQueues, with a queue's default outbound From address), agents
(SearchUsers) and recent contacts (the send history). Each list is cached per target
and instance in the user's cache folder, so a picker opens at once and still works
offline, marked as such.

Nothing here imports boto3: the caller hands in a client (connect_tui.core.sending's
Sender.client_for). API pages:
https://docs.aws.amazon.com/connect/latest/APIReference/API_ListInstances.html,
API_SearchContactFlows.html, API_SearchEmailAddresses.html, API_SearchQueues.html,
API_SearchUsers.html (same folder).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Final

from connect_tui.core import paths
from connect_tui.core.files import atomic_write
from connect_tui.core.history import HistoryEntry
from connect_tui.core.model import Draft
from connect_tui.core.problems import CREATE_CONTACT, REQUEST, WARNING, Problem

INSTANCE: Final = "instance"
FLOW: Final = "flow"
ADDRESS: Final = "address"
QUEUE: Final = "queue"
AGENT: Final = "agent"
CONTACT: Final = "contact"
KNOWLEDGE_BASE: Final = "knowledge-base"
TEMPLATE: Final = "template"

#: The lists that come from Amazon Q in Connect (a qconnect client), not from Connect.
QCONNECT_KINDS: Final = frozenset({KNOWLEDGE_BASE, TEMPLATE})

#: What each picker lists, in words (the picker's title).
TITLES: Final = {
    INSTANCE: "Instances",
    FLOW: "Contact flows",
    ADDRESS: "Email addresses of the instance",
    QUEUE: "Queues (with their default From address)",
    AGENT: "Agents",
    CONTACT: "Recent contacts (the history, then the instance's last 7 days)",
    KNOWLEDGE_BASE: "Knowledge bases (Amazon Q in Connect)",
    TEMPLATE: "Email message templates of the knowledge base",
}

#: The most pages one list fetches (a very large instance is cut, and says so).
MAX_PAGES: Final = 20


@dataclass(frozen=True)
class Choice:
    """One thing a picker offers: the value the field gets, its name, and a detail."""

    value: str
    name: str
    detail: str = ""

    def as_json(self) -> list[str]:
        """The cache's form of a choice."""
        return [self.value, self.name, self.detail]


@dataclass(frozen=True)
class Listing:
    """What a picker shows: the choices, when they were fetched, and whether live."""

    kind: str
    choices: tuple[Choice, ...]
    fetched_at: float
    #: True when shown from the cache because the target did not answer.
    offline: bool = False
    #: Why the live list could not be had (one line), when it could not.
    error: str | None = None
    #: True when MAX_PAGES pages were read and more remained.
    truncated: bool = False

    def age(self, now: float | None = None) -> str:
        """How old the list is, in words ("just now", "5 min ago", "3 h ago")."""
        seconds = max(0.0, (time.time() if now is None else now) - self.fetched_at)
        if seconds < 60:
            return "just now"
        if seconds < 3600:
            return f"{int(seconds // 60)} min ago"
        return f"{int(seconds // 3600)} h ago"


class _Reader:
    """Reads paged answers (NextToken), at most MAX_PAGES pages, noting when more remained."""

    def __init__(self) -> None:
        self.truncated = False

    def items(
        self, call: Callable[..., dict[str, Any]], member: str, **request: Any
    ) -> Iterator[Any]:
        """Every item of `member` across the pages of `call(**request)`."""
        # Connect spells it NextToken; Amazon Q in Connect, nextToken.
        name = "nextToken" if "maxResults" in request else "NextToken"
        token: str | None = None
        for _ in range(MAX_PAGES):
            answer = call(**request, **({name: token} if token else {}))
            yield from answer.get(member) or []
            token = answer.get(name)
            if not token:
                return
        self.truncated = True


def _instances(reader: _Reader, client: Any, instance_id: str) -> list[Choice]:
    return [
        Choice(i["Id"], i.get("InstanceAlias") or i["Id"], i.get("InstanceStatus", ""))
        for i in reader.items(client.list_instances, "InstanceSummaryList", MaxResults=10)
    ]


def _flows(reader: _Reader, client: Any, instance_id: str) -> list[Choice]:
    # An email starts in a flow of type CONTACT_FLOW (inbound); SearchContactFlows gives
    # type and state in one call (API_SearchContactFlows.html, API_ContactFlow.html).
    flows = reader.items(
        client.search_contact_flows,
        "ContactFlows",
        InstanceId=instance_id,
        MaxResults=100,
        SearchCriteria={
            "TypeCondition": "CONTACT_FLOW",
        },
    )
    return [
        Choice(f["Id"], f.get("Name", ""), " ".join(filter(None, (f.get("Type"), f.get("State")))))
        for f in flows
    ]


def _addresses(reader: _Reader, client: Any, instance_id: str) -> list[Choice]:
    found = reader.items(
        client.search_email_addresses, "EmailAddresses", InstanceId=instance_id, MaxResults=100
    )
    defaults = _queue_defaults(client, instance_id)
    choices = []
    for address in found:
        queues = defaults.get(address.get("EmailAddressId", ""), [])
        detail = f"default From of {', '.join(queues)}" if queues else ""
        choices.append(Choice(address["EmailAddress"], address.get("DisplayName", ""), detail))
    return choices


def _queue_defaults(client: Any, instance_id: str) -> dict[str, list[str]]:
    """Address id -> the queues whose default outbound From it is (API_Queue.html,
    OutboundEmailConfig). Best effort: without SearchQueues the addresses still list."""
    defaults: dict[str, list[str]] = {}
    try:
        for queue in _Reader().items(client.search_queues, "Queues", InstanceId=instance_id):
            address_id = (queue.get("OutboundEmailConfig") or {}).get("OutboundEmailAddressId")
            if address_id:
                defaults.setdefault(address_id, []).append(queue.get("Name") or queue["QueueId"])
    except Exception:  # noqa: BLE001 - a permission or a sandbox without queues: no annotation
        return {}
    return defaults


def _queues(reader: _Reader, client: Any, instance_id: str) -> list[Choice]:
    found = reader.items(client.search_queues, "Queues", InstanceId=instance_id, MaxResults=100)
    choices = []
    for queue in found:
        outbound = (queue.get("OutboundEmailConfig") or {}).get("OutboundEmailAddressId", "")
        choices.append(Choice(queue["QueueId"], queue.get("Name", ""), outbound))
    return choices


def _agents(reader: _Reader, client: Any, instance_id: str) -> list[Choice]:
    found = reader.items(client.search_users, "Users", InstanceId=instance_id, MaxResults=100)
    choices = []
    for user in found:
        identity = user.get("IdentityInfo") or {}
        name = " ".join(filter(None, (identity.get("FirstName"), identity.get("LastName"))))
        choices.append(
            Choice(user["Id"], name or user.get("Username", ""), user.get("Username", ""))
        )
    return choices


#: How far back the recent-contact picker searches (SearchContacts takes a time range).
RECENT_DAYS: Final = 7


def _contacts(reader: _Reader, client: Any, instance_id: str) -> list[Choice]:
    # SearchContacts: EMAIL contacts started in the last RECENT_DAYS, newest first
    # (https://docs.aws.amazon.com/connect/latest/APIReference/API_SearchContacts.html).
    now = time.time()
    found = reader.items(
        client.search_contacts,
        "Contacts",
        InstanceId=instance_id,
        TimeRange={
            "Type": "INITIATION_TIMESTAMP",
            "StartTime": now - RECENT_DAYS * 86400,
            "EndTime": now,
        },
        SearchCriteria={"Channels": ["EMAIL"]},
        Sort={"FieldName": "INITIATION_TIMESTAMP", "Order": "DESCENDING"},
        MaxResults=100,
    )
    choices = []
    for contact in found:
        subject = (contact.get("SegmentAttributes") or {}).get("connect:EmailSubject") or {}
        name = subject.get("ValueString") or contact.get("Name") or ""
        when = contact.get("InitiationTimestamp")
        stamp = when.isoformat(timespec="seconds") if hasattr(when, "isoformat") else str(when)
        choices.append(
            Choice(contact["Id"], name, f"{contact.get('InitiationMethod', '')} {stamp}")
        )
    return choices


def merged(first: list[Choice], then: list[Choice]) -> list[Choice]:
    """`first`, then the choices of `then` whose values `first` does not have."""
    seen = {c.value for c in first}
    return first + [c for c in then if c.value not in seen]


def _knowledge_bases(reader: _Reader, client: Any, scope: str) -> list[Choice]:
    found = reader.items(client.list_knowledge_bases, "knowledgeBaseSummaries", maxResults=100)
    return [
        Choice(kb["knowledgeBaseId"], kb.get("name", ""), kb.get("knowledgeBaseType", ""))
        for kb in found
    ]


def _templates(reader: _Reader, client: Any, scope: str) -> list[Choice]:
    # ListMessageTemplates: https://docs.aws.amazon.com/connect/latest/APIReference/
    # API_amazon-q-connect_ListMessageTemplates.html (scope: the knowledge base's id).
    found = reader.items(
        client.list_message_templates,
        "messageTemplateSummaries",
        knowledgeBaseId=scope,
        maxResults=100,
    )
    return [
        Choice(t["messageTemplateId"], t.get("name", ""), t.get("channelSubtype", ""))
        for t in found
        if t.get("channelSubtype") in (None, "EMAIL")
    ]


#: How each list is fetched from a client and its scope (the instance id; for templates,
#: the knowledge base id).
FETCHERS: Final[dict[str, Callable[[_Reader, Any, str], list[Choice]]]] = {
    INSTANCE: _instances,
    FLOW: _flows,
    ADDRESS: _addresses,
    QUEUE: _queues,
    AGENT: _agents,
    CONTACT: _contacts,
    KNOWLEDGE_BASE: _knowledge_bases,
    TEMPLATE: _templates,
}


def fetch(kind: str, client: Any, instance_id: str) -> tuple[list[Choice], bool]:
    """The live list of `kind` for the instance, and whether it was cut at MAX_PAGES."""
    reader = _Reader()
    choices = FETCHERS[kind](reader, client, instance_id)
    return choices, reader.truncated


def cache_key(kind: str, where: str, instance_id: str) -> str:
    """The cache's key for a list: its kind, the endpoint or Region, and the instance."""
    return f"{kind}|{where}|{instance_id if kind != INSTANCE else '*'}"


def _cache_file() -> Any:
    return paths.cache_dir() / "pickers.json"


def _read_cache() -> dict[str, Any]:
    try:
        data = json.loads(_cache_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # no cache yet, or a damaged one: it is only a cache
    return data if isinstance(data, dict) else {}


def cached(kind: str, key: str) -> Listing | None:
    """The cached list under `key`, marked offline, or None."""
    entry: Any = _read_cache().get(key)
    try:
        choices = tuple(Choice(*map(str, item)) for item in entry["choices"])
        return Listing(kind, choices, float(entry["fetched_at"]), offline=True)
    except (TypeError, KeyError, ValueError):
        return None


def remember(key: str, listing: Listing) -> None:
    """Keep a live list in the cache (atomically: a crash leaves the old cache whole)."""
    data = _read_cache()
    data[key] = {
        "fetched_at": listing.fetched_at,
        "choices": [choice.as_json() for choice in listing.choices],
    }
    paths.ensure_private_dir(_cache_file().parent)
    atomic_write(_cache_file(), json.dumps(data, ensure_ascii=False).encode())


def load(kind: str, key: str, get: Callable[[], tuple[list[Choice], bool]]) -> Listing:
    """The live list (then cached), else the cached one marked offline with the reason.

    `get` fetches the live list; any exception from it counts as "the target did not
    answer" and is shown in one line.
    """
    try:
        choices, truncated = get()
    except Exception as exc:  # noqa: BLE001 - any failure means: show the cache, say why
        reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
        found = cached(kind, key)
        if found is not None:
            return Listing(kind, found.choices, found.fetched_at, True, reason)
        return Listing(kind, (), time.time(), True, reason)
    listing = Listing(kind, tuple(choices), time.time(), truncated=truncated)
    remember(key, listing)
    return listing


def contacts_from_history(entries: list[HistoryEntry]) -> list[Choice]:
    """The contacts the history made, newest first: ContactId, profile and subject, when.

    On AWS, SearchContacts could list contacts made elsewhere too; the history is what
    this user sent, and works for the sandbox and offline alike.
    """
    choices = []
    for entry in reversed(entries):
        if not entry.contact_id:
            continue
        message = (entry.request or {}).get("EmailMessage") or {}
        subject = (message.get("RawMessage") or {}).get("Subject") or ""
        name = f"{entry.profile}: {subject}" if subject else entry.profile
        choices.append(Choice(entry.contact_id, name, f"{entry.operation} {entry.time}"))
    return choices


def unknown_id(value: str, listing: Listing) -> bool:
    """True when a live list is known and `value` (not empty, not a ${variable}) is not in it."""
    if not value or "${" in value or listing.offline or listing.truncated:
        return False
    return all(value != c.value and not value.endswith("/" + c.value) for c in listing.choices)


#: Where a picked id goes in a draft: (section, location, kind). RelatedContactId is left
#: out: the history is not every contact of the instance, so absence proves nothing.
CHECKED_FIELDS: Final = (
    (REQUEST, ("InstanceId",), INSTANCE),
    (REQUEST, ("ContactFlowId",), FLOW),
    (CREATE_CONTACT, ("UserInfo", "UserId"), AGENT),
)


def unknown_ids(draft: Draft, listings: dict[str, Listing]) -> list[Problem]:
    """A warning for each id field whose value a known, live list of the target lacks."""
    problems = []
    sections = {REQUEST: draft.request, CREATE_CONTACT: draft.create_contact_request() or {}}
    for section, location, kind in CHECKED_FIELDS:
        listing = listings.get(kind)
        value: Any = sections[section]
        for step in location:
            value = value.get(step) if isinstance(value, dict) else None
        if listing is not None and isinstance(value, str) and unknown_id(value, listing):
            problems.append(
                Problem(
                    location,
                    f"{value} is not among the {len(listing.choices)} {TITLES[kind].lower()} "
                    "the target listed (the field's picker lists them)",
                    severity=WARNING,
                    code="unknown",
                    section=section,
                )
            )
    return problems
