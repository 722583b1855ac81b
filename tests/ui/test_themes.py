"""Tests of theme files: the built-ins, user themes, bad files, and remembering the choice."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.color import Color
from textual.theme import Theme
from textual.widgets import Label

from connect_tui.core import paths, settings
from connect_tui.ui import themes
from connect_tui.ui.themes import DEFAULT_THEME, install_themes, load_themes

BUILTINS = ("connect-dark", "connect-light", "connect-high-contrast")


class ThemedApp(App[None]):
    """The smallest app that installs the themes the way the composer does."""

    def __init__(self) -> None:
        super().__init__()
        self.notices = install_themes(self)
        self.notified: list[str] = []

    def notify(self, message: str, **kwargs: Any) -> None:
        """Record what the app tells the user, then show it as usual."""
        self.notified.append(message)
        super().notify(message, **kwargs)

    def compose(self) -> ComposeResult:
        yield Label("themed")


def user_theme(name: str, text: str) -> Path:
    """Write a theme file into the isolated user's themes folder."""
    folder = paths.user_themes_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD = 'name = "mine"\nprimary = "#336699"\n'


def test_every_builtin_theme_parses() -> None:
    loaded, notices = load_themes()
    assert notices == []
    assert {theme.name for theme in loaded} == set(BUILTINS)


def test_builtin_themes_give_every_main_colour() -> None:
    for theme in load_themes()[0]:
        for key in ("primary", "secondary", "accent", "warning", "error", "success"):
            assert getattr(theme, key), f"{theme.name} has no {key}"
        for key in ("foreground", "background", "surface", "panel"):
            assert getattr(theme, key), f"{theme.name} has no {key}"


def _luminance(colour: Color) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)


def _contrast(one: Color, two: Color) -> float:
    high, low = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("name", BUILTINS)
def test_status_text_is_readable_on_every_background(name: str) -> None:
    theme = next(theme for theme in load_themes()[0] if theme.name == name)
    # As App.get_css_variables combines them: generated, then the theme's own variables.
    variables = {**theme.to_color_system().generate(), **theme.variables}
    # WCAG: 4.5:1 for normal text; the high-contrast theme promises 7:1 (AAA).
    needed = 7.0 if name == "connect-high-contrast" else 4.5
    for ground in ("background", "surface", "panel"):
        behind = Color.parse(variables[ground])
        for text in ("foreground", "text-error", "text-warning", "text-success", "text-primary"):
            colour = Color.parse(variables[text])
            ratio = _contrast(behind + colour, behind)
            assert ratio >= needed, f"{name}: {text} on {ground} is {ratio:.2f}:1"


async def test_builtin_themes_register_and_apply() -> None:
    app = ThemedApp()
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        assert app.notices == []
        assert app.theme == DEFAULT_THEME
        for name in BUILTINS:
            app.theme = name
            await pilot.pause()
            assert app.current_theme.name == name
            assert app.has_class(f"-theme-{name}")


def test_a_user_theme_loads() -> None:
    user_theme("mine.toml", GOOD + 'dark = false\n[variables]\n"footer-key-foreground" = "red"\n')
    loaded, notices = load_themes()
    assert notices == []
    mine = next(theme for theme in loaded if theme.name == "mine")
    assert mine.primary == "#336699"
    assert mine.dark is False
    assert mine.variables == {"footer-key-foreground": "red"}


def test_a_user_theme_replaces_a_builtin_of_the_same_name() -> None:
    user_theme("dark.toml", 'name = "connect-dark"\nprimary = "#FF00FF"\n')
    loaded, notices = load_themes()
    assert notices == []
    dark = [theme for theme in loaded if theme.name == "connect-dark"]
    assert len(dark) == 1 and dark[0].primary == "#FF00FF"


def test_every_field_of_textuals_theme_is_accepted() -> None:
    # Built from Theme's own dataclass fields, so a field we forgot to allow would fail here.
    sample: dict[str, str] = {}
    lines = []
    for field in dataclasses.fields(Theme):
        if field.name == "name":
            lines.append('name = "full"')
        elif field.name == "variables":
            continue
        elif field.name in ("dark", "ansi"):
            lines.append(f"{field.name} = false")
        elif field.name in ("luminosity_spread", "text_alpha"):
            lines.append(f"{field.name} = 0.5")
        else:
            lines.append(f'{field.name} = "#123456"')
            sample[field.name] = "#123456"
    lines.append('[variables]\n"border" = "#FFFFFF"')
    user_theme("full.toml", "\n".join(lines) + "\n")
    loaded, notices = load_themes()
    assert notices == []
    full = next(theme for theme in loaded if theme.name == "full")
    for key, value in sample.items():
        assert getattr(full, key) == value


@pytest.mark.parametrize(
    ("text", "key", "words"),
    [
        (GOOD + 'colour = "#FFFFFF"\n', "colour", "unknown key"),
        (GOOD + 'error = "reddish"\n', "error", "not a colour"),
        ('name = "mine"\nprimary = "#12345G"\n', "primary", "not a colour"),
        (GOOD + 'dark = "yes"\n', "dark", "true or false"),
        (GOOD + 'text_alpha = "high"\n', "text_alpha", "a number"),
        (GOOD + "luminosity_spread = 7\n", "luminosity_spread", "between 0 and 1"),
        (GOOD + "warning = 12\n", "warning", "string"),
        ('name = "mine"\n', "primary", "missing"),
        (GOOD + 'variables = "blue"\n', "variables", "table"),
        (GOOD + "[variables]\nborder = 3\n", "variables.border", "string"),
        (GOOD + '[variables]\n"not a name" = "red"\n', "variables.not a name", "variable name"),
    ],
)
def test_a_bad_theme_file_gives_one_notice_naming_file_and_key(
    text: str, key: str, words: str
) -> None:
    bad = user_theme("bad.toml", text)
    user_theme("good.toml", 'name = "good"\nprimary = "#00AA00"\n')
    loaded, notices = load_themes()
    assert len(notices) == 1
    assert notices[0].startswith(f"{bad}: {key}: ")
    assert words in notices[0]
    assert {"good", *BUILTINS} == {theme.name for theme in loaded}


