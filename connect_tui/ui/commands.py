"""Provides the command palette's entries: every composer action, and "Open draft: NAME".

Each entry's key hint is read from the binding id at the moment the palette opens, so a
key rebound in the settings file's [keymap] shows as the new key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.command import Hit, Hits, Provider
from textual.screen import Screen

from connect_tui.core.model import INBOUND, OUTBOUND
from connect_tui.ui.flows_from_aws import copy_flows_from_aws

if TYPE_CHECKING:
    from connect_tui.ui.screens.composer import ComposerScreen


def key_hint(screen: Screen[Any], binding_id: str) -> str:
    """The keys bound to `binding_id` now, after the user's keymap: ` (f5)`, ` (ctrl+s or f2)`,
    or "" when no key is bound to it."""
    keys: list[str] = []
    for key, active in screen.active_bindings.items():
        if active.binding.id == binding_id and key not in keys:
            keys.append(key)
    return f" ({' or '.join(keys)})" if keys else ""


def composer_commands(composer: ComposerScreen) -> Iterator[SystemCommand]:
    """Every action of the composer, as palette entries; each says the keys bound to it."""
    from connect_tui.ui.widgets.pane_index import PANE_INDEX

    def entry(
        title: str, help: str, binding_id: str | None, run: Callable[[], Any]
    ) -> SystemCommand:
        hint = key_hint(composer, binding_id) if binding_id else ""
        return SystemCommand(title, help + hint, run)

    yield entry("Send", "Send the draft", "composer.send", composer.action_send)
    yield entry("Save", "Save the draft", "composer.save", composer.action_save)
    yield entry("Save as…", "Save the draft under a new name", None, composer.action_save_as)
    yield entry(
        "Drafts",
        "Open, new, duplicate, rename or delete drafts",
        "composer.drafts",
        composer.action_drafts,
    )
    yield entry("New draft", "Start a new draft", None, composer.action_new_draft)
    yield entry(
        "History", "Past sends: reopen or resend one", "composer.history", composer.action_history
    )
    yield entry("Help", "Help for the focused pane", "composer.help", composer.action_help)
    yield entry(
        "Problems", "Go to the Problems list", "composer.problems", composer.action_focus_problems
    )
    yield entry(
        "Pick a value",
        "Choose the focused id field's value from what the target has",
        "composer.pick",
        composer.action_pick,
    )
    yield entry(
        "Attach a file",
        "Upload a local file and add it to Attachments with a presigned URL",
        "composer.attach_file",
        composer.action_attach_file,
    )
    yield entry(
        "Copy ContactId",
        "Copy the ContactId of the last send",
        None,
        composer.sender.copy_contact_id,
    )
    yield entry(
        "Copy flows from AWS into the sandbox",
        "This AWS draft's instance: its published flows, queues and addresses, ids kept",
        None,
        partial(copy_flows_from_aws, composer),
    )
    yield entry(
        "Follow the last send",
        "The live view of the last contact sent from here",
        None,
        composer.sender.follow_last,
    )
    yield entry(
        "Follow a contact…",
        "The live view of a ContactId on this draft's target",
        None,
        composer.sender.follow_contact,
    )
    for operation, label in ((INBOUND, "inbound"), (OUTBOUND, "outbound")):
        if composer.draft.operation != operation:
            yield entry(
                f"Switch to {label}",
                f"Make this draft a {operation} request (nothing is lost)",
                None,
                partial(composer.set_operation, operation),
            )
    for pane in PANE_INDEX:
        yield entry(
            f"Pane: {pane.title}",
            f"Show the {pane.title} pane",
            f"composer.pane_{pane.name}",
            partial(composer.action_show_pane, pane.name),
        )


class DraftsProvider(Provider):
    """Palette entries "Open draft: NAME" for every saved draft."""

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
                    partial(composer.files.open_saved, name),
                    text=text,
                    help="Open this saved draft (asks first about unsaved changes)",
                )
