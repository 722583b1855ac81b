"""The demo over real HTTP: the AWS CLI creates a flow in a running `connect-tui sandbox`,
`connect-tui send` sends a draft naming it, the AWS CLI shows its effects (describe-contact,
get-contact-attributes, logs filter-log-events) and the journal holds the path. Then
--flows-from-aws copies an instance from a second sandbox acting as AWS."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from connect_tui.core import profiles, sandbox_identity
from connect_tui.sandbox import seed
from connect_tui.sandbox.config import SandboxConfig
from connect_tui.sandbox.server import start
from tests.sandbox.conftest import journal_lines, make_client
from tests.sandbox.test_cli import Process

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
INSTANCE = sandbox_identity.INSTANCE_ID
KEYS = {
    "AWS_ACCESS_KEY_ID": sandbox_identity.ACCESS_KEY_ID,
    "AWS_SECRET_ACCESS_KEY": sandbox_identity.SECRET_ACCESS_KEY,
    "AWS_DEFAULT_REGION": sandbox_identity.REGION,
    "AWS_REGION": sandbox_identity.REGION,
    "AWS_MAX_ATTEMPTS": "1",
}
pytestmark = pytest.mark.slow


def aws(env: dict[str, str], url: str, service: str, *args: str) -> Any:
    """The AWS CLI's JSON answer (it must succeed)."""
    done = subprocess.run(
        [sys.executable, "-m", "awscli", service, *args, "--endpoint-url", url, "--output", "json"],
        capture_output=True, text=True, env={**env, **KEYS}, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout) if done.stdout.strip() else {}


def test_the_demo(cli_env: dict[str, str], tmp_path: Path) -> None:
    journal = tmp_path / "demo.jsonl"
    sandbox = Process(
        cli_env, "--journal", str(journal), "--rate", "0", "--clock", "2026-11-25T10:00:00Z"
    )
    try:
        url = sandbox.url
        created = aws(
            cli_env, url, "connect", "create-contact-flow", "--instance-id", INSTANCE,
            "--name", "Demo email flow", "--type", "CONTACT_FLOW",
            "--content", f"file://{EXAMPLES / 'email-flow.json'}",
        )  # fmt: skip
        flow_id = created["ContactFlowId"]
        draft = profiles.load(EXAMPLES / "flow-drafts" / "refund.toml")
        draft.request["ContactFlowId"] = flow_id
        path = tmp_path / "refund.toml"
        profiles.save(draft, path)
        sent = subprocess.run(
            [sys.executable, "-m", "connect_tui", "send", str(path), "--output", "json"],
            capture_output=True, text=True, env=cli_env, timeout=120,
        )  # fmt: skip
        assert sent.returncode == 0, sent.stdout + sent.stderr
        contact_id = json.loads(sent.stdout.splitlines()[0])["ContactId"]
        for _ in range(100):  # the flow runs behind the reply; the journal says when it ended
            if any(line["operation"] == "FlowRun" for line in journal_lines(journal)):
                break
            time.sleep(0.05)
        contact = aws(
            cli_env,
            url,
            "connect",
            "describe-contact",
            "--instance-id",
            INSTANCE,
            "--contact-id",
            contact_id,
        )["Contact"]
        billing = seed.resource_id(INSTANCE, "queue", "Billing")
        assert contact["QueueInfo"]["Id"] == billing
        assert contact["Tags"]["demo"] == "sandbox-email-flow"
        attributes = aws(
            cli_env,
            url,
            "connect",
            "get-contact-attributes",
            "--instance-id",
            INSTANCE,
            "--initial-contact-id",
            contact_id,
        )["Attributes"]
        assert (
            attributes["topic"] == "refund" and "out_of_hours" not in attributes
        )  # 10:00 UTC, a Wednesday
        events = aws(
            cli_env, url, "logs", "filter-log-events", "--log-group-name", sandbox_identity.FLOW_LOG_GROUP,
            "--filter-pattern", f'"{contact_id}"',
        )["events"]  # fmt: skip
        identifiers = [json.loads(e["message"])["Identifier"] for e in events]
        (run,) = [line for line in journal_lines(journal) if line["operation"] == "FlowRun"]
        assert run["request"] == {
            "ContactId": contact_id,
            "ContactFlowId": flow_id,
            "ContactFlowName": "Demo email flow",
        }
        assert [s["Identifier"] for s in run["path"]] == identifiers
        assert identifiers[-3:] == ["hours", "acknowledge", "transfer"]
    finally:
        assert sandbox.stop()[0] == 0


