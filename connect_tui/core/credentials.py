"""Provides AWS keys kept in the OS keyring, and the order in which credentials are looked for.

Order for an AWS target: keys stored in the keyring for this profile, then the profile's
named AWS profile, then boto3's usual chain (environment, ~/.aws, SSO, roles). The
sandbox needs none of them: it takes its documented well-known key pair.

A keyring backend that cannot keep secrets safely (the failing one, the null one, or a
plain-text file) is reported plainly with what to do, and never used to store keys:
connect-tui never falls back to writing secrets to a file. Every call here may block
(D-Bus), so the composer runs them in worker threads.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Final

from connect_tui.core import sandbox_identity
from connect_tui.core.files import UserError
from connect_tui.core.model import Draft

SERVICE: Final = "connect-tui"
_KEY_ID = re.compile(r"[A-Z0-9]{16,128}")


class CredentialsError(UserError):
    """Keys that cannot be stored, read or found; the message says what to do."""


@dataclass(frozen=True)
class Keys:
    """An AWS access key pair, with an optional session token. The secret never prints."""

    access_key_id: str
    secret_access_key: str = field(repr=False)
    session_token: str | None = field(default=None, repr=False)

    def masked_id(self) -> str:
        """The access key id with its middle hidden, for status lines: AKIA…WXYZ."""
        return f"{self.access_key_id[:4]}…{self.access_key_id[-4:]}"

    def check(self) -> None:
        """CredentialsError naming the field when the keys cannot be right."""
        if not _KEY_ID.fullmatch(self.access_key_id):
            raise CredentialsError(
                "access key id: expected 16 or more capital letters and digits, such as AKIA…"
            )
        if not self.secret_access_key or any(c.isspace() for c in self.secret_access_key):
            raise CredentialsError("secret access key: must not be empty or contain spaces")


@dataclass(frozen=True)
class BackendStatus:
    """The active keyring backend, whether it keeps secrets safely, and what to do if not."""

    name: str
    usable: bool
    advice: str = ""


@dataclass(frozen=True)
class Source:
    """Where a send's credentials come from, described without any secret."""

    kind: str  # "sandbox", "keyring", "aws-profile" or "default-chain"
    description: str
    keys: Keys | None = field(default=None, repr=False)
    aws_profile: str | None = None


def backend_status() -> BackendStatus:
    """Which keyring backend is active and whether connect-tui will store keys in it."""
    import keyring

    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if "fail" in name.lower() or "null" in name.lower():
        return BackendStatus(
            name,
            False,
            "no OS keyring is available: install and unlock one (gnome-keyring or KWallet on "
            "Linux; macOS Keychain and Windows Credential Locker work as they are), or use a "
            "named AWS profile (aws_profile) instead of stored keys",
        )
    if "plaintext" in name.lower() or "keyrings.alt.file" in name.lower():
        return BackendStatus(
            name,
            False,
            "this keyring writes secrets to a plain-text file, so connect-tui will not use it: "
            "configure a real keyring (PYTHON_KEYRING_BACKEND) or use a named AWS profile",
        )
    return BackendStatus(name, True)


def _require_usable() -> None:
    status = backend_status()
    if not status.usable:
        raise CredentialsError(f"keyring {status.name}: {status.advice}")


def store(profile: str, keys: Keys) -> None:
    """Keep `keys` in the OS keyring under the profile's name; refuses unsafe backends."""
    keys.check()
    _require_usable()
    import keyring
    from keyring.errors import KeyringError

    secret = {"access_key_id": keys.access_key_id, "secret_access_key": keys.secret_access_key}
    if keys.session_token:
        secret["session_token"] = keys.session_token
    try:
        keyring.set_password(SERVICE, profile, json.dumps(secret))
    except (KeyringError, RuntimeError) as exc:  # RuntimeError: a backend with no bus
        raise CredentialsError(
            f"keyring: could not store the keys for {profile!r}: {exc}"
        ) from None


