"""Every verb shows hostile text from a profile, request or reply as visible escapes, never raw.

The profile holds an OSC retitle, a CSI clear, 8-bit C1 controls, DEL, NUL and bidi
overrides in every text field, a variable, an attribute key and the endpoint_url. Each
verb runs as a user runs it (a subprocess, so the real stdout encoding is used), in text
and JSON: nothing unsafe reaches stdout or stderr, JSON output still parses to the same
values, there is no traceback and the profile is left as it was.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.cli_runner import run_cli
from tests.hostile.hostile_data import ALL, raw_unsafe, save_hostile

#: A port nothing listens on (the discard port), so a send fails before any request.
REFUSED = "http://127.0.0.1:9"


run = run_cli


def check(result: subprocess.CompletedProcess[str], *, codes: tuple[int, ...]) -> None:
    assert result.returncode in codes, result.stderr
    assert "Traceback" not in result.stderr
    assert raw_unsafe(result.stdout) == [], result.stdout
    assert raw_unsafe(result.stderr) == [], result.stderr


CASES = {
    "validate": (["validate", "{path}"], (1,)),
    "validate-json": (["validate", "{path}", "--output", "json"], (1,)),
    "dry-run": (["send", "{path}", "--dry-run"], (1,)),
    "dry-run-json": (["send", "{path}", "--dry-run", "--output", "json"], (1,)),
    "send": (["send", "{path}", "--max-attempts", "1"], (1,)),
    "send-json": (["send", "{path}", "--output", "json", "--max-attempts", "1"], (1,)),
    "credentials": (["credentials", "status", "{path}"], (0, 1)),
    "export-json": (["export", "{path}", "--format", "cli-input-json"], (0,)),
    "export-aws-cli": (["export", "{path}", "--format", "aws-cli"], (0,)),
    "export-boto3": (["export", "{path}", "--format", "boto3"], (0,)),
    "export-toml": (["export", "{path}", "--format", "toml"], (0,)),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_a_verb_shows_hostile_text_escaped(
    case: str, tmp_path: Path, cli_env: dict[str, str]
) -> None:
    path = save_hostile(tmp_path, endpoint_url=f"{REFUSED}/{ALL}")
    before = path.read_bytes()
    arguments, codes = CASES[case]
    result = run(*(a.format(path=path) for a in arguments), env=cli_env)
    check(result, codes=codes)
    assert path.read_bytes() == before
    if "json" in case and "export" not in case:
        for line in result.stdout.splitlines():
            json.loads(line)
    if case == "export-json":
        # The escapes are JSON's own: the exported request holds the very same text.
        assert ALL in json.loads(result.stdout)["EmailMessage"]["RawMessage"]["Subject"]


def test_history_shows_a_hostile_send_escaped(tmp_path: Path, cli_env: dict[str, str]) -> None:
    path = save_hostile(tmp_path, endpoint_url=f"{REFUSED}/{ALL}")
    run("send", str(path), "--max-attempts", "1", env=cli_env)
    for arguments in (["history"], ["history", "--output", "json"]):
        result = run(*arguments, env=cli_env)
        check(result, codes=(0,))
        assert "vip" in result.stdout


def test_an_unreadable_profile_named_with_escapes_is_one_safe_line(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    path = tmp_path / f"x{ALL.replace(chr(0), '')}.toml"
    path.write_text("format = \n")
    for verb in (["validate"], ["send"], ["export"]):
        result = run(*verb, str(path), env=cli_env)
        check(result, codes=(2,))
        assert len(result.stderr.strip().splitlines()) <= 2  # the line, and validate's summary
