"""Provides the composer's themes: reading theme files, registering them, remembering the choice.

A theme file is TOML whose keys are exactly the fields of `textual.theme.Theme`
(read from the dataclass at run time, so a Textual upgrade that adds a field is
accepted without a change here):

```toml
name = "my-theme"        # required
primary = "#4EA1FF"      # required; every other colour is optional
background = "#101418"
dark = true
[variables]              # optional Textual CSS variables, e.g. "footer-key-foreground"
"footer-key-foreground" = "#4EA1FF"
```

Built-in themes ship inside the wheel as the package `connect_tui.themes` (the repository's
themes/ folder); the user's own come from `paths.user_themes_dir()` and may replace a
built-in of the same name. A file that cannot be used gives one notice,
`FILE: key: what is wrong`, and is skipped: the other themes still load and the app starts.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.util
import re
import types
import typing
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Union

from textual.app import App
from textual.color import Color, ColorParseError
from textual.theme import Theme

from connect_tui.core import nesting, paths, settings
from connect_tui.core.files import UserError, decode_utf8, read_text

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

#: The theme used when none is remembered (or the remembered one is gone).
DEFAULT_THEME: Final = "connect-dark"
#: The package that holds the built-in theme files.
BUILTIN_PACKAGE: Final = "connect_tui.themes"
#: A theme file larger than this is refused (a theme is a few hundred bytes).
MAX_THEME_BYTES: Final = 256 * 1024

# Textual CSS variable names: letters, digits and dashes (`footer-key-foreground`).
_VARIABLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
# Text fields of Theme that are not colours.
_NOT_COLOURS: Final = frozenset({"name"})


class ThemeFileError(UserError):
    """A theme file that cannot be used; the message is `FILE: key: what is wrong`."""


@functools.cache
def theme_fields() -> dict[str, dataclasses.Field[Any]]:
    """The fields of textual.theme.Theme by name: the only keys a theme file may have."""
    return {field.name: field for field in dataclasses.fields(Theme)}


@functools.cache  # get_type_hints evaluates every annotation: once is enough
def _field_kinds() -> dict[str, type]:
    """Each Theme field's base type (str, bool, float or dict), from its annotation."""
    hints = typing.get_type_hints(Theme)
    kinds: dict[str, type] = {}
    for name in theme_fields():
        hint = hints[name]
        if typing.get_origin(hint) in (Union, types.UnionType):
            # `str | None`: None means "not given", which a file says by leaving the key out.
            hint = next(arg for arg in typing.get_args(hint) if arg is not type(None))
        kinds[name] = typing.get_origin(hint) or hint
    return kinds


@functools.cache
def _required() -> list[str]:
    """The Theme fields that have no default (a file must give them)."""
    return [
        name
        for name, field in theme_fields().items()
        if field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
    ]


def _check_value(source: str, key: str, value: Any, kind: type) -> Any:
    """`value` if it suits the field `key` of base type `kind`, else ThemeFileError."""
    if kind is bool:
        if not isinstance(value, bool):
            raise ThemeFileError(f"{source}: {key}: must be true or false, not {value!r}")
        return value
    if kind is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ThemeFileError(f"{source}: {key}: must be a number, not {value!r}")
        if not 0 <= value <= 1:
            raise ThemeFileError(f"{source}: {key}: must be between 0 and 1, not {value!r}")
        return float(value)
    if kind is str:
        if not isinstance(value, str) or not value.strip():
            raise ThemeFileError(f"{source}: {key}: must be a non-empty string, not {value!r}")
        if key not in _NOT_COLOURS:
            _check_colour(source, key, value)
        return value
    if kind is dict:
        return _check_variables(source, key, value)
    raise ThemeFileError(f"{source}: {key}: this Textual version's field type is not supported")


def _check_colour(source: str, key: str, value: str) -> None:
    """ThemeFileError unless Textual can parse `value` as a colour."""
    try:
        Color.parse(value)
    except ColorParseError as exc:
        hint = f"; did you mean {exc.suggested_color!r}?" if exc.suggested_color else ""
        raise ThemeFileError(
            f'{source}: {key}: {value!r} is not a colour (use "#RRGGBB", "rgb(r,g,b)" or a name)'
            f"{hint}"
        ) from None