def load(profile: str) -> Keys | None:
    """The keys stored for the profile, or None when there are none (or no usable keyring)."""
    if not backend_status().usable:
        return None
    import keyring
    from keyring.errors import KeyringError

    try:
        stored = keyring.get_password(SERVICE, profile)
    except (KeyringError, RuntimeError) as exc:  # RuntimeError: a backend with no bus
        raise CredentialsError(f"keyring: could not read the keys for {profile!r}: {exc}") from None
    if stored is None:
        return None
    try:
        data: dict[str, Any] = json.loads(stored)
        return Keys(data["access_key_id"], data["secret_access_key"], data.get("session_token"))
    except (ValueError, KeyError, TypeError):
        raise CredentialsError(
            f"keyring: the entry for {profile!r} is not one connect-tui wrote; "
            f"run `connect-tui credentials set {profile}` again"
        ) from None


def delete(profile: str) -> bool:
    """Remove the keys stored for the profile; False when there were none."""
    _require_usable()
    import keyring
    from keyring.errors import PasswordDeleteError

    try:
        keyring.delete_password(SERVICE, profile)
    except PasswordDeleteError:
        return False
    except RuntimeError as exc:  # a backend with no bus
        raise CredentialsError(
            f"keyring: could not delete the keys for {profile!r}: {exc}"
        ) from None
    return True


def rename(old: str, new: str) -> None:
    """Move the keys stored for profile `old` to `new` (nothing to do when there are none)."""
    keys = load(old)
    if keys is not None:
        store(new, keys)
        delete(old)


def source_for(draft: Draft) -> Source:
    """Where the credentials for sending this draft come from (in the documented order)."""
    target = draft.target
    if target.is_sandbox:
        return Source(
            "sandbox",
            "the sandbox's well-known key pair (no credentials needed)",
            Keys(sandbox_identity.ACCESS_KEY_ID, sandbox_identity.SECRET_ACCESS_KEY),
        )
    keys = load(draft.name)
    if keys is not None:
        return Source(
            "keyring", f"keys stored in the keyring for {draft.name!r} ({keys.masked_id()})", keys
        )
    if target.credentials == "keyring":
        status = backend_status()
        if not status.usable:
            # Nothing could have been stored: the keyring is what is missing, not the keys.
            raise CredentialsError(
                f"the profile says its keys are in the keyring, but keyring {status.name} "
                f"cannot hold them: {status.advice}"
            )
        raise CredentialsError(
            "the profile says its keys are in the keyring, but none are stored; "
            f"run `connect-tui credentials set {draft.name}`"
        )
    if target.aws_profile:
        return Source(
            "aws-profile", f"the AWS profile {target.aws_profile!r}", aws_profile=target.aws_profile
        )
    return Source(
        "default-chain", "boto3's default chain (environment, ~/.aws, SSO, instance role)"
    )


def boto3_session(source: Source, *, botocore_session: Any = None) -> Any:
    """A boto3 Session with the source's credentials: the one place that builds one.

    `botocore_session` lets sending share the botocore session whose loader already parsed
    Connect's model. Imports boto3 (slow): call it off the UI thread.
    """
    import boto3

    keys = source.keys
    return boto3.session.Session(
        botocore_session=botocore_session,
        profile_name=source.aws_profile,
        aws_access_key_id=keys.access_key_id if keys else None,
        aws_secret_access_key=keys.secret_access_key if keys else None,
        aws_session_token=keys.session_token if keys else None,
    )


def caller_account(draft: Draft) -> tuple[str | None, str]:
    """(the AWS account the draft's credentials belong to or None, where they come from).

    Asks STS, with short timeouts and one attempt. Blocking (keyring, network): call it in
    a thread. Any failure (no credentials, no network, expired SSO) means "unknown".
    """
    try:
        source = source_for(draft)
    except CredentialsError as exc:
        return None, str(exc)
    try:
        from botocore.config import Config

        config = Config(connect_timeout=2, read_timeout=3, retries={"max_attempts": 1})
        client = boto3_session(source).client("sts", region_name=draft.target.region, config=config)
        return str(client.get_caller_identity()["Account"]), source.description
    except Exception:
        return None, source.description
