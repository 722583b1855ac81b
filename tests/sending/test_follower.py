"""The core Follower against a real sandbox process, over HTTP, with the send's own clients."""

from __future__ import annotations

import time

import pytest

from connect_tui.core import follower as follower_module
from connect_tui.core import sandbox_identity
from connect_tui.core.follower import Follower
from connect_tui.core.model import AWS, OUTBOUND, Target
from connect_tui.core.sending import Sender
from connect_tui.sandbox.admin import AdminError, accept_contact
from tests.sending.conftest import draft_for
from tests.sending.sandbox_process import RunningSandbox


def test_a_sent_contact_is_followed_through_accept_and_stop(sandbox: RunningSandbox) -> None:
    draft = draft_for(sandbox.url, "hello", Attributes={"order": "1234"})
    sender = Sender(record=False)
    outcome = sender.send(draft)
    assert outcome.ok, outcome.error
    contact_id = outcome.contact_id
    assert contact_id
    follower = Follower(draft, contact_id, sender=sender, sent_request=outcome.request)

    first = follower.poll()
    assert [e.title for e in first.events][0] == "Created: INBOUND email"
    assert first.events[-1].title == "Active" and not first.finished
    assert [(a.key, a.value, a.changed) for a in first.attributes] == [("order", "1234", False)]
    assert follower.log_group == sandbox_identity.FLOW_LOG_GROUP  # the sandbox's, by default
    assert follower.endpoint == sandbox.url
    assert follower.interval == follower_module.ACTIVE_INTERVAL

    accept_contact(sandbox.url, sandbox_identity.INSTANCE_ID, contact_id)
    accepted = follower.poll()
    assert "Accepted by agent sandbox-agent" in [e.title for e in accepted.events]

    assert follower.stop_contact() is None
    ended = follower.poll()
    assert ended.finished and ended.events[-1].title == "Disconnected"
    assert ended.events[-1].detail == "reason API"
    assert follower.interval == follower_module.FINISHED_INTERVAL

    # Every call went over HTTP to the sandbox, as its journal says.
    operations = {entry["operation"] for entry in sandbox.entries()}
    assert {"DescribeContact", "GetContactAttributes", "AcceptContact", "StopContact"} <= operations


def test_the_flow_s_path_is_read_from_the_flow_log(sandbox: RunningSandbox) -> None:
    # The seeded demo flow: loop guard, attributes, subject and tier checks, a queue, hours.
    draft = draft_for(sandbox.url, "flow", ContactFlowId=sandbox_identity.DEMO_FLOW_ID)
    sender = Sender(record=False)
    outcome = sender.send(draft)
    assert outcome.ok and outcome.contact_id, outcome.error
    follower = Follower(draft, outcome.contact_id, sender=sender, sent_request=outcome.request)
    deadline = time.monotonic() + 30  # the flow runs behind the reply: poll until it is queued
    timeline = follower.poll()
    while not any(e.kind == "queued" for e in timeline.events):
        assert time.monotonic() < deadline, [e.title for e in timeline.events]
        time.sleep(0.1)
        timeline = follower.poll()
    flow = [e for e in timeline.events if e.kind == "flow"]
    assert flow[0].title == "SetLoggingBehavior logging"
    assert "in flow Sandbox email flow" in flow[0].detail
    assert "in flow" not in flow[1].detail  # named when the path enters it only
    assert any("branch" in e.detail for e in flow)
    assert any(e.title == "Queued in Support" for e in timeline.events)  # DescribeQueue's name
    changed = {a.key: a.change for a in timeline.attributes}
    assert changed["routed_by"] == "the flow at defaults"
    operations = {entry["operation"] for entry in sandbox.entries()}
    assert {"ListContactReferences", "ListAssociatedContacts"} <= operations


def test_the_sandbox_refuses_an_accept_it_cannot_do(sandbox: RunningSandbox) -> None:
    draft = draft_for(sandbox.url, "hello")
    outcome = Sender(record=False).send(draft)
    assert outcome.contact_id
    accept_contact(sandbox.url, sandbox_identity.INSTANCE_ID, outcome.contact_id)
    for contact_id, words in ((outcome.contact_id, "already accepted"), ("nope", "not found")):
        try:
            accept_contact(sandbox.url, sandbox_identity.INSTANCE_ID, contact_id)
        except AdminError as exc:
            assert words in str(exc)
        else:
            raise AssertionError("the sandbox accepted what it should refuse")


