"""Provides ChoiceDialog: a question with a few buttons (confirm, unsaved changes, recovery)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any, ClassVar, Final, TypeVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Static

from connect_tui.ui.keys import focus_now
from connect_tui.ui.on_top import DismissedOnTopOnly

ResultType = TypeVar("ResultType")

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


#: The keys a Choice may have: a lowercase letter each.
CHOICE_KEYS: Final = "abcdefghijklmnopqrstuvwxyz"


class ChoiceDialog(DismissedOnTopOnly, ModalScreen[str]):
    """Asks a question; returns the chosen Choice's value, or `cancel` on escape.

    It takes exactly one answer. A choice's letter and escape are priority bindings, so
    the app closes the dialog before it hands on the next key: keys typed after the answer
    (`cc` after ctrl+q, `nd` while still typing) go to the screen below. Anything that
    still reaches a closing dialog (a second enter on a button) is ignored.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "choose('cancel')", "Cancel", id="dialog.cancel", priority=True),
        Binding("left", "app.focus_previous", show=False, id="dialog.previous"),
        Binding("right", "app.focus_next", show=False, id="dialog.next"),
        # One binding a letter; check_action lets through only this dialog's own letters.
        *(Binding(letter, f"key('{letter}')", show=False, priority=True) for letter in CHOICE_KEYS),
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
        self._keys = {choice.key: choice.value for choice in choices if choice.key}
        #: The answer, once given (the dialog takes one).
        self.answer: str | None = None

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
        focus_now(self.query(Button).first())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A letter is this dialog's only when one of its choices has it."""
        if action == "key":
            return bool(parameters) and parameters[0] in self._keys
        return True

    def action_key(self, letter: str) -> None:
        """Answer with the choice whose key is `letter`."""
        self.answer_with(self._keys[letter])

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.answer_with((event.button.id or "").removeprefix("choice-"))

    def action_choose(self, value: str) -> None:
        """Close the dialog with `value` (escape gives the cancel value)."""
        self.answer_with(self.cancel_value if value == "cancel" else value)

    def answer_with(self, value: str) -> None:
        """Close the dialog with `value`, unless it was answered already."""
        if self.answer is not None or not self.is_active:
            return
        self.answer = value
        self.dismiss(value)


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


def ask(app: App[Any], dialog: Screen[ResultType]) -> asyncio.Future[ResultType | None]:
    """Show `dialog` now and return a future of its answer.

    Unlike `push_screen_wait` in a worker (which shows the dialog only once the worker
    runs), the dialog is on the screen before the app reads the next key, so the keys
    typed right after the key that asked go to it, not to the field below.
    """
    future: asyncio.Future[ResultType | None] = asyncio.get_running_loop().create_future()

    def answered(result: ResultType | None) -> None:
        if not future.done():
            future.set_result(result)

    app.push_screen(dialog, answered)
    return future
