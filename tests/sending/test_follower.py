"""The core Follower against a real sandbox process, over HTTP, with the send's own clients."""

from __future__ import annotations

from connect_tui.core import follower as follower_module
from connect_tui.core import sandbox_identity
from connect_tui.core.follower import Follower
from connect_tui.core.model import AWS, Target
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
    sender = Sender(record=False)
    timeline = Follower(draft, "00000000-0000-4000-8000-000000000000", sender=sender).poll()
    assert timeline.lost
    assert "ResourceNotFoundException" in timeline.events[0].detail


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
