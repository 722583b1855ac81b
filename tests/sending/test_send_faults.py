"""A replay against a faulty sandbox sends every draft exactly once; a paced replay fits the quota."""

from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path

import pytest

from connect_tui.core import sandbox_identity
from connect_tui.core.model import INBOUND, OUTBOUND
from tests.sending.conftest import Runner, draft_for, json_lines, request_of, save, succeeded
from tests.sending.sandbox_process import start_sandbox

DRAFTS = 12


@pytest.mark.slow
def test_fault_mix_every_draft_sent_exactly_once(tmp_path: Path, cli: Runner) -> None:
    faulty = start_sandbox(
        tmp_path / "faulty",
        "--throttle-rate", "0.2", "--fail-rate", "0.1", "--drop-rate", "0.05",
    )  # fmt: skip
    try:
        names = [
            save(draft_for(faulty.url, f"mix-{i}", OUTBOUND if i % 3 == 0 else INBOUND))
            for i in range(DRAFTS)
        ]
        result = cli("send", *names, "--output", "json", "--rate", "0", timeout=300)
        reported = json_lines(result.stdout)
        client = faulty.client(attempts=20)  # DescribeContact meets the faults too
        for line in reported:
            client.describe_contact(
                InstanceId=sandbox_identity.INSTANCE_ID, ContactId=line["ContactId"]
            )
    finally:
        faulty.stop()
    assert result.returncode == 0, result.stdout + result.stderr
    assert [line["profile"] for line in reported] == names
    assert all(line["error"] is None for line in reported)

    # One contact made per ClientToken, whatever was throttled, failed or dropped on the way.
    entries = faulty.entries()
    made: dict[tuple[str, str], set[str]] = defaultdict(set)
    for entry in succeeded(entries):
        made[(entry["operation"], request_of(entry)["ClientToken"])].add(entry["ContactId"])
        assert len(made[(entry["operation"], request_of(entry)["ClientToken"])]) == 1
    sends = {
        (e["operation"], request_of(e)["ClientToken"])
        for e in entries
        if e.get("operation") in (INBOUND, OUTBOUND)
    }
    assert len(sends) == DRAFTS  # exactly one token per draft, reused on every retry
    for line in reported:
        assert made[(line["operation"], line["ClientToken"])] == {line["ContactId"]}
    creates = [k for k in made if k[0] == "CreateContact"]
    assert len(creates) == sum(1 for line in reported if line["operation"] == OUTBOUND)
    # The faults did happen: otherwise this test proves nothing.
    assert any(e.get("error") for e in entries) or any(e.get("replay") for e in entries)
    print(f"\n{len(entries)} requests for {DRAFTS} drafts")


@pytest.mark.slow
def test_quota_fifteen_drafts_at_two_a_second_burst_five(tmp_path: Path, cli: Runner) -> None:
    limited = start_sandbox(tmp_path / "limited", "--rate", "2", "--burst", "5", rate_off=False)
    try:
        names = [save(draft_for(limited.url, f"quota-{i}")) for i in range(15)]
        started = time.perf_counter()
        result = cli("send", *names, "--output", "json", timeout=300)
        elapsed = time.perf_counter() - started
    finally:
        limited.stop()
    assert result.returncode == 0, result.stdout + result.stderr
    reported = json_lines(result.stdout)
    assert len(reported) == 15 and all(line["error"] is None for line in reported)
    made = succeeded(limited.entries_for(INBOUND))
    tokens = [request_of(e)["ClientToken"] for e in made]
    assert sorted(tokens) == sorted(line["ClientToken"] for line in reported)  # none twice
    throttled = sum(1 for e in limited.entries() if e.get("error") == "ThrottlingException")
    print(f"\n15 drafts at 2/s burst 5: {elapsed:.2f} s (optimum 5 s), {throttled} throttled")
    assert elapsed < 30  # a sanity bound only: paced, not hammered into long backoffs
