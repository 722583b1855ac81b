"""Provides the Parameters checks of the actions the sandbox runs, made when a flow is created.

Each rule cites the action's page in the API Reference (docs/flows.md has the table). Only
what a page states is refused; where a page is silent the flow is accepted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from connect_tui.sandbox.flows import jsonpath

Check = Callable[[dict[str, Any], dict[str, Any]], list[str]]


def _static_or_path(parameters: dict[str, Any], name: str, *, required: bool) -> list[str]:
    """'Must be either fully static or a single valid JSONPath identifier'."""
    value = parameters.get(name)
    if value is None:
        return [f"Parameters.{name} is required"] if required else []
    if not isinstance(value, str) or not value:
        return [f"Parameters.{name} must be a non-empty string"]
    if value.startswith("$"):
        try:
            jsonpath.steps(value)
        except jsonpath.PathError as exc:
            return [f"Parameters.{name}: {exc}"]
    elif "$." in value:
        return [f"Parameters.{name} must be fully static or a single JSONPath, not {value!r}"]
    return []


def _dynamic_map(parameters: dict[str, Any], name: str) -> list[str]:
    """A map whose keys and values 'may be defined statically or dynamically'."""
    value = parameters.get(name)
    if not isinstance(value, dict) or not value:
        return [f"Parameters.{name} must be a non-empty object of keys and values"]
    found = []
    for key, item in value.items():
        if not isinstance(item, str):
            found.append(f"Parameters.{name}.{key} must be a string")
        found += [f"Parameters.{name}.{key}: {p}" for p in jsonpath.check_value(item)]
    return found


def compare(parameters: dict[str, Any], transitions: dict[str, Any]) -> list[str]:
    """Compare: ComparisonValue is 'any single JSONPath identifier'.
    https://docs.aws.amazon.com/connect/latest/APIReference/flow-control-actions-compare.html"""
    value = parameters.get("ComparisonValue")
    if not isinstance(value, str) or not jsonpath.is_path(value):
        return [f"Parameters.ComparisonValue must be a single JSONPath, not {value!r}"]
    try:
        jsonpath.steps(value)
    except jsonpath.PathError as exc:
        return [f"Parameters.ComparisonValue: {exc}"]
    return []


def update_contact_attributes(parameters: dict[str, Any], transitions: dict[str, Any]) -> list[str]:
    """UpdateContactAttributes: Attributes, TargetContact Current or Related (static).
    https://docs.aws.amazon.com/connect/latest/APIReference/contact-actions-updatecontactattributes.html"""
    found = _dynamic_map(parameters, "Attributes")
    target = parameters.get("TargetContact", "Current")
    if target not in ("Current", "Related"):
        found.append(f"Parameters.TargetContact must be Current or Related, not {target!r}")
    return found


def update_flow_attributes(parameters: dict[str, Any], transitions: dict[str, Any]) -> list[str]:
    """UpdateFlowAttributes: FlowAttributes, each {"Value": ...}; no conditions.
    https://docs.aws.amazon.com/connect/latest/APIReference/flow-control-actions-updateflowattributes.html"""
    value = parameters.get("FlowAttributes")
    if not isinstance(value, dict) or not value:
        return ["Parameters.FlowAttributes must be a non-empty object"]
    found = []
    for key, item in value.items():
        if not isinstance(item, dict) or not isinstance(item.get("Value"), str):
            found.append(f"Parameters.FlowAttributes.{key} must be an object with a string Value")
        else:
            found += [f"Parameters.FlowAttributes.{key}: {p}" for p in jsonpath.check_value(item)]
    return found + _no_conditions(transitions)


def update_contact_target_queue(
    parameters: dict[str, Any], transitions: dict[str, Any]
) -> list[str]:
    """UpdateContactTargetQueue: QueueId or AgentId (not both), static or one JSONPath.
    https://docs.aws.amazon.com/connect/latest/APIReference/contact-actions-updatecontacttargetqueue.html"""
    if "QueueId" in parameters and "AgentId" in parameters:
        return ["Parameters: give QueueId or AgentId, not both"]
    if "AgentId" in parameters:
        return _static_or_path(parameters, "AgentId", required=True)
    return _static_or_path(parameters, "QueueId", required=True)


def transfer_to_flow(parameters: dict[str, Any], transitions: dict[str, Any]) -> list[str]:
    """TransferToFlow: ContactFlowId, static or one JSONPath.
    https://docs.aws.amazon.com/connect/latest/APIReference/flow-control-actions-transfertoflow.html"""
    return _static_or_path(parameters, "ContactFlowId", required=True)


def check_hours(parameters: dict[str, Any], transitions: dict[str, Any]) -> list[str]:
    """CheckHoursOfOperation: a Condition for Equals True and one for Equals False, no other.
    https://docs.aws.amazon.com/connect/latest/APIReference/flow-control-actions-checkhoursofoperation.html"""
    found = _static_or_path(parameters, "HoursOfOperationId", required=False)
    operands = sorted(
        str((c.get("Condition") or {}).get("Operands", [""])[0])
        for c in transitions.get("Conditions") or []
        if isinstance(c, dict) and (c.get("Condition") or {}).get("Operator") == "Equals"
    )
    if operands != ["False", "True"] or len(transitions.get("Conditions") or []) != 2:
        found.append("Transitions.Conditions must be exactly Equals True and Equals False")
    return found


