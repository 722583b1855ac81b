"""Provides DraftSession: the draft a user is editing, where it is saved, and what is unsaved.

The composer screen holds one; it has no Textual in it, so opening, saving, recovery and
the command line's target override are tested without a screen (tests/core/test_session.py).

- `draft` is what the screen edits; `path` is its profile file (None until first saved).
- `dirty` says there are changes the file does not have; while it is true a recovery copy
  is written (`write_recovery`, which the screen calls on a timer); saving or discarding
  removes it, and opening a draft that has one offers it back (`pending_recovery`).
- The session's target override (`--region`, `--sandbox`, ...) applies to every draft
  opened in the session and is never saved: `draft.target` shows where sends go, and
  `save` writes the file's own target back unless the user changed it.
"""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

from connect_tui.core import profiles, recovery
from connect_tui.core.files import UserError
from connect_tui.core.model import Draft, Target
from connect_tui.core.target_override import TargetOverride


@dataclasses.dataclass(frozen=True)
class RecoveryCopy:
    """What a recovery copy is to hold: a copy of the draft taken at one moment."""

    key: str
    draft: Draft
    #: Which saved-or-discarded state of the session it belongs to (see `keep_recovery`).
    generation: int
    #: Taken after every copy with a lower number (an older one never overwrites it).
    sequence: int