def test_an_unknown_contact_is_lost_with_the_service_s_words(sandbox: RunningSandbox) -> None:
    draft = draft_for(sandbox.url, "hello")
    follower = Follower(draft, "00000000-0000-4000-8000-000000000000", sender=Sender())
    timeline = follower.poll()
    assert timeline.lost
    assert timeline.events[0].detail.startswith("DescribeContact: ResourceNotFoundException: ")
    assert follower.interval == follower_module.FINISHED_INTERVAL  # no hammering a lost one


def test_an_aws_target_is_followed_with_its_own_credentials_and_no_guessed_path(
    sandbox: RunningSandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An AWS target (the sandbox at its endpoint stands in for Connect): the credentials come
    # from boto3's chain as for a send, and with no flow-log group the path is unknown.
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", sandbox_identity.ACCESS_KEY_ID)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", sandbox_identity.SECRET_ACCESS_KEY)
    draft = draft_for(sandbox.url, "real")
    draft.target = Target(kind=AWS, region=sandbox_identity.REGION, endpoint_url=sandbox.url)
    sender = Sender(record=False)
    outcome = sender.send(draft)
    assert outcome.ok and outcome.contact_id, outcome.error
    timeline = Follower(draft, outcome.contact_id, sender=sender).poll()
    assert not timeline.lost and timeline.events[0].title == "Created: INBOUND email"
    path = next(e for e in timeline.events if e.title.startswith("Flow path"))
    assert path.unknown and "flow_log_group" in path.detail
    assert timeline.thread and timeline.thread[0].is_followed


def test_an_aws_target_reads_no_flow_log_unless_a_group_is_named() -> None:
    draft = draft_for("http://127.0.0.1:9", "real")
    draft.target = Target(kind=AWS, region="us-east-1")
    assert Follower(draft, "x", sender=Sender(record=False)).log_group is None
    draft.target.flow_log_group = "/aws/connect/my-instance"
    assert Follower(draft, "x", sender=Sender()).log_group == "/aws/connect/my-instance"


def test_each_operation_is_paced_by_one_process_wide_bucket_at_its_quota() -> None:
    describe = follower_module.pacer("http://a", "DescribeContact")
    assert describe is follower_module.pacer("http://a", "DescribeContact")
    assert describe is not follower_module.pacer("http://b", "DescribeContact")
    assert describe.burst == 15 and 9 < describe.rate <= 10
    assert follower_module.pacer("http://a", "ListAssociatedContacts").burst == 5


def test_a_lost_embedded_sandbox_contact_says_why_it_may_be_gone() -> None:
    from botocore.exceptions import ClientError

    from connect_tui.core.defaults import new_draft

    gone = ClientError(
        {"Error": {"Code": "ResourceNotFoundException", "Message": "Contact x not found"}},
        "DescribeContact",
    )
    embedded = Follower(new_draft("hello"), "x", sender=Sender(record=False))
    assert "ends with the process that sent it" in embedded._hint(gone)
    standalone = Follower(draft_for("http://127.0.0.1:8000", "hello"), "x", sender=Sender())
    assert standalone._hint(gone) == ""


def test_an_outbound_send_s_attributes_are_those_of_its_create_contact_step(
    sandbox: RunningSandbox,
) -> None:
    draft = draft_for(sandbox.url, "out", OUTBOUND)
    assert draft.create_contact is not None
    draft.create_contact["Attributes"] = {"campaign": "winter"}
    sender = Sender(record=False)
    outcome = sender.send(draft)
    assert outcome.ok and outcome.contact_id, outcome.error
    follower = Follower(
        draft,
        outcome.contact_id,
        sender=sender,
        sent_request=outcome.request,
        created_request=outcome.create_contact,
    )
    rows = {row.key: row for row in follower.poll().attributes}
    assert rows["campaign"].value == "winter" and not rows["campaign"].changed
