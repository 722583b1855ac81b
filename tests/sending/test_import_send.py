"""`connect-tui import` then `send`, end to end against a real sandbox process (issue 11, 3 and 4).

README, Sending: "an outbound draft with no ContactId has one made first by CreateContact";
README, Headless verbs: cli-input-json "is exactly the request (import then export is
lossless)". The sandbox's DescribeContact shows the subject Connect received in the segment
attribute connect:EmailSubject (admin guide, connect-attrib-list.html).
"""

from __future__ import annotations

import json
from pathlib import Path

from connect_tui.core import sandbox_identity
from connect_tui.core.model import CREATE_CONTACT
from tests.sending.conftest import Runner, json_lines, request_of
from tests.sending.sandbox_process import RunningSandbox

OUTBOUND_REQUEST = {
    "InstanceId": sandbox_identity.INSTANCE_ID,
    "DestinationEmailAddress": {"EmailAddress": "alice@example.com"},
    "EmailMessage": {
        "MessageSourceType": "RAW",
        "RawMessage": {
            "Subject": "Refund for ${order}",
            "Body": "Your refund of $${amount} is on its way.",
            "ContentType": "text/plain",
        },
    },
}


def test_outbound_import_without_contact_id_is_sent_with_create_contact_first(
    sandbox: RunningSandbox, cli: Runner, tmp_path: Path
) -> None:
    source = tmp_path / "outbound.json"
    source.write_text(json.dumps(OUTBOUND_REQUEST, indent=2) + "\n")
    imported = cli(
        "import", str(source), "--operation", "start-outbound-email-contact",
        "--name", "refund", "--endpoint-url", sandbox.url,
    )  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    assert "0 problems" in imported.stdout, imported.stdout

    exported = cli("export", "refund", "--format", "cli-input-json")
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout) == OUTBOUND_REQUEST  # `${order}` is literal text

    sent = cli("send", "refund", "--output", "json", "--rate", "0")
    assert sent.returncode == 0, sent.stdout + sent.stderr
    (line,) = json_lines(sent.stdout)
    assert line["error"] is None and line["ContactId"]
    assert line["CreatedContactId"] == line["ContactId"]
    created = [
        e for e in sandbox.entries_for(CREATE_CONTACT) if e.get("ContactId") == line["ContactId"]
    ]
    assert [request_of(e)["InitiationMethod"] for e in created] == ["OUTBOUND"]

    contact = sandbox.client().describe_contact(
        InstanceId=sandbox_identity.INSTANCE_ID, ContactId=line["ContactId"]
    )["Contact"]
    assert contact["InitiationMethod"] == "OUTBOUND"
    subject = contact["SegmentAttributes"]["connect:EmailSubject"]["ValueString"]
    assert subject == "Refund for ${order}"
