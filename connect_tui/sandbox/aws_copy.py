"""Provides the sandbox's side of --flows-from-aws: an instance's published flows, queues, hours
and email addresses, copied from Amazon Connect (connect_tui.sandbox.aws_fetch), stored with
their ids and ARNs kept.

`apply(state, copies)` gives them to a new sandbox; ImportFlows (POST /sandbox/import-flows)
to a running one. A draft made for the real instance then runs offline unchanged. A copied
flow is trusted (AWS accepted it): an action type the sandbox does not know stops a run
instead of refusing the flow.
"""

from __future__ import annotations

from typing import Any

from connect_tui.sandbox.directory import StoredFlow, StoredQueue
from connect_tui.sandbox.flows import model
from connect_tui.sandbox.flows.context import Hours, Queue
from connect_tui.sandbox.protocol import invalid
from connect_tui.sandbox.state import State


def _minutes(point: dict[str, Any]) -> int:
    return int(point.get("Hours", 0)) * 60 + int(point.get("Minutes", 0))


def _hours(shape: dict[str, Any]) -> Hours:
    config = []
    for entry in shape.get("Config", []):
        start, end = _minutes(entry["StartTime"]), _minutes(entry["EndTime"])
        # 00:00 to 00:00 is open all day, as the admin console shows it.
        config.append((entry["Day"], start, end if end > start else 24 * 60))
    return Hours(
        shape["HoursOfOperationId"],
        shape.get("HoursOfOperationArn", ""),
        shape.get("Name", ""),
        shape.get("TimeZone", "UTC"),
        tuple(config),
    )


def apply(state: State, copies: tuple[dict[str, Any], ...]) -> None:
    """Give the state the copied instances (an instance already there gains what was copied)."""
    for copy in copies:
        instance_id = copy["InstanceId"]
        instance = state.instances.get(instance_id) or state.add_instance(
            instance_id, (), arn=copy.get("InstanceArn")
        )
        directory = instance.directory
        for address in copy.get("EmailAddresses", []):
            state.add_address(
                instance,
                address["EmailAddress"],
                address["EmailAddressId"],
                address["EmailAddressArn"],
            )
        for shape in copy.get("HoursOfOperations", []):
            hours = _hours(shape)
            directory.hours[hours.id] = hours
        for shape in copy.get("Queues", []):
            queue = Queue(
                shape["QueueId"],
                shape["QueueArn"],
                shape["Name"],
                shape.get("HoursOfOperationId"),
                shape.get("MaxContacts"),
            )
            directory.queues[queue.id] = StoredQueue(
                queue, shape.get("Description"), tags=shape.get("Tags") or {}
            )
        for shape in copy.get("ContactFlows", []):
            add_trusted_flow(directory, shape)


def add_trusted_flow(directory: Any, shape: dict[str, Any]) -> None:
    """Store a flow AWS already accepted (its ARN and id as they are)."""
    parsed = model.parse(shape["Content"], lenient=True)
    parsed = model.Flow(
        parsed.start, parsed.actions, parsed.content, shape["Id"], shape["Name"], shape["Arn"]
    )
    directory.flows[shape["Id"]] = StoredFlow(
        shape["Id"],
        shape["Arn"],
        shape["Name"],
        shape["Content"],
        parsed,
        shape.get("Type", "CONTACT_FLOW"),
        shape.get("Description"),
        tags=shape.get("Tags") or {},
    )


def import_request(state: State, request: dict[str, Any]) -> dict[str, Any]:
    """ImportFlows (POST /sandbox/import-flows, the sandbox's own): apply one copy."""
    if not isinstance(request.get("InstanceId"), str) or not request["InstanceId"]:
        raise invalid("InstanceId is required (the instance the copy is of)")
    try:
        apply(state, (request,))
    except (KeyError, TypeError, ValueError) as exc:
        raise invalid(f"not a copy of an instance (as --flows-from-aws makes): {exc!r}") from None
    return {
        "InstanceId": request["InstanceId"],
        "ContactFlows": len(request.get("ContactFlows", [])),
        "Queues": len(request.get("Queues", [])),
        "EmailAddresses": len(request.get("EmailAddresses", [])),
    }
