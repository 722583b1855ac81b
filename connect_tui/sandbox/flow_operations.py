"""Provides the flow, queue and hours operations, and TagContact, as the API Reference has them.

- CreateContactFlow / UpdateContactFlowContent check the content: a flow the service would
  refuse is an InvalidContactFlowException (400) whose `problems` name the actions; a name
  already used is a DuplicateResourceException (botocore's model lists both).
  https://docs.aws.amazon.com/connect/latest/APIReference/API_CreateContactFlow.html
- DescribeContactFlow, ListContactFlows, SearchContactFlows; ListQueues, DescribeQueue,
  SearchQueues; DescribeHoursOfOperation; ListInstances (what --flows-from-aws reads).
- TagContact: https://docs.aws.amazon.com/connect/latest/APIReference/API_TagContact.html
Search conditions match as SearchEmailAddresses does (EXACT, STARTS_WITH, CONTAINS, ignoring
case); tag filters (SearchFilter) are accepted and not applied (docs/flows.md).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any, Final

from connect_tui.sandbox import search, seed
from connect_tui.sandbox.directory import StoredFlow
from connect_tui.sandbox.flows import model
from connect_tui.sandbox.paging import page, search_page
from connect_tui.sandbox.protocol import ServiceError, invalid, not_found
from connect_tui.sandbox.state import Instance, State

#: The StringCondition FieldNames of SearchContactFlows and SearchQueues (botocore's model).
SEARCH_FIELDS: Final = ("name", "description", "resourceId")


class FlowRefused(ServiceError):
    """InvalidContactFlowException, with the `problems` member botocore's model gives it."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(
            "InvalidContactFlowException", f"The flow is not valid: {'; '.join(problems)}"
        )
        self.problems = problems

    def body(self) -> dict[str, Any]:
        """The message and the problems, one per line."""
        return {"message": self.message, "problems": [{"message": p} for p in self.problems]}


def _parse(content: Any) -> model.Flow:
    try:
        return model.parse(str(content))
    except model.FlowInvalid as exc:
        raise FlowRefused(exc.problems) from None


def _flow(instance: Instance, reference: Any) -> StoredFlow:
    found = instance.directory.flow(str(reference))
    if found is None:
        raise not_found(f"Contact flow {reference} not found in instance {instance.id}")
    return found


def create_contact_flow(
    state: State, instance: Instance, request: dict[str, Any]
) -> dict[str, Any]:
    """A new flow; refused when its content is not a valid flow or its name is taken."""
    _parse(request["Content"])
    name = request["Name"]
    if instance.directory.flow_by_name(name) is not None:
        raise ServiceError("DuplicateResourceException", f"A flow named {name!r} already exists")
    stored = seed.add_flow(
        instance.directory,
        instance.arn,
        str(uuid.uuid4()),
        name,
        request["Content"],
        request.get("Description"),
        request.get("Type", "CONTACT_FLOW"),
    )
    stored.status = request.get("Status", "PUBLISHED")
    stored.tags = dict(request.get("Tags") or {})
    return {"ContactFlowId": stored.id, "ContactFlowArn": stored.arn}


def update_contact_flow_content(
    state: State, instance: Instance, request: dict[str, Any]
) -> dict[str, Any]:
    """New content for a flow (checked like CreateContactFlow's)."""
    stored = _flow(instance, request["ContactFlowId"])
    parsed = _parse(request["Content"])
    stored.flow = model.Flow(
        parsed.start, parsed.actions, parsed.content, stored.id, stored.name, stored.arn
    )
    stored.content, stored.modified = request["Content"], time.time()
    return {}


def describe_contact_flow(
    state: State, instance: Instance, request: dict[str, Any]
) -> dict[str, Any]:
    """A flow with its Content."""
    return {"ContactFlow": _flow(instance, request["ContactFlowId"]).describe()}


