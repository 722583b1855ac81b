"""Provides NamePrompt: asks for a draft's name and refuses one that cannot name its file."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from connect_tui.core import profiles
from connect_tui.ui.dialogs.choice import dialog_css
from connect_tui.ui.on_top import DismissedOnTopOnly


class NamePrompt(DismissedOnTopOnly, ModalScreen[str | None]):
    """Asks for a name; returns it, or None on escape.

    `check` returns an error line for a name it refuses (default: not a valid draft name).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
    ]
    DEFAULT_CSS = (
        dialog_css("NamePrompt")
        + """
    NamePrompt #prompt-error {
        color: $text-error;
        height: auto;
    }
    """
    )

    def __init__(
        self,
        title: str,
        *,
        value: str = "",
        check: Callable[[str], str | None] | None = None,
        placeholder: str = "name",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.placeholder = placeholder
        self.check = check or check_draft_name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self.title_text), classes="dialog--title")
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input")
            yield Static("", id="prompt-error", markup=False)
            yield Static(
                Content("enter to accept, escape to cancel"), classes="dialog--hint", markup=False
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = event.value.strip()
        problem = self.check(name)
        if problem:
            self.query_one("#prompt-error", Static).update(Content(problem))
            return
        self.dismiss(name)

    def action_cancel(self) -> None:
        """Close without a name."""
        self.dismiss(None)


def check_draft_name(name: str) -> str | None:
    """Why `name` cannot name a saved draft, or None when it can."""
    try:
        profiles.check_name(name)
    except profiles.ProfileError as exc:
        return str(exc)
    return None


def check_new_draft_name(name: str) -> str | None:
    """Why `name` cannot name a new saved draft (invalid, or already taken), or None."""
    problem = check_draft_name(name)
    if problem is None and profiles.exists(name):
        return f"a draft named {name!r} already exists"
    return problem