def distribute(parameters: dict[str, Any], transitions: dict[str, Any]) -> list[str]:
    """DistributeByPercentage: a chain of NumberLessThan, none comparing above 100.
    https://docs.aws.amazon.com/connect/latest/APIReference/flow-control-actions-distributebypercentage.html"""
    found = []
    for index, entry in enumerate(transitions.get("Conditions") or []):
        condition = entry.get("Condition") if isinstance(entry, dict) else None
        if not isinstance(condition, dict) or condition.get("Operator") != "NumberLessThan":
            found.append(f"Transitions.Conditions[{index}] must be a NumberLessThan comparison")
            continue
        operand = (condition.get("Operands") or [""])[0]
        try:
            number = float(operand)
        except (TypeError, ValueError):
            found.append(f"Transitions.Conditions[{index}] compares with {operand!r}, not a number")
            continue
        if number > 100:
            found.append(f"Transitions.Conditions[{index}] compares with {operand}, above 100")
    return found


def invoke_lambda(parameters: dict[str, Any], transitions: dict[str, Any]) -> list[str]:
    """InvokeLambdaFunction: LambdaFunctionARN; InvocationTimeLimitSeconds an integer 1 to 8.
    https://docs.aws.amazon.com/connect/latest/APIReference/interactions-invokelambdafunction.html"""
    found = []
    if not isinstance(parameters.get("LambdaFunctionARN"), str):
        found.append("Parameters.LambdaFunctionARN is required")
    limit = parameters.get("InvocationTimeLimitSeconds", "8")
    try:
        seconds = int(str(limit))
    except ValueError:
        seconds = 0
    if not 1 <= seconds <= 8 or str(seconds) != str(limit).strip():
        found.append(f"Parameters.InvocationTimeLimitSeconds {limit!r}: an integer from 1 to 8")
    attributes = parameters.get("LambdaInvocationAttributes")
    if attributes is not None:
        found += _dynamic_map(parameters, "LambdaInvocationAttributes")
    return found + _no_conditions(transitions)


def logging_behavior(parameters: dict[str, Any], transitions: dict[str, Any]) -> list[str]:
    """UpdateFlowLoggingBehavior: FlowLoggingBehavior Enabled or Disabled, never dynamic.
    https://docs.aws.amazon.com/connect/latest/APIReference/flow-control-actions-updateflowloggingbehavior.html"""
    value = parameters.get("FlowLoggingBehavior")
    if value not in ("Enabled", "Disabled"):
        return [f"Parameters.FlowLoggingBehavior must be Enabled or Disabled, not {value!r}"]
    return _no_conditions(transitions)


def tag_contact(parameters: dict[str, Any], transitions: dict[str, Any]) -> list[str]:
    """TagContact: Tags, keys and values static or dynamic; no aws: keys (system tags).
    https://docs.aws.amazon.com/connect/latest/APIReference/contact-actions-tagcontact.html"""
    found = _dynamic_map(parameters, "Tags")
    for key in parameters.get("Tags") or {}:
        if str(key).startswith("aws:"):
            found.append(f"Parameters.Tags.{key}: aws: tags are system tags and cannot be set")
    return found


def terminal(parameters: dict[str, Any], transitions: dict[str, Any]) -> list[str]:
    """DisconnectParticipant and EndFlowExecution: terminal, so Transitions is empty.
    https://docs.aws.amazon.com/connect/latest/APIReference/participant-actions-disconnectparticipant.html
    https://docs.aws.amazon.com/connect/latest/APIReference/flow-control-actions-endflowexecution.html"""
    if transitions.get("NextAction") or transitions.get("Conditions"):
        return ["is terminal: Transitions must be an empty object"]
    return []


def send_message(parameters: dict[str, Any], transitions: dict[str, Any]) -> list[str]:
    """SendMessage (the Send message block) as the sandbox reads it: see docs/flows.md."""
    found = []
    for name in ("Subject", "Body"):
        if not isinstance(parameters.get(name), str):
            found.append(f"Parameters.{name} is required (a string; paths may be used)")
        else:
            found += [f"Parameters.{name}: {p}" for p in jsonpath.check_value(parameters[name])]
    return found


def _no_conditions(transitions: dict[str, Any]) -> list[str]:
    if transitions.get("Conditions"):
        return ["supports no Conditions"]
    return []


CHECKS: Final[dict[str, Check]] = {
    "Compare": compare,
    "UpdateContactAttributes": update_contact_attributes,
    "UpdateFlowAttributes": update_flow_attributes,
    "UpdateContactTargetQueue": update_contact_target_queue,
    "TransferToFlow": transfer_to_flow,
    "CheckHoursOfOperation": check_hours,
    "DistributeByPercentage": distribute,
    "InvokeLambdaFunction": invoke_lambda,
    "UpdateFlowLoggingBehavior": logging_behavior,
    "TagContact": tag_contact,
    "DisconnectParticipant": terminal,
    "EndFlowExecution": terminal,
    "SendMessage": send_message,
}


def check(kind: str, parameters: dict[str, Any], transitions: dict[str, Any]) -> list[str]:
    """Problems with one action's Parameters and Transitions (none for unchecked types)."""
    rule = CHECKS.get(kind)
    return rule(parameters, transitions) if rule else []
