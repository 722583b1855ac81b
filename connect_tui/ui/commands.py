"""Provides the command palette's entries: every composer action, and "Open draft: NAME"."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.command import Hit, Hits, Provider

from connect_tui.core.model import INBOUND, OUTBOUND

if TYPE_CHECKING:
    from connect_tui.ui.screens.composer import ComposerScreen


def composer_commands(composer: ComposerScreen) -> Iterator[SystemCommand]:
    """Every action of the composer, as palette entries (the key is said in the help)."""
    from connect_tui.ui.widgets.pane_index import PANE_LETTERS, PANES

    yield SystemCommand("Send", "Send the draft (f5)", composer.action_send)
    yield SystemCommand("Save", "Save the draft (ctrl+s)", composer.action_save)
    yield SystemCommand("Save as…", "Save the draft under a new name", composer.action_save_as)
    yield SystemCommand(
        "Drafts", "Open, new, duplicate, rename or delete drafts (ctrl+o)", composer.action_drafts
    )
    yield SystemCommand("New draft", "Start a new draft", composer.action_new_draft)
    yield SystemCommand(
        "History", "Past sends: reopen or resend one (f9 or ctrl+h)", composer.action_history
    )
    yield SystemCommand("Help", "Help for the focused pane (f1)", composer.action_help)
    yield SystemCommand("Problems", "Go to the Problems list (f6)", composer.action_focus_problems)
    yield SystemCommand(
        "Copy ContactId", "Copy the ContactId of the last send", composer.action_copy_contact_id
    )
    yield SystemCommand(
        "Follow the last send",
        "The live view of the last contact sent from here",
        composer.action_follow_last,
    )
    yield SystemCommand(
        "Follow a contact…",
        "The live view of a ContactId on this draft's target",
        composer.action_follow_contact,
    )
    for operation, label in ((INBOUND, "inbound"), (OUTBOUND, "outbound")):
        if composer.draft.operation != operation:
            yield SystemCommand(
                f"Switch to {label}",
                f"Make this draft a {operation} request (nothing is lost)",
                partial(composer.set_operation, operation),
            )
    for key, title in PANES:
        yield SystemCommand(
            f"Pane: {title}",
            f"Show the {title} pane (alt+{PANE_LETTERS[key]})",
            partial(composer.action_show_pane, key),
        )


class DraftsProvider(Provider):
    """Palette entries "Open draft: NAME" for every saved profile."""

    def _composer(self) -> ComposerScreen | None:
        from connect_tui.ui.screens.composer import ComposerScreen

        screen = self.screen
        return screen if isinstance(screen, ComposerScreen) else None

    def _names(self) -> list[str]:
        from connect_tui.core import profiles

        try:
            return [info.name for info in profiles.list_profiles()]
        except OSError:
            return []

    async def discover(self) -> Hits:
        """Nothing until the user types: the profiles could be many."""
        return
        yield  # an async generator that yields nothing

    async def search(self, query: str) -> Hits:
        """Profiles whose "Open draft: NAME" matches what was typed."""
        composer = self._composer()
        if composer is None:
            return
        matcher = self.matcher(query)
        for name in self._names():
            text = f"Open draft: {name}"
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(composer.files.open_profile, name),
                    text=text,
                    help="Open this saved draft (asks first about unsaved changes)",
                )
