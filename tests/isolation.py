"""Provides the isolated user every test, benchmark and screenshot runs as: one definition.

A private HOME with its own XDG folders, an AWS config that points nowhere real, no
instance-metadata lookups, the failing keyring (never the developer's own) and no Textual
animation. tests/conftest.py applies it to every test; the screenshot script and the
startup benchmark apply it to their own process or child.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

#: The XDG variables and the folder under HOME each points at.
XDG_FOLDERS: Final = (
    ("XDG_CONFIG_HOME", ".config"),
    ("XDG_DATA_HOME", ".local/share"),
    ("XDG_CACHE_HOME", ".cache"),
    ("XDG_STATE_HOME", ".local/state"),
)
#: Variables an isolated run drops from the environment it inherits, by prefix or name.
DROPPED_PREFIXES: Final = ("AWS_", "XDG_", "TEXTUAL")
DROPPED: Final = ("DBUS_SESSION_BUS_ADDRESS",)


def xdg_folders(home: Path) -> dict[str, str]:
    """The XDG variables pointing into `home`, each folder made."""
    variables = {}
    for variable, folder in XDG_FOLDERS:
        (home / folder).mkdir(parents=True, exist_ok=True)
        variables[variable] = str(home / folder)
    return variables


def isolated_variables(home: Path) -> dict[str, str]:
    """What an isolated run sets: HOME and its XDG folders (made), an AWS config inside it,
    no instance metadata, the failing keyring, no animation."""
    return {
        "HOME": str(home),
        **xdg_folders(home),
        "AWS_CONFIG_FILE": str(home / ".aws" / "config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(home / ".aws" / "credentials"),
        # No instance-metadata lookups: nothing may wait on 169.254.169.254.
        "AWS_EC2_METADATA_DISABLED": "true",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        # Textual: no cursor blink or animation, so frames are deterministic.
        "TEXTUAL_ANIMATIONS": "none",
    }


def dropped(name: str) -> bool:
    """True for a variable an isolated child process does not inherit."""
    return name.startswith(DROPPED_PREFIXES) or name in DROPPED


def isolated_environment(home: Path, inherited: dict[str, str]) -> dict[str, str]:
    """The environment of a child process run as the isolated user in `home`."""
    env = {key: value for key, value in inherited.items() if not dropped(key)}
    env.update(isolated_variables(home))
    return env
