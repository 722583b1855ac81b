"""Provides ChoiceDialog: a question with a few buttons (confirm, unsaved changes, recovery)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

DIALOG_CSS = """
{name} {
    align: center middle;
    background: $background 60%;
}
{name} > .dialog {
    width: 72;
    max-width: 100%;
    height: auto;
    max-height: 100%;
    border: thick $primary;
    background: $surface;
    padding: 1 2;
}
{name} .dialog--title {
    text-style: bold;
    color: $text-accent;
    margin-bottom: 1;
}
{name} .dialog--buttons {
    height: auto;
    margin-top: 1;
    align-horizontal: right;
}
{name} .dialog--buttons Button {
    margin-left: 1;
    min-width: 10;
}
"""


def dialog_css(name: str) -> str:
    """The shared look of a dialog, for the screen class `name`."""
    return DIALOG_CSS.replace("{name}", name)


@dataclass(frozen=True)
class Choice:
    """One button of a ChoiceDialog: the value it returns, its label, key and look."""

    value: str
    label: str
    key: str = ""
    variant: str = "default"


class ChoiceDialog(ModalScreen[str]):
    """Asks a question; returns the chosen Choice's value, or `cancel` on escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "choose('cancel')", "Cancel", id="dialog.cancel"),
        Binding("left", "app.focus_previous", show=False, id="dialog.previous"),
        Binding("right", "app.focus_next", show=False, id="dialog.next"),
    ]
    DEFAULT_CSS = dialog_css("ChoiceDialog")

    def __init__(
        self, title: str, message: str | Content, choices: list[Choice], *, cancel: str = "cancel"
    ) -> None:
        super().__init__()
        self.title_text = title
        self.message = message if isinstance(message, Content) else Content(message)
        self.choices = choices
        self.cancel_value = cancel

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self.title_text), classes="dialog--title")
            yield Static(self.message, id="dialog-message")
            with Horizontal(classes="dialog--buttons"):
                for choice in self.choices:
                    label = f"{choice.label} ({choice.key})" if choice.key else choice.label
                    yield Button(
                        Content(label),
                        id=f"choice-{choice.value}",
                        variant=choice.variant,  # type: ignore[arg-type]
                    )

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_key(self, event: events.Key) -> None:
        for choice in self.choices:
            if choice.key and event.key == choice.key:
                event.stop()
                self.dismiss(choice.value)
                return

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("choice-"))

    def action_choose(self, value: str) -> None:
        """Close the dialog with `value` (escape gives the cancel value)."""
        self.dismiss(self.cancel_value if value == "cancel" else value)


def confirm(title: str, message: str | Content, yes: str = "Yes") -> ChoiceDialog:
    """A yes / cancel question; returns "yes" or "cancel"."""
    return ChoiceDialog(
        title,
        message,
        [Choice("yes", yes, "y", "primary"), Choice("cancel", "Cancel", "n")],
    )


def unsaved(name: str) -> ChoiceDialog:
    """What to do with unsaved changes: "save", "discard" or "cancel"."""
    return ChoiceDialog(
        "Unsaved changes",
        Content.assemble("The draft ", (name, "bold"), " has changes that are not saved."),
        [
            Choice("save", "Save", "s", "primary"),
            Choice("discard", "Discard", "d", "error"),
            Choice("cancel", "Cancel", "c"),
        ],
    )
