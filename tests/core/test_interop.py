"""Import from the AWS CLI (JSON and YAML); export JSON, aws-cli commands, boto3 snippets."""

from __future__ import annotations

import json
import shlex
import subprocess

import pytest

from connect_tui.core import interop
from connect_tui.core.conversion import switch_operation
from connect_tui.core.files import UserError
from connect_tui.core.model import INBOUND, OUTBOUND, Draft, Target
from tests.drafts import typical_draft, typical_inbound_request, typical_outbound_request

# What `aws connect start-email-contact --generate-cli-skeleton yaml-input` (AWS CLI v2) writes.
YAML_SKELETON = """\
InstanceId: '' # [REQUIRED] The identifier of the Amazon Connect instance.
FromEmailAddress: # [REQUIRED] The email address of the customer.
  EmailAddress: ''  # [REQUIRED] Email address.
  DisplayName: ''  # The display name.
DestinationEmailAddress: '' # [REQUIRED] The email address associated with the instance.
Description: ''
References:
  KeyName:  # The name of the reference.
    Value: ''
    Type: URL # [REQUIRED]  Valid values are: URL, ATTACHMENT, NUMBER, STRING, DATE.
Name: ''
EmailMessage: # [REQUIRED] The email message body to be sent to the newly created email.
  MessageSourceType: RAW  # [REQUIRED]  Valid values are: RAW.
  RawMessage:
    Subject: ''  # [REQUIRED] The email subject.
    Body: ''  # [REQUIRED] The email message body.
    ContentType: ''  # [REQUIRED] Type of content.
    Headers:
      KeyName: ''
SegmentAttributes:
  KeyName:
    ValueString: ''
    ValueMap:
      KeyName: # Recursive
    ValueInteger: 0
ClientToken: ''
"""


def test_json_round_trip_is_exact() -> None:
    request = typical_inbound_request()
    text = json.dumps(request)
    parsed, dropped = interop.parse_request(text, source="in.json", operation=INBOUND)
    assert parsed == request and dropped == 0
    assert json.loads(interop.cli_input_json(INBOUND, parsed)) == request


def test_export_orders_members_as_the_model_does() -> None:
    request = {
        "EmailMessage": {
            "RawMessage": {"Body": "b", "Subject": "s", "ContentType": "text/plain"},
            "MessageSourceType": "RAW",
        },
        "InstanceId": "i",
    }
    text = interop.cli_input_json(INBOUND, request)
    assert text.index('"InstanceId"') < text.index('"EmailMessage"')
    assert text.index('"MessageSourceType"') < text.index('"RawMessage"')
    assert text.index('"Subject"') < text.index('"Body"')


def test_yaml_skeleton_is_read_with_comments_and_null_placeholders_dropped() -> None:
    parsed, dropped = interop.parse_request(YAML_SKELETON, source="skel.yaml", operation=INBOUND)
    assert dropped == 1  # ValueMap.KeyName: (nothing)
    assert parsed["EmailMessage"]["MessageSourceType"] == "RAW"
    assert parsed["SegmentAttributes"]["KeyName"]["ValueInteger"] == 0
    assert parsed["SegmentAttributes"]["KeyName"]["ValueMap"] == {}


def test_yaml_keeps_yaml_11_lookalikes_as_text() -> None:
    text = "InstanceId: no\nName: 10:30\nDescription: 2026-01-01\nDestinationEmailAddress: on\n"
    parsed, _ = interop.parse_request(text, source="x.yaml", operation=INBOUND)
    assert parsed == {
        "InstanceId": "no",
        "Name": "10:30",
        "Description": "2026-01-01",
        "DestinationEmailAddress": "on",
    }


