"""What CreateContactFlow refuses (flow-language-actions.html and each action's page)."""

from __future__ import annotations

from typing import Any

import pytest

from connect_tui.sandbox.flows import model
from tests.flows.helpers import SUBJECT, action, end, flow, on, when


def refused(content: dict[str, Any]) -> list[str]:
    with pytest.raises(model.FlowInvalid) as caught:
        model.parse(content)
    return caught.value.problems


def test_a_valid_flow_parses() -> None:
    parsed = model.parse(
        flow(
            action(
                "a",
                "Compare",
                {"ComparisonValue": SUBJECT},
                Conditions=[when("Equals", "x", "end")],
                Errors=[on("NoMatchingCondition", "end")],
            ),
            end(),
        )
    )
    assert parsed.start == "a" and list(parsed.actions) == ["a", "end"]
    assert parsed.actions["a"].conditions[0].next_action == "end"


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ({"StartAction": "end", "Actions": [end()]}, "Version"),
        (flow(end(), start="nowhere"), "StartAction 'nowhere'"),
        (flow(end("x" * 51)), "at most 50"),
        (flow(end("a:b")), "may not contain :"),
        (flow(end("toString")), "reserved"),
        (flow(end(), end()), "more than one action"),
        (flow(action("a", "NoSuchType"), end()), "NoSuchType"),
        (
            flow(
                action(
                    "a",
                    "UpdateFlowLoggingBehavior",
                    {"FlowLoggingBehavior": "Enabled"},
                    NextAction="gone",
                )
            ),
            "'gone' is not an action",
        ),
        (
            flow(
                action("a", "Compare", {"ComparisonValue": "$.BadValue"}, NextAction="end"), end()
            ),
            "no 'BadValue'",
        ),
        (
            flow(action("a", "Compare", {"ComparisonValue": "Order"}, NextAction="end"), end()),
            "single JSONPath",
        ),
        (
            flow(
                action(
                    "a",
                    "Compare",
                    {"ComparisonValue": SUBJECT},
                    Conditions=[when("Matches", "x", "end")],
                ),
                end(),
            ),
            "Operator 'Matches'",
        ),
        (
            flow(
                action(
                    "a", "CheckHoursOfOperation", {}, Conditions=[when("Equals", "True", "end")]
                ),
                end(),
            ),
            "Equals True and Equals False",
        ),
        (
            flow(
                action(
                    "a",
                    "DistributeByPercentage",
                    {},
                    Conditions=[when("NumberLessThan", "150", "end")],
                ),
                end(),
            ),
            "above 100",
        ),
        (
            flow(
                action("a", "UpdateFlowLoggingBehavior", {"FlowLoggingBehavior": "$.Attributes.x"}),
                end(),
            ),
            "Enabled or Disabled",
        ),
        (
            flow(
                action(
                    "a",
                    "InvokeLambdaFunction",
                    {"LambdaFunctionARN": "arn:f", "InvocationTimeLimitSeconds": "9"},
                ),
                end(),
            ),
            "1 to 8",
        ),
        (
            flow(action("a", "UpdateContactTargetQueue", {"QueueId": "q", "AgentId": "a"}), end()),
            "not both",
        ),
        (flow(action("a", "DisconnectParticipant", {}, NextAction="b"), end("b")), "terminal"),
        (flow(action("a", "TagContact", {"Tags": {"aws:x": "y"}}), end()), "system tags"),
    ],
)
def test_refused_with_the_action_named(content: dict[str, Any], fragment: str) -> None:
    problems = refused(content)
    assert any(fragment in p for p in problems), problems


def test_too_many_actions() -> None:
    actions = [end(f"a{i}") for i in range(251)]
    assert any("at most 250" in p for p in refused(flow(*actions)))


def test_not_json() -> None:
    with pytest.raises(model.FlowInvalid, match="not valid JSON"):
        model.parse("{nope")


def test_lenient_parse_keeps_what_it_can() -> None:
    parsed = model.parse(
        flow(action("a", "Compare", {"ComparisonValue": SUBJECT}, NextAction="gone")), lenient=True
    )
    assert parsed.actions["a"].next_action == "gone"
