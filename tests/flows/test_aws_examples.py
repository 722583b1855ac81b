"""Flow JSON from AWS's documentation, parsed and run; the flow-log record shape of its example.

- "Example flow in Amazon Connect Flow language" (comments removed), as published at
  https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-example.html
- the example Condition of https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions.html
- the Set working queue record of https://docs.aws.amazon.com/connect/latest/adminguide/contact-flow-log-data.html
"""

from __future__ import annotations

from connect_tui.sandbox.flows import flowlog, model
from tests.flows.helpers import action, contact, end, flow, on, run, taken

EXAMPLE_FLOW = {
    "Version": "2019-10-30",
    "StartAction": "12345678-1234-1234-1234-123456789012",
    "Metadata": {
        "EntryPointPosition": {"x": 88, "y": 100},
        "ActionMetadata": {
            "12345678-1234-1234-1234-123456789012": {"Position": {"x": 270, "y": 98}},
            "abcdef-abcd-abcd-abcd-abcdefghijkl": {"Position": {"x": 545, "y": 92}},
        },
    },
    "Actions": [
        {
            "Identifier": "12345678-1234-1234-1234-123456789012",
            "Type": "MessageParticipant",
            "Transitions": {
                "NextAction": "abcdef-abcd-abcd-abcd-abcdefghijkl",
                "Errors": [],
                "Conditions": [],
            },
            "Parameters": {"Text": "Thanks for calling the sample flow!"},
        },
        {
            "Identifier": "abcdef-abcd-abcd-abcd-abcdefghijkl",
            "Type": "DisconnectParticipant",
            "Transitions": {},
            "Parameters": {},
        },
    ],
}
EXAMPLE_CONDITION = {"Operator": "TextStartsWith", "Operands": ["ABC"]}
EXAMPLE_RECORD_KEYS = {
    "ContactId",
    "ContactFlowId",
    "ContactFlowModuleType",
    "Timestamp",
    "Parameters",
}


def test_the_example_flow_parses_and_runs() -> None:
    parsed = model.parse(EXAMPLE_FLOW)
    assert parsed.start == "12345678-1234-1234-1234-123456789012"
    result = run(EXAMPLE_FLOW)
    assert result.ok and result.ended == "disconnected"
    assert taken(result) == [
        "12345678-1234-1234-1234-123456789012",
        "abcdef-abcd-abcd-abcd-abcdefghijkl",
    ]


def test_the_example_condition() -> None:
    content = flow(
        action(
            "c",
            "Compare",
            {"ComparisonValue": "$.Attributes.code"},
            Conditions=[{"NextAction": "abc", "Condition": EXAMPLE_CONDITION}],
            Errors=[on("NoMatchingCondition", "other")],
        ),
        end("abc"),
        end("other"),
    )
    assert taken(run(content, contact(attributes={"code": "ABC-1"})))[-1] == "abc"
    assert taken(run(content, contact(attributes={"code": "abc-1"})))[-1] == "other"


def test_a_set_working_queue_record_has_the_documented_shape() -> None:
    content = flow(
        action("q", "UpdateContactTargetQueue", {"QueueId": "q-support"}, NextAction="end"), end()
    )
    step = run(content).path[0]
    record = flowlog.record("11111111-2222-3333-4444-555555555555", step)
    assert EXAMPLE_RECORD_KEYS <= set(record)
    assert record["ContactFlowModuleType"] == "SetQueue"
    assert record["Parameters"] == {"QueueId": "q-support"}
    assert record["Timestamp"].endswith("Z") and len(record["Timestamp"]) == len(
        "2021-04-13T00:14:31.581Z"
    )
