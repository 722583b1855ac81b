"""Sending to a real sandbox process over HTTP: both operations, the outbound chain, replies,
variables, dry runs and the history, through `connect-tui send` and through Sender in-process."""

from __future__ import annotations

from pathlib import Path

from connect_tui.core import history, paths, sandbox_identity
from connect_tui.core.defaults import new_draft
from connect_tui.core.model import CREATE_CONTACT, INBOUND, OUTBOUND
from connect_tui.core.sending import Sender
from tests.sending.conftest import Runner, draft_for, json_lines, request_of, save, succeeded
from tests.sending.sandbox_process import RunningSandbox, start_sandbox


def test_send_inbound_and_outbound_drafts_as_json(sandbox: RunningSandbox, cli: Runner) -> None:
    inbound = save(draft_for(sandbox.url, "inbound"))
    outbound = save(draft_for(sandbox.url, "outbound", OUTBOUND))
    result = cli("send", inbound, outbound, "--output", "json", "--rate", "0")
    assert result.returncode == 0, result.stdout + result.stderr
    first, second = json_lines(result.stdout)

    assert first["profile"] == "inbound" and first["operation"] == INBOUND
    assert first["error"] is None and first["CreatedContactId"] is None
    assert first["target"] == f"sandbox {sandbox.url}"
    assert first["RequestId"] and first["ClientToken"]

    # The outbound chain: CreateContact made the contact, then StartOutboundEmailContact sent it.
    assert second["operation"] == OUTBOUND and second["error"] is None
    assert second["CreatedContactId"] == second["ContactId"]
    created = [
        e for e in sandbox.entries_for(CREATE_CONTACT) if e.get("ContactId") == second["ContactId"]
    ]
    assert len(created) == 1
    assert request_of(created[0])["InitiationMethod"] == "OUTBOUND"
    started = [
        e
        for e in sandbox.entries_for(OUTBOUND)
        if request_of(e).get("ClientToken") == second["ClientToken"]
    ]
    assert [request_of(e)["ContactId"] for e in started] == [second["ContactId"]]

    client = sandbox.client()
    for line in (first, second):
        contact = client.describe_contact(
            InstanceId=sandbox_identity.INSTANCE_ID, ContactId=line["ContactId"]
        )["Contact"]
        assert contact["Id"] == line["ContactId"]


def test_inbound_then_reply_demo_in_two_commands(
    tmp_path: Path, cli: Runner, cli_env: dict[str, str]
) -> None:
    # As the README tells it: `connect-tui sandbox` runs in another terminal (and registers
    # itself), a new profile needs no endpoint, and the demo is two sends.
    standalone = start_sandbox(tmp_path / "standalone", env=cli_env)
    try:
        save(new_draft("demo"))
        inbound = cli("send", "demo", "--output", "json")
        assert inbound.returncode == 0, inbound.stderr
        (sent,) = json_lines(inbound.stdout)
        assert sent["target"] == f"sandbox {standalone.url}"
        (dry,) = json_lines(cli("send", "demo", "--dry-run", "--output", "json").stdout)
        assert dry["target"] == f"sandbox {standalone.url}"

        reply = cli("send", "demo", "--reply-to", sent["ContactId"])
        assert reply.returncode == 0, reply.stdout + reply.stderr
        entries = standalone.entries()
    finally:
        standalone.stop()
    (line,) = reply.stdout.splitlines()
    assert line.startswith("demo: ContactId ")
    reply_id = line.split()[2]
    assert reply_id != sent["ContactId"]
    assert f"(reply to {sent['ContactId']})" in line  # both ContactIds shown
    assert f"{OUTBOUND} to sandbox {standalone.url}" in line

    (made,) = [
        e for e in entries if e["operation"] == CREATE_CONTACT and e.get("ContactId") == reply_id
    ]
    assert request_of(made)["InitiationMethod"] == "AGENT_REPLY"
    assert request_of(made)["RelatedContactId"] == sent["ContactId"]
    (started,) = [
        e
        for e in entries
        if e["operation"] == OUTBOUND and request_of(e).get("ContactId") == reply_id
    ]
    body = request_of(started)
    # Turned around: the customer is the destination, the instance's address the sender.
    assert body["DestinationEmailAddress"]["EmailAddress"] == "customer@example.com"
    assert body["FromEmailAddress"]["EmailAddress"] == sandbox_identity.SUPPORT_ADDRESS
    assert body["EmailMessage"]["RawMessage"]["Subject"].startswith("Re: ")