class DraftSession:
    """One draft being edited: the draft, its file, its unsaved state and its recovery copy."""

    def __init__(
        self,
        draft: Draft,
        path: Path | None = None,
        override: TargetOverride | None = None,
        *,
        dirty: bool = False,
    ) -> None:
        #: The command line's target options, for every draft opened in this session.
        self.override = override or TargetOverride()
        self.draft = draft
        self.path = path
        self.dirty = dirty
        #: The target written in the draft's file, when the override replaced it.
        self.file_target: Target | None = None
        self._recovery_stale = dirty
        # A recovery copy may be written in another thread (`keep_recovery`): the lock and
        # the counters keep a late one from landing after a save or a newer copy.
        self._recovery_lock = threading.Lock()
        self._recovery_generation = 0
        self._recovery_taken = 0
        self._recovery_written = 0
        self._apply_override()

    # -- opening --------------------------------------------------------------------------------

    def open(self, draft: Draft, path: Path | None, *, dirty: bool = False) -> None:
        """Edit `draft` (saved at `path`) from now on, with the session's target override."""
        self.draft, self.path = draft, path
        self.dirty = self._recovery_stale = dirty
        with self._recovery_lock:
            self._recovery_generation += 1
        self._apply_override()

    def _apply_override(self) -> None:
        self.file_target = None
        try:
            target = self.override.apply(self.draft.target)
        except UserError:
            return  # checked before the session started; nothing new can be wrong here
        if target != self.draft.target:
            self.file_target = self.draft.target
            self.draft.target = target

    @property
    def overridden_target(self) -> Target | None:
        """The target the override put in place of the file's (None when it did not)."""
        if self.file_target is None:
            return None
        try:
            return self.override.apply(self.file_target)
        except UserError:
            return None

    # -- unsaved changes and the recovery copy ----------------------------------------------------

    @property
    def recovery_key(self) -> str:
        """The key of this draft's recovery copy."""
        return recovery.key_for(self.path)

    def mark_dirty(self) -> None:
        """The draft has changes that are not saved."""
        self.dirty = True
        self._recovery_stale = True

    def mark_clean(self) -> None:
        """The draft is as saved, or its changes were discarded: no recovery copy is kept."""
        self.dirty = False
        self._recovery_stale = False
        with self._recovery_lock:
            self._recovery_generation += 1  # a copy being written now is dropped
            recovery.discard(self.recovery_key)

    def write_recovery(self) -> bool:
        """Write the recovery copy if the draft changed since the last one; True if written.
        A copy taken but not written yet (another thread is still writing it) counts as not
        written: the crash handler calls this, and the copy must be on disk when it returns.

        UserError when it cannot be written (the caller tells the user once).
        """
        with self._recovery_lock:
            if self._recovery_taken > self._recovery_written:
                self._recovery_stale = True
        copy = self.take_recovery()
        if copy is None:
            return False
        self.keep_recovery(copy)
        return True

    def take_recovery(self) -> RecoveryCopy | None:
        """A copy of the draft for the recovery copy if it changed since the last one, else
        None. Cheap (a deep copy, 2 ms for the largest draft); `keep_recovery` then writes it,
        which takes a few milliseconds for a 1 MB body (`benchmarks.profile_write`)
        and may run in another thread."""
        if not (self.dirty and self._recovery_stale):
            return None
        self._recovery_stale = False
        with self._recovery_lock:
            self._recovery_taken += 1
            generation, sequence = self._recovery_generation, self._recovery_taken
        return RecoveryCopy(self.recovery_key, self.draft.copy(), generation, sequence)

    def keep_recovery(self, copy: RecoveryCopy) -> None:
        """Write `copy` as the recovery copy, unless the draft was saved or discarded since it
        was taken, or a newer copy is written already. UserError when it cannot be written
        (then the next `take_recovery` takes one again)."""
        try:
            text = profiles.dumps(copy.draft)
            with self._recovery_lock:
                if (
                    copy.generation == self._recovery_generation
                    and copy.sequence > self._recovery_written
                ):
                    recovery.write_text(copy.key, text)
                    self._recovery_written = copy.sequence
        except UserError:
            self._recovery_stale = True
            raise

    def pending_recovery(self) -> recovery.Recovered | None:
        """A recovery copy of this draft worth offering, or None.

        A copy that holds nothing the file does not have is removed instead of offered.
        """
        found = recovery.find(self.recovery_key)
        if found is None:
            return None
        if self.path is not None and self.path.exists():
            try:
                if profiles.dumps(found.draft) == self.path.read_text(encoding="utf-8"):
                    recovery.discard(self.recovery_key)
                    return None
            except (OSError, UserError):
                pass
        return found

    def restore(self, found: recovery.Recovered) -> None:
        """Edit the recovered draft in place of the file's: unsaved until saved."""
        self.draft = found.draft
        self._apply_override()
        self.mark_dirty()

    def discard_recovery(self) -> None:
        """Remove this draft's recovery copy (the user chose not to restore it)."""
        recovery.discard(self.recovery_key)

    # -- saving -----------------------------------------------------------------------------------

    def save(self, path: Path, name: str) -> None:
        """Save the draft as `name` at `path`; afterwards it is the draft's file, and clean.

        The file keeps its own target when the one in the draft is only the session's
        override. UserError when it cannot be saved: then nothing changed, here or on disk.
        """
        to_save = self.draft.copy()
        to_save.name = name
        overridden = self.overridden_target
        if self.file_target is not None and to_save.target == overridden:
            to_save.target = dataclasses.replace(self.file_target)
        profiles.save(to_save, path)
        old_key = self.recovery_key
        self.draft.name, self.path = name, path
        recovery.discard(old_key)
        self.mark_clean()

    # -- the saved drafts changing under it --------------------------------------------------------

    def is_saved_as(self, name: str) -> bool:
        """True when this draft's file is the saved profile `name`."""
        return self.path is not None and self.path == profiles.path_for(name)

    def renamed(self, old: str, new: str) -> bool:
        """The profile `old` was renamed `new`; follow it if it is this draft's. True if so."""
        if not self.is_saved_as(old):
            return False
        recovery.discard(self.recovery_key)
        self.draft.name, self.path = new, profiles.path_for(new)
        self._recovery_stale = self.dirty
        return True

    def deleted(self, name: str) -> bool:
        """The profile `name` was deleted; if it was this draft's, the draft is now unsaved."""
        if not self.is_saved_as(name):
            return False
        self.mark_dirty()
        return True
