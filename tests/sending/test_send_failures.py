"""Every way a send fails, against a real sandbox process: one clear line with the error code
and the request id, never a traceback, and the other drafts still go."""

from __future__ import annotations

import re
import socket
import subprocess
import uuid
from pathlib import Path

import pytest

from connect_tui.core import credentials, profiles, sandbox_identity
from connect_tui.core.credentials import Keys
from connect_tui.core.model import AWS, INBOUND, OUTBOUND, Target
from connect_tui.core.sending import Sender
from tests.keyring_fixtures import MemoryKeyring
from tests.sending.conftest import Runner, draft_for, json_lines, request_of, save
from tests.sending.sandbox_process import RunningSandbox, start_sandbox

#: What a sandbox may answer for keys it does not accept (AWS uses all of these).
REFUSED_KEYS = {
    "AccessDeniedException",
    "UnrecognizedClientException",
    "InvalidSignatureException",
    "InvalidClientTokenId",
}


def error_line(result: subprocess.CompletedProcess[str], profile: str) -> str:
    """The one stdout line about `profile`, after checking the run failed cleanly."""
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stdout.splitlines() if line.startswith(f"{profile}: ")]
    assert len(lines) == 1, result.stdout
    # A 5xx does not promise that nothing was made: such a send "may exist" (issue 10).
    assert lines[0].startswith((f"{profile}: not sent: ", f"{profile}: may exist: "))
    return lines[0]


def assert_code_and_request_id(line: str, codes: set[str]) -> None:
    found = re.search(r"(?:not sent|may exist): (\w+): ", line)
    assert found and found.group(1) in codes, line
    assert re.search(r"\[request [\w-]+, ", line), line


def test_unknown_instance(sandbox: RunningSandbox, cli: Runner) -> None:
    save(draft_for(sandbox.url, "nowhere", InstanceId=str(uuid.uuid4())))
    line = error_line(cli("send", "nowhere"), "nowhere")
    assert_code_and_request_id(line, {"ResourceNotFoundException"})
    assert "does not exist" in line


def test_address_not_of_the_instance(sandbox: RunningSandbox, cli: Runner) -> None:
    save(draft_for(sandbox.url, "stranger", DestinationEmailAddress="nobody@elsewhere.example"))
    outbound = draft_for(sandbox.url, "stranger-out", OUTBOUND)
    outbound.request["FromEmailAddress"] = {"EmailAddress": "nobody@elsewhere.example"}
    save(outbound)
    result = cli("send", "stranger", "stranger-out")
    codes = {"InvalidRequestException", "ResourceNotFoundException"}
    assert_code_and_request_id(error_line(result, "stranger"), codes)
    line = error_line(result, "stranger-out")
    assert_code_and_request_id(line, codes)
    assert "(CreateContact made " in line  # the contact made first is not hidden


def test_same_token_same_request_is_a_replay_different_request_a_conflict(
    sandbox: RunningSandbox, cli: Runner
) -> None:
    token = f"test-{uuid.uuid4()}"
    save(draft_for(sandbox.url, "tok-a", ClientToken=token))
    other = draft_for(sandbox.url, "tok-b", ClientToken=token)
    other.request["EmailMessage"]["RawMessage"]["Subject"] = "something else"
    save(other)
    first = cli("send", "tok-a", "tok-a", "--output", "json")
    assert first.returncode == 0, first.stdout + first.stderr
    one, two = json_lines(first.stdout)
    assert one["ContactId"] == two["ContactId"] and one["ClientToken"] == token

    line = error_line(cli("send", "tok-b"), "tok-b")
    assert_code_and_request_id(line, {"IdempotencyException"})
    assert "clear ClientToken" in line


def aws_profile_for(url: str, name: str) -> str:
    draft = draft_for(url, name)
    draft.target = Target(kind=AWS, region=sandbox_identity.REGION, endpoint_url=url)
    return save(draft)


def test_wrong_keys_from_the_environment(
    sandbox: RunningSandbox, cli: Runner, cli_env: dict[str, str]
) -> None:
    aws_profile_for(sandbox.url, "wrong-env")
    env = dict(
        cli_env,
        AWS_ACCESS_KEY_ID="AKIAWRONGWRONGWRONG1",
        AWS_SECRET_ACCESS_KEY="not-the-sandbox-secret",
    )
    line = error_line(cli("send", "wrong-env", env=env), "wrong-env")
    assert_code_and_request_id(line, REFUSED_KEYS)
    assert "not-the-sandbox-secret" not in line


def test_wrong_secret_from_the_keyring(
    sandbox: RunningSandbox, memory_keyring: MemoryKeyring
) -> None:
    name = aws_profile_for(sandbox.url, "wrong-keyring")
    # The right key id with a wrong secret: only a checked signature can refuse it.
    credentials.store(name, Keys(sandbox_identity.ACCESS_KEY_ID, "wrong-secret"))
    outcome = Sender(record=False).send(profiles.load(name))
    assert not outcome.ok
    assert outcome.error_code in REFUSED_KEYS, outcome.error
    assert outcome.request_id and outcome.error and "wrong-secret" not in outcome.error
    assert outcome.error.startswith(f"{outcome.error_code}: ")