def _check_variables(source: str, key: str, value: Any) -> dict[str, str]:
    """A table of CSS variable name -> value, checked; values need not be colours."""
    if not isinstance(value, dict):
        raise ThemeFileError(f'{source}: {key}: must be a table of "variable-name" = "value"')
    checked: dict[str, str] = {}
    for name, setting in value.items():
        if not _VARIABLE_NAME.fullmatch(name):
            raise ThemeFileError(
                f"{source}: {key}.{name}: not a variable name (letters, digits and dashes)"
            )
        # Variables may be colours ("#81a1c1 35%") or styles ("bold"), so only the type is checked.
        if not isinstance(setting, str) or not setting.strip():
            raise ThemeFileError(
                f"{source}: {key}.{name}: must be a non-empty string, not {setting!r}"
            )
        checked[name] = setting
    return checked


def theme_from_data(data: dict[str, Any], *, source: str, shipped: bool = False) -> Theme:
    """A Theme from a parsed theme file, or ThemeFileError naming `source` and the key.

    A `shipped` theme (one of ours, in the package) skips building its colour system:
    tests/ui/test_themes.py builds every one, and start-up need not do it again."""
    fields = theme_fields()
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise ThemeFileError(f"{source}: {unknown[0]}: unknown key; allowed: {', '.join(fields)}")
    for name in _required():
        if name not in data:
            raise ThemeFileError(f"{source}: {name}: missing; a theme must have {name}")
    kinds = _field_kinds()
    values = {key: _check_value(source, key, value, kinds[key]) for key, value in data.items()}
    theme = Theme(**values)
    if shipped:
        return theme
    try:
        # The last word is Textual's: build the colour system the app would build.
        theme.to_color_system().generate()
    except Exception as exc:  # any failure here means Textual could not use the file
        raise ThemeFileError(f"{source}: variables: Textual cannot use this theme: {exc}") from None
    return theme


def theme_from_text(text: str, *, source: str, shipped: bool = False) -> Theme:
    """A Theme from the text of a theme file, or ThemeFileError naming `source`."""
    try:
        data = nesting.read_toml(text)
    except nesting.UnreadableToml as exc:
        raise ThemeFileError(f"{source}: {exc}") from None
    return theme_from_data(data, source=source, shipped=shipped)


def read_theme_file(path: Path) -> Theme:
    """The Theme in a user's theme file, or ThemeFileError naming the file."""
    try:
        text = read_text(path, limit=MAX_THEME_BYTES, what="theme file")
    except UserError as exc:
        raise ThemeFileError(str(exc)) from None
    return theme_from_text(text, source=str(path))


def _read_builtin(resource: Traversable) -> Theme:
    """The Theme in a built-in theme file shipped in the package."""
    source = f"{BUILTIN_PACKAGE}/{resource.name}"
    try:
        text = decode_utf8(resource.read_bytes(), source)
    except UserError as exc:
        raise ThemeFileError(str(exc)) from None
    return theme_from_text(text, source=source, shipped=True)


#: The repository's themes/ folder, for code run from a source checkout.
SOURCE_THEMES: Final = Path(__file__).resolve().parents[2] / "themes"


def builtin_theme_files() -> list[Traversable]:
    """The built-in theme files, by name."""
    folder: Traversable
    spec = importlib.util.find_spec(BUILTIN_PACKAGE)
    locations = list(spec.submodule_search_locations or ()) if spec is not None else []
    if locations and Path(locations[0]).is_dir():
        # A folder on disk, as a wheel or an editable install has it (importlib.resources,
        # which also reads zipped packages, costs the first frame about 1.5 ms to import).
        folder = Path(locations[0])
    elif spec is not None:
        from importlib import resources

        folder = resources.files(BUILTIN_PACKAGE)
    else:
        # Run from a source checkout (`python -m pytest` puts it first on sys.path) the
        # package is the top-level themes/ folder, which only the wheel maps into place.
        folder = SOURCE_THEMES
    return sorted(
        (item for item in folder.iterdir() if item.name.endswith(".toml") and item.is_file()),
        key=lambda item: item.name,
    )


def user_theme_files(folder: Path | None = None) -> list[Path]:
    """The user's theme files (*.toml in the user themes folder), by name."""
    folder = folder or paths.user_themes_dir()
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.iterdir() if path.suffix == ".toml")


