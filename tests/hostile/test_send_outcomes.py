"""Send outcomes: sent (with its ContactId), not sent (proved), or "may exist" (with its ClientToken).

- Every attempt is watched, so a failure after a dropped reply is "may exist", never "not sent".
- Retries honour --max-attempts whatever botocore's retry quota says.
- The heavy fault test: 50 drafts against a sandbox that drops 30%, fails 20% and
  throttles 20% of requests: every outcome in the history agrees with the sandbox's
  journal, and resending every entry that was not sent makes no second contact.
"""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from connect_tui.core import attempts, history, sandbox_identity
from connect_tui.core.model import INBOUND, OUTBOUND
from tests.sending.conftest import draft_for, request_of, save
from tests.sending.sandbox_process import start_sandbox

MAX_ATTEMPTS = 4


def test_the_retry_quota_never_cuts_retries_short() -> None:
    """botocore's own quota (500 units, 14 a retry) refuses a retry after about 35 of them."""
    import boto3
    from botocore.awsrequest import AWSResponse

    client = boto3.client(
        "connect",
        region_name=sandbox_identity.REGION,
        endpoint_url="http://127.0.0.1:9",
        aws_access_key_id=sandbox_identity.ACCESS_KEY_ID,
        aws_secret_access_key=sandbox_identity.SECRET_ACCESS_KEY,
    )
    attempts.prepare_client(client, 1000)
    operation = client.meta.service_model.operation_model(INBOUND)
    failed = AWSResponse("http://127.0.0.1:9", 500, {}, None)
    parsed = {"Error": {"Code": "InternalServiceException"}, "ResponseMetadata": {}}
    delays = [
        client.meta.events.emit_until_response(
            "needs-retry.connect.StartEmailContact",
            response=(failed, parsed),
            endpoint=None,
            operation=operation,
            attempts=1,
            caught_exception=None,
            request_dict={"context": {}},
        )[1]
        for _ in range(100)
    ]
    assert all(delay is not None for delay in delays)


def test_attempts_sort_a_failure_by_what_they_prove() -> None:
    record = attempts.Attempts(["refused", "refused"])
    assert attempts.failed_status(record) == attempts.NOT_SENT
    record.results.append("unknown")
    assert attempts.failed_status(record) == attempts.MAY_EXIST


def test_a_refused_connection_is_not_sent_and_a_resend_keeps_the_token(
    cli_env: dict[str, str],
) -> None:
    from connect_tui.core.sending import Sender

    outcome = Sender(max_attempts=2).send(draft_for("http://127.0.0.1:9", "nowhere"))
    assert outcome.status == attempts.NOT_SENT and not outcome.ok
    entry = history.read()[-1]
    assert entry.status == attempts.NOT_SENT
    again = history.to_draft(entry)
    assert again.request["ClientToken"] == outcome.client_token


def journal_by_token(entries: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    by_token: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in entries:
        token = request_of(entry).get("ClientToken")
        if token:
            by_token[token].append(entry)
    return by_token


def made_by(lines: list[dict[str, Any]]) -> set[str]:
    """The ContactIds the journal says these requests made (dropped replies included)."""
    return {line["ContactId"] for line in lines if line.get("ContactId") and not line.get("error")}


def may_have_been_carried_out(lines: list[dict[str, Any]]) -> bool:
    """A request carried out with its reply dropped, or answered with a 5xx."""
    return bool(made_by(lines)) or any(
        line.get("error") == "InternalServiceException" for line in lines
    )


def run_all(commands: list[list[str]], env: dict[str, str]) -> list[str]:
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "connect_tui", *c], env=env, stdout=subprocess.PIPE, text=True
        )
        for c in commands
    ]
    return [p.communicate(timeout=120)[0] for p in processes]


@pytest.mark.slow
def test_heavy_faults_every_outcome_agrees_with_the_journal(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    faulty = start_sandbox(
        tmp_path / "faulty", "--drop-rate", "0.3", "--fail-rate", "0.2", "--throttle-rate", "0.2"
    )
    try:
        names = [
            save(draft_for(faulty.url, f"heavy-{i}", OUTBOUND if i % 5 == 0 else INBOUND))
            for i in range(50)
        ]
        options = ["--rate", "0", "--output", "json"]
        # Five processes of ten drafts: five clients, as five people replaying at once. Two
        # of them try each call once, so that "not sent" and "may exist" both occur often.
        attempts_of = {name: MAX_ATTEMPTS if i < 30 else 1 for i, name in enumerate(names)}
        run_all(
            [
                ["send", *names[i : i + 10], *options, "--max-attempts", str(attempts_of[names[i]])]
                for i in range(0, 50, 10)
            ],
            cli_env,
        )
        entries = history.read()
        journal = journal_by_token(faulty.entries())
        assert len(entries) == 50
        for entry in entries:
            lines = journal[entry.client_token or ""]
            assert entry.request is not None
            if entry.ok:
                assert entry.status == attempts.SENT
                assert made_by(lines) == {entry.contact_id}
            elif entry.status == attempts.NOT_SENT:
                assert not may_have_been_carried_out(lines), (entry, lines)
            else:
                assert entry.status == attempts.MAY_EXIST
                chain = journal[(entry.create_contact or {}).get("ClientToken", "")]
                assert may_have_been_carried_out(lines + chain), (entry, lines)
            if not entry.ok and lines:
                # Every attempt asked for was made: the retry quota did not stop them.
                assert len(lines) == attempts_of[entry.profile], (entry, lines)
        statuses = [entry.status for entry in entries]
        print(f"\n{ {s: statuses.count(s) for s in attempts.STATUSES} }")
        assert statuses.count(attempts.SENT) < 50  # the faults did happen

        # Resend every entry that was not sent: the same ClientTokens, no second contact.
        failed = [entry for entry in entries if not entry.ok]
        resend = [*options, "--max-attempts", str(MAX_ATTEMPTS)]
        run_all([["send", "--from-history", str(e.number), *resend] for e in failed], cli_env)
        after = journal_by_token(faulty.entries())
    finally:
        faulty.stop()
    for entry in failed:
        assert len(made_by(after[entry.client_token or ""])) <= 1
    known = {entry.client_token for entry in entries} | {
        (entry.create_contact or {}).get("ClientToken") for entry in entries
    }
    assert set(after) <= known  # no resend used a new token
