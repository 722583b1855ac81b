"""Provides the Follower: it polls one contact, under the API's quotas, and builds its Timeline.

Each round calls DescribeContact, GetContactAttributes, ListContactReferences and
ListAssociatedContacts, and, when a flow-log group is known (the target's
`flow_log_group`, or the sandbox's own group), CloudWatch Logs FilterLogEvents for the
records that name the contact. The clients come from the send's own Sender
(connect_tui.core.sending), so the credentials and session are exactly the send's.

Quotas are per account and Region, shared by every caller, so each call is paced by a
process-wide token bucket at its documented rate (docs/follow.md lists them with their
sources), and a round runs at most once a second while the contact is active, every
few seconds once it has ended.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any, Final

from connect_tui.core import contact_timeline, flow_log, sandbox_identity
from connect_tui.core.contact_timeline import Observation, Timeline
from connect_tui.core.model import Draft
from connect_tui.core.sending import Pacer, Sender

#: (requests a second, burst) per operation. Connect's, per account and Region: the
#: admin guide's service quotas (https://docs.aws.amazon.com/connect/latest/adminguide/
#: amazon-connect-service-limits.html) and Service Quotas' codes L-371095B8 DescribeContact
#: 10/s, GetContactAttributes 10/s (burst 15 for both), L-6840C932 ListContactReferences
#: 10/s, L-FAC57D08 DescribeQueue 10/s (their bursts are not documented: none taken).
#: ListAssociatedContacts is not listed: Connect's default for other APIs, 2/s burst 5.
#: CloudWatch Logs FilterLogEvents: 5 per second per account and Region
#: (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl.html).
QUOTAS: Final[dict[str, tuple[float, int]]] = {
    "DescribeContact": (10, 15),
    "GetContactAttributes": (10, 15),
    "ListContactReferences": (10, 1),
    "ListAssociatedContacts": (2, 5),
    "DescribeQueue": (10, 1),
    "FilterLogEvents": (5, 1),
}
#: Seconds between rounds while the contact is active, and once it has ended (a reply or a
#: late flow-log record can still come).
ACTIVE_INTERVAL: Final = 1.0
FINISHED_INTERVAL: Final = 5.0
#: ListContactReferences takes at most 6 types a call (botocore's model): the four a request
#: may carry at creation, and the email message and its attachments.
REFERENCE_TYPES: Final = ("URL", "STRING", "NUMBER", "DATE", "EMAIL_MESSAGE", "ATTACHMENT")
#: Pages read per call of a paginated operation in one round (the rest come next round).
MAX_PAGES: Final = 5
#: Flow-log records are looked for from this long before the contact was created.
LOG_LEAD: Final = timedelta(minutes=1)

_pacers: dict[tuple[str, str], Pacer] = {}
_pacers_lock = threading.Lock()


def pacer(endpoint: str, operation: str) -> Pacer:
    """The process-wide pacer of one operation at one endpoint (quotas are per account)."""
    rate, burst = QUOTAS[operation]
    with _pacers_lock:
        return _pacers.setdefault((endpoint, operation), Pacer(rate, burst))


def flow_log_group(draft: Draft) -> str | None:
    """The flow-log group to read: the target's, the sandbox's by default, else None."""
    target = draft.target
    if target.flow_log_group:
        return target.flow_log_group
    return sandbox_identity.FLOW_LOG_GROUP if target.is_sandbox else None


def describe_error(error: BaseException, operation: str) -> str:
    """One line for a failed call, in the words sending uses."""
    from botocore.exceptions import ClientError

    from connect_tui.core.credentials import CredentialsError
    from connect_tui.core.send_errors import describe_exception

    if isinstance(error, ClientError):
        # The service's own words: send_errors' meanings speak of a draft being sent.
        details = error.response.get("Error", {})
        said = " ".join(str(details.get("Message") or "").split())
        code = details.get("Code") or "UnknownError"
        return f"{operation}: {code}" + (f": {said}" if said else "")
    if isinstance(error, CredentialsError):
        return f"Credentials: {error}"
    try:
        code, message = describe_exception(error, endpoint=None, aws_profile=None)
    except BaseException:  # not one botocore names: still one line, never a traceback
        code, message = type(error).__name__, str(error)
    return f"{operation}: {code}: {message}"


class Follower:
    """Follows one contact of a draft's target; `poll()` is one blocking round (use a thread).

    `sender` is the Sender the app sends with (its clients, its way to the sandbox).
    """

    def __init__(
        self,
        draft: Draft,
        contact_id: str,
        *,
        instance_id: str | None = None,
        sender: Sender,
        sent_request: dict[str, Any] | None = None,
        created_request: dict[str, Any] | None = None,
    ) -> None:
        self.draft = draft
        self.contact_id = contact_id
        resolved = sent_request or {}
        self.instance_id = str(
            instance_id or resolved.get("InstanceId") or draft.request.get("InstanceId") or ""
        )
        self.sent_request = _as_sent(sent_request, created_request)
        self.log_group = flow_log_group(draft)
        self._sender = sender
        self._connect: Any = None
        self._logs: Any = None
        self.endpoint: str | None = None
        self._events: dict[str, dict[str, Any]] = {}
        self._queue_names: dict[str, str] = {}
        self.last: Timeline | None = None

    @property
    def interval(self) -> float:
        """Seconds to wait before the next round."""
        # An ended contact, or one that cannot be described, changes rarely: ask less often.
        slow = self.last is not None and (self.last.finished or self.last.lost)
        return FINISHED_INTERVAL if slow else ACTIVE_INTERVAL

    def connect(self) -> None:
        """Make the clients (blocking: credentials, botocore); errors are the caller's."""
        if self._connect is None:
            sender = self._sender
            self._connect, self.endpoint = sender.client_for(self.draft, "connect")
            if self.log_group:
                self._logs, _ = sender.client_for(self.draft, "logs")

    def _call(self, client: Any, operation: str, **request: Any) -> dict[str, Any]:
        pacer(self.endpoint or "", operation).acquire()
        method: Callable[..., dict[str, Any]] = getattr(client, _snake(operation))
        return method(**request)

    def observe(self) -> Observation:
        """One round of calls; each failure is kept in the observation, never raised."""
        seen = Observation(
            self.contact_id,
            sent_request=self.sent_request,
            flow_log_group=self.log_group,
            queue_names=self._queue_names,
        )
        try:
            self.connect()
        except Exception as exc:
            why = describe_error(exc, "connecting")
            seen.contact_error = seen.attributes_error = why
            seen.references_error = seen.associated_error = why
            return seen
        ids = {"InstanceId": self.instance_id, "ContactId": self.contact_id}
        try:
            seen.contact = self._call(self._connect, "DescribeContact", **ids)["Contact"]
        except Exception as exc:
            seen.contact_error = describe_error(exc, "DescribeContact") + self._hint(exc)
            return seen  # the rest would fail the same way: one clear line is enough
        self._attributes(seen)
        self._references(seen, ids)
        self._thread(seen, ids)
        self._queue_name(seen.contact)
        self._flow_log(seen)
        return seen

    def poll(self) -> Timeline:
        """One round, as a Timeline (blocking: call it from a worker thread)."""
        self.last = contact_timeline.build(self.observe())
        return self.last

    def _hint(self, error: BaseException) -> str:
        """What a user may not know about a sandbox contact that is not found."""
        code = getattr(error, "response", {}).get("Error", {}).get("Code")
        target = self.draft.target
        if code == "ResourceNotFoundException" and target.is_sandbox and not target.endpoint_url:
            return (
                " (a contact sent to the embedded sandbox ends with the process that sent it; "
                "run `connect-tui sandbox` to keep contacts between runs)"
            )
        return ""

    def stop_contact(self) -> str | None:
        """End the contact with StopContact; None when it ended, else why not (one line)."""
        try:
            self.connect()
            self._connect.stop_contact(InstanceId=self.instance_id, ContactId=self.contact_id)
        except Exception as exc:
            return describe_error(exc, "StopContact")
        return None

    def _attributes(self, seen: Observation) -> None:
        try:
            answer = self._call(
                self._connect,
                "GetContactAttributes",
                InstanceId=self.instance_id,
                InitialContactId=self.contact_id,
            )
            seen.attributes = {str(k): str(v) for k, v in answer.get("Attributes", {}).items()}
        except Exception as exc:
            seen.attributes_error = describe_error(exc, "GetContactAttributes")

    def _pages(
        self,
        client: Any,
        operation: str,
        member: str,
        request: dict[str, Any],
        token: str = "NextToken",
    ) -> Iterator[list[dict[str, Any]]]:
        """The items of each page of a paged operation, at most MAX_PAGES pages."""
        request = dict(request)
        for _ in range(MAX_PAGES):
            answer = self._call(client, operation, **request)
            yield answer.get(member, [])
            if not answer.get(token):
                return
            request[token] = answer[token]

    def _references(self, seen: Observation, ids: dict[str, str]) -> None:
        request: dict[str, Any] = {**ids, "ReferenceTypes": list(REFERENCE_TYPES)}
        pages = self._pages(self._connect, "ListContactReferences", "ReferenceSummaryList", request)
        try:
            seen.references = [item for page in pages for item in page]
        except Exception as exc:
            seen.references_error = describe_error(exc, "ListContactReferences")

    def _thread(self, seen: Observation, ids: dict[str, str]) -> None:
        pages = self._pages(self._connect, "ListAssociatedContacts", "ContactSummaryList", ids)
        try:
            seen.associated = [item for page in pages for item in page]
        except Exception as exc:
            seen.associated_error = describe_error(exc, "ListAssociatedContacts")

    def _queue_name(self, contact: dict[str, Any] | None) -> None:
        """The name of the contact's queue, asked once (a failure leaves the id shown)."""
        queue_id = ((contact or {}).get("QueueInfo") or {}).get("Id")
        if not queue_id or queue_id in self._queue_names:
            return
        try:
            answer = self._call(
                self._connect, "DescribeQueue", InstanceId=self.instance_id, QueueId=queue_id
            )
            self._queue_names[queue_id] = str(answer["Queue"]["Name"])
        except Exception:
            self._queue_names[queue_id] = ""  # asked once; the id is shown instead

    def _flow_log(self, seen: Observation) -> None:
        if not self.log_group or self._logs is None:
            return
        request: dict[str, Any] = {
            "logGroupName": self.log_group,
            # A quoted term matches it exactly (CloudWatch Logs filter pattern syntax).
            "filterPattern": f'"{self.contact_id}"',
        }
        created = (seen.contact or {}).get("InitiationTimestamp")
        if isinstance(created, datetime):
            request["startTime"] = int((created - LOG_LEAD).timestamp() * 1000)
        try:
            for page in self._pages(self._logs, "FilterLogEvents", "events", request, "nextToken"):
                for event in page:
                    key = str(event.get("eventId") or len(self._events))
                    self._events.setdefault(key, event)
        except Exception as exc:
            seen.flow_error = describe_error(exc, "FilterLogEvents")
            if not self._events:
                return  # nothing read: the path is unknown, not empty
        # The pattern matches the id anywhere in a record: keep this contact's own records.
        mine = [e for e in self._events.values() if _record_contact(e) in (None, self.contact_id)]
        seen.flow_steps = flow_log.steps(mine)


def _as_sent(
    request: dict[str, Any] | None, created: dict[str, Any] | None
) -> dict[str, Any] | None:
    """The request as sent, with the Attributes of its CreateContact step (an outbound send
    gives its attributes there) under its own; None when neither is known."""
    if request is None and created is None:
        return None
    merged = dict(request or {})
    attributes = {**((created or {}).get("Attributes") or {}), **(merged.get("Attributes") or {})}
    if attributes or created is not None:
        merged["Attributes"] = attributes
    return merged


def _record_contact(event: dict[str, Any]) -> str | None:
    """The ContactId a flow-log event's record names (None: unreadable, kept and shown so)."""
    try:
        record = json.loads(event.get("message") or "")
    except (TypeError, ValueError):
        return None
    return record.get("ContactId") if isinstance(record, dict) else None


def _snake(operation: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in operation).lstrip("_")
