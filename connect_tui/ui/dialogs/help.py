"""Provides HelpDialog: Markdown help for the focused pane, and the keys that work everywhere."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from connect_tui.ui.dialogs.choice import dialog_css
from connect_tui.ui.on_top import DismissedOnTopOnly

KEYS_HELP = """
## Keys

| key | does |
|---|---|
| ctrl+s | save the draft (asks a name the first time) |
| f5 | send the draft |
| ctrl+o | open, create, copy, rename or delete drafts |
| f9 | history of sends: reopen or resend one |
| ctrl+pageup / ctrl+pagedown | previous / next pane |
| alt+a / alt+r / alt+m | Addresses / Recipients / Message |
| alt+e / alt+t / alt+s | References / Attributes / Segments |
| alt+h / alt+c / alt+g / alt+p | Attachments / Contact / Target / Preview |
| f6 | go to the Problems list |
| ctrl+p | every command |
| ctrl+q | quit (asks when changes are not saved) |

Keys can be changed in the `[keymap]` table of the settings file (binding id = keys).
"""


class HelpDialog(DismissedOnTopOnly, ModalScreen[None]):
    """Shows `markdown` (a pane's HELP) followed by the general keys; escape closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "dismiss_help", "Close", id="dialog.close"),
    ]
    DEFAULT_CSS = (
        dialog_css("HelpDialog")
        + """
    HelpDialog > .dialog {
        width: 90;
        height: 90%;
    }
    HelpDialog Markdown {
        margin: 0;
        padding: 0;
    }
    """
    )

    def __init__(self, title: str, markdown: str) -> None:
        super().__init__()
        self.title_text = title
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(Content(self.title_text), classes="dialog--title")
            yield Markdown(self.markdown.strip() + "\n\n" + KEYS_HELP.strip())

    def action_dismiss_help(self) -> None:
        """Close the help."""
        self.dismiss(None)
