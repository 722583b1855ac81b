"""Rules added for issue 15's friction list: a ValueArn must be an ARN, and a name repeated
in the rows of a map (References, Attributes) is a Problem, not a silent drop."""

from __future__ import annotations

from connect_tui.core.defaults import new_draft
from connect_tui.core.rules import repeated_names
from connect_tui.core.validation import validate


def _arn_problems(value: object) -> list[str]:
    draft = new_draft("arn")
    draft.request["SegmentAttributes"] = {
        "connect:Guide": {"ValueArn": value},
        "connect:Outer": {"ValueMap": {"Inner": {"ValueList": [{"ValueArn": value}]}}},
    }
    return [p.path for p in validate(draft) if p.rule == "segments.arn"]


def test_a_value_arn_that_is_not_an_arn_is_an_error() -> None:
    paths = _arn_problems("not an arn")
    assert sorted(paths) == [
        'SegmentAttributes["connect:Guide"].ValueArn',
        'SegmentAttributes["connect:Outer"].ValueMap["Inner"].ValueList[0].ValueArn',
    ]


def test_real_arns_pass() -> None:
    for arn in (
        "arn:aws:connect:us-east-1:123456789012:instance/5a2db0c5-0000-4000-8000-00000000c0de",
        "arn:aws:s3:::my-bucket/key",
        "arn:aws-cn:connect:cn-north-1:123456789012:instance/x",
    ):
        assert _arn_problems(arn) == [], arn


def test_a_repeated_name_is_an_error_on_the_later_row() -> None:
    problems = repeated_names("References", ["order", "", "portal", "order", "order"])
    assert [p.message.split(" repeats")[0] for p in problems] == ["row 4", "row 5"]
    assert all(p.is_error and p.path == 'References["order"]' for p in problems)
    assert problems[0].rule == "map.repeated-name"
    assert repeated_names("Attributes", ["a", "b"]) == []


def test_a_repeated_name_is_shown_as_text() -> None:
    (problem,) = repeated_names("Attributes", ["[b]x[/b]", "[b]x[/b]"])
    assert "'[b]x[/b]'" in problem.message
