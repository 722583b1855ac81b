"""Provides ComposerApp and `run(args)`: the composer, started by `connect-tui [PROFILE]`.

Start-up draws the first frame before boto3, botocore's model or the keyring are
imported: the screen loads the model in a worker afterwards, and sending imports boto3
only when it runs. A PROFILE that cannot be read stops the start with one line and
exit code 2, like the headless verbs, before anything is drawn: opening an empty draft
in its place could later be saved over the file the user meant to fix. A PROFILE name
that is not saved yet starts a new draft of that name.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.dom import DOMNode
from textual.screen import Screen

from connect_tui.core import paths, profiles, settings
from connect_tui.core.defaults import new_draft
from connect_tui.core.files import UserError
from connect_tui.core.model import Draft
from connect_tui.core.problems import first_and_more
from connect_tui.ui import frames, idle_collector, safe_render, terminal_input
from connect_tui.ui.commands import DraftsProvider, composer_commands
from connect_tui.ui.keys import looked_up, run_binding_in_order, take_paste_in_order
from connect_tui.ui.screens.composer import ComposerScreen
from connect_tui.ui.terminal_input import KeyBurst
from connect_tui.ui.themes import install_themes

# Before any widget renders: text from files, requests and replies is shown, never obeyed.
safe_render.install()
# Before any screen draws: a change is drawn within one frame period (connect_tui.ui.frames).
frames.install()


def open_argument(argument: str | None) -> tuple[Draft, Path | None]:
    """The draft a PROFILE argument opens and the file it saves to; ProfileError if unreadable.

    No argument: a new draft not yet saved. A name or path with no file yet: a new draft
    that saves there.
    """
    if argument is None:
        return new_draft(), None
    path = profiles.path_for(argument)
    if path.exists():
        return profiles.load(path), path
    name = profiles.name_for(path) if profiles.looks_like_path(argument) else argument
    return new_draft(name), path


def load_every_ui_module() -> None:
    """Import every module of connect_tui.ui, so binding_ids() sees every screen and pane
    (the composer imports most of them only when first shown)."""
    import pkgutil  # here: only a keymap to check needs it, never the first frame

    import connect_tui.ui

    for module in pkgutil.walk_packages(connect_tui.ui.__path__, "connect_tui.ui."):
        importlib.import_module(module.name)


def binding_ids() -> set[str]:
    """Every binding id declared by the widgets and screens loaded so far."""
    ids: set[str] = set()
    pending: list[type[DOMNode]] = [DOMNode]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        for binding in cls.__dict__.get("BINDINGS", ()):
            if isinstance(binding, Binding) and binding.id:
                ids.add(binding.id)
    return ids


class ComposerApp(App[int]):
    """The composer: one ComposerScreen, with pickers and dialogs pushed over it."""

    CSS_PATH = "app.tcss"
    TITLE = "connect-tui"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True, id="app.quit"),
    ]
    COMMANDS = App.COMMANDS | {DraftsProvider}

    def __init__(
        self,
        draft: Draft | None = None,
        path: Path | None = None,
        *,
        target_options: argparse.Namespace | None = None,
    ) -> None:
        super().__init__()
        self.initial_draft = draft or new_draft()
        self.initial_path = path
        self.target_options = target_options
        self.keymap_file_error = False
        self._composer: ComposerScreen | None = None
        # The settings file is read once: for the theme, then for the keymap.
        loaded: settings.Settings | UserError
        try:
            loaded = settings.load()
        except UserError as exc:
            loaded = exc
        # A broken file is reported once, by the themes (its keymap is not used either).
        self.notices = install_themes(self, loaded)
        if isinstance(loaded, UserError):
            self.keymap_file_error = True
        elif loaded.keymap:
            self.set_keymap(loaded.keymap)

    def get_default_screen(self) -> Screen[None]:
        """The composer, on the draft given to the app."""
        self._composer = ComposerScreen(
            self.initial_draft, self.initial_path, target_options=self.target_options
        )
        return self._composer

    @property
    def composer(self) -> ComposerScreen:
        """The composer screen (the app's first screen)."""
        assert self._composer is not None
        return self._composer

    def on_mount(self) -> None:
        # After the first frame: the check needs every dialog's binding ids loaded.
        self.call_after_refresh(self._show_notices)

    def _show_notices(self) -> None:
        unknown: list[str] = []
        if self._keymap and not self.keymap_file_error:
            # Only with a keymap to check: loading every screen and pane costs ~100 ms.
            load_every_ui_module()
            unknown = sorted(set(self._keymap) - binding_ids())
        if unknown:
            self.notices.append(
                f"{paths.settings_file()}: keymap: unknown binding id "
                f"{first_and_more([repr(u) for u in unknown])}; see the README for the ids"
            )
        for notice in self.notices:
            self.notify(notice, severity="warning", markup=False, timeout=12)

    def _handle_exception(self, error: Exception) -> None:
        # Textual's one place for an error nothing handled, just before the app exits:
        # keep the unsaved draft first, so the next start offers it back (issue 15).
        self.keep_recovery_copy()
        super()._handle_exception(error)

    def keep_recovery_copy(self) -> None:
        """Write the recovery copy of unsaved changes now, whatever else is failing."""
        composer = self._composer
        if composer is None:
            return
        try:
            composer.session.write_recovery()
        except Exception as exc:  # the app is going down already: say so, never mask it
            self.log.error(f"could not keep a recovery copy: {exc!r}")

    async def on_event(self, event: events.Event) -> None:
        """Keys the focused widget will not take run their binding at once, in order; a
        paste is offered to the panes that take lists (connect_tui.ui.keys).

        A key, paste or click that comes while the first frame's stand-ins are still shown
        waits until the real widgets have replaced them and the first field has the focus
        (a few tens of milliseconds), so it lands where it was meant to; the ones after it
        wait behind it, in order (connect_tui.ui.screens.first_frame)."""
        if isinstance(event, events.Key | events.Paste | events.MouseEvent):
            idle_collector.input_seen()
            await self._after_the_first_frame_stand_ins(mouse=isinstance(event, events.MouseEvent))
        if isinstance(event, events.Key) and looked_up(event):
            return  # back from the focused widget: its bindings were looked up as it came
        if (
            isinstance(event, events.Key)
            and not event.is_forwarded  # a key bubbling back up takes Textual's way
            and await run_binding_in_order(self, event)
        ):
            return
        if (
            isinstance(event, events.Paste)
            and not event.is_forwarded
            and await take_paste_in_order(self, event)
        ):
            return
        await super().on_event(event)

    async def on_key_burst(self, burst: KeyBurst) -> None:
        """Keys read at once: typed into the focused field in one go where they stay in it,
        the others handled one by one as if each had come alone (connect_tui.ui.key_burst)."""
        from connect_tui.ui.key_burst import BurstTypist  # at the first burst, not the first frame

        idle_collector.input_seen()
        await self._after_the_first_frame_stand_ins()
        await BurstTypist(self).deliver(burst.keys)

    async def _after_the_first_frame_stand_ins(self, *, mouse: bool = False) -> None:
        """Wait, if need be, until the first frame's stand-ins are replaced (see on_event)."""
        composer = self._composer
        if composer is not None and composer.first_frame.sketched:
            await composer.first_frame.replace()
            if mouse:
                await composer.wait_for_refresh()  # hit-tested where the real widgets are

    def on_app_focus(self, event: events.AppFocus) -> None:
        """Gaining focus with no field focused: focus the current pane's first field.

        A browser tab (`connect-tui serve`) starts unfocused, so Textual's auto focus never
        ran there; without this, the first keys typed in the page would go nowhere.
        """
        composer = self._composer
        if composer is not None and self.screen is composer and composer.focused is None:
            # At once, not after a refresh: the keys that came with the focus are queued next.
            field = composer.current_pane().first_field()
            if field is not None:
                composer.set_focus(field)

    async def action_quit(self) -> None:
        """Quit, asking first when the draft has unsaved changes."""
        if self._composer is None or not self._composer.is_mounted:
            self.exit(0)
            return
        await self._composer.files.quit_flow()

    def action_command_palette(self) -> None:
        """ctrl+p: the command palette, whose enter runs in the order keys came."""
        from connect_tui.ui.palette import InOrderPalette  # not needed by the first frame

        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(InOrderPalette(id="--command-palette"))

    def search_themes(self) -> None:
        """The palette's "Change theme": a palette of themes, enter in order as above."""
        from textual.theme import ThemeProvider

        from connect_tui.ui.palette import InOrderPalette

        self.push_screen(
            InOrderPalette(providers=[ThemeProvider], placeholder="Search for themes…")
        )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's own entries (theme, keys, quit) and, on the composer, all of its actions."""
        yield from super().get_system_commands(screen)
        if isinstance(screen, ComposerScreen):
            yield from composer_commands(screen)


def run(args: argparse.Namespace) -> int:
    """Run the composer on `args.profile` with the target overrides in `args`; the exit code.

    UserError (a profile that cannot be read, a bad name, a bad option) propagates to the
    caller, which prints its one line and exits 2 before anything is drawn.
    """
    from connect_tui.core.target_override import TargetOverride

    draft, path = open_argument(getattr(args, "profile", None))
    TargetOverride.from_args(args).apply(draft.target)  # a bad one is refused before drawing
    app = ComposerApp(draft, path, target_options=args)
    terminal_input.install()  # alt+LETTER read right in a burst of keys
    app.run()
    return app.return_code or 0
