"""Issue 10 defects 8 and 9: one line and exit 2, no stale temporary files, private journals,
format numbers, credentials wording, secrets out of the process arguments, integer ranges."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from connect_tui.core import profiles
from connect_tui.core.defaults import new_draft
from connect_tui.core.model import AWS, KEYRING, Target
from connect_tui.core.validation import validate
from tests.cli_runner import run_cli

run = run_cli


def one_line_exit_2(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    return result.stderr


def test_export_to_a_folder_is_one_line(tmp_path: Path, cli_env: dict[str, str]) -> None:
    profiles.save(new_draft("x"), tmp_path / "x.toml")
    error = one_line_exit_2(
        run("export", str(tmp_path / "x.toml"), "-o", str(tmp_path), env=cli_env)
    )
    assert "is a folder" in error


@pytest.mark.parametrize(
    "name, text", [("s.json", '{"InstanceId": "\\ud800"}'), ("s.yaml", 'InstanceId: "\\ud800"\n')]
)
def test_import_of_a_lone_surrogate_is_one_line(
    name: str, text: str, tmp_path: Path, cli_env: dict[str, str], profiles_dir: Path
) -> None:
    (tmp_path / name).write_text(text)
    arguments = ["import", str(tmp_path / name), "--operation", "start-email-contact"]
    error = one_line_exit_2(run(*arguments, "--name", "s", env=cli_env))
    assert "ud800" in error and "InstanceId" in error
    assert not (profiles_dir / "s.toml").exists()


def test_stale_temporaries_of_a_killed_save_are_cleaned_and_never_listed(
    profiles_dir: Path,
) -> None:
    profiles.save(new_draft("vip"), profiles_dir / "vip.toml")
    stale = profiles_dir / ".vip.toml.k9x2ab.tmp"
    fresh = profiles_dir / ".vip.toml.q1w2e3.tmp"  # a save in progress right now
    for temporary in (stale, fresh):
        temporary.write_text("half a profile")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    assert [info.name for info in profiles.list_profiles()] == ["vip"]
    assert not stale.exists() and fresh.exists()


@pytest.mark.parametrize("number", ["0", "-5"])
def test_format_before_1_is_refused(number: str, tmp_path: Path, cli_env: dict[str, str]) -> None:
    path = tmp_path / "f.toml"
    path.write_text(profiles.dumps(new_draft("f")).replace("format = 1", f"format = {number}"))
    result = run("validate", str(path), env=cli_env)
    assert result.returncode == 2 and "format" in result.stderr


def test_credentials_status_names_the_profile_once_and_blames_a_missing_keyring(
    profiles_dir: Path, cli_env: dict[str, str]
) -> None:
    draft = new_draft("vip")
    draft.target = Target(kind=AWS, region="us-east-1", credentials=KEYRING)
    profiles.save(draft, profiles_dir / "vip.toml")
    cli_env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    result = run("credentials", "status", "vip", env=cli_env)
    assert "vip: vip:" not in result.stdout
    assert "keyring" in result.stdout and "cannot hold them" in result.stdout
    assert "none are stored" not in result.stdout


def test_sandbox_keys_from_a_file_or_stdin_and_a_warning_for_the_flag(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    from connect_tui.cli import build_verb_parser
    from connect_tui.verbs.sandbox import config_from

    keys = tmp_path / "keys"
    keys.write_text("# demo keys\nAKIAFILEKEY000000000:file/secret\n")
    parser, _ = build_verb_parser()
    config = config_from(parser.parse_args(["sandbox", "--credentials-file", str(keys)]))
    assert config.credentials == (("AKIAFILEKEY000000000", "file/secret"),)
    bad = tmp_path / "bad"
    bad.write_text("no-colon-secret\n")
    with pytest.raises(Exception, match="line 1") as caught:
        config_from(parser.parse_args(["sandbox", "--credentials-file", str(bad)]))
    assert "no-colon-secret" not in str(caught.value)
    # stdin, and the warning when the secret is on the command line (a bad port stops it at once).
    result = run("sandbox", "--credentials-file", "-", env=cli_env, stdin="")
    assert "holds no KEYID:SECRET" in result.stderr
    result = run("sandbox", "--credentials", "AKIAX:s", "--host", "256.1.1.1", env=cli_env)
    assert "visible" in result.stderr or "`ps`" in result.stderr


def test_value_integer_is_checked_against_the_models_32_bit_range() -> None:
    draft = new_draft("n")
    for value, problems in ((2**31 - 1, 0), (2**31, 1), (-(2**31) - 1, 1), (10**30, 1)):
        draft.request["SegmentAttributes"] = {"count": {"ValueInteger": value}}
        found = [p for p in validate(draft) if "ValueInteger" in str(p)]
        assert len(found) == problems, (value, found)
