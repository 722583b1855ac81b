"""Sends to AWS-style targets, pointed at a real sandbox process: keys from a real Secret Service
(and in no file afterwards), and the AWS environment conventions (AWS_ENDPOINT_URL_CONNECT, ...)."""

from __future__ import annotations

from pathlib import Path

import pytest

from connect_tui.core import paths, sandbox_identity
from connect_tui.core.model import AWS, KEYRING, Target
from tests.keyring_fixtures import SecretService
from tests.sending.conftest import Runner, draft_for, json_lines, save
from tests.sending.sandbox_process import RunningSandbox, start_sandbox

KEY_ID = "AKIATESTKEYRINGSEND1"
SECRET = "kEyRiNg/SeCrEt+only-in-the-secret-service"


def test_keys_from_the_secret_service_send_and_reach_no_file(
    tmp_path: Path, cli: Runner, secret_service: SecretService
) -> None:
    env = secret_service.env
    own = start_sandbox(tmp_path / "own-keys", "--credentials", f"{KEY_ID}:{SECRET}")
    try:
        draft = draft_for(own.url, "prod")
        draft.target = Target(
            kind=AWS, region=sandbox_identity.REGION, credentials=KEYRING, endpoint_url=own.url
        )
        save(draft)
        stored = cli("credentials", "set", "prod", env=env, stdin=f"{KEY_ID}\n{SECRET}\n")
        assert stored.returncode == 0, stored.stderr
        status = cli("credentials", "status", "prod", env=env)
        assert "keys stored in the keyring for 'prod' (AKIA…END1)" in status.stdout

        sent = cli("send", "prod", "--output", "json", env=env)
        assert sent.returncode == 0, sent.stdout + sent.stderr
        (line,) = json_lines(sent.stdout)
        assert line["ContactId"] and line["target"] == f"aws us-east-1 {own.url}"
        outputs = [stored, status, sent]
        outputs.append(cli("history", env=env))
        outputs.append(cli("history", "--output", "json", env=env))
        for form in ("cli-input-json", "aws-cli", "boto3", "toml"):
            outputs.append(cli("export", "prod", "--format", form, env=env))
            assert outputs[-1].returncode == 0, outputs[-1].stderr
        exported = tmp_path / "exported.json"
        assert cli("export", "prod", "-o", str(exported), env=env).returncode == 0

        deleted = cli("credentials", "delete", "prod", env=env)
        assert deleted.returncode == 0
        refused = cli("send", "prod", env=env)
        assert refused.returncode == 1
        assert "credentials set prod" in refused.stdout
        outputs += [deleted, refused]
    finally:
        own.stop()

    for result in outputs:
        assert SECRET not in result.stdout + result.stderr
    # Every file the app (or anything in this HOME) wrote: config, data, cache, state, profiles.
    written = [p for p in secret_service.home.rglob("*") if p.is_file()] + [exported]
    assert paths.history_file() in written and paths.profiles_dir() / "prod.toml" in written
    for path in written:
        assert SECRET.encode() not in path.read_bytes(), path


@pytest.mark.parametrize(
    ("variables", "region"),
    [
        ({"AWS_ENDPOINT_URL_CONNECT": "{url}"}, sandbox_identity.REGION),
        ({"AWS_ENDPOINT_URL": "{url}", "AWS_REGION": sandbox_identity.REGION}, None),
        ({"AWS_ENDPOINT_URL_CONNECT": "{url}", "AWS_DEFAULT_REGION": "us-east-1"}, None),
    ],
)
def test_aws_environment_conventions(
    sandbox: RunningSandbox,
    cli: Runner,
    cli_env: dict[str, str],
    variables: dict[str, str],
    region: str | None,
) -> None:
    draft = draft_for(sandbox.url, "env-aws")
    draft.target = Target(kind=AWS, region=region)
    save(draft)
    env = dict(
        cli_env,
        AWS_ACCESS_KEY_ID=sandbox_identity.ACCESS_KEY_ID,
        AWS_SECRET_ACCESS_KEY=sandbox_identity.SECRET_ACCESS_KEY,
        **{k: v.format(url=sandbox.url) for k, v in variables.items()},
    )
    result = cli("send", "env-aws", "--output", "json", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    (line,) = json_lines(result.stdout)
    assert line["ContactId"] and line["target"] == f"aws us-east-1 {sandbox.url}"


def test_named_aws_profile_and_endpoint_override(
    sandbox: RunningSandbox, cli: Runner, cli_env: dict[str, str], isolated_home: Path
) -> None:
    aws = isolated_home / ".aws"
    aws.mkdir()
    (aws / "credentials").write_text(
        f"[demo]\naws_access_key_id = {sandbox_identity.ACCESS_KEY_ID}\n"
        f"aws_secret_access_key = {sandbox_identity.SECRET_ACCESS_KEY}\n"
    )
    (aws / "config").write_text("[profile demo]\nregion = us-east-1\n")
    draft = draft_for(sandbox.url, "named")
    draft.target = Target(kind=AWS)
    save(draft)
    result = cli(
        "send", "named", "--aws-profile", "demo", "--endpoint-url", sandbox.url, "--output", "json"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (line,) = json_lines(result.stdout)
    assert line["target"] == f"aws us-east-1 profile demo {sandbox.url}"

    missing = cli("send", "named", "--aws-profile", "nobody", "--endpoint-url", sandbox.url)
    assert missing.returncode == 1
    assert "ProfileNotFound: the AWS profile 'nobody' is not in ~/.aws/config" in missing.stdout
