"""Provides careful file reading and atomic writing, with one-line errors that name the file.

Reading refuses what is not a regular file (a FIFO would hang, a device never ends),
what is too large and what is not UTF-8. Writing goes to a temporary file beside the
target, is flushed to disk, then renamed over it: a failed write leaves the old file
exactly as it was and no temporary file behind.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


class UserError(Exception):
    """A mistake in what the user gave (a file, a field, a flag): shown as one line, no traceback.

    `exit_code` is what a headless verb exits with when this error ends it.
    """

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code

    def __str__(self) -> str:
        return str(self.args[0])


def regular_file(
    path: Path, *, what: str = "file", label: str | None = None, error: type[UserError] = UserError
) -> os.stat_result:
    """The stat of `path` when it is a regular file; else `error` naming it (as `label`)
    and what is wrong: missing, unreadable, a folder, a FIFO or a device."""
    name = str(path) if label is None else label
    try:
        info = path.stat()
    except FileNotFoundError:
        raise error(f"{name}: no such {what}") from None
    except OSError as exc:
        raise error(f"{name}: cannot read: {exc.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise error(f"{name}: is a folder, not a {what}")
    if not stat.S_ISREG(info.st_mode):
        raise error(f"{name}: is not a regular file")
    return info


def read_text(path: Path, *, limit: int, what: str = "file") -> str:
    """The text of a UTF-8 `path`, or UserError naming the file and what is wrong with it."""
    info = regular_file(path, what=what)
    if info.st_size > limit:
        raise UserError(f"{path}: is {info.st_size:,} bytes; a {what} may be at most {limit:,}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"{path}: cannot read: {exc.strerror}") from None
    return decode_utf8(data, str(path))


def decode_utf8(data: bytes, source: str) -> str:
    """`data` decoded as UTF-8, or UserError giving the line and column of the first bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise UserError(
            f"{source}:{line}:{column}: not UTF-8 text (byte 0x{data[exc.start]:02x})"
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise UserError(f"{source}:{line}: contains a NUL byte; not a text file")
    return text.removeprefix("\ufeff")


def atomic_write(path: Path, data: bytes, *, mode: int = 0o600) -> None:
    """Write `data` to `path` all at once: temp file, fsync, rename. Never half-written."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    # The rename is durable only once the folder's entry is on disk too.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
