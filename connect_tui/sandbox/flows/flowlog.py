"""Provides the path of a run as Connect's flow-log records (one JSON object per action).

Connect writes one record per block to CloudWatch Logs while flow logging is on; the admin
guide's example record has ContactId, ContactFlowId (an ARN), ContactFlowModuleType,
Timestamp and Parameters, and records also carry ContactFlowName, Identifier, Results and,
for Lambda, ExternalResults: https://docs.aws.amazon.com/connect/latest/adminguide/contact-flow-log-data.html
ContactFlowModuleType names the block, not the Flow-language type; AWS publishes no list,
so MODULE_TYPES is the sandbox's reading (docs/flows.md). `SandboxPath` is the sandbox's
own addition (the branch taken and why); a reader must treat it as optional, as AWS never
writes it.
"""

from __future__ import annotations

import time
from typing import Any, Final

from connect_tui.sandbox.flows.context import Step

MODULE_TYPES: Final = {
    "UpdateContactAttributes": "SetAttributes",
    "Compare": "CheckAttribute",
    "UpdateContactTargetQueue": "SetQueue",
    "TransferContactToQueue": "TransferToQueue",
    "DisconnectParticipant": "Disconnect",
    "InvokeLambdaFunction": "InvokeExternalResource",
    "UpdateFlowLoggingBehavior": "SetLoggingBehavior",
    "UpdateFlowAttributes": "SetFlowAttributes",
    "CheckHoursOfOperation": "CheckHoursOfOperation",
    "DistributeByPercentage": "DistributeByPercentage",
    "TransferToFlow": "TransferToFlow",
    "TagContact": "TagContact",
    "UnTagContact": "UnTagContact",
    "EndFlowExecution": "EndFlowExecution",
    "SendMessage": "SendMessage",
    "MessageParticipant": "PlayPrompt",
}


def timestamp(seconds: float) -> str:
    """An ISO 8601 UTC time with milliseconds, as flow logs write it: 2021-04-13T00:14:31.581Z."""
    whole = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds))
    return f"{whole}.{int(seconds * 1000) % 1000:03d}Z"


def record(contact_id: str, step: Step) -> dict[str, Any]:
    """The flow-log record of one step of a contact's path."""
    shape: dict[str, Any] = {
        "ContactId": contact_id,
        "ContactFlowId": step.flow_arn or step.flow_id,
        "ContactFlowName": step.flow_name,
        "ContactFlowModuleType": MODULE_TYPES.get(step.type, step.type),
        "Identifier": step.identifier,
        "Timestamp": timestamp(step.timestamp),
        "Parameters": step.parameters,
    }
    if step.result is not None:
        shape["Results"] = step.result
    elif step.branch not in ("NextAction", "End", "Jump") and not step.branch.startswith(
        ("Condition", "NextAction")
    ):
        shape["Results"] = step.branch  # the error branch taken, as Connect reports errors
    if step.external is not None:
        shape["ExternalResults"] = step.external
    path: dict[str, Any] = {
        "Type": step.type,
        "Branch": step.branch,
        "NextAction": step.next_action,
        "Reason": step.reason,
    }
    if step.changes:
        path["AttributesChanged"] = {k: {"from": a, "to": b} for k, (a, b) in step.changes.items()}
    shape["SandboxPath"] = path
    return shape