def test_yaml_aliases_are_refused() -> None:
    text = "Attributes: &a\n  k: v\nReferences: *a\n"
    with pytest.raises(UserError, match=r"x\.yaml:3:\d+: not valid YAML: aliases"):
        interop.parse_request(text, source="x.yaml", operation=INBOUND)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"InstanceId": "x",', r"in\.json:1:20: not valid JSON"),
        ("InstanceId: [unclosed\n", r"in\.json:\d+:\d+: not valid YAML"),
        ("", r"in\.json: is empty"),
        ("[1, 2]", r"expected a JSON or YAML object"),
        ('{"InstanceID": "x"}', r"in\.json: InstanceID: is not a field .*did you mean InstanceId"),
        ('{"Attributes": {"k": 5}}', r'in\.json: Attributes\["k"\]: must be text, not a number'),
        ('{"AdditionalRecipients": {"ToAddresses": {}}}', r"must be a list"),
    ],
)
def test_unparseable_or_ill_formed_input_is_refused(text: str, message: str) -> None:
    with pytest.raises(UserError, match=message):
        interop.parse_request(text, source="in.json", operation=INBOUND)


def test_rule_breaking_but_well_formed_input_is_kept() -> None:
    request = {
        "InstanceId": "",
        "DestinationEmailAddress": "not an address",
        "Attributes": {"bad key": "v"},
    }
    parsed, _ = interop.parse_request(json.dumps(request), source="in.json", operation=INBOUND)
    assert parsed == request


def test_aws_cli_command_for_aws_target() -> None:
    draft = typical_draft()
    draft.target = Target(kind="aws", region="eu-central-1", aws_profile="demo")
    request = typical_inbound_request()
    command = interop.aws_cli_command(draft, request, None)
    words = shlex.split(command)
    assert words[:3] == ["aws", "connect", "start-email-contact"]
    assert words[words.index("--region") + 1] == "eu-central-1"
    assert words[words.index("--profile") + 1] == "demo"
    assert json.loads(words[words.index("--cli-input-json") + 1]) == request


def test_aws_cli_command_for_the_sandbox_and_the_chain() -> None:
    draft = switch_operation(typical_draft(), OUTBOUND)
    request = typical_outbound_request()
    del request["ContactId"]
    chain = draft.create_contact_request()
    command = interop.aws_cli_command(draft, request, chain)
    assert "# start the sandbox first: connect-tui sandbox --port 8000" in command
    assert "CONTACT_ID=$(AWS_ACCESS_KEY_ID=" in command
    assert "aws connect create-contact" in command and "--query ContactId --output text" in command
    assert "start-outbound-email-contact --endpoint-url http://127.0.0.1:8000" in command
    assert '--contact-id "$CONTACT_ID"' in command
    # The shell can parse it: bash -n checks syntax without running anything.
    subprocess.run(["bash", "-n", "-c", command], check=True)


def test_boto3_snippet_is_valid_python_for_both_operations() -> None:
    inbound = typical_draft()
    snippet = interop.boto3_snippet(inbound, typical_inbound_request(), None)
    compile(snippet, "snippet.py", "exec")
    assert "client.start_email_contact(**{" in snippet
    outbound = switch_operation(typical_draft(), OUTBOUND)
    request = typical_outbound_request()
    del request["ContactId"]
    snippet = interop.boto3_snippet(outbound, request, outbound.create_contact_request())
    compile(snippet, "snippet.py", "exec")
    assert 'client.start_outbound_email_contact(ContactId=created["ContactId"], **{' in snippet


def test_boto3_snippet_request_equals_the_draft_request() -> None:
    # Evaluate the literal the snippet passes: it is exactly the request.
    request = typical_inbound_request()
    snippet = interop.boto3_snippet(Draft(name="x", operation=INBOUND), request, None)
    literal = snippet.split("client.start_email_contact(**", 1)[1].rsplit(")\nprint", 1)[0]
    assert eval(literal, {}) == request  # noqa: S307 - our own generated literal


def test_boto3_snippet_without_region_uses_aws_config() -> None:
    draft = Draft(name="x", target=Target(kind="aws"))
    snippet = interop.boto3_snippet(draft, typical_inbound_request(), None)
    assert 'client = boto3.client("connect")' in snippet
    assert "--region" not in interop.aws_cli_command(draft, typical_inbound_request(), None)


def test_drop_nulls() -> None:
    assert interop.drop_nulls({"a": None, "b": [None, {"c": None, "d": 1}]}) == (
        {"b": [{"d": 1}]},
        3,
    )
