"""Provides DraftsScreen: the drafts picker (open, new, duplicate, rename, delete).

The word is "draft" for what a user edits and saves, everywhere the composer speaks; a
"profile" is only its file format (core/profiles.py, the verbs' PROFILE argument). The
binding ids keep their documented `profiles.*` names so users' keymaps still work.

It knows nothing of the screen that opened it: what happened (drafts renamed or deleted
here, and whether to open one or start a new one) comes back through `dismiss` as Picked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, OptionList, Static
from textual.widgets.option_list import Option

from connect_tui.core import profiles
from connect_tui.core.files import UserError
from connect_tui.ui.dialogs.choice import confirm, dialog_css
from connect_tui.ui.dialogs.prompt import NamePrompt, check_new_draft_name
from connect_tui.ui.on_top import DismissedOnTopOnly

#: The picker's next steps: open the draft `name`, start a new one, or just close.
OPEN, NEW, CLOSE = "open", "new", "close"


@dataclass(frozen=True)
class Picked:
    """What happened in the picker, returned by `dismiss`.

    `renamed` and `deleted` are the saved drafts renamed (old, new) or deleted while it
    was open, in order, so the opener can follow the one it has open; `action` is OPEN
    (with `name`), NEW or CLOSE.
    """

    action: str = CLOSE
    name: str = ""
    renamed: tuple[tuple[str, str], ...] = ()
    deleted: tuple[str, ...] = ()


def profile_line(info: profiles.ProfileInfo) -> Content:
    """A saved draft as a line: its name, then when it was last saved (muted)."""
    when = datetime.fromtimestamp(info.modified).strftime("%Y-%m-%d %H:%M")
    return Content.assemble((info.name, "bold"), "  ", (when, "$text-muted"))


class DraftsScreen(DismissedOnTopOnly, ModalScreen[Picked]):
    """The saved drafts; choose one to open, or copy, rename or delete it here."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="profiles.close"),
        Binding("n", "new", "New", id="profiles.new"),
        Binding("d", "duplicate", "Duplicate", id="profiles.duplicate"),
        Binding("r", "rename", "Rename", id="profiles.rename"),
        Binding("delete,x", "delete", "Delete", id="profiles.delete"),
    ]
    DEFAULT_CSS = (
        dialog_css("DraftsScreen")
        + """
    DraftsScreen > .dialog {
        width: 80;
        height: 80%;
    }
    DraftsScreen OptionList {
        height: 1fr;
        border: round $border-blurred;
    }
    DraftsScreen OptionList:focus {
        border: round $border;
    }
    DraftsScreen #profiles-empty {
        color: $text-muted;
        height: auto;
    }
    DraftsScreen .dialog--buttons Button {
        min-width: 8;
    }
    """
    )

    def __init__(self, current: str | None) -> None:
        super().__init__()
        self.current = current
        self.found: list[profiles.ProfileInfo] = []
        self._renamed: list[tuple[str, str]] = []
        self._deleted: list[str] = []

    def finish(self, action: str = CLOSE, name: str = "") -> None:
        """Close the picker, saying what to do next and what changed while it was open."""
        self.dismiss(Picked(action, name, tuple(self._renamed), tuple(self._deleted)))

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content("Drafts"), classes="dialog--title")
            yield Static(
                Content("No saved drafts yet: n starts a new one, ctrl+s in the composer saves."),
                id="profiles-empty",
            )
            yield OptionList(id="profiles-list")
            with Horizontal(classes="dialog--buttons"):
                yield Button("Open", id="open", variant="primary")
                yield Button("New", id="new")
                yield Button("Duplicate", id="duplicate")
                yield Button("Rename", id="rename")
                yield Button("Delete", id="delete", variant="error")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_list(select=self.current)
        self.query_one(OptionList).focus()

    def refresh_list(self, select: str | None = None) -> None:
        """Read the saved drafts again and show it, highlighting `select` when present."""
        try:
            self.found = profiles.list_profiles()
        except OSError as exc:
            self.found = []
            self.notify(f"Cannot list the saved drafts: {exc}", severity="error", markup=False)
        options = self.query_one(OptionList)
        options.set_options(Option(profile_line(info), id=info.name) for info in self.found)
        names = [info.name for info in self.found]
        if select in names:
            options.highlighted = names.index(select)
        elif names:
            options.highlighted = 0
        self.query_one("#profiles-empty").display = not names

    @property
    def selected(self) -> str | None:
        """The highlighted draft's name."""
        option = self.query_one(OptionList).highlighted_option
        return option.id if option is not None else None

    @on(OptionList.OptionSelected)
    def open_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or a double click on a draft opens it."""
        event.stop()
        if event.option.id:
            self.finish(OPEN, event.option.id)

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "open":
            if self.selected:
                self.finish(OPEN, self.selected)
        elif event.button.id:
            await self.run_action(event.button.id)

    def action_close(self) -> None:
        """Back to the composer."""
        self.finish()

    def action_new(self) -> None:
        """Close the picker and start a new draft."""
        self.finish(NEW)

    @work(exclusive=True, group="profiles")
    async def action_duplicate(self) -> None:
        """Save a copy of the highlighted draft under a new name."""
        name = self.selected
        if name is None:
            return
        new = await self.app.push_screen_wait(
            NamePrompt(f"Duplicate {name} as", value=f"{name}-copy", check=check_new_draft_name)
        )
        if new is None:
            return
        try:
            profiles.duplicate(name, new)
        except UserError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.refresh_list(select=new)

    @work(exclusive=True, group="profiles")
    async def action_rename(self) -> None:
        """Rename the highlighted draft."""
        name = self.selected
        if name is None:
            return
        new = await self.app.push_screen_wait(
            NamePrompt(f"Rename {name} to", value=name, check=check_new_draft_name)
        )
        if new is None or new == name:
            return
        try:
            profiles.rename(name, new)
        except UserError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self._renamed.append((name, new))
        self.refresh_list(select=new)

    @work(exclusive=True, group="profiles")
    async def action_delete(self) -> None:
        """Delete the highlighted profile, after a confirm."""
        name = self.selected
        if name is None:
            return
        answer = await self.app.push_screen_wait(
            confirm(
                "Delete?",
                Content.assemble("Delete the draft ", (name, "bold"), "? This cannot be undone."),
                "Delete",
            )
        )
        if answer != "yes":
            return
        try:
            profiles.delete(name)
        except UserError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self._deleted.append(name)
        self.refresh_list()
