"""Provides the interaction the sandbox runs: InvokeLambdaFunction, answered from canned results.

No Lambda is called: the sandbox answers from a file of canned results keyed by function
ARN (docs/flows.md gives its shape). A result's attributes are then under `$.External`.
https://docs.aws.amazon.com/connect/latest/APIReference/interactions-invokelambdafunction.html
"""

from __future__ import annotations

from typing import Any, Final

from connect_tui.sandbox.flows.model import Action
from connect_tui.sandbox.flows.run_state import Handler, Outcome, Run


def invoke_lambda_function(run: Run, action: Action) -> Outcome:
    """InvokeLambdaFunction: $.External is the canned answer; an error or none: NoMatchingError."""
    arn = run.value(action.parameters["LambdaFunctionARN"])
    sent = {
        run.value(k): run.value(v)
        for k, v in (action.parameters.get("LambdaInvocationAttributes") or {}).items()
    }
    canned: Any = run.resources.lambda_results.get(arn)
    parameters = {"FunctionArn": arn, "Parameters": sent}
    if canned is None:
        return Outcome.fail("NoMatchingError", f"no canned result for {arn}", parameters=parameters)
    if isinstance(canned, dict) and "Error" in canned:
        return Outcome.fail(
            "NoMatchingError", f"{arn} failed: {canned['Error']}", parameters=parameters
        )
    answer = canned.get("External", canned) if isinstance(canned, dict) else {}
    # Connect reads a flat map of strings from a Lambda (nested values are not attributes).
    external = {str(k): str(v) for k, v in answer.items() if not isinstance(v, (dict, list))}
    run.external = external
    return Outcome.next(
        f"{arn} answered {len(external)} value(s)", external=external, parameters=parameters
    )


HANDLERS: Final[dict[str, Handler]] = {"InvokeLambdaFunction": invoke_lambda_function}
