"""Fixtures that isolate every test: no user config, no user data, no real AWS settings.

Every test gets its own HOME, XDG config/data/cache folders and a clean AWS environment,
so nothing a developer has (profiles, ~/.aws, keyring entries, AWS_PROFILE) can leak in,
and nothing a test writes can leak out.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.isolation import isolated_variables

_AWS_VARIABLES = (
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_CONNECT",
    "AWS_ENDPOINT_URL_S3",
    "AWS_CONFIG_FILE",
    "AWS_SHARED_CREDENTIALS_FILE",
    "AWS_CA_BUNDLE",
    "AWS_RETRY_MODE",
    "AWS_MAX_ATTEMPTS",
)


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """A private HOME with its own XDG folders and an AWS config that points nowhere real."""
    home = tmp_path_factory.mktemp("home")
    for variable in _AWS_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    # Never the developer's own keyring: no session bus, and the failing backend by default
    # (the secret_service and memory_keyring fixtures provide real and in-memory ones).
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.delenv("TEXTUAL", raising=False)
    for variable, value in isolated_variables(home).items():
        monkeypatch.setenv(variable, value)
    # keyring reads PYTHON_KEYRING_BACKEND once a process and keeps the backend it chose:
    # start every test from the failing one, whatever an earlier test in this worker left.
    import keyring
    from keyring.backends.fail import Keyring as FailingKeyring

    keyring.set_keyring(FailingKeyring())
    yield home


@pytest.fixture
def profiles_dir(isolated_home: Path) -> Path:
    """The (empty) profiles folder of the isolated user."""
    from connect_tui.core import paths

    folder = paths.profiles_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def cli_env(isolated_home: Path) -> dict[str, str]:
    """The environment for running `connect-tui` as a subprocess inside the isolation."""
    return dict(os.environ)


from tests.keyring_fixtures import memory_keyring, secret_service  # noqa: E402, F401  (fixtures)
