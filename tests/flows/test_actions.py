"""Flow control in the sandbox's runs: each Compare operator, flow attributes, hours,
percentages, logging, and how a run stops (errors with no branch, loops, unknown actions)."""

from __future__ import annotations

import random
from typing import Any

import pytest

from connect_tui.sandbox.flows import model
from connect_tui.sandbox.flows.context import Resources
from tests.flows.helpers import (
    SUBJECT,
    SUNDAY_NOON,
    SUPPORT,
    action,
    contact,
    end,
    flow,
    on,
    run,
    taken,
    when,
)


def compare(path: str, operator: str, operand: str) -> dict[str, Any]:
    return flow(
        action(
            "c",
            "Compare",
            {"ComparisonValue": path},
            Conditions=[when(operator, operand, "yes")],
            Errors=[on("NoMatchingCondition", "no")],
        ),
        end("yes"),
        end("no"),
    )


@pytest.mark.parametrize(
    ("operator", "operand", "value", "holds"),
    [
        ("Equals", "Order 1234", "Order 1234", True),
        ("Equals", "order 1234", "Order 1234", False),  # exactly equals: case counts
        ("TextStartsWith", "Order", "Order 1234", True),
        ("TextStartsWith", "order", "Order 1234", False),
        ("TextEndsWith", "1234", "Order 1234", True),
        ("TextEndsWith", "123", "Order 1234", False),
        ("TextContains", "der 12", "Order 1234", True),
        ("TextContains", "DER", "Order 1234", False),
        ("NumberGreaterThan", "9", "10", True),  # numeric, not "10" < "9" as text
        ("NumberGreaterThan", "10", "10", False),
        ("NumberGreaterOrEqualTo", "10", "10", True),
        ("NumberGreaterOrEqualTo", "10.5", "10", False),
        ("NumberLessThan", "10", "9", True),
        ("NumberLessThan", "9", "9", False),
        ("NumberLessOrEqualTo", "9", "9", True),
        ("NumberLessOrEqualTo", "9", "9.01", False),
        ("NumberGreaterThan", "1", "ten", False),  # not numeric: false
        ("NumberLessThan", "ten", "1", False),
    ],
)
def test_every_operator(operator: str, operand: str, value: str, holds: bool) -> None:
    result = run(compare("$.Attributes.x", operator, operand), contact(attributes={"x": value}))
    assert taken(result)[-1] == ("yes" if holds else "no")


def test_compare_reads_the_subject_segment_attribute() -> None:
    result = run(compare(SUBJECT, "TextStartsWith", "Order"))
    assert taken(result) == ["c", "yes"] and result.path[0].result == "Order 1234"
    assert result.path[0].branch == "Condition 1: TextStartsWith 'Order'"


@pytest.mark.parametrize("operator", ["Equals", "TextContains", "NumberLessThan"])
def test_a_missing_attribute_matches_nothing(operator: str) -> None:
    result = run(
        compare("$.Attributes.absent", operator, "" if operator != "NumberLessThan" else "5")
    )
    assert taken(result) == ["c", "no"] and "missing" in result.path[0].reason


def test_no_condition_falls_to_next_action_then_stops() -> None:
    with_next = flow(
        action(
            "c",
            "Compare",
            {"ComparisonValue": SUBJECT},
            NextAction="end",
            Conditions=[when("Equals", "x", "end")],
        ),
        end(),
    )
    assert run(with_next).path[0].branch == "NextAction (no Condition held)"
    without = flow(
        action(
            "c", "Compare", {"ComparisonValue": SUBJECT}, Conditions=[when("Equals", "x", "end")]
        ),
        end(),
    )
    result = run(without)
    assert result.ended == "stopped" and "no NoMatchingCondition branch" in (result.error or "")
    assert "'c'" in (result.error or "")


def test_an_error_with_no_branch_stops_the_run_naming_the_action() -> None:
    content = flow(
        action(
            "set", "UpdateContactAttributes", {"Attributes": {"bad key": "b"}}, NextAction="end"
        ),
        end(),
    )
    result = run(content)
    assert (
        result.ended == "stopped"
        and "'set'" in (result.error or "")
        and "NoMatchingError" in (result.error or "")
    )


def test_flow_attributes_and_transfer_to_flow() -> None:
    second = model.parse(
        flow(
            action(
                "check",
                "Compare",
                {"ComparisonValue": "$.FlowAttributes.step"},
                Conditions=[when("Equals", "1", "kept")],
                Errors=[on("NoMatchingCondition", "reset")],
            ),
            end("kept"),
            end("reset"),
        )
    )
    second = model.Flow(
        second.start, second.actions, second.content, "flow-2", "Second", "arn:flow-2"
    )
    first = flow(
        action(
            "set",
            "UpdateFlowAttributes",
            {"FlowAttributes": {"step": {"Value": "1"}}},
            NextAction="read",
        ),
        action(
            "read",
            "Compare",
            {"ComparisonValue": "$.FlowAttributes.step"},
            Conditions=[when("Equals", "1", "jump")],
            Errors=[on("NoMatchingCondition", "end")],
        ),
        action(
            "jump",
            "TransferToFlow",
            {"ContactFlowId": "arn:flow-2"},
            Errors=[on("NoMatchingError", "end")],
        ),
        end(),
    )
    result = run(first, flows={"arn:flow-2": second}.get)
    # Flow attributes "are not carried over to the subsequent flows".
    assert taken(result) == ["set", "read", "jump", "check", "reset"]
    assert [s.flow_id for s in result.path][-1] == "flow-2"
    missing = run(first)
    assert taken(missing)[-2:] == ["jump", "end"] and "not found" in missing.path[2].reason


