"""Provides where connect-tui keeps its files, from platformdirs (so XDG_CONFIG_HOME is honoured).

- config dir: profiles/, themes/, config.toml (keymap, chosen theme), recovery/
- data dir: history.jsonl
- cache dir: pickers.json (the pickers' lists, per target)
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "connect-tui"


def config_dir() -> Path:
    """The user's connect-tui config folder (on Linux $XDG_CONFIG_HOME/connect-tui)."""
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def data_dir() -> Path:
    """The user's connect-tui data folder (on Linux $XDG_DATA_HOME/connect-tui)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def cache_dir() -> Path:
    """The user's connect-tui cache folder (on Linux $XDG_CACHE_HOME/connect-tui)."""
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def profiles_dir() -> Path:
    """Where named profiles (drafts) are saved as NAME.toml."""
    return config_dir() / "profiles"


def recovery_dir() -> Path:
    """Where the composer keeps crash-recovery copies of unsaved drafts."""
    return config_dir() / "recovery"


def user_themes_dir() -> Path:
    """Where a user's own Textual themes (*.toml) are looked for."""
    return config_dir() / "themes"


def settings_file() -> Path:
    """The user settings file (keymap, remembered theme)."""
    return config_dir() / "config.toml"


def history_file() -> Path:
    """The JSON Lines file of every send (never credentials)."""
    return data_dir() / "history.jsonl"


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and parents) if needed, readable by the user only; return it."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def display_path(path: Path) -> str:
    """A path as a person reads it: relative to here when below it, ~ for the home folder."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        pass
    home = os.path.expanduser("~")
    text = str(path)
    return "~" + text[len(home) :] if home != "/" and text.startswith(home + os.sep) else text
