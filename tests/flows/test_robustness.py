"""Whatever a flow file holds, parsing refuses it with FlowInvalid or accepts it, and a run of
an accepted flow ends with a RunResult (never an exception), within the step limit."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connect_tui.sandbox.flows import model, runner
from connect_tui.sandbox.flows.catalog import KNOWN_TYPES
from tests.flows.helpers import contact, resources

DEMO = json.loads(
    (Path(__file__).resolve().parents[2] / "docs" / "examples" / "email-flow.json").read_text()
)
IDS = st.sampled_from(["a", "b", "c", "end", "x" * 51, "$bad", ""])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=12), IDS)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
OPERATORS = st.sampled_from(["Equals", "TextContains", "NumberLessThan", "Nope"])
PATHS = st.sampled_from(
    [
        "$.Attributes.x",
        "$.SegmentAttributes['connect:EmailSubject']",
        "$.External.y",
        "$.Nope",
        "text",
    ]
)
CONDITION = st.fixed_dictionaries(
    {
        "NextAction": IDS,
        "Condition": st.fixed_dictionaries(
            {
                "Operator": OPERATORS,
                "Operands": st.lists(st.one_of(st.text(max_size=4), st.integers()), max_size=2),
            }
        ),
    }
)
TRANSITIONS = st.fixed_dictionaries(
    {},
    optional={
        "NextAction": IDS,
        "Conditions": st.lists(CONDITION, max_size=3),
        "Errors": st.lists(
            st.fixed_dictionaries(
                {
                    "ErrorType": st.sampled_from(
                        ["NoMatchingError", "NoMatchingCondition", "QueueAtCapacity"]
                    ),
                    "NextAction": IDS,
                }
            ),
            max_size=2,
        ),
    },
)
PARAMETERS = st.one_of(
    st.dictionaries(
        st.sampled_from(
            [
                "ComparisonValue",
                "Attributes",
                "QueueId",
                "Tags",
                "FlowLoggingBehavior",
                "Subject",
                "Body",
                "LambdaFunctionARN",
                "ContactFlowId",
                "FlowAttributes",
            ]
        ),
        st.one_of(PATHS, VALUES),
        max_size=4,
    ),
    VALUES,
)
ACTION = st.fixed_dictionaries(
    {
        "Identifier": IDS,
        "Type": st.sampled_from(sorted(KNOWN_TYPES) + ["Bogus"]),
        "Parameters": PARAMETERS,
        "Transitions": st.one_of(TRANSITIONS, VALUES),
    }
)
FLOWS = st.fixed_dictionaries(
    {
        "Version": st.sampled_from(["2019-10-30", "2020"]),
        "StartAction": IDS,
        "Actions": st.one_of(st.lists(ACTION, max_size=6), VALUES),
    }
)


NUMBERS = ["1", "50"]
TEXTS = ["1", "x!", ""]
GOOD_PARAMETERS = {
    "Compare": {"ComparisonValue": "$.Attributes.x"},
    "UpdateContactAttributes": {"Attributes": {"x": "$.Attributes.x!"}},
    "UpdateContactTargetQueue": {"QueueId": "q-support"},
    "TransferContactToQueue": {},
    "DistributeByPercentage": {},
    "TagContact": {"Tags": {"t": "v"}},
    "InvokeLambdaFunction": {"LambdaFunctionARN": "arn:f"},
    "UpdateFlowLoggingBehavior": {"FlowLoggingBehavior": "Enabled"},
    "MessageParticipant": {"Text": "hi"},
    "CreateTask": {},
}


@st.composite
def wired_flows(draw: st.DrawFn) -> dict[str, Any]:
    """Flows that are mostly well formed: unique ids, targets among them, known parameters."""
    ids = draw(
        st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), min_size=1, max_size=5, unique=True)
    )
    targets = st.sampled_from(ids)
    actions = []
    for identifier in ids:
        kind = draw(st.sampled_from(sorted(GOOD_PARAMETERS)))
        transitions: dict[str, Any] = {}
        if draw(st.booleans()):
            transitions["NextAction"] = draw(targets)
        if kind in ("Compare", "DistributeByPercentage"):
            operator = (
                "NumberLessThan"
                if kind == "DistributeByPercentage"
                else draw(OPERATORS.filter(lambda o: o != "Nope"))
            )
            transitions["Conditions"] = [
                {
                    "NextAction": draw(targets),
                    "Condition": {
                        "Operator": operator,
                        "Operands": [
                            draw(
                                st.sampled_from(
                                    NUMBERS if kind == "DistributeByPercentage" else TEXTS
                                )
                            )
                        ],
                    },
                }
                for _ in range(draw(st.integers(0, 2)))
            ]
        errors = draw(
            st.lists(
                st.sampled_from(["NoMatchingError", "NoMatchingCondition", "QueueAtCapacity"]),
                max_size=2,
                unique=True,
            )
        )
        transitions["Errors"] = [{"ErrorType": e, "NextAction": draw(targets)} for e in errors]
        actions.append(
            {
                "Identifier": identifier,
                "Type": kind,
                "Parameters": GOOD_PARAMETERS[kind],
                "Transitions": transitions,
            }
        )
    return {"Version": "2019-10-30", "StartAction": ids[0], "Actions": actions}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(wired_flows())
def test_a_well_formed_flow_runs_to_an_end(content: dict[str, Any]) -> None:
    flow = model.parse(content)
    subject = contact(attributes={"x": "1"})
    result = runner.run(
        flow, subject, resources(step_limit=30, lambda_results={"arn:f": {"y": "1"}})
    )
    assert result.ended in ("queued", "disconnected", "ended", "stopped")
    assert (result.error is None) == (result.ended != "stopped")
    assert len(result.path) <= 30


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FLOWS)
def test_any_flow_is_refused_or_runs_to_an_end(content: dict[str, Any]) -> None:
    try:
        flow = model.parse(content)
    except model.FlowInvalid as refused:
        assert refused.problems and all(isinstance(p, str) for p in refused.problems)
        return
    result = runner.run(flow, contact(), resources(step_limit=40))
    assert result.ended in ("queued", "disconnected", "ended", "stopped")
    assert len(result.path) <= 40


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_the_demo_flow_with_a_mutated_action(data: st.DataObject) -> None:
    content = json.loads(json.dumps(DEMO))
    index = data.draw(st.integers(0, len(content["Actions"]) - 1))
    content["Actions"][index]["Parameters"] = data.draw(PARAMETERS)
    try:
        flow = model.parse(content)
    except model.FlowInvalid:
        return
    subject = contact(
        data.draw(st.text(max_size=20)), attributes={"tier": data.draw(st.text(max_size=5))}
    )
    assert runner.run(flow, subject, resources()).ended in (
        "queued",
        "disconnected",
        "ended",
        "stopped",
    )
