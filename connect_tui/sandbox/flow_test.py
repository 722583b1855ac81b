"""Provides `flow test`'s runs: a draft sent through a flow in an in-process sandbox.

No HTTP: a sandbox State is made for the draft's instance with the flow in it, the draft's
request (variables resolved, ContactFlowId set to the flow) goes through the same
StartEmailContact the server runs, and the run's result is checked against expectations.
A queue the flow names by a static id or ARN that the sandbox does not seed is added under
that id, so a flow copied from AWS is testable offline (docs/flows.md).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from connect_tui.core import flow_expectations, variables
from connect_tui.core.model import Draft
from connect_tui.sandbox import operations
from connect_tui.sandbox.config import SandboxConfig
from connect_tui.sandbox.directory import StoredQueue
from connect_tui.sandbox.flows.context import Queue
from connect_tui.sandbox.flows.files import FlowFile
from connect_tui.sandbox.protocol import ServiceError
from connect_tui.sandbox.seed import new_state
from connect_tui.sandbox.state import Instance


@dataclass
class Outcome:
    """One draft's test: the run (as JSON), what failed, and whether it could run at all."""

    run: dict[str, Any] | None
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """True when the draft ran and every expectation held."""
        return self.run is not None and not self.failures


def _named_queues(flow: FlowFile) -> list[str]:
    found = []
    for action in flow.flow.actions.values():
        if action.type == "UpdateContactTargetQueue":
            reference = action.parameters.get("QueueId")
            if isinstance(reference, str) and not reference.startswith("$"):
                found.append(reference)
    return found


def _add_named_queues(instance: Instance, flow: FlowFile) -> None:
    for reference in _named_queues(flow):
        if instance.directory.queue(reference) is None:
            queue_id = reference.rsplit("/", 1)[-1]
            arn = reference if reference.startswith("arn:") else f"{instance.arn}/queue/{queue_id}"
            queue = Queue(queue_id, arn, queue_id)
            instance.directory.queues[queue_id] = StoredQueue(queue, "named by the flow")


def run_draft(
    flow: FlowFile,
    draft: Draft,
    expectations: flow_expectations.Expectations,
    *,
    clock: float | None = None,
    seed: int = 0,
    lambda_results: dict[str, Any] | None = None,
) -> Outcome:
    """Send `draft` through `flow` in a sandbox of its own and check the run."""
    request, _ = variables.resolve(draft.request, draft.variables)
    request = {**request, "ContactFlowId": flow.id, "ClientToken": str(uuid.uuid4())}
    instance_id = str(request.get("InstanceId") or "")
    place: dict[str, Any] = {}
    if instance_id.startswith("arn:"):  # the sandbox plays the ARN's account and Region
        parts = instance_id.split(":", 5)
        if len(parts) == 6 and parts[3] and parts[4]:
            place = {"region": parts[3], "account_id": parts[4]}
        instance_id = instance_id.rsplit("/", 1)[-1]
    config = SandboxConfig(
        **place,
        instances=(instance_id,) if instance_id else SandboxConfig().instances,
        rate=0,
        flows=((flow.id, flow.name, flow.content),),
        clock=clock,
        lambda_results=lambda_results or {},
        seed=seed,
    )
    state = new_state(config)
    for instance in state.instances.values():
        _add_named_queues(instance, flow)
    try:
        answer = operations.run(state, "StartEmailContact", request)
    except ServiceError as error:
        return Outcome(
            {"Ended": "refused", "Error": None, "Path": []},
            [f"the sandbox refused the draft: {error.code}: {error.message}"],
        )
    result = state.runs.wait(answer.body["ContactId"], timeout=30)
    if result is None:
        return Outcome(None, ["the flow did not finish within 30 seconds"])
    run = result.as_json()
    return Outcome(run, expectations.failures(run))
