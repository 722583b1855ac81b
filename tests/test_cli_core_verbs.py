"""The headless verbs as a user runs them: `connect-tui validate/import/export`, a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from connect_tui.core import profiles
from connect_tui.core.model import Draft
from tests.cli_runner import run_cli
from tests.drafts import typical_draft
from tests.reference_mistakes import MISTAKES, Mistake

run = run_cli


def save(path: Path, draft: Draft) -> Path:
    profiles.save(draft, path)
    return path


def test_validate_valid_profile_exits_0(tmp_path: Path, cli_env: dict[str, str]) -> None:
    path = save(tmp_path / "ok.toml", typical_draft())
    result = run("validate", str(path), env=cli_env)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "checked 1 profile: 0 with errors, 0 unreadable" in result.stderr
    # Validation names the botocore model it read (issue 11, item 1).
    assert "(model: botocore " in result.stderr and ", Connect 2017-08-08" in result.stderr


@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda m: m.kind)
def test_validate_names_the_offending_field(
    mistake: Mistake, tmp_path: Path, cli_env: dict[str, str]
) -> None:
    draft = Draft(name="m", operation=mistake.operation, request=mistake.request())
    path = save(tmp_path / "m.toml", draft)
    result = run("validate", str(path), env=cli_env)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(line.startswith(f"{path}: {mistake.path}: ") for line in lines), lines


def test_validate_mixed_readable_unreadable(tmp_path: Path, cli_env: dict[str, str]) -> None:
    good = save(tmp_path / "good.toml", typical_draft())
    broken = tmp_path / "broken.toml"
    broken.write_text("format = \n")
    result = run("validate", str(good), str(broken), env=cli_env)
    assert result.returncode == 2
    assert "broken.toml: not valid TOML" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_warnings_only_exit_0_and_json_output(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    draft = typical_draft()
    draft.request["ClientToken"] = "fixed"
    path = save(tmp_path / "warn.toml", draft)
    result = run("validate", str(path), env=cli_env)
    assert result.returncode == 0
    assert result.stdout.startswith(f"{path}: ClientToken: warning: is fixed")
    result = run("validate", "--output", "json", str(path), env=cli_env)
    report = json.loads(result.stdout)
    assert report["valid"] is True and report["problems"][0]["severity"] == "warning"
    # Every problem names its rule, as docs/service-rules.md lists it.
    assert report["problems"][0]["rule"] == "client-token.fixed"


def test_validate_set_overrides_variables(tmp_path: Path, cli_env: dict[str, str]) -> None:
    path = save(tmp_path / "v.toml", typical_draft())
    result = run("validate", str(path), "--set", "customer=nobody", env=cli_env)
    assert result.returncode == 1
    assert (
        "v.toml: FromEmailAddress.EmailAddress: 'nobody' is not an email address" in result.stdout
    )
    result = run("validate", str(path), "--set", "bad name=x", env=cli_env)
    assert result.returncode == 2 and "--set 'bad name=x': expected NAME=VALUE" in result.stderr


def test_import_then_export_is_lossless(tmp_path: Path, cli_env: dict[str, str]) -> None:
    request = typical_draft().request
    request["FromEmailAddress"]["EmailAddress"] = "alice@example.com"
    source = tmp_path / "input.json"
    source.write_text(json.dumps(request))
    result = run(
        "import", str(source), "--operation", "start-email-contact", "--name", "vip", env=cli_env
    )
    assert result.returncode == 0, result.stderr
    assert "as profile vip" in result.stdout and "0 problems" in result.stdout
    exported = run("export", "vip", "--format", "cli-input-json", env=cli_env)
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout) == request


def test_import_keeps_rule_breaking_request_and_lists_problems(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    source = tmp_path / "skeleton.json"
    skeleton = subprocess.run(
        ["aws", "connect", "start-email-contact", "--generate-cli-skeleton"],
        capture_output=True,
        text=True,
        check=True,
        env=cli_env,
    ).stdout
    source.write_text(skeleton)
    result = run(
        "import", str(source), "--operation", "start-email-contact", "--name", "skel", env=cli_env
    )
    assert result.returncode == 0, result.stderr
    assert "skel: InstanceId: must not be empty" in result.stdout
    assert profiles.load("skel").request == json.loads(skeleton)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"Nope": 1}', "Nope: is not a field"),
        ("{not json", "not valid JSON"),
        ('{"InstanceId": 5}', "InstanceId: must be text"),
    ],
)
def test_import_refusals_write_nothing(
    tmp_path: Path, cli_env: dict[str, str], content: str, message: str
) -> None:
    source = tmp_path / "in.json"
    source.write_text(content)
    result = run(
        "import", str(source), "--operation", "start-email-contact", "--name", "x", env=cli_env
    )
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not profiles.path_for("x").exists()


def test_import_refuses_to_overwrite_without_force(tmp_path: Path, cli_env: dict[str, str]) -> None:
    source = tmp_path / "in.json"
    source.write_text(json.dumps(typical_draft().request))
    args = ("import", str(source), "--operation", "start-outbound-email-contact", "--name", "x")
    source.write_text('{"InstanceId": "i"}')
    assert run(*args, env=cli_env).returncode == 0
    before = profiles.path_for("x").read_bytes()
    second = run(*args, env=cli_env)
    assert second.returncode == 2 and "already exists" in second.stderr
    assert profiles.path_for("x").read_bytes() == before
    assert run(*args, "--force", env=cli_env).returncode == 0


def test_import_yaml_from_stdin(cli_env: dict[str, str]) -> None:
    yaml_text = "InstanceId: i-1 # [REQUIRED]\nDestinationEmailAddress: a@b.co\n"
    result = run(
        "import",
        "-",
        "--operation",
        "start-email-contact",
        "--name",
        "y",
        env=cli_env,
        stdin=yaml_text,
    )
    assert result.returncode == 0, result.stderr
    assert profiles.load("y").request == {"InstanceId": "i-1", "DestinationEmailAddress": "a@b.co"}


def test_import_bad_operation(tmp_path: Path, cli_env: dict[str, str]) -> None:
    source = tmp_path / "in.json"
    source.write_text("{}")
    result = run("import", str(source), "--operation", "send-email", "--name", "x", env=cli_env)
    assert result.returncode == 2
    assert "--operation: unknown operation 'send-email'" in result.stderr


@pytest.mark.parametrize("fmt", ["aws-cli", "boto3", "toml"])
def test_export_formats(tmp_path: Path, cli_env: dict[str, str], fmt: str) -> None:
    path = save(tmp_path / "t.toml", typical_draft())
    result = run("export", str(path), "--format", fmt, env=cli_env)
    assert result.returncode == 0, result.stderr
    if fmt == "aws-cli":
        assert "aws connect start-email-contact" in result.stdout
        assert "alice@example.com" in result.stdout  # ${customer} resolved
    elif fmt == "boto3":
        compile(result.stdout, "snippet.py", "exec")
    else:
        assert profiles.loads(result.stdout, source="-", default_name="t") == typical_draft()


def test_export_undefined_variable_exits_1(tmp_path: Path, cli_env: dict[str, str]) -> None:
    draft = typical_draft()
    draft.variables.clear()
    path = save(tmp_path / "u.toml", draft)
    result = run("export", str(path), env=cli_env)
    assert result.returncode == 1
    assert "FromEmailAddress.EmailAddress: uses ${customer}, which is not defined" in result.stderr
    assert run("export", str(path), "--set", "customer=z@x.io", env=cli_env).returncode == 0


def test_export_to_a_file(tmp_path: Path, cli_env: dict[str, str]) -> None:
    path = save(tmp_path / "t.toml", typical_draft())
    out = tmp_path / "out.json"
    assert run("export", str(path), "-o", str(out), env=cli_env).returncode == 0
    assert json.loads(out.read_text())["InstanceId"] == typical_draft().request["InstanceId"]


def test_missing_profile_is_one_line(cli_env: dict[str, str]) -> None:
    result = run("export", "nobody", env=cli_env)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "nobody.toml: no such profile" in result.stderr


def test_help_for_every_verb(cli_env: dict[str, str]) -> None:
    for verb in ("validate", "import", "export"):
        result = run(verb, "--help", env=cli_env)
        assert result.returncode == 0 and "usage: connect-tui" in result.stdout


def test_composer_without_a_terminal_exits_2_at_once(cli_env: dict[str, str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "connect_tui"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=cli_env,
        timeout=10,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().count("\n") == 0
    assert "use `connect-tui send PROFILE`" in result.stderr


def test_validate_by_profile_name_shows_its_file(
    profiles_dir: Path, cli_env: dict[str, str]
) -> None:
    draft = typical_draft()
    draft.variables.clear()
    save(profiles.path_for("named"), draft)
    result = run("validate", "named", env=cli_env)
    assert result.returncode == 1
    assert result.stdout.startswith("~/.config/connect-tui/profiles/named.toml: FromEmailAddress")
