"""Credentials: keys in the keyring (in memory and a real Secret Service), the lookup order, refusals."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest

from connect_tui.core import credentials, profiles
from connect_tui.core.credentials import CredentialsError, Keys
from connect_tui.core.model import AWS, Target
from tests.cli_runner import run_cli
from tests.drafts import typical_draft
from tests.keyring_fixtures import MemoryKeyring, SecretService

KEYS = Keys("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzSECRETzz", "session-token-xyz")


def aws_draft(name: str = "vip", **target: object):
    draft = typical_draft()
    draft.name = name
    draft.target = Target(kind=AWS, region="eu-west-1", **target)  # type: ignore[arg-type]
    return draft


def test_store_load_delete_in_memory(memory_keyring: MemoryKeyring) -> None:
    credentials.store("vip", KEYS)
    assert credentials.load("vip") == KEYS
    assert list(memory_keyring.secrets) == [("connect-tui", "vip")]
    assert credentials.delete("vip") is True
    assert credentials.load("vip") is None
    assert credentials.delete("vip") is False


def test_secret_never_in_repr() -> None:
    assert KEYS.secret_access_key not in repr(KEYS)
    assert KEYS.session_token not in repr(KEYS)
    assert KEYS.masked_id() == "AKIA…MPLE"


@pytest.mark.parametrize(
    ("keys", "field"),
    [
        (Keys("short", "s"), "access key id"),
        (Keys("AKIAIOSFODNN7EXAMPLE", ""), "secret access key"),
        (Keys("AKIAIOSFODNN7EXAMPLE", "has space"), "secret access key"),
    ],
)
def test_bad_keys_are_refused_naming_the_field(
    memory_keyring: MemoryKeyring, keys: Keys, field: str
) -> None:
    with pytest.raises(CredentialsError, match=field):
        credentials.store("vip", keys)
    assert memory_keyring.secrets == {}


def test_lookup_order(memory_keyring: MemoryKeyring) -> None:
    assert credentials.source_for(typical_draft()).kind == "sandbox"
    assert credentials.source_for(aws_draft()).kind == "default-chain"
    assert credentials.source_for(aws_draft(aws_profile="demo")).aws_profile == "demo"
    credentials.store("vip", KEYS)
    source = credentials.source_for(aws_draft(aws_profile="demo"))
    assert source.kind == "keyring" and source.keys == KEYS
    assert "AKIA…MPLE" in source.description and KEYS.secret_access_key not in source.description


def test_profile_that_expects_keys_says_so_when_none(memory_keyring: MemoryKeyring) -> None:
    with pytest.raises(CredentialsError, match="credentials set vip"):
        credentials.source_for(aws_draft(credentials="keyring"))


def test_a_keyring_with_no_bus_is_one_line_not_a_crash(isolated_home: Path) -> None:
    # A Secret Service backend kept from an earlier session raises RuntimeError when its
    # bus is gone (no DBUS_SESSION_BUS_ADDRESS); the send must say so in one line.
    import keyring
    from keyring.backend import KeyringBackend

    class NoBus(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def get_password(self, service: str, username: str) -> str | None:
            raise RuntimeError("Unable to initialize SecretService: no bus")

        def set_password(self, service: str, username: str, password: str) -> None:
            raise RuntimeError("Unable to initialize SecretService: no bus")

        def delete_password(self, service: str, username: str) -> None:
            raise RuntimeError("Unable to initialize SecretService: no bus")

    keyring.set_keyring(NoBus())
    for call in (
        lambda: credentials.load("vip"),
        lambda: credentials.store("vip", KEYS),
        lambda: credentials.delete("vip"),
    ):
        with pytest.raises(credentials.CredentialsError) as refused:
            call()
        assert "no bus" in str(refused.value) and "\n" not in str(refused.value)


def test_rename_moves_the_keys(memory_keyring: MemoryKeyring) -> None:
    credentials.store("old", KEYS)
    credentials.rename("old", "new")
    assert credentials.load("new") == KEYS and credentials.load("old") is None


def test_unsafe_backends_are_refused_never_a_file(isolated_home: Path) -> None:
    from keyring.backends import fail, null

    for backend in (fail.Keyring(), null.Keyring()):
        keyring.set_keyring(backend)
        status = credentials.backend_status()
        assert not status.usable and "no OS keyring" in status.advice
        with pytest.raises(CredentialsError, match="no OS keyring"):
            credentials.store("vip", KEYS)

    class PlaintextKeyring(MemoryKeyring):  # stands in for keyrings.alt.file.PlaintextKeyring
        pass

    keyring.set_keyring(PlaintextKeyring())
    assert "plain-text file" in credentials.backend_status().advice
    with pytest.raises(CredentialsError, match="plain-text"):
        credentials.store("vip", KEYS)
    files = [p for p in isolated_home.rglob("*") if p.is_file()]
    assert not any(KEYS.secret_access_key.encode() in p.read_bytes() for p in files)


def test_cli_set_status_delete_against_a_real_secret_service(secret_service: SecretService) -> None:
    env = secret_service.env
    profiles.save(aws_draft(), profiles.path_for("vip"))
    stdin = f"{KEYS.access_key_id}\n{KEYS.secret_access_key}\n{KEYS.session_token}\n"
    result = run_cli("credentials", "set", "vip", env=env, stdin=stdin)
    assert result.returncode == 0, result.stderr
    assert (
        "stored keys AKIA…MPLE for profile 'vip' in keyring.backends.SecretService.Keyring"
        in result.stdout
    )

    # The secret went to the Secret Service, readable in this process through D-Bus...
    assert credentials.load("vip") == KEYS
    # ...and is in no file under HOME (gnome-keyring's own store is encrypted) nor in any output.
    status = run_cli("credentials", "status", "vip", env=env)
    assert status.returncode == 0
    assert "keyring backend: keyring.backends.SecretService.Keyring (usable)" in status.stdout
    assert (
        "vip: sends to aws eu-west-1 with keys stored in the keyring for 'vip' (AKIA…MPLE)"
        in status.stdout
    )
    for text in (result.stdout, result.stderr, status.stdout, status.stderr):
        assert KEYS.secret_access_key not in text
    written = [p for p in secret_service.home.rglob("*") if p.is_file()]
    assert written
    for path in written:
        data = path.read_bytes()
        assert KEYS.secret_access_key.encode() not in data, path
        assert KEYS.session_token.encode() not in data, path

    deleted = run_cli("credentials", "delete", "vip", env=env)
    assert deleted.returncode == 0 and credentials.load("vip") is None
    again = run_cli("credentials", "delete", "vip", env=env)
    assert again.returncode == 1 and "no keys are stored" in again.stderr


def test_cli_set_refuses_without_a_keyring(cli_env: dict[str, str]) -> None:
    result = run_cli(
        "credentials", "set", "vip", env=cli_env, stdin="AKIAIOSFODNN7EXAMPLE\nsecret\n"
    )
    assert result.returncode == 2
    assert "no OS keyring is available" in result.stderr and "Traceback" not in result.stderr


def test_cli_set_needs_two_lines(secret_service: SecretService) -> None:
    result = run_cli(
        "credentials", "set", "vip", env=secret_service.env, stdin="AKIAIOSFODNN7EXAMPLE\n"
    )
    assert result.returncode == 2 and "two lines" in result.stderr


def test_cli_status_without_profile(cli_env: dict[str, str]) -> None:
    result = run_cli("credentials", "status", env=cli_env)
    assert result.returncode == 0
    assert result.stdout.startswith("keyring backend: keyring.backends.fail.Keyring (NOT usable")
