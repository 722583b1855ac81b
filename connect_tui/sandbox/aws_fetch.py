"""Provides the reading side of --flows-from-aws: an instance's published flows, queues, hours
and email addresses read from Amazon Connect in botocore's shapes (`fetch`), and the composer's
palette action that gives them to a running sandbox (`copy_draft_instance`).

The sandbox's side (storing a copy, ids and ARNs kept) is connect_tui.sandbox.aws_copy; this
module stays apart from it so the sandbox's state never imports a client (no import cycle).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from connect_tui.core.model import Draft


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


def copy_draft_instance(draft: Draft, sandbox_url: str) -> str:
    """Copy the instance an AWS draft names into the sandbox at `sandbox_url` (the composer's
    palette action); one line saying what was copied, or CopyError saying why not."""
    from botocore.exceptions import BotoCoreError, ClientError

    from connect_tui.core import credentials
    from connect_tui.sandbox.admin import AdminError, import_flows

    target = draft.target
    if target.is_sandbox:
        raise CopyError("the draft targets the sandbox: set its target to AWS (Region, profile)")
    instance = draft.request.get("InstanceId")
    try:
        session = credentials.boto3_session(credentials.source_for(draft))
        client = session.client(
            "connect", region_name=target.region, endpoint_url=target.endpoint_url
        )
        copy = fetch(client, instance if isinstance(instance, str) and instance else None)
        counts = import_flows(sandbox_url, copy)
    except (ClientError, BotoCoreError, credentials.CredentialsError, AdminError) as exc:
        raise CopyError(f"cannot copy from AWS: {exc}") from None
    return (
        f"copied instance {counts['InstanceId']} into the sandbox: {counts['ContactFlows']} "
        f"flows, {counts['Queues']} queues, {counts['EmailAddresses']} email addresses"
    )
