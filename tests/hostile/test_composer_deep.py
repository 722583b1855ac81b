"""The composer and files nested 1,000 deep: a profile stops the start in one line; a settings
or theme file gives one notice and the composer starts anyway."""

from __future__ import annotations

from pathlib import Path

import pytest

from connect_tui.core import paths, profiles
from connect_tui.ui.app import ComposerApp, open_argument
from tests.ui.composer_pilot import Recorder, ready

DEEP = "x = " + "{a = " * 1000 + "1" + "}" * 1000 + "\n"
DEEP_HEADERS = "[" + ".".join(["a"] * 1000) + "]\nb = 1\n"


@pytest.mark.parametrize("text", [DEEP, DEEP_HEADERS], ids=["inline", "headers"])
def test_a_deep_profile_is_one_line_before_anything_is_drawn(text: str, profiles_dir: Path) -> None:
    path = profiles_dir / "deep.toml"
    path.write_text("format = 1\n[request]\n" + text)
    with pytest.raises(profiles.ProfileError) as caught:
        open_argument(str(path))
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)


async def test_deep_settings_and_theme_files_give_notices_and_the_composer_starts(
    isolated_home: Path,
) -> None:
    settings = paths.settings_file()
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(DEEP_HEADERS)
    themes = paths.user_themes_dir()
    themes.mkdir(parents=True, exist_ok=True)
    (themes / "deep.toml").write_text(DEEP)
    recorder = Recorder()
    app = ComposerApp()
    async with app.run_test(size=(100, 30), message_hook=recorder.hook) as pilot:
        await ready(pilot)
        await pilot.pause()
    notices = recorder.notices
    assert any(str(settings) in n for n in notices), notices
    assert any("deep.toml" in n for n in notices), notices
