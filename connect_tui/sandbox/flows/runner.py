"""Provides run(flow, contact, resources): a flow run on a contact, and the path it took.

Transitions are followed as the Flow language defines them: the first Condition that holds
wins, else NoMatchingCondition; an error goes to its ErrorType, else NoMatchingError; else
NextAction. https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions.html
Where the language defines nothing (no branch for what happened, an action type the
sandbox does not run, a loop) the run stops with a clear error naming the action: it never
skips an action silently.
"""

from __future__ import annotations

import time
from typing import Final

from connect_tui.sandbox.flows import conditions, contact, control, interactions, participant
from connect_tui.sandbox.flows.context import FlowContact, Resources, RunResult, Step
from connect_tui.sandbox.flows.model import Action, Flow
from connect_tui.sandbox.flows.run_state import Handler, Outcome, Run

HANDLERS: Final[dict[str, Handler]] = {
    **control.HANDLERS,
    **contact.HANDLERS,
    **interactions.HANDLERS,
    **participant.HANDLERS,
}
#: The action types the sandbox runs (every other known type stops a run, named).
IMPLEMENTED: Final = frozenset(HANDLERS)


class _Stop(Exception):
    """The run cannot go on: the message says why, naming the action."""


def run(flow: Flow, contact_: FlowContact, resources: Resources | None = None) -> RunResult:
    """Run `flow` on `contact_` (changed in place) until it ends, and return the path."""
    resources = resources or Resources()
    state = Run(contact_, resources, flow)
    path: list[Step] = []
    current: str | None = flow.start
    try:
        while True:
            if len(path) >= resources.step_limit:
                raise _Stop(
                    f"stopped after {resources.step_limit} actions: the flow loops "
                    f"(last action {path[-1].identifier!r} in flow "
                    f"{state.flow.name or state.flow.id})"
                )
            action = state.flow.actions.get(current or "")
            if action is None:
                raise _Stop(f"flow {state.flow.name or state.flow.id} has no action {current!r}")
            outcome = _attempt(state, action)
            step = _step(state, action, outcome)
            path.append(step)
            if resources.on_step is not None:
                resources.on_step(step)
            if outcome.kind == "end":
                return _result(state, path, outcome.ended or "ended")
            if outcome.kind == "jump":
                assert outcome.flow is not None
                # Flow attributes "are not carried over to the subsequent flows".
                state.flow, state.flow_attributes = outcome.flow, {}
                current = outcome.flow.start
                continue
            current = step.next_action
            if current is None:
                raise _Stop(_dead_end(action, step))
    except _Stop as stop:
        return _result(state, path, "stopped", str(stop))


def _attempt(state: Run, action: Action) -> Outcome:
    handler = HANDLERS.get(action.type)
    if handler is None:
        raise _Stop(
            f"action {action.identifier!r} is a {action.type}, which the sandbox does not run "
            "(docs/flows.md lists the actions it runs)"
        )
    return handler(state, action)


def _step(state: Run, action: Action, outcome: Outcome) -> Step:
    """The path's record of one action: the branch taken and why."""
    branch, target, reason = "NextAction", action.next_action, outcome.reason
    if outcome.kind == "result":
        branch, target = _condition(action, outcome.result)
    elif outcome.kind == "error":
        matched = action.error_target(outcome.error or "NoMatchingError")
        if matched is None:
            raise _Stop(
                f"action {action.identifier!r} ({action.type}) failed with {outcome.error} "
                f"({outcome.reason}) and has no Errors branch for it or NoMatchingError"
            )
        branch, target = matched
        reason = f"{outcome.error}: {outcome.reason}"
    elif outcome.kind in ("end", "jump"):
        branch, target = ("Jump" if outcome.kind == "jump" else "End"), None
    if outcome.kind == "result" and branch == "NoMatchingCondition" and target is None:
        raise _Stop(
            f"action {action.identifier!r} ({action.type}): {outcome.reason}; no Condition "
            "holds and there is no NoMatchingCondition branch"
        )
    return Step(
        flow_id=state.flow.id,
        flow_name=state.flow.name,
        flow_arn=state.flow.arn,
        identifier=action.identifier,
        type=action.type,
        # The real time: logs and DescribeContact's timestamps agree whatever the sandbox clock.
        timestamp=time.time(),
        parameters=outcome.parameters if outcome.parameters is not None else action.parameters,
        branch=branch,
        next_action=target,
        reason=reason,
        result=outcome.result,
        changes=outcome.changes,
        external=outcome.external,
        logged=state.logging or action.type == "UpdateFlowLoggingBehavior",
    )


def _condition(action: Action, result: str | None) -> tuple[str, str | None]:
    for index, entry in enumerate(action.conditions, start=1):
        if conditions.holds(entry.condition, result):
            return f"Condition {index}: {conditions.describe(entry.condition)}", entry.next_action
    matched = action.error_target("NoMatchingCondition")
    if matched is not None and matched[0] == "NoMatchingCondition":
        return matched
    # NextAction runs "if no error or condition is preferentially chosen".
    if action.next_action:
        return "NextAction (no Condition held)", action.next_action
    return "NoMatchingCondition", None


def _dead_end(action: Action, step: Step) -> str:
    return (
        f"action {action.identifier!r} ({action.type}) took {step.branch} but has no NextAction "
        "there: the flow stops"
    )


def _result(state: Run, path: list[Step], ended: str, error: str | None = None) -> RunResult:
    return RunResult(state.contact, path, ended, error, state.replies, state.logging)