@pytest.mark.parametrize(
    ("flag", "code"),
    [("--throttle-rate", "ThrottlingException"), ("--fail-rate", "InternalServiceException")],
)
def test_retries_exhausted(tmp_path: Path, cli: Runner, flag: str, code: str) -> None:
    faulty = start_sandbox(tmp_path / "faulty", flag, "1")
    try:
        save(draft_for(faulty.url, "unlucky"))
        line = error_line(cli("send", "unlucky", "--max-attempts", "2"), "unlucky")
    finally:
        faulty.stop()
    assert_code_and_request_id(line, {code})
    assert "(after 2 attempts)" in line
    status = "may exist" if code == "InternalServiceException" else "not sent"
    assert line.startswith(f"unlucky: {status}: ")
    tokens = [request_of(e)["ClientToken"] for e in faulty.entries_for(INBOUND)]
    assert len(tokens) == 2 and len(set(tokens)) == 1  # one token, on every try


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_nothing_listening(cli: Runner, cli_env: dict[str, str]) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    save(draft_for(url, "silent"))
    draft = draft_for(url, "silent-aws")
    draft.target = Target(kind=AWS, region="us-east-1", endpoint_url=url)
    save(draft)
    env = dict(
        cli_env,
        AWS_ACCESS_KEY_ID=sandbox_identity.ACCESS_KEY_ID,
        AWS_SECRET_ACCESS_KEY=sandbox_identity.SECRET_ACCESS_KEY,
    )
    result = cli("send", "silent", "silent-aws", "--max-attempts", "1", env=env)
    for profile in ("silent", "silent-aws"):
        line = error_line(result, profile)
        assert f"EndpointConnectionError: cannot reach {url}" in line, line


def test_an_invalid_draft_is_not_sent_and_the_others_go_on(
    sandbox: RunningSandbox, cli: Runner
) -> None:
    save(draft_for(sandbox.url, "good-1"))
    bad = draft_for(sandbox.url, "bad", FromEmailAddress={"EmailAddress": "not an address"})
    bad.request["ClientToken"] = bad_token = f"never-sent-{uuid.uuid4()}"
    save(bad)
    save(draft_for(sandbox.url, "good-2"))
    result = cli("send", "good-1", "bad", "good-2", "--output", "json")
    assert result.returncode == 1
    first, middle, last = json_lines(result.stdout)
    assert first["error"] is None and last["error"] is None
    assert middle["error_code"] == "InvalidDraft" and middle["ContactId"] is None
    assert middle["target"] == f"sandbox {sandbox.url}"
    assert "FromEmailAddress" in middle["error"]
    sent = {request_of(e).get("ClientToken") for e in sandbox.entries()}
    assert {first["ClientToken"], last["ClientToken"]} <= sent and bad_token not in sent
    text = cli("send", "bad")
    line = error_line(text, "bad")
    assert "InvalidDraft" not in line and "the draft is invalid: " in line


def test_an_unreadable_profile_exits_2_and_the_others_go_on(
    sandbox: RunningSandbox, cli: Runner, profiles_dir: Path
) -> None:
    save(draft_for(sandbox.url, "fine"))
    (profiles_dir / "broken.toml").write_text("this is = = not toml\n")
    result = cli("send", "broken", "fine", "--output", "json")
    assert result.returncode == 2, result.stdout + result.stderr
    unreadable, sent = json_lines(result.stdout)
    assert unreadable["profile"] == "broken" and unreadable["error_code"] == "UnreadableProfile"
    assert "not valid TOML" in unreadable["error"]
    assert sent["profile"] == "fine" and sent["error"] is None
    (message,) = result.stderr.splitlines()
    assert "broken.toml" in message and "not valid TOML" in message


def test_every_reply_dropped_makes_one_contact_and_says_it_may_exist(
    tmp_path: Path, cli: Runner
) -> None:
    lossy = start_sandbox(tmp_path / "lossy", "--drop-rate", "1")
    try:
        save(draft_for(lossy.url, "lost"))
        result = cli("send", "lost", "--max-attempts", "3")
        entries = lossy.entries_for(INBOUND)
    finally:
        lossy.stop()
    line = error_line(result, "lost")
    assert "closed the connection or did not answer" in line
    assert "a send with the same ClientToken returns it" in line
    # Three tries, one token: the first made the contact, the retries were replays of it.
    assert len({request_of(e)["ClientToken"] for e in entries}) == 1
    assert [bool(e.get("replay")) for e in entries] == [False, True, True]
    assert len({e["ContactId"] for e in entries}) == 1
