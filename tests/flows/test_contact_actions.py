"""The contact, participant and interaction actions the sandbox runs: attributes, queues,
tags, Lambda's canned results, disconnect and the automated reply."""

from __future__ import annotations

from tests.flows.helpers import (
    FULL,
    SUBJECT,
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


def test_update_contact_attributes() -> None:
    content = flow(
        action(
            "set",
            "UpdateContactAttributes",
            {"Attributes": {"greeting": "Dear $.CustomerEndpoint.Address", "tier": "gold"}},
            NextAction="end",
        ),
        end(),
    )
    subject = contact(attributes={"tier": "silver"})
    result = run(content, subject)
    assert subject.attributes == {"greeting": "Dear alice@example.com", "tier": "gold"}
    assert result.path[0].changes == {
        "greeting": [None, "Dear alice@example.com"],
        "tier": ["silver", "gold"],
    }


def test_update_contact_attributes_errors() -> None:
    related = flow(
        action(
            "set",
            "UpdateContactAttributes",
            {"Attributes": {"a": "b"}, "TargetContact": "Related"},
            NextAction="end",
            Errors=[on("NoMatchingError", "failed")],
        ),
        end(),
        end("failed"),
    )
    assert taken(run(related))[-1] == "failed"
    subject = contact(related_attributes={"x": "1"})
    run(related, subject)
    assert subject.related_attributes == {"x": "1", "a": "b"} and subject.attributes == {}
    bad_key = flow(
        action(
            "set",
            "UpdateContactAttributes",
            {"Attributes": {"bad key": "b"}},
            NextAction="end",
            Errors=[on("NoMatchingError", "failed")],
        ),
        end(),
        end("failed"),
    )
    result = run(bad_key)
    assert taken(result)[-1] == "failed" and result.contact.attributes == {}


def test_target_queue_by_id_arn_and_path_then_transfer() -> None:
    for reference in (SUPPORT.id, SUPPORT.arn, "$.Attributes.queue"):
        content = flow(
            action(
                "q",
                "UpdateContactTargetQueue",
                {"QueueId": reference},
                NextAction="t",
                Errors=[on("NoMatchingError", "end")],
            ),
            action("t", "TransferContactToQueue", {}, Errors=[on("NoMatchingError", "end")]),
            end(),
        )
        result = run(content, contact(attributes={"queue": SUPPORT.id}))
        assert result.ended == "queued" and result.contact.queue is not None
        assert result.contact.queue.name == "Support", reference


def test_unknown_queue_missing_queue_and_queue_at_capacity() -> None:
    unknown = flow(
        action(
            "q",
            "UpdateContactTargetQueue",
            {"QueueId": "nope"},
            NextAction="end",
            Errors=[on("NoMatchingError", "err")],
        ),
        end(),
        end("err"),
    )
    assert taken(run(unknown))[-1] == "err"
    no_queue = flow(
        action("t", "TransferContactToQueue", {}, Errors=[on("NoMatchingError", "err")]), end("err")
    )
    assert taken(run(no_queue)) == ["t", "err"]
    full = flow(
        action("q", "UpdateContactTargetQueue", {"QueueId": FULL.id}, NextAction="t"),
        action(
            "t",
            "TransferContactToQueue",
            {},
            Errors=[on("QueueAtCapacity", "full"), on("NoMatchingError", "err")],
        ),
        end("full"),
        end("err"),
    )
    result = run(full)
    assert taken(result)[-1] == "full" and result.path[1].branch == "QueueAtCapacity"


def test_invoke_lambda_function_with_canned_results() -> None:
    content = flow(
        action(
            "l",
            "InvokeLambdaFunction",
            {
                "LambdaFunctionARN": "arn:aws:lambda:us-east-1:1:function:tier",
                "InvocationTimeLimitSeconds": "3",
                "LambdaInvocationAttributes": {"email": "$.CustomerEndpoint.Address"},
            },
            NextAction="c",
            Errors=[on("NoMatchingError", "err")],
        ),
        action(
            "c",
            "Compare",
            {"ComparisonValue": "$.External.tier"},
            Conditions=[when("Equals", "vip", "vip")],
            Errors=[on("NoMatchingCondition", "end")],
        ),
        end("vip"),
        end(),
        end("err"),
    )
    canned = {
        "arn:aws:lambda:us-east-1:1:function:tier": {
            "External": {"tier": "vip", "nested": {"x": 1}}
        }
    }
    result = run(content, lambda_results=canned)
    assert taken(result) == ["l", "c", "vip"]
    assert result.path[0].external == {"tier": "vip"}
    assert result.path[0].parameters["Parameters"] == {"email": "alice@example.com"}
    failing = {"arn:aws:lambda:us-east-1:1:function:tier": {"Error": "timed out"}}
    assert taken(run(content, lambda_results=failing))[-1] == "err"
    assert taken(run(content))[-1] == "err"


def test_tag_contact() -> None:
    content = flow(
        action(
            "t",
            "TagContact",
            {"Tags": {"team": "$.Attributes.team", "channel": "email"}},
            NextAction="end",
        ),
        end(),
    )
    result = run(content, contact(attributes={"team": "blue"}))
    assert result.contact.tags == {"team": "blue", "channel": "email"}
    too_many = flow(
        action("t", "TagContact", {"Tags": {f"k{i}": "v" for i in range(7)}}, NextAction="end"),
        end(),
    )
    assert run(too_many).contact.tags == {}


def test_disconnect_and_end_flow_execution() -> None:
    assert run(flow(end())).ended == "disconnected"
    assert run(flow(action("e", "EndFlowExecution"))).ended == "disconnected"


def test_send_message_is_an_automated_reply() -> None:
    content = flow(
        action(
            "r",
            "SendMessage",
            {"Subject": "Re: " + SUBJECT, "Body": "Hello $.CustomerEndpoint.Address"},
            NextAction="end",
            Errors=[on("NoMatchingError", "end")],
        ),
        end(),
    )
    reply = run(content).replies[0]
    assert (reply.subject, reply.body, reply.to) == (
        "Re: Order 1234",
        "Hello alice@example.com",
        "alice@example.com",
    )


def test_paths_read_the_endpoints_and_the_queue() -> None:
    body = "$.Queue.Name <$.Queue.ARN> to $.CustomerEndpoint.Address from $.SystemEndpoint.Address ($.Channel)"
    content = flow(
        action("q", "UpdateContactTargetQueue", {"QueueId": SUPPORT.id}, NextAction="r"),
        action("r", "SendMessage", {"Subject": "s", "Body": body}, NextAction="end"),
        end(),
    )
    reply = run(content).replies[0]
    assert reply.body == (
        f"Support <{SUPPORT.arn}> to alice@example.com from support@sandbox.connect-tui.example (EMAIL)"
    )


def test_message_participant_has_no_effect_on_email() -> None:
    content = flow(action("p", "MessageParticipant", {"Text": "hi"}, NextAction="end"), end())
    assert taken(run(content)) == ["p", "end"]
