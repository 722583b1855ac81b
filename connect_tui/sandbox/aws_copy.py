"""Provides --flows-from-aws: an instance's published flows, queues, hours and email addresses
copied from Amazon Connect into the sandbox, ids and ARNs kept.

`fetch(client, instance_id)` reads them with the API (SearchContactFlows, DescribeContactFlow,
ListQueues, DescribeQueue, DescribeHoursOfOperation, SearchEmailAddresses) and returns them
in botocore's shapes; `apply(state, copies)` gives them to a new sandbox. A draft made for
the real instance then runs offline unchanged. A copied flow is trusted (AWS accepted it):
an action type the sandbox does not know stops a run instead of refusing the flow.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from connect_tui.sandbox.directory import StoredFlow, StoredQueue
from connect_tui.sandbox.flows import model
from connect_tui.sandbox.flows.context import Hours, Queue

if TYPE_CHECKING:
    from connect_tui.sandbox.state import State


class CopyError(Exception):
    """The instance could not be read (one line, naming what failed)."""


def _pages(call: Any, key: str, **request: Any) -> Iterator[dict[str, Any]]:
    token = None
    while True:
        answer = call(**request, **({"NextToken": token} if token else {}))
        yield from answer.get(key, [])
        token = answer.get("NextToken")
        if not token:
            return


def fetch(client: Any, instance_id: str | None) -> dict[str, Any]:
    """The instance's published flows, queues (with their hours) and addresses, as AWS shapes."""
    if instance_id is None:
        instances = list(_pages(client.list_instances, "InstanceSummaryList"))
        if len(instances) != 1:
            names = ", ".join(i["Id"] for i in instances) or "none"
            raise CopyError(
                f"the account has {len(instances)} instances ({names}); name one with --instance"
            )
        instance_id = instances[0]["Id"]
    criteria = {"StatusCondition": "PUBLISHED"}
    flows = []
    for found in _pages(
        client.search_contact_flows, "ContactFlows", InstanceId=instance_id, SearchCriteria=criteria
    ):
        described = client.describe_contact_flow(InstanceId=instance_id, ContactFlowId=found["Id"])
        flows.append(described["ContactFlow"])
    queues, hours = [], {}
    for summary in _pages(
        client.list_queues, "QueueSummaryList", InstanceId=instance_id, QueueTypes=["STANDARD"]
    ):
        queue = client.describe_queue(InstanceId=instance_id, QueueId=summary["Id"])["Queue"]
        queues.append(queue)
        hours_id = queue.get("HoursOfOperationId")
        if hours_id and hours_id not in hours:
            hours[hours_id] = client.describe_hours_of_operation(
                InstanceId=instance_id, HoursOfOperationId=hours_id
            )["HoursOfOperation"]
    addresses = list(
        _pages(client.search_email_addresses, "EmailAddresses", InstanceId=instance_id)
    )
    arn = next((f["Arn"].split("/contact-flow/")[0] for f in flows), None)
    return {
        "InstanceId": instance_id,
        "InstanceArn": arn,
        "ContactFlows": flows,
        "Queues": queues,
        "HoursOfOperations": list(hours.values()),
        "EmailAddresses": addresses,
    }


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
