"""Provides DraftsMixin: the composer's save, save as, open, new, quit and crash recovery.

A failed save changes nothing: the draft stays in the editor, dirty, and the file on
disk stays as it was. While the draft is dirty a recovery copy is written every few
seconds; saving or discarding deletes it; opening a draft that has one offers it back.
"""

from __future__ import annotations

import argparse
import dataclasses
from datetime import datetime
from pathlib import Path
from typing import Final

from textual import work
from textual.content import Content
from textual.screen import Screen

from connect_tui.core import profiles, recovery
from connect_tui.core.defaults import new_draft
from connect_tui.core.files import UserError
from connect_tui.core.model import Draft, Target
from connect_tui.core.paths import display_path
from connect_tui.core.target_override import TargetOverride
from connect_tui.ui.dialogs.choice import Choice, ChoiceDialog, confirm, unsaved
from connect_tui.ui.dialogs.prompt import NamePrompt, check_profile_name
from connect_tui.ui.screens.profiles import NEW, OPEN, Picked, ProfilesScreen
from connect_tui.ui.widgets.draft_bar import DraftBar

#: Seconds between recovery copies while the draft has unsaved changes.
RECOVERY_INTERVAL: Final = 3.0


class DraftsMixin(Screen[None]):
    """The draft's files: save, open, new, quit, recovery. Mixed into ComposerScreen."""

    draft: Draft
    path: Path | None
    dirty: bool
    #: The command line's target options, applied to every draft opened in this session.
    target_options: argparse.Namespace | None
    #: The target written in the draft's file, when the command line replaced it.
    profile_target: Target | None

    def show_draft(self) -> None:
        """Load the draft into the screen (ComposerScreen provides it)."""
        raise NotImplementedError

    def init_drafts(self, target_options: argparse.Namespace | None) -> None:
        """Set the draft-keeping state (called from the screen's __init__)."""
        self.dirty = False
        self.target_options = target_options
        self.profile_target = None
        self._recovery_stale = False
        self._recovery_warned = False
        self._leaving = False
        self._apply_target_options()

    def _apply_target_options(self) -> None:
        self.profile_target = None
        if self.target_options is None:
            return
        try:
            target = TargetOverride.from_args(self.target_options).apply(self.draft.target)
        except UserError:
            return  # checked before the app started; nothing new can be wrong here
        if target != self.draft.target:
            self.profile_target = self.draft.target
            self.draft.target = target

    # -- dirty and recovery -------------------------------------------------------------------

    @property
    def recovery_key(self) -> str:
        """The key of this draft's recovery copy."""
        return recovery.key_for(self.path)

    def mark_dirty(self) -> None:
        """The draft has changes that are not saved."""
        self.dirty = True
        self._recovery_stale = True
        self.query_one(DraftBar).show_dirty(True)

    def mark_clean(self) -> None:
        """The draft is as saved (or its changes were discarded): no recovery copy needed."""
        self.dirty = False
        self._recovery_stale = False
        self.query_one(DraftBar).show_dirty(False)
        recovery.discard(self.recovery_key)

    def start_recovery_timer(self) -> None:
        """Write a recovery copy every few seconds while the draft is dirty."""
        self.set_interval(RECOVERY_INTERVAL, self.write_recovery, name="recovery")

    def write_recovery(self) -> None:
        """Write the recovery copy now if the draft changed since the last one."""
        if not (self.dirty and self._recovery_stale):
            return
        try:
            recovery.write(self.recovery_key, self.draft)
        except UserError as exc:
            if not self._recovery_warned:  # once: a notice every 3 s would drown the screen
                self._recovery_warned = True
                self.notify(str(exc), severity="warning", markup=False)
            return
        self._recovery_stale = False

    def offer_recovery_on_open(self) -> None:
        """If a recovery copy exists for this draft, offer to restore it."""
        found = recovery.find(self.recovery_key)
        if found is None:
            return
        if self.path is not None and self.path.exists():
            try:
                if profiles.dumps(found.draft) == self.path.read_text(encoding="utf-8"):
                    recovery.discard(self.recovery_key)  # nothing the file does not have
                    return
            except (OSError, UserError):
                pass
        self._offer_recovery(found)

    @work(exclusive=True, group="recovery")
    async def _offer_recovery(self, found: recovery.Recovered) -> None:
        when = datetime.fromtimestamp(found.modified).strftime("%Y-%m-%d %H:%M:%S")
        message = Content.assemble(
            "Unsaved changes to ",
            (found.draft.name, "bold"),
            f" were kept from {when}, when connect-tui last stopped without saving them.",
        )
        choice = await self.app.push_screen_wait(
            ChoiceDialog(
                "Restore unsaved changes?",
                message,
                [
                    Choice("restore", "Restore", "r", "primary"),
                    Choice("discard", "Discard them", "d", "error"),
                    Choice("cancel", "Not now", "n"),
                ],
            )
        )
        if choice == "restore":
            self.draft = found.draft
            self._apply_target_options()
            self.show_draft()
            self.mark_dirty()
            self.notify("Restored the unsaved changes; ctrl+s saves them.")
        elif choice == "discard":
            recovery.discard(self.recovery_key)

    # -- saving -------------------------------------------------------------------------------

    def action_save(self) -> None:
        """Save the draft (asking a name if it has none yet)."""
        self._save_flow(ask_name=False)

    def action_save_as(self) -> None:
        """Save the draft under a new name."""
        self._save_flow(ask_name=True)

    @work(exclusive=True, group="save")
    async def _save_flow(self, ask_name: bool) -> None:
        await self.save(ask_name=ask_name)

    async def save(self, *, ask_name: bool = False) -> bool:
        """Save (in a worker: it may ask a name); True when the draft is now saved."""
        path, name = self.path, self.draft.name
        if path is None or ask_name:
            title = "Save the draft as" if path is None else "Save a copy as"
            suggestion = "" if path is None and name == "untitled" else name
            chosen = await self.app.push_screen_wait(
                NamePrompt(title, value=suggestion, check=check_profile_name)
            )
            if chosen is None:
                return False
            path, name = profiles.path_for(chosen), chosen
            if path != self.path and path.exists():
                answer = await self.app.push_screen_wait(
                    confirm("Replace?", f"A profile {chosen!r} exists. Replace it?", "Replace")
                )
                if answer != "yes":
                    return False
        return self._write(path, name)

    def _write(self, path: Path, name: str) -> bool:
        to_save = self.draft.copy()
        to_save.name = name
        if self.profile_target is not None and to_save.target == self.draft_target_override:
            # The command line's target is for this session; the file keeps its own.
            to_save.target = dataclasses.replace(self.profile_target)
        try:
            profiles.save(to_save, path)
        except UserError as exc:
            self.notify(f"Not saved: {exc}", severity="error", markup=False, timeout=10)
            return False
        old_key = self.recovery_key
        self.draft.name, self.path = name, path
        recovery.discard(old_key)
        self.mark_clean()
        self.query_one(DraftBar).show_name(name)
        self.notify(f"Saved {display_path(path)}", markup=False)
        return True

    @property
    def draft_target_override(self) -> Target | None:
        """The target the command line put in place of the file's (None when it did not)."""
        if self.profile_target is None or self.target_options is None:
            return None
        try:
            return TargetOverride.from_args(self.target_options).apply(self.profile_target)
        except UserError:
            return None

    # -- leaving this draft -------------------------------------------------------------------

    async def confirm_leave(self) -> bool:
        """True when the draft may be left: it is saved, or the user saved or discarded it."""
        if not self.dirty:
            return True
        choice = await self.app.push_screen_wait(unsaved(self.draft.name))
        if choice == "save":
            return await self.save()
        if choice == "discard":
            self.mark_clean()
            return True
        return False

    def quit_flow(self) -> None:
        """Quit, asking first when there are unsaved changes."""
        if not self._leaving:  # already asking: one question at a time
            self._leave(None)

    def open_flow(self, draft: Draft, path: Path | None, *, dirty: bool = False) -> None:
        """Open another draft, asking first when this one has unsaved changes."""
        if not self._leaving:
            self._leave((draft, path, dirty))

    @work(group="leave")
    async def _leave(self, then: tuple[Draft, Path | None, bool] | None) -> None:
        self._leaving = True
        try:
            if not await self.confirm_leave():
                return
        finally:
            self._leaving = False
        if then is None:
            self.app.exit(0)
        else:
            self.open_draft(*then)

    def open_draft(self, draft: Draft, path: Path | None, dirty: bool = False) -> None:
        """Show `draft` (saved at `path`) in place of the current one."""
        self.draft, self.path = draft, path
        self._apply_target_options()
        self.dirty = False
        # The last send's ContactId belongs to the draft it was sent from.
        self.query_one(DraftBar).show_status("")
        self.show_draft()
        if dirty:
            self.mark_dirty()
        else:
            self.query_one(DraftBar).show_dirty(False)
            self.offer_recovery_on_open()

    def open_profile(self, name: str) -> None:
        """Open the saved profile `name` (after asking about unsaved changes)."""
        try:
            draft = profiles.load(name)
        except UserError as exc:
            self.notify(str(exc), severity="error", markup=False, timeout=10)
            return
        self.open_flow(draft, profiles.path_for(name))

    def action_new_draft(self) -> None:
        """Start a new draft (after asking about unsaved changes)."""
        self.open_flow(new_draft(), None)

    # -- the drafts picker --------------------------------------------------------------------

    def action_drafts(self) -> None:
        """Open the drafts picker: open, new, duplicate, rename, delete."""
        current = self.draft.name if self.path is not None else None
        self.app.push_screen(ProfilesScreen(current), self._picked)

    def _picked(self, picked: Picked | None) -> None:
        if picked is None:
            return
        for old, new in picked.renamed:
            self.profile_renamed(old, new)
        for name in picked.deleted:
            self.profile_deleted(name)
        if picked.action == OPEN:
            self.open_profile(picked.name)
        elif picked.action == NEW:
            self.action_new_draft()

    def profile_renamed(self, old: str, new: str) -> None:
        """The picker renamed a profile; follow it if it is the one open."""
        if self.path is not None and self.path == profiles.path_for(old):
            recovery.discard(self.recovery_key)
            self.draft.name, self.path = new, profiles.path_for(new)
            self._recovery_stale = self.dirty
            self.query_one(DraftBar).show_name(new)

    def profile_deleted(self, name: str) -> None:
        """The picker deleted a profile; if it is the one open, it now exists only here."""
        if self.path is not None and self.path == profiles.path_for(name):
            self.mark_dirty()
            self.notify(
                f"{name!r} was deleted; it stays open here until you save or leave it.",
                markup=False,
            )

    def reopen_history(self, draft: Draft, profile: str = "", number: int = 0) -> None:
        """Open a draft made from a history entry: new and unsaved (saving asks a name)."""
        self.open_flow(draft, None, dirty=True)
        if number:
            self.notify(
                f"Send #{number} of {profile!r} reopened as a new draft; ctrl+s saves it "
                "under a name of its own.",
                markup=False,
            )