def test_without_a_standalone_sandbox_the_embedded_one_answers(cli: Runner) -> None:
    save(new_draft("alone"))
    result = cli("send", "alone")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(embedded)" in result.stdout and "ContactId " in result.stdout
    assert "run `connect-tui sandbox` in another terminal" in result.stderr


def test_sender_in_process(sandbox: RunningSandbox) -> None:
    sender = Sender(record=False)
    inbound = sender.send(draft_for(sandbox.url, "in-process"))
    outbound = sender.send(draft_for(sandbox.url, "in-process-out", OUTBOUND))
    for outcome in (inbound, outbound):
        assert outcome.ok, outcome.error
        assert outcome.request_id and outcome.client_token
        assert (
            outcome.request is not None and outcome.request["ClientToken"] == outcome.client_token
        )
    assert outbound.created_contact_id == outbound.contact_id
    assert outbound.request is not None and outbound.request["ContactId"] == outbound.contact_id
    assert not history.read()  # record=False writes nothing

    # Sending the very same prepared request again is an idempotent replay: same ContactId.
    client = sandbox.client()
    again = client.start_email_contact(**inbound.request)
    assert again["ContactId"] == inbound.contact_id
    replays = [
        e
        for e in sandbox.entries_for(INBOUND)
        if request_of(e).get("ClientToken") == inbound.client_token
    ]
    assert [bool(e.get("replay")) for e in replays] == [False, True]


