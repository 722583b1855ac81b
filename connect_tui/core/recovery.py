"""Provides crash-recovery copies of unsaved drafts, kept in the recovery folder.

While a draft has unsaved changes the composer writes a copy every few seconds
(atomically, mode 0600, as profile text); saving or discarding the changes deletes it.
On the next start, a copy found for the draft being opened is offered back. Each draft
has one key: its profile name, a digest of its file path when it lives elsewhere, or
`_new` for a draft that was never saved (no profile name can start with `_`).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from connect_tui.core import paths, profiles
from connect_tui.core.files import UserError, atomic_write, read_text
from connect_tui.core.model import Draft

#: The key of a draft that has no file yet.
UNSAVED: Final = "_new"


@dataclass(frozen=True)
class Recovered:
    """A recovery copy found on disk: the draft it holds and when it was written."""

    draft: Draft
    path: Path
    modified: float


def key_for(path: Path | None) -> str:
    """The recovery key of the draft saved at `path` (None: a draft never saved)."""
    if path is None:
        return UNSAVED
    if path.parent == paths.profiles_dir():
        return profiles.name_for(path)
    # Imported here: hashlib loads OpenSSL, 2% of the composer's first frame (issue 13),
    # and a profile's own draft (the usual start) needs no digest.
    import hashlib

    digest = hashlib.sha256(str(path.expanduser().resolve()).encode()).hexdigest()[:16]
    return f"_file-{digest}"


def path_for(key: str) -> Path:
    """The file holding the recovery copy for `key`."""
    return paths.recovery_dir() / f"{key}{profiles.SUFFIX}"


def write(key: str, draft: Draft) -> None:
    """Write the recovery copy of `draft` (atomic, 0600); ProfileError if it cannot be."""
    write_text(key, profiles.dumps(draft))


def write_text(key: str, text: str) -> None:
    """Write `text` (a draft's profile text) as the recovery copy for `key` (atomic, 0600)."""
    folder = paths.ensure_private_dir(paths.recovery_dir())
    try:
        atomic_write(folder / f"{key}{profiles.SUFFIX}", text.encode("utf-8"))
    except OSError as exc:
        raise profiles.ProfileError(
            f"{folder}: cannot keep a recovery copy: {exc.strerror or exc}"
        ) from None


def find(key: str) -> Recovered | None:
    """The recovery copy for `key`, or None when there is none or it cannot be read."""
    path = path_for(key)
    if not path.is_file():
        return None
    try:
        text = read_text(path, limit=profiles.MAX_PROFILE_BYTES, what="recovery copy")
        draft = profiles.loads(text, source=str(path), default_name=key)
        return Recovered(draft, path, path.stat().st_mtime)
    except (UserError, OSError):
        return None  # a damaged copy is not worth an error: the saved profile is intact


def discard(key: str) -> None:
    """Delete the recovery copy for `key`, if there is one."""
    with contextlib.suppress(OSError):
        path_for(key).unlink()