def list_contact_flows(state: State, instance: Instance, request: dict[str, Any]) -> dict[str, Any]:
    """The instance's flows, of the ContactFlowTypes asked for."""
    types = request.get("ContactFlowTypes") or []
    found = [f.summary() for f in instance.directory.flows.values() if not types or f.type in types]
    return page(found, request, "ContactFlowSummaryList", 1000)


def search_contact_flows(
    state: State, instance: Instance, request: dict[str, Any]
) -> dict[str, Any]:
    """The flows that meet the SearchCriteria."""
    criteria = request.get("SearchCriteria")
    found = [
        f.describe()
        for f in instance.directory.flows.values()
        if search.matches(
            criteria,
            {"name": f.name, "description": f.description, "resourceId": f.id},
            SEARCH_FIELDS,
            {"TypeCondition": f.type, "StateCondition": f.state, "StatusCondition": f.status},
        )
    ]
    return search_page(found, request, "ContactFlows")


def list_queues(state: State, instance: Instance, request: dict[str, Any]) -> dict[str, Any]:
    """The instance's queues of the QueueTypes asked for (all seeded queues are STANDARD)."""
    types = request.get("QueueTypes") or []
    found = [
        q.summary() for q in instance.directory.queues.values() if not types or q.type in types
    ]
    return page(found, request, "QueueSummaryList", 1000)


def describe_queue(state: State, instance: Instance, request: dict[str, Any]) -> dict[str, Any]:
    """A queue."""
    found = instance.directory.queue(str(request["QueueId"]))
    if found is None:
        raise not_found(f"Queue {request['QueueId']} not found in instance {instance.id}")
    return {"Queue": found.describe()}


def search_queues(state: State, instance: Instance, request: dict[str, Any]) -> dict[str, Any]:
    """The queues that meet the SearchCriteria."""
    criteria = request.get("SearchCriteria")
    found = [
        q.describe()
        for q in instance.directory.queues.values()
        if search.matches(
            criteria,
            {"name": q.queue.name, "description": q.description, "resourceId": q.queue.id},
            SEARCH_FIELDS,
            {"QueueTypeCondition": q.type},
        )
    ]
    return search_page(found, request, "Queues")


def describe_hours_of_operation(
    state: State, instance: Instance, request: dict[str, Any]
) -> dict[str, Any]:
    """Hours of operation in the HoursOfOperation shape."""
    hours = instance.directory.hours_of(str(request["HoursOfOperationId"]))
    if hours is None:
        raise not_found(f"Hours of operation {request['HoursOfOperationId']} not found")
    config = [
        {
            "Day": day,
            "StartTime": {"Hours": start // 60, "Minutes": start % 60},
            "EndTime": {"Hours": (end // 60) % 24, "Minutes": end % 60},
        }
        for day, start, end in hours.config
    ]
    shape = {
        "HoursOfOperationId": hours.id,
        "HoursOfOperationArn": hours.arn,
        "Name": hours.name,
        "TimeZone": hours.time_zone,
        "Config": config,
    }
    return {"HoursOfOperation": shape}


def tag_contact(state: State, instance: Instance, request: dict[str, Any]) -> dict[str, Any]:
    """Tags on a contact (at most 6 a call, no aws: keys: the model's pattern)."""
    contact = state.contact(instance, request["ContactId"])
    tags = request.get("Tags") or {}
    if any(str(key).startswith("aws:") for key in tags):
        raise invalid("Tags: keys beginning aws: are system tags and cannot be set")
    contact.tags.update(tags)
    contact.updated_at = time.time()
    return {}


HANDLERS: Final[dict[str, Callable[[State, Instance, dict[str, Any]], dict[str, Any]]]] = {
    "CreateContactFlow": create_contact_flow,
    "UpdateContactFlowContent": update_contact_flow_content,
    "DescribeContactFlow": describe_contact_flow,
    "ListContactFlows": list_contact_flows,
    "SearchContactFlows": search_contact_flows,
    "ListQueues": list_queues,
    "DescribeQueue": describe_queue,
    "SearchQueues": search_queues,
    "DescribeHoursOfOperation": describe_hours_of_operation,
    "TagContact": tag_contact,
}