def test_bad_toml_gives_one_notice_with_the_line() -> None:
    bad = user_theme("broken.toml", 'name = "x"\nprimary = \n')
    loaded, notices = load_themes()
    assert len(notices) == 1
    assert notices[0].startswith(f"{bad}: not valid TOML")
    assert "line 2" in notices[0]
    assert {theme.name for theme in loaded} == set(BUILTINS)


def test_a_non_utf8_file_gives_one_notice_with_the_byte() -> None:
    folder = paths.user_themes_dir()
    folder.mkdir(parents=True)
    bad = folder / "latin1.toml"
    bad.write_bytes(b'name = "caf\xe9"\nprimary = "#123456"\n')
    user_theme("good.toml", 'name = "good"\nprimary = "#00AA00"\n')
    loaded, notices = load_themes()
    assert notices == [f"{bad}:1:12: not UTF-8 text (byte 0xe9)"]
    assert "good" in {theme.name for theme in loaded}


def test_files_that_are_not_toml_are_not_read() -> None:
    user_theme("notes.txt", "not a theme")
    assert load_themes()[1] == []


async def test_bad_theme_files_never_stop_the_app() -> None:
    user_theme("bad.toml", GOOD + "shade = 1\n")
    app = ThemedApp()
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        assert len(app.notices) == 1 and "shade" in app.notices[0]
        assert app.theme == DEFAULT_THEME
        assert "mine" not in app.available_themes


async def test_the_choice_is_remembered_across_runs() -> None:
    first = ThemedApp()
    async with first.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        assert not paths.settings_file().exists()  # applying the default writes nothing
        first.theme = "connect-light"
        await pilot.pause()
    assert settings.load().theme == "connect-light"
    second = ThemedApp()
    async with second.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        assert second.theme == "connect-light"
        assert second.notices == []


async def test_choosing_from_the_command_palette_sticks() -> None:
    app = ThemedApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_change_theme()
        await pilot.pause()
        await pilot.press(*"connect-high-contrast")
        await pilot.pause(0.3)  # the palette searches in a worker
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "connect-high-contrast"
    assert settings.load().theme == "connect-high-contrast"


async def test_the_rest_of_the_settings_file_is_kept() -> None:
    path = paths.settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('theme = "connect-light"\n[keymap]\n"composer.send" = "f6"\n')
    app = ThemedApp()
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        assert app.theme == "connect-light"
        app.theme = "connect-dark"
        await pilot.pause()
    saved = settings.load()
    assert saved.theme == "connect-dark"
    assert saved.keymap == {"composer.send": "f6"}


async def test_a_broken_settings_file_is_not_overwritten() -> None:
    path = paths.settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    broken = 'theme = "connect-light"\ncolour_scheme = "mine"\n'
    path.write_text(broken)
    app = ThemedApp()
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        assert len(app.notices) == 1
        assert app.notices[0].startswith(f"{path}: unknown key 'colour_scheme'")
        assert app.theme == DEFAULT_THEME
        app.theme = "connect-high-contrast"
        await pilot.pause()
    assert path.read_text() == broken
    assert any("not saved" in message for message in app.notified)


async def test_a_remembered_theme_that_is_gone_falls_back_to_the_default() -> None:
    settings.remember_theme("deleted-theme")
    app = ThemedApp()
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        assert app.theme == DEFAULT_THEME
        assert len(app.notices) == 1
        assert "theme: 'deleted-theme' is not installed" in app.notices[0]
    assert settings.load().theme == "deleted-theme"  # not forgotten: it may come back


def test_the_allowed_keys_are_textuals() -> None:
    assert list(themes.theme_fields()) == [field.name for field in dataclasses.fields(Theme)]


async def test_the_composer_uses_the_remembered_theme_and_shows_the_notices() -> None:
    from connect_tui.core.defaults import new_draft
    from connect_tui.ui import app as app_module
    from connect_tui.ui.app import ComposerApp

    class Recorded(ComposerApp):
        # A relative CSS_PATH would be looked up beside this test module.
        CSS_PATH = str(Path(app_module.__file__).parent / ComposerApp.CSS_PATH)
        shown: list[str] = []

        def notify(self, message: str, **kwargs: Any) -> None:
            self.shown.append(message)
            super().notify(message, **kwargs)

    settings.remember_theme("connect-high-contrast")
    bad = user_theme("bad.toml", GOOD + 'error = "reddish"\n')
    app = Recorded(new_draft(), None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == "connect-high-contrast"
        assert [message for message in app.shown if str(bad) in message] == [
            f"{bad}: error: 'reddish' is not a colour "
            '(use "#RRGGBB", "rgb(r,g,b)" or a name); did you mean \'red\'?'
        ]
        app.theme = "connect-light"
        await pilot.pause()
    assert settings.load().theme == "connect-light"
