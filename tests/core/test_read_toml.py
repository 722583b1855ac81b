"""Core tests of nesting.read_toml: the one reading of a TOML file's text, and its callers."""

from __future__ import annotations

from pathlib import Path

import pytest

from connect_tui.core import nesting, profiles, settings


def test_a_table_is_read() -> None:
    assert nesting.read_toml('theme = "x"\n[keymap]\n"a.b" = "f2"\n') == {
        "theme": "x",
        "keymap": {"a.b": "f2"},
    }


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("theme = \n", r"^not valid TOML: .*line 1"),
        ("[" + "a." * 150 + "b]\n", r"^nested more than 100 levels deep$"),
    ],
)
def test_what_cannot_be_read_is_one_reason(text: str, reason: str) -> None:
    with pytest.raises(nesting.UnreadableToml, match=reason):
        nesting.read_toml(text)


def test_profiles_and_settings_name_their_file_with_the_same_reason(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("theme = \n", encoding="utf-8")
    with pytest.raises(settings.SettingsError, match=r"config\.toml: not valid TOML: "):
        settings.load(path)
    with pytest.raises(profiles.ProfileError, match=r"^p\.toml: not valid TOML: "):
        profiles.loads("theme = \n", source="p.toml", default_name="p")
