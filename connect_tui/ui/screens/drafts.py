"""Provides DraftFiles: the composer's save, save as, open, new, quit and the recovery offer.

What is remembered (the draft, its file, unsaved changes, the recovery copy, the session's
target override) is core's DraftSession, held by the composer screen; DraftFiles only asks
the user (a name, "Replace?", "Save changes?", "Restore?") and says what happened. A failed
save changes nothing: the draft stays in the editor, unsaved, and the file stays as it was.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from textual.content import Content
from textual.screen import Screen

from connect_tui.core import profiles, recovery
from connect_tui.core.defaults import new_draft
from connect_tui.core.files import UserError
from connect_tui.core.model import Draft
from connect_tui.core.paths import display_path
from connect_tui.core.session import DraftSession, RecoveryCopy
from connect_tui.ui.keys import settle
from connect_tui.ui.widgets.draft_bar import DraftBar

if TYPE_CHECKING:
    from connect_tui.ui.screens.drafts_picker import Picked

# The dialogs are imported where they are shown: the first frame does not wait for them.

#: Seconds between recovery copies while the draft has unsaved changes.
RECOVERY_INTERVAL: Final = 3.0


class DraftFiles:
    """The dialogs around a screen's DraftSession: saving, opening, leaving, recovering.

    `show_draft` is the screen's own: it loads `session.draft` into every pane.
    """

    def __init__(
        self, screen: Screen[Any], session: DraftSession, show_draft: Callable[[], None]
    ) -> None:
        self.screen = screen
        self.session = session
        self.show_draft = show_draft
        self._recovery_warned = False
        self._leaving = False

    def _run(self, work: Awaitable[Any], group: str, *, exclusive: bool = True) -> None:
        # A worker, so the dialogs can be awaited (push_screen_wait needs one).
        self.screen.run_worker(work, group=group, exclusive=exclusive)

    @property
    def _bar(self) -> DraftBar:
        return self.screen.query_one(DraftBar)

    # -- dirty and recovery -------------------------------------------------------------------

    def mark_dirty(self) -> None:
        """The draft has changes that are not saved."""
        self.session.mark_dirty()
        self._bar.show_dirty(True)

    def mark_clean(self) -> None:
        """The draft is as saved (or its changes were discarded): no recovery copy needed."""
        self.session.mark_clean()
        self._bar.show_dirty(False)

    def start_recovery_timer(self) -> None:
        """Write a recovery copy every few seconds while the draft is dirty."""
        self.screen.set_interval(RECOVERY_INTERVAL, self.write_recovery_soon, name="recovery")

    def write_recovery(self) -> None:
        """Write the recovery copy now if the draft changed since the last one."""
        try:
            self.session.write_recovery()
        except UserError as exc:
            self._recovery_failed(exc)

    def write_recovery_soon(self) -> None:
        """Write the recovery copy in a thread if the draft changed since the last one: as
        TOML (7 ms for a 1 MB body, `benchmarks.profile_write`) and on disk the copy
        of a large draft is work the keys typed meanwhile need not wait for."""
        copy = self.session.take_recovery()
        if copy is not None:
            self.screen.run_worker(
                lambda: self._keep(copy), thread=True, group="recovery", exit_on_error=False
            )

    def _keep(self, copy: RecoveryCopy) -> None:
        try:
            self.session.keep_recovery(copy)
        except UserError as exc:
            self.screen.app.call_from_thread(self._recovery_failed, exc)

    def _recovery_failed(self, exc: UserError) -> None:
        if not self._recovery_warned:  # once: a notice every 3 s would drown the screen
            self._recovery_warned = True
            self.screen.notify(str(exc), severity="warning", markup=False)

    def offer_recovery_on_open(self) -> None:
        """If a recovery copy of this draft is worth restoring, offer it."""
        found = self.session.pending_recovery()
        if found is None:
            return
        from connect_tui.ui.dialogs.choice import Choice, ChoiceDialog, ask

        when = datetime.fromtimestamp(found.modified).strftime("%Y-%m-%d %H:%M:%S")
        message = Content.assemble(
            "Unsaved changes to ",
            (found.draft.name, "bold"),
            f" were kept from {when}, when connect-tui last stopped without saving them.",
        )
        # Shown at once (not from a worker): the keys typed from now on go to the question.
        answer = ask(
            self.screen.app,
            ChoiceDialog(
                "Restore unsaved changes?",
                message,
                [
                    Choice("restore", "Restore", "r", "primary"),
                    Choice("discard", "Discard them", "d", "error"),
                    Choice("cancel", "Not now", "n"),
                ],
            ),
        )
        self._run(self._recovery_answered(found, answer), "recovery")

    async def _recovery_answered(
        self, found: recovery.Recovered, answer: asyncio.Future[str | None]
    ) -> None:
        choice = await answer
        if choice == "restore":
            self.session.restore(found)
            self.show_draft()
            self._bar.show_dirty(True)
            self.screen.notify("Restored the unsaved changes; ctrl+s saves them.")
        elif choice == "discard":
            self.session.discard_recovery()

    # -- saving -------------------------------------------------------------------------------

    async def save_flow(self, *, ask_name: bool) -> None:
        """Save the draft in a worker (asking a name when it has none, or when `ask_name`)."""
        await settle(self.screen)  # the keys typed before ctrl+s reach the draft first
        # The name prompt, when one is needed, is shown now: the next keys go to it.
        asked = self._ask_name(ask_name=ask_name)
        self._run(self.save(ask_name=ask_name, asked=asked), "save")

    def _ask_name(self, *, ask_name: bool) -> asyncio.Future[str | None] | None:
        """Show the name prompt when saving needs a name (None when it does not)."""
        path, name = self.session.path, self.session.draft.name
        if path is not None and not ask_name:
            return None
        title = "Save the draft as" if path is None else "Save a copy as"
        suggestion = "" if path is None and name == "untitled" else name
        from connect_tui.ui.dialogs.choice import ask
        from connect_tui.ui.dialogs.prompt import NamePrompt, check_draft_name

        prompt = NamePrompt(title, value=suggestion, check=check_draft_name)
        return ask(self.screen.app, prompt)

    async def save(
        self, *, ask_name: bool = False, asked: asyncio.Future[str | None] | None = None
    ) -> bool:
        """Save (in a worker: it may ask a name); True when the draft is now saved.

        `asked` is the name prompt already shown by `save_flow`, if any.
        """
        path, name = self.session.path, self.session.draft.name
        if asked is None and (path is None or ask_name):
            asked = self._ask_name(ask_name=ask_name)
        if asked is not None:
            chosen = await asked
            if chosen is None:
                return False
            path, name = profiles.path_for(chosen), chosen
            if path != self.session.path and path.exists():
                from connect_tui.ui.dialogs.choice import confirm

                answer = await self.screen.app.push_screen_wait(
                    confirm("Replace?", f"A draft {chosen!r} exists. Replace it?", "Replace")
                )
                if answer != "yes":
                    return False
        assert path is not None  # a draft with no file is always asked a name
        return self._write(path, name)

    def _write(self, path: Path, name: str) -> bool:
        try:
            self.session.save(path, name)
        except UserError as exc:
            self.screen.notify(f"Not saved: {exc}", severity="error", markup=False, timeout=10)
            return False
        self._bar.show_dirty(False)
        self._bar.show_name(name)
        self.screen.notify(f"Saved {display_path(path)}", markup=False)
        return True

    # -- leaving this draft -------------------------------------------------------------------

    async def confirm_leave(self, asked: asyncio.Future[str | None] | None = None) -> bool:
        """True when the draft may be left: it is saved, or the user saved or discarded it.

        `asked` is the unsaved-changes question already shown (see `_ask_leave`).
        """
        if not self.session.dirty:
            return True
        if asked is None:
            asked = self._ask_leave()
            assert asked is not None  # the draft is dirty
        choice = await asked
        if choice == "save":
            return await self.save()
        if choice == "discard":
            self.mark_clean()
            return True
        return False

    def _ask_leave(self) -> asyncio.Future[str | None] | None:
        """Ask now what to do with unsaved changes (None when there are none)."""
        if not self.session.dirty:
            return None
        from connect_tui.ui.dialogs.choice import ask, unsaved

        return ask(self.screen.app, unsaved(self.session.draft.name))

    async def quit_flow(self) -> None:
        """Quit, asking first when there are unsaved changes."""
        if self._leaving:  # already asking: one question at a time
            return
        self._leaving = True
        # The keys typed just before ctrl+q may still be on their way to the draft; then
        # the question is shown at once, so the keys typed after ctrl+q go to it.
        await settle(self.screen)
        self._run(self._leave(None, self._ask_leave()), "leave", exclusive=False)

    def open_flow(self, draft: Draft, path: Path | None, *, dirty: bool = False) -> None:
        """Open another draft, asking first when this one has unsaved changes."""
        if not self._leaving:
            self._leaving = True
            self._run(
                self._leave((draft, path, dirty), self._ask_leave()), "leave", exclusive=False
            )

    async def _leave(
        self,
        then: tuple[Draft, Path | None, bool] | None,
        asked: asyncio.Future[str | None] | None,
    ) -> None:
        self._leaving = True
        try:
            if not await self.confirm_leave(asked):
                return
        finally:
            self._leaving = False
        if then is None:
            self.screen.app.exit(0)
        else:
            self.open_draft(*then)

    def open_draft(self, draft: Draft, path: Path | None, dirty: bool = False) -> None:
        """Show `draft` (saved at `path`) in place of the current one."""
        self.session.open(draft, path, dirty=dirty)
        # The last send's ContactId belongs to the draft it was sent from.
        self._bar.show_status("")
        self.show_draft()
        self._bar.show_dirty(dirty)
        if not dirty:
            self.offer_recovery_on_open()

    def open_saved(self, name: str) -> None:
        """Open the saved draft `name` (after asking about unsaved changes)."""
        try:
            draft = profiles.load(name)
        except UserError as exc:
            self.screen.notify(str(exc), severity="error", markup=False, timeout=10)
            return
        self.open_flow(draft, profiles.path_for(name))

    def new_draft(self) -> None:
        """Start a new draft (after asking about unsaved changes)."""
        self.open_flow(new_draft(), None)

    def reopen_history(self, draft: Draft, profile: str = "", number: int = 0) -> None:
        """Open a draft made from a history entry: new and unsaved (saving asks a name)."""
        self.open_flow(draft, None, dirty=True)
        if number:
            self.screen.notify(
                f"Send #{number} of {profile!r} reopened as a new draft; ctrl+s saves it "
                "under a name of its own.",
                markup=False,
            )

    # -- the drafts picker --------------------------------------------------------------------

    def pick(self) -> None:
        """Open the drafts picker: open, new, duplicate, rename, delete."""
        session = self.session
        current = session.draft.name if session.path is not None else None
        from connect_tui.ui.screens.drafts_picker import DraftsScreen

        self.screen.app.push_screen(DraftsScreen(current), self._picked)

    def _picked(self, picked: Picked | None) -> None:
        if picked is None:
            return
        from connect_tui.ui.screens.drafts_picker import NEW, OPEN

        for old, new in picked.renamed:
            if self.session.renamed(old, new):
                self._bar.show_name(new)
        for name in picked.deleted:
            if self.session.deleted(name):
                self._bar.show_dirty(True)
                self.screen.notify(
                    f"{name!r} was deleted; it stays open here until you save or leave it.",
                    markup=False,
                )
        if picked.action == OPEN:
            self.open_saved(picked.name)
        elif picked.action == NEW:
            self.new_draft()
