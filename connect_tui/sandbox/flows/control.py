"""Provides the flow control actions the sandbox runs.

Each handler cites its page of the API Reference. Flow control actions "are used only to
determine the path through a flow": they change no contact data.
https://docs.aws.amazon.com/connect/latest/APIReference/flow-control-actions.html
"""

from __future__ import annotations

from typing import Final

from connect_tui.sandbox.flows.model import Action
from connect_tui.sandbox.flows.run_state import Handler, Outcome, Run


def compare(run: Run, action: Action) -> Outcome:
    """Compare: the value at ComparisonValue is the result the Conditions check.
    https://docs.aws.amazon.com/connect/latest/APIReference/flow-control-actions-compare.html"""
    path = action.parameters["ComparisonValue"]
    value = run.lookup(path)
    shown = "missing" if value is None else repr(value)
    return Outcome.value(value, f"{path} is {shown}")


def distribute_by_percentage(run: Run, action: Action) -> Outcome:
    """DistributeByPercentage: a number from 1 to 100 drawn from the run's seeded dice.
    https://docs.aws.amazon.com/connect/latest/APIReference/flow-control-actions-distributebypercentage.html"""
    number = run.resources.random.randint(1, 100)
    return Outcome.value(str(number), f"drew {number} (1 to 100, seeded)")


def check_hours_of_operation(run: Run, action: Action) -> Outcome:
    """CheckHoursOfOperation: True or False for the named hours, else the target queue's.
    https://docs.aws.amazon.com/connect/latest/APIReference/flow-control-actions-checkhoursofoperation.html"""
    reference = run.lookup(action.parameters.get("HoursOfOperationId"))
    if reference is None:
        queue = run.contact.queue
        if queue is None or queue.hours_id is None:
            return Outcome.fail(
                "NoMatchingError", "no HoursOfOperationId and no target queue with hours"
            )
        reference = queue.hours_id
    hours = run.resources.hours(reference)
    if hours is None:
        return Outcome.fail("NoMatchingError", f"hours of operation {reference} not found")
    now = run.resources.now()
    is_open = hours.is_open(now)
    verdict = "in hours" if is_open else "out of hours"
    return Outcome.value(
        "True" if is_open else "False",
        f"{now:%a %Y-%m-%d %H:%M} UTC is {verdict} for {hours.name} ({hours.time_zone})",
    )


def transfer_to_flow(run: Run, action: Action) -> Outcome:
    """TransferToFlow: execution continues at the beginning of another flow.
    https://docs.aws.amazon.com/connect/latest/APIReference/flow-control-actions-transfertoflow.html"""
    reference = run.lookup(action.parameters.get("ContactFlowId"))
    target = run.resources.flows(reference) if reference else None
    if target is None:
        return Outcome.fail("NoMatchingError", f"flow {reference} not found (or not published)")
    outcome = Outcome("jump", f"to flow {target.name or target.id}")
    outcome.flow = target
    return outcome


def update_flow_attributes(run: Run, action: Action) -> Outcome:
    """UpdateFlowAttributes: flow-scoped attributes, all or none, not carried to later flows.
    https://docs.aws.amazon.com/connect/latest/APIReference/flow-control-actions-updateflowattributes.html"""
    values = {
        run.value(key): run.value(item["Value"])
        for key, item in action.parameters["FlowAttributes"].items()
    }
    changes = {k: [run.flow_attributes.get(k), v] for k, v in values.items()}
    run.flow_attributes.update(values)
    return Outcome.next(f"set {len(values)} flow attribute(s)", changes=changes)


def update_flow_logging_behavior(run: Run, action: Action) -> Outcome:
    """UpdateFlowLoggingBehavior: flow logs on or off for the rest of the contact.
    https://docs.aws.amazon.com/connect/latest/APIReference/flow-control-actions-updateflowloggingbehavior.html"""
    run.logging = action.parameters["FlowLoggingBehavior"] == "Enabled"
    return Outcome.next(f"flow logging {'on' if run.logging else 'off'}")


def end_flow_execution(run: Run, action: Action) -> Outcome:
    """EndFlowExecution: the flow finishes; a contact not yet in a queue is then ended.
    https://docs.aws.amazon.com/connect/latest/APIReference/flow-control-actions-endflowexecution.html"""
    # TransferContactToQueue ends a run, so here the contact is never in a queue yet.
    return Outcome.end("disconnected", "the flow ends before the contact is in a queue")


HANDLERS: Final[dict[str, Handler]] = {
    "Compare": compare,
    "DistributeByPercentage": distribute_by_percentage,
    "CheckHoursOfOperation": check_hours_of_operation,
    "TransferToFlow": transfer_to_flow,
    "UpdateFlowAttributes": update_flow_attributes,
    "UpdateFlowLoggingBehavior": update_flow_logging_behavior,
    "EndFlowExecution": end_flow_execution,
}
