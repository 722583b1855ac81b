"""The boto3/botocore floor (issue 11, item 1) and the model validation reads.

Found by reading botocore/data/connect/2017-08-08/service-2.json.gz of each release
(`pip download botocore==X --no-deps`): the email operations first appear in 1.35.68 with
ToAddresses, CcAddresses and Attachments capped at 10 items; the recipient lists reach 50 in
1.38.26 and Attachments 50 in 1.43.64. The documented limits (API Reference,
StartEmailContact: up to 49 additional recipients, up to 50 attachments) need the latter.
.ci/run installs exactly the floor and runs tests/core and tests/sending on it, so these
tests also hold on the floor's own model. See docs/service-rules.md.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import botocore

from connect_tui.core import schema

ROOT = Path(__file__).resolve().parents[2]


def floors() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["test"]
    found = [re.match(r"(boto3|botocore|awscli)>=([0-9.]+)", d) for d in wanted]
    return {m[1]: m[2] for m in found if m}


def test_the_floor_is_the_first_release_with_todays_email_shapes() -> None:
    assert floors()["boto3"] == floors()["botocore"] == schema.BOTOCORE_FLOOR
    # awscli 1.45.64 requires botocore==1.43.64: the CLI whose model is the floor's.
    assert floors()["awscli"] == "1.45.64"
    installed = tuple(int(part) for part in botocore.__version__.split(".")[:3])
    assert installed >= tuple(int(part) for part in schema.BOTOCORE_FLOOR.split("."))


def test_the_model_in_use_takes_the_documented_limits() -> None:
    inbound = schema.input_shape("StartEmailContact")
    recipients = inbound.members["AdditionalRecipients"]
    assert recipients.members["ToAddresses"].max >= 49
    assert recipients.members["CcAddresses"].max >= 49
    assert inbound.members["Attachments"].max >= 50
    outbound = schema.input_shape("StartOutboundEmailContact")
    assert outbound.members["AdditionalRecipients"].members["CcEmailAddresses"].max >= 49
    for name in ("CreateContact", "ListAssociatedContacts", "ListContactReferences"):
        assert schema.operation(name).name == name


def test_ci_proves_the_floor() -> None:
    script = (ROOT / ".ci" / "run").read_text()
    # The README's test command stays the main step, as the README writes it.
    readme = (ROOT / "README.md").read_text()
    command = re.search(r"pip install '\.\[test\]' && (python -m pytest[^\n`]*)", readme)
    assert command is not None
    assert f"\n{command.group(1)}\n" in script
    assert "install --quiet '.[test]' $floor" in script
    assert '-m "not slow" tests/core tests/sending' in script


def test_version_names_the_botocore_model() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "connect_tui", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert f"botocore {botocore.__version__}, Connect 2017-08-08" in result.stdout
    assert result.stdout.startswith("connect-tui ")