def test_flows_from_aws(cli_env: dict[str, str]) -> None:
    # "AWS": a second sandbox, over real HTTP, with an instance of its own.
    real = start(
        SandboxConfig(rate=0, instances=("aws-instance-1",), addresses=("help@aws.example",))
    )
    try:
        aws_client = make_client(real.url)
        content = (EXAMPLES / "email-flow.json").read_text()
        created = aws_client.create_contact_flow(
            InstanceId="aws-instance-1", Name="Prod email", Type="CONTACT_FLOW", Content=content
        )
        queue_id = next(
            q["Id"]
            for q in aws_client.list_queues(InstanceId="aws-instance-1")["QueueSummaryList"]
            if q["Name"] == "Support"
        )
        address = aws_client.search_email_addresses(InstanceId="aws-instance-1")["EmailAddresses"][
            0
        ]
        copy = Process(
            {**cli_env, **KEYS}, "--rate", "0", "--flows-from-aws", "--instance", "aws-instance-1",
            "--aws-endpoint-url", real.url,
        )  # fmt: skip
        try:
            client = make_client(copy.url)
            copied = client.describe_contact_flow(
                InstanceId="aws-instance-1", ContactFlowId=created["ContactFlowId"]
            )["ContactFlow"]
            assert copied["Arn"] == created["ContactFlowArn"] and copied["Name"] == "Prod email"
            assert (
                client.describe_queue(InstanceId="aws-instance-1", QueueId=queue_id)["Queue"][
                    "Name"
                ]
                == "Support"
            )
            found = client.search_email_addresses(InstanceId="aws-instance-1")["EmailAddresses"]
            assert [(a["EmailAddressId"], a["EmailAddress"]) for a in found] == [
                (address["EmailAddressId"], "help@aws.example")
            ]
            # A draft made for the real instance runs offline unchanged.
            request = {
                "InstanceId": "aws-instance-1",
                "FromEmailAddress": {"EmailAddress": "alice@example.com"},
                "DestinationEmailAddress": "help@aws.example",
                "ContactFlowId": created["ContactFlowId"],
                "EmailMessage": {
                    "MessageSourceType": "RAW",
                    "RawMessage": {
                        "Subject": "Refund please",
                        "Body": "b",
                        "ContentType": "text/plain",
                    },
                },
            }
            contact_id = client.start_email_contact(**request)["ContactId"]
            attributes: dict[str, str] = {}
            for _ in range(50):
                attributes = client.get_contact_attributes(
                    InstanceId="aws-instance-1", InitialContactId=contact_id
                )["Attributes"]
                if "topic" in attributes:
                    break
                time.sleep(0.05)
            assert attributes["topic"] == "refund"
            assert copy.stop()[0] == 0
        finally:
            if copy.popen.poll() is None:
                copy.popen.kill()
    finally:
        real.stop()


def test_flows_from_aws_failure_is_one_line(cli_env: dict[str, str]) -> None:
    real = start(SandboxConfig(rate=0))
    try:
        done = subprocess.run(
            [sys.executable, "-m", "connect_tui", "sandbox", "--flows-from-aws", "--instance", "nope", "--aws-endpoint-url", real.url],
            capture_output=True, text=True, env={**cli_env, **KEYS}, timeout=60,
        )  # fmt: skip
    finally:
        real.stop()
    assert done.returncode == 2 and done.stdout == ""
    assert (
        done.stderr.count("\n") == 1 and "--flows-from-aws" in done.stderr and "nope" in done.stderr
    )


def test_the_palette_copy_into_a_running_sandbox(monkeypatch: pytest.MonkeyPatch) -> None:
    from connect_tui.core.model import AWS, Target
    from connect_tui.sandbox.aws_fetch import CopyError, copy_draft_instance

    for name, value in KEYS.items():
        monkeypatch.setenv(name, value)
    real = start(
        SandboxConfig(rate=0, instances=("aws-instance-2",), addresses=("help@aws.example",))
    )
    local = start(SandboxConfig(rate=0))
    try:
        created = make_client(real.url).create_contact_flow(
            InstanceId="aws-instance-2", Name="Prod", Type="CONTACT_FLOW",
            Content=(EXAMPLES / "email-flow.json").read_text(),
        )  # fmt: skip
        draft = profiles.load(EXAMPLES / "flow-drafts" / "vip.toml")
        draft.target = Target(kind=AWS, region="us-east-1", endpoint_url=real.url)
        draft.request["InstanceId"] = "aws-instance-2"
        message = copy_draft_instance(draft, local.url)
        assert "copied instance aws-instance-2" in message and "2 flows" in message
        flow = make_client(local.url).describe_contact_flow(
            InstanceId="aws-instance-2", ContactFlowId=created["ContactFlowId"]
        )
        assert flow["ContactFlow"]["Name"] == "Prod"
        draft.target = Target(kind="sandbox")
        with pytest.raises(CopyError, match="targets the sandbox"):
            copy_draft_instance(draft, local.url)
        draft.target = Target(kind=AWS, region="us-east-1", endpoint_url=real.url)
        draft.request["InstanceId"] = "no-such-instance"
        with pytest.raises(CopyError, match="cannot copy from AWS"):
            copy_draft_instance(draft, local.url)
    finally:
        real.stop()
        local.stop()