def hours_flow(**parameters: Any) -> dict[str, Any]:
    return flow(
        action("q", "UpdateContactTargetQueue", {"QueueId": SUPPORT.id}, NextAction="h"),
        action(
            "h",
            "CheckHoursOfOperation",
            parameters,
            Conditions=[when("Equals", "True", "open"), when("Equals", "False", "closed")],
            Errors=[on("NoMatchingError", "err")],
        ),
        end("open"),
        end("closed"),
        end("err"),
    )


def test_check_hours_of_operation_against_the_clock() -> None:
    assert taken(run(hours_flow()))[-1] == "open"
    assert taken(run(hours_flow(), now=lambda: SUNDAY_NOON))[-1] == "closed"
    assert (
        taken(run(hours_flow(HoursOfOperationId="arn:h-office"), now=lambda: SUNDAY_NOON))[-1]
        == "closed"
    )
    assert taken(run(hours_flow(HoursOfOperationId="unknown")))[-1] == "err"
    no_queue = flow(
        action(
            "h",
            "CheckHoursOfOperation",
            {},
            Conditions=[when("Equals", "True", "end"), when("Equals", "False", "end")],
            Errors=[on("NoMatchingError", "err")],
        ),
        end(),
        end("err"),
    )
    assert taken(run(no_queue))[-1] == "err"


def distribute(*limits: str) -> dict[str, Any]:
    return flow(
        action(
            "d",
            "DistributeByPercentage",
            {},
            Conditions=[when("NumberLessThan", limit, f"b{i}") for i, limit in enumerate(limits)],
            Errors=[on("NoMatchingCondition", "rest")],
        ),
        *[end(f"b{i}") for i in range(len(limits))],
        end("rest"),
    )


def test_distribute_by_percentage_is_seeded_and_repeatable() -> None:
    content = distribute("31", "61")
    first = [taken(run(content, random=random.Random(f"7:{n}")))[-1] for n in range(300)]
    again = [taken(run(content, random=random.Random(f"7:{n}")))[-1] for n in range(300)]
    assert first == again
    # Percentages that do not add to 100: the remainder takes NoMatchingCondition.
    shares = {branch: first.count(branch) / 300 for branch in ("b0", "b1", "rest")}
    assert 0.2 < shares["b0"] < 0.4 and 0.2 < shares["b1"] < 0.4 and 0.3 < shares["rest"] < 0.5


def test_logging_behavior_marks_what_is_logged() -> None:
    content = flow(
        action("before", "UpdateContactAttributes", {"Attributes": {"a": "1"}}, NextAction="on"),
        action(
            "on",
            "UpdateFlowLoggingBehavior",
            {"FlowLoggingBehavior": "Enabled"},
            NextAction="after",
        ),
        action(
            "after",
            "UpdateFlowLoggingBehavior",
            {"FlowLoggingBehavior": "Disabled"},
            NextAction="end",
        ),
        end(),
    )
    assert [s.logged for s in run(content).path] == [False, True, True, False]


def test_an_action_the_sandbox_does_not_run_stops_the_run_named() -> None:
    content = flow(action("make-task", "CreateTask", {}, NextAction="end"), end())
    result = run(content)
    assert result.ended == "stopped" and taken(result) == []
    assert "'make-task'" in (result.error or "") and "CreateTask" in (result.error or "")


def test_a_loop_ends_at_the_step_limit() -> None:
    content = flow(
        action("a", "UpdateContactAttributes", {"Attributes": {"x": "1"}}, NextAction="b"),
        action("b", "UpdateContactAttributes", {"Attributes": {"x": "2"}}, NextAction="a"),
    )
    result = run(content, step_limit=50)
    assert result.ended == "stopped" and len(result.path) == 50
    assert "loops" in (result.error or "")


def test_a_missing_next_action_stops_the_run() -> None:
    content = flow(action("a", "UpdateContactAttributes", {"Attributes": {"x": "1"}}), end("b"))
    result = run(content)
    assert result.ended == "stopped" and "has no NextAction" in (result.error or "")
    assert result.contact.attributes == {"x": "1"}


def test_resources_default_to_nothing() -> None:
    assert Resources().queues("x") is None and Resources().flows("y") is None
