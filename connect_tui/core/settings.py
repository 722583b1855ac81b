"""Provides the user's settings file (config.toml): the chosen theme and the keymap.

```toml
theme = "connect-dark"
[keymap]                 # binding id = keys, as Textual's App.set_keymap takes them
"composer.send" = "f5,ctrl+enter"
```
A missing file means the defaults. A file that cannot be read, or that has unknown keys
or values of the wrong type, gives one line naming the file and the key; saving (which
happens when a theme is chosen) never overwrites such a file, so nothing is lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from connect_tui.core import nesting, paths
from connect_tui.core.files import UserError, atomic_write, read_text

KEYS: Final = ("theme", "keymap")
MAX_SETTINGS_BYTES: Final = 1024 * 1024


class SettingsError(UserError):
    """A settings file that cannot be read or is not in the expected form."""


@dataclass
class Settings:
    """What the user chose: a theme name (None: the default) and binding id -> keys."""

    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)


def load(path: Path | None = None) -> Settings:
    """The settings in `path` (default: the user's config.toml); defaults when there is none."""
    path = path or paths.settings_file()
    if not path.exists():
        return Settings()
    text = read_text(path, limit=MAX_SETTINGS_BYTES, what="settings file")
    try:
        data = nesting.read_toml(text)
    except nesting.UnreadableToml as exc:
        raise SettingsError(f"{path}: {exc}") from None
    return from_data(data, source=str(path))


def from_data(data: dict[str, Any], *, source: str) -> Settings:
    """Settings from parsed TOML, or SettingsError naming `source` and the key at fault."""
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise SettingsError(f"{source}: unknown key {unknown[0]!r}; allowed: {', '.join(KEYS)}")
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        raise SettingsError(f"{source}: theme must be a string (a theme's name)")
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict):
        raise SettingsError(f'{source}: keymap must be a table of binding id = "keys"')
    for binding_id, keys in keymap.items():
        if not isinstance(keys, str) or not keys.strip():
            raise SettingsError(
                f'{source}: keymap.{binding_id} must be a string of keys such as "f5,ctrl+r"'
            )
    return Settings(theme=theme, keymap=dict(keymap))


def save(settings: Settings, path: Path | None = None) -> None:
    """Write the settings atomically (0600); an unreadable existing file is left alone."""
    import tomli_w

    path = path or paths.settings_file()
    if path.exists():
        load(path)  # raises for a file we cannot read: never overwrite what we do not understand
    data: dict[str, Any] = {}
    if settings.theme:
        data["theme"] = settings.theme
    if settings.keymap:
        data["keymap"] = dict(settings.keymap)
    atomic_write(path, tomli_w.dumps(data).encode())


def remember_theme(name: str, path: Path | None = None) -> None:
    """Record the chosen theme, keeping the rest of the settings as they are."""
    current = load(path)
    current.theme = name
    save(current, path)
