"""The journal: one JSON object a line, every request, as received, with its outcome."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from connect_tui.sandbox.journal import Journal
from tests.sandbox.conftest import INSTANCE, Starter, inbound, journal_lines, make_client


def test_lines_for_success_replay_error_and_reads(own_sandbox: Starter) -> None:
    running = own_sandbox(rate=0)
    client = make_client(running.url)
    request = inbound()
    contact_id = client.start_email_contact(**request)["ContactId"]
    client.start_email_contact(**request)
    with pytest.raises(ClientError):
        client.start_email_contact(**inbound(InstanceId="nope"))
    client.describe_contact(InstanceId=INSTANCE, ContactId=contact_id)
    assert running.sandbox.config.journal is not None
    entries = journal_lines(running.sandbox.config.journal)
    assert [e["operation"] for e in entries] == [
        "StartEmailContact",
        "StartEmailContact",
        "StartEmailContact",
        "DescribeContact",
    ]
    created, replayed, failed, described = entries
    assert created["request"] == request and created["ContactId"] == contact_id
    assert created["replay"] is False and "error" not in created
    assert replayed["replay"] is True and replayed["ContactId"] == contact_id
    assert failed["error"] == "ResourceNotFoundException" and "ContactId" not in failed
    assert "nope" in failed["message"]
    assert described["request"] == {"InstanceId": INSTANCE, "ContactId": contact_id}
    assert all(e["time"].endswith("Z") for e in entries)


def test_each_line_is_on_disk_at_once(tmp_path: Any) -> None:
    path = tmp_path / "journal.jsonl"
    journal = Journal(path)
    journal.write("StartEmailContact", {"a": 1}, ContactId="c-1")
    # Read while the journal is still open: `tail -f` sees every line as it is written.
    assert journal_lines(path) == [
        {
            "time": journal_lines(path)[0]["time"],
            "operation": "StartEmailContact",
            "request": {"a": 1},
            "ContactId": "c-1",
            "replay": False,
        }
    ]
    journal.close()
    journal.write("StartEmailContact", {}, ContactId="late")
    assert len(journal_lines(path)) == 1


def test_a_body_that_is_not_json_is_kept_as_text(own_sandbox: Starter) -> None:
    import urllib.error
    import urllib.request

    running = own_sandbox(rate=0)
    request = urllib.request.Request(f"{running.url}/contact/email", data=b"{oops", method="PUT")
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(request, timeout=5)
    assert running.sandbox.config.journal is not None
    (entry,) = journal_lines(running.sandbox.config.journal)
    assert entry["request"] == "{oops" and entry["error"] == "MissingAuthenticationTokenException"