def load_themes(user_folder: Path | None = None) -> tuple[list[Theme], list[str]]:
    """Every usable theme (built-ins, then the user's) and one notice per file that was skipped.

    A user theme with the name of a built-in replaces it; so does a later user file of
    the same name as an earlier one (files are read in name order), with a notice.
    """
    themes: dict[str, Theme] = {}
    origin: dict[str, str] = {}
    notices: list[str] = []

    def add(theme: Theme, source: str) -> None:
        if theme.name in origin and not origin[theme.name].startswith(BUILTIN_PACKAGE):
            notices.append(
                f"{source}: name: {theme.name!r} is also in {origin[theme.name]}; "
                "this file's theme is used"
            )
        themes[theme.name] = theme
        origin[theme.name] = source

    for resource in builtin_theme_files():
        try:
            add(_read_builtin(resource), f"{BUILTIN_PACKAGE}/{resource.name}")
        except ThemeFileError as exc:
            notices.append(str(exc))
    for path in user_theme_files(user_folder):
        try:
            add(read_theme_file(path), str(path))
        except ThemeFileError as exc:
            notices.append(str(exc))
    return list(themes.values()), notices


def _remembered_theme(
    names: Iterable[str], loaded: settings.Settings | UserError
) -> tuple[str, list[str]]:
    """The theme to start with (remembered or default) and notices about the settings file."""
    if isinstance(loaded, UserError):
        return DEFAULT_THEME, [f"{loaded}; using the {DEFAULT_THEME} theme"]
    chosen = loaded.theme
    if chosen is None:
        return DEFAULT_THEME, []
    if chosen not in names:
        return DEFAULT_THEME, [
            f"{paths.settings_file()}: theme: {chosen!r} is not installed; "
            f"using the {DEFAULT_THEME} theme"
        ]
    return chosen, []


def _apply_before_start(app: App[Any], name: str) -> None:
    """Make `name` the app's theme before its stylesheet is first parsed.

    Setting `app.theme` runs Textual's watcher, which parses the whole stylesheet once
    more after the app starts (about 3% of the first frame, issue 13). Before the start
    nothing is parsed yet: the watcher's work, less that second parse, is done here
    (textual/app.py `App._watch_theme`), and the first parse uses the theme's variables.
    """
    if app.is_running:  # too late to spare the parse: Textual's own way
        app.theme = name
        return
    app.set_reactive(App.theme, name)
    theme = app.current_theme
    classes = {known: False for known in app.classes if known.startswith("-theme-")}
    classes[f"-theme-{theme.name}"] = True
    classes["-dark-mode"] = theme.dark
    classes["-light-mode"] = not theme.dark
    app.update_classes(classes, update=False)
    app._refresh_truecolor_filter(app.ansi_theme)
    app.stylesheet.set_variables(app.get_css_variables())


def install_themes(app: App[Any], loaded: settings.Settings | UserError | None = None) -> list[str]:
    """Register every theme with `app`, apply the remembered one and remember later choices.

    `loaded` is the settings file as the caller already read it (or the error reading it
    gave); None reads it here. Call it in the app's __init__ (after super().__init__());
    show the returned notices once the app is mounted. Any later change of `app.theme`
    (the command palette's theme switcher, a keymap action) is written to the settings
    file; a settings file that cannot be read is never overwritten, and the app says so.
    """
    themes, notices = load_themes()
    for theme in themes:
        app.register_theme(theme)
    if loaded is None:
        try:
            loaded = settings.load()
        except UserError as exc:
            loaded = exc
    name, settings_notices = _remembered_theme(app.available_themes, loaded)
    notices.extend(settings_notices)
    if name in app.available_themes:
        _apply_before_start(app, name)

    def remember(new_name: str) -> None:
        try:
            settings.remember_theme(new_name)
        except UserError as exc:
            app.notify(f"{exc}; the theme choice was not saved", severity="warning")
        except OSError as exc:
            app.notify(
                f"{paths.settings_file()}: cannot save the theme choice: {exc.strerror}",
                severity="warning",
            )

    # Watched only now, so applying the remembered theme above does not write the file.
    app.watch(app, "theme", remember, init=False)
    return notices