def test_set_variables_reach_the_request(sandbox: RunningSandbox, cli: Runner) -> None:
    draft = draft_for(sandbox.url, "vars")
    draft.variables = {"customer": "alice@example.com", "order": "1"}
    draft.request["FromEmailAddress"] = {"EmailAddress": "${customer}"}
    draft.request["EmailMessage"]["RawMessage"]["Subject"] = "Order ${order}"
    save(draft)
    result = cli(
        "send",
        "vars",
        "--set",
        "order=1234",
        "--set",
        "customer=bob@example.com",
        "--output",
        "json",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (line,) = json_lines(result.stdout)
    (entry,) = [
        e
        for e in sandbox.entries_for(INBOUND)
        if request_of(e).get("ClientToken") == line["ClientToken"]
    ]
    body = request_of(entry)
    assert body["FromEmailAddress"]["EmailAddress"] == "bob@example.com"
    assert body["EmailMessage"]["RawMessage"]["Subject"] == "Order 1234"

    bad = cli("send", "vars", "--set", "no equals sign")
    assert bad.returncode == 2 and "--set 'no equals sign'" in bad.stderr


def test_dry_run_prints_the_resolved_request_and_sends_nothing(
    cli: Runner, sandbox: RunningSandbox
) -> None:
    draft = draft_for(sandbox.url, "dry", OUTBOUND)
    draft.variables = {"who": "dana@example.com"}
    draft.request["DestinationEmailAddress"] = {"EmailAddress": "${who}"}
    save(draft)
    before = len(sandbox.entries())
    result = cli("send", "dry", "--dry-run", "--output", "json")
    assert result.returncode == 0, result.stderr
    (line,) = json_lines(result.stdout)
    assert line["dry_run"] is True and line["target"] == f"sandbox {sandbox.url}"
    assert line["request"]["DestinationEmailAddress"] == {"EmailAddress": "dana@example.com"}
    assert line["create_contact"]["InitiationMethod"] == "OUTBOUND"
    text = cli("send", "dry", "--dry-run")
    assert text.returncode == 0 and '"dana@example.com"' in text.stdout
    assert "first CreateContact" in text.stdout
    assert len(sandbox.entries()) == before  # nothing reached the sandbox
    assert not paths.history_file().exists()  # and nothing was recorded


def test_history_records_every_send_and_replays_with_a_new_token(
    sandbox: RunningSandbox, cli: Runner
) -> None:
    save(draft_for(sandbox.url, "kept"))
    save(draft_for(sandbox.url, "refused", InstanceId="00000000-0000-4000-8000-000000000000"))
    first = cli("send", "kept", "refused", "--output", "json")
    assert first.returncode == 1
    ok, failed = json_lines(first.stdout)

    listed = cli("history", "--output", "json")
    assert listed.returncode == 0, listed.stderr
    one, two = json_lines(listed.stdout)
    # One set of names for both verbs: history adds only its number and time.
    assert set(one) == set(ok) | {"number", "time"}
    assert (one["number"], one["profile"], one["ContactId"]) == (1, "kept", ok["ContactId"])
    assert one["ClientToken"] == ok["ClientToken"] and one["RequestId"] == ok["RequestId"]
    assert one["target"] == f"sandbox {sandbox.url}" and one["error"] is None
    assert (two["profile"], two["error_code"]) == ("refused", failed["error_code"])
    assert two["RequestId"] == failed["RequestId"] and two["ContactId"] is None
    text = cli("history", "--limit", "1")
    assert text.stdout.startswith("   2  ") and "refused" in text.stdout

    stored = paths.history_file().read_text()
    for secret in (sandbox_identity.SECRET_ACCESS_KEY, sandbox_identity.ACCESS_KEY_ID):
        assert secret not in stored

    again = cli("send", "--from-history", "1", "--output", "json")
    assert again.returncode == 0, again.stdout + again.stderr
    (replayed,) = json_lines(again.stdout)
    assert replayed["ClientToken"] != ok["ClientToken"]
    assert replayed["ContactId"] != ok["ContactId"]
    new_entries = [
        e
        for e in succeeded(sandbox.entries_for(INBOUND))
        if request_of(e).get("ClientToken") == replayed["ClientToken"]
    ]
    assert len(new_entries) == 1
    assert len(json_lines(cli("history", "--output", "json").stdout)) == 3


def test_outbound_with_its_own_contact_id_skips_create_contact(
    sandbox: RunningSandbox, cli: Runner
) -> None:
    made = sandbox.client().create_contact(
        InstanceId=sandbox_identity.INSTANCE_ID,
        Channel="EMAIL",
        InitiationMethod="OUTBOUND",
        UserInfo={"UserId": sandbox_identity.AGENT_USER_ID},
    )["ContactId"]
    draft = draft_for(sandbox.url, "own-id", OUTBOUND, ContactId=made)
    draft.create_contact = None
    save(draft)
    creates_before = len(sandbox.entries_for(CREATE_CONTACT))
    result = cli("send", "own-id", "--output", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    (line,) = json_lines(result.stdout)
    assert line["ContactId"] == made and line["CreatedContactId"] is None
    assert len(sandbox.entries_for(CREATE_CONTACT)) == creates_before


def test_send_draft_uses_the_embedded_sandbox_and_records_it() -> None:
    # The composer's entry point: no standalone sandbox registered, so the embedded one
    # starts inside this process and answers over real HTTP.
    from connect_tui.runtime import send_draft

    outcome = send_draft(new_draft("composer"))
    assert outcome.ok, outcome.error
    assert outcome.target.startswith("sandbox http://127.0.0.1:")
    assert outcome.target.endswith("(embedded)")
    (entry,) = history.read()
    assert (entry.profile, entry.contact_id, entry.target) == (
        "composer",
        outcome.contact_id,
        outcome.target,
    )
