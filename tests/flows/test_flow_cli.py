"""`connect-tui flow test` on a folder of drafts (exit codes checked), `[flow_test]` kept
losslessly by profiles, and `connect-tui flow show`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from connect_tui import cli
from connect_tui.core import profiles

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
FLOW = EXAMPLES / "email-flow.json"
DRAFTS = EXAMPLES / "flow-drafts"


def main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_example_folder_passes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = main(capsys, "flow", "test", str(FLOW), str(DRAFTS))
    assert code == 0, out + err
    assert out.count("PASS ") == len(list(DRAFTS.glob("*.toml"))) and "FAIL" not in out
    assert "  hours  [CheckHoursOfOperation]  Condition 2: Equals 'False' -> out-of-hours" in out


def test_a_failed_expectation_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = main(
        capsys,
        "flow",
        "test",
        str(FLOW),
        str(DRAFTS / "vip.toml"),
        "--expect-queue",
        "Support",
        "--expect-attribute",
        "tier=gold",
        "--expect-path",
        "hours",
        "check-tier",
    )
    assert code == 1
    assert "FAIL" in out and "expected queue Support, got Escalations" in out
    assert (
        "expected attribute tier=gold, got 'vip'" in out
        and "expected path hours > check-tier" in out
    )


def test_any_instance_by_id_or_arn(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    draft = profiles.load(DRAFTS / "vip.toml")
    draft.flow_test = {}  # its queue is named Escalations only in the default instance
    for instance in (
        "a-real-instance",
        "arn:aws:connect:eu-west-2:111122223333:instance/a-real-instance",
    ):
        draft.request["InstanceId"] = instance
        path = tmp_path / "other.toml"
        profiles.save(draft, path)
        # The flow names the default instance's queue ARNs: they are added under their ids.
        code, out, _ = main(
            capsys, "flow", "test", str(FLOW), str(path), "--expect-path", "transfer"
        )
        assert code == 0, out


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = main(
        capsys, "flow", "test", str(FLOW), str(DRAFTS / "refund.toml"), "--output", "json"
    )
    document = json.loads(out)
    assert code == 0 and document["passed"] is True
    run = document["drafts"][0]["run"]
    assert run["Queue"]["Name"] == "Billing" and run["Attributes"]["topic"] == "refund"


@pytest.mark.parametrize("broken", ["flow", "profile", "outbound"])
def test_unreadable_input_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, broken: str
) -> None:
    flow, draft = FLOW, DRAFTS / "vip.toml"
    if broken == "flow":
        flow = tmp_path / "flow.json"
        flow.write_text('{"Version": "2019-10-30", "StartAction": "x", "Actions": []}')
    elif broken == "profile":
        draft = tmp_path / "bad.toml"
        draft.write_text("request = [")
    else:
        draft = tmp_path / "out.toml"
        draft.write_text('operation = "StartOutboundEmailContact"\n[request]\nInstanceId = "i"\n')
    code, out, err = main(capsys, "flow", "test", str(flow), str(draft))
    assert code == 2 and "Traceback" not in out + err
    assert (str(flow) if broken == "flow" else str(draft)) in out + err


def test_the_flow_test_table_is_kept_losslessly(tmp_path: Path) -> None:
    source = DRAFTS / "closed.toml"
    draft = profiles.load(source)
    assert draft.flow_test["expect_attributes"] == {"topic": "order", "out_of_hours": "true"}
    copy = tmp_path / "copy.toml"
    profiles.save(draft, copy)
    assert profiles.load(copy).flow_test == draft.flow_test
    profiles.save(profiles.load(copy), tmp_path / "again.toml")
    assert (tmp_path / "again.toml").read_text() == copy.read_text()


@pytest.mark.parametrize(
    ("table", "fragment"),
    [
        ("expect_queue = 3", "expect_queue"),
        ('seed = "x"', "seed"),
        ("clock = 5", "clock"),
        ("nope = 1", "nope"),
    ],
)
def test_a_bad_flow_test_table_is_refused_by_name(
    tmp_path: Path, table: str, fragment: str
) -> None:
    path = tmp_path / "bad.toml"
    shutil.copy(DRAFTS / "vip.toml", path)
    text = path.read_text().replace('expect_queue = "Escalations"', table)
    path.write_text(text)
    with pytest.raises(profiles.ProfileError, match=f"flow_test.{fragment}"):
        profiles.load(path)


def test_flow_show(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = main(capsys, "flow", "show", str(FLOW))
    assert code == 0 and out.startswith("start: logging") and "unreachable" not in out
    broken: dict[str, Any] = json.loads(FLOW.read_text())
    broken["Actions"][0]["Transitions"]["NextAction"] = "gone"
    broken["Actions"].append(
        {"Identifier": "lost\x1b[2J", "Type": "CreateTask", "Parameters": {}, "Transitions": {}}
    )
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken))
    code, out, _ = main(capsys, "flow", "show", str(path))
    assert code == 1 and "\x1b" not in out and "lost\\x1b[2J" in out
    assert "missing targets:\n  logging -> gone (NextAction)" in out
    assert "unreachable actions:" in out and "actions the sandbox does not run:" in out


@pytest.mark.parametrize(
    ("flags", "words"),
    [
        (["--clock", "next tuesday"], "--clock 'next tuesday'"),
        (["--address-flow", "nobody"], "--address-flow 'nobody'"),
        (["--flow", "missing.json"], "missing.json: no such flow file"),
        (["--flow-step-ms", "-1"], "--flow-step-ms"),
        (["--flow", "BROKEN"], "InvalidContactFlowException"),
        (["--lambda-results", "BROKEN"], "expected an object of function ARN"),
    ],
)
def test_bad_sandbox_flow_flags_are_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, flags: list[str], words: str
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"Version": "2019-10-30", "StartAction": "a", "Actions": ["x"]}')
    code, out, err = main(capsys, "sandbox", *[str(broken) if f == "BROKEN" else f for f in flags])
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and words in err, err
