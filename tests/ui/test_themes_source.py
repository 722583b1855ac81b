"""Built-in themes are found both in an installed wheel and from a source checkout."""

from __future__ import annotations

from pathlib import Path

import pytest

from connect_tui.ui import themes

ROOT = Path(__file__).resolve().parents[2]


def test_builtin_themes_are_found_when_the_package_is_not_importable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # CI installs the wheel but runs the tests from the checkout, where connect_tui/ has no
    # themes/ package (the wheel maps the top-level themes/ folder into it).
    monkeypatch.setattr(themes, "BUILTIN_PACKAGE", "connect_tui.not_installed_here")
    names = [item.name for item in themes.builtin_theme_files()]
    assert names == sorted(path.name for path in (ROOT / "themes").glob("*.toml"))
    loaded, notices = themes.load_themes(user_folder=ROOT / "no-such-folder")
    assert notices == []
    assert {"connect-dark", "connect-light"} <= {theme.name for theme in loaded}
