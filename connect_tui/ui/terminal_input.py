"""Provides BurstSafeParser: Textual's terminal key parser, made safe for keys typed in a burst.

A terminal sends alt+LETTER as ESC LETTER. Textual's parser (textual 8.2.8) waits after
ESC LETTER to see whether more of a sequence follows; when the next byte is a control
key or another ESC (alt+r then ctrl+n, alt+r then alt+a, read in one chunk, as at full
typing speed, a paste of keys or tmux send-keys), it gives up and reissues the pair as
the two keys `^` and LETTER, which a field then types as text. (Upstream:
https://github.com/Textualize/textual/pull/570 chose `^` for an unmatched ESC.)

BurstSafeParser rewrites each complete ESC LETTER pair in what it is fed into the same
key in the kitty keyboard protocol's form (`CSI codepoint ; 3 u`, 3 = alt), which the
parser reads at once and as alt+LETTER, whatever follows. ESC f and ESC b are left as
they are (Textual reads them as ctrl+right / ctrl+left, as iTerm sends them).

A bracketed paste is read here too, whole, and never by Textual's parser: that parser reads
an ESC inside a paste as the start of a key sequence, so a pasted `ESC[31mred` became the
typed keys `^[31mred`, delivered before the paste's earlier text. A paste is text from
elsewhere: it arrives as one Paste event holding exactly what was pasted (less NUL, as
Textual's own parser drops it), and is shown escaped where it is drawn.

The keys of one read (fast typing, a key held down, `send-keys`) are passed on together, as
one KeyBurst, so that the app handles them in one go (connect_tui.ui.key_burst); a key read
alone is passed on as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Final

from textual import constants, events
from textual._xterm_parser import XTermParser
from textual.message import Message

ESC: Final = "\x1b"
PASTE_START: Final = "\x1b[200~"
PASTE_END: Final = "\x1b[201~"
#: The letters whose ESC LETTER Textual reads as something else (word motions).
_KEPT: Final = frozenset("fb")


def rewrite_alt_letters(data: str) -> str:
    """`data` (keys, no paste) with each ESC + lowercase letter as a kitty alt key."""
    out: list[str] = []
    index, size = 0, len(data)
    while index < size:
        character = data[index]
        if character == ESC and index + 1 < size:
            letter = data[index + 1]
            if "a" <= letter <= "z" and letter not in _KEPT:
                out.append(f"\x1b[{ord(letter)};3u")
                index += 2
                continue
        out.append(character)
        index += 1
    return "".join(out)


class KeyBurst(Message):
    """Keys the terminal delivered in one read, in the order they were typed."""

    def __init__(self, keys: Sequence[events.Key]) -> None:
        super().__init__()
        self.keys = tuple(keys)


def group_keys(messages: Iterable[Message]) -> Iterator[Message]:
    """`messages` (what one read parsed into), each run of 2 or more keys made one KeyBurst."""
    keys: list[events.Key] = []
    for message in messages:
        if isinstance(message, events.Key):
            keys.append(message)
            continue
        if keys:
            yield keys[0] if len(keys) == 1 else KeyBurst(keys)
            keys = []
        yield message
    if keys:
        yield keys[0] if len(keys) == 1 else KeyBurst(keys)


def _partial_end(data: str) -> int:
    """How many characters at the end of `data` could begin PASTE_END (kept for the next read)."""
    for size in range(min(len(PASTE_END) - 1, len(data)), 0, -1):
        if PASTE_END.startswith(data[-size:]):
            return size
    return 0


class BurstSafeParser(XTermParser):
    """XTermParser that reads alt+LETTER right even when another key follows at once, and
    a bracketed paste whole, ESC and all."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: The text of a paste still open (None: no paste open).
        self._paste: list[str] | None = None
        #: The start of what may be PASTE_END, held back until the next read.
        self._held = ""

    def feed(self, data: str) -> Iterable[Message]:
        """Parse `data` (see the module notes for what is rewritten and what is read here)."""
        return group_keys(self._parse(data))

    def _parse(self, data: str) -> Iterable[Message]:
        if not data:  # the end of input: Textual's parser finishes what it holds
            yield from super().feed(data)
            return
        data, self._held = self._held + data, ""
        while data:
            if self._paste is None:
                # A PASTE_START split across two reads (not seen from terminals, which write
                # it whole) is left to Textual's parser, as before.
                start = data.find(PASTE_START)
                keys = data if start < 0 else data[:start]
                if keys:
                    yield from super().feed(self._keys(keys))
                if start < 0:
                    return
                self._paste, data = [], data[start + len(PASTE_START) :]
                continue
            end = data.find(PASTE_END)
            if end < 0:
                held = _partial_end(data)
                self._paste.append(data[: len(data) - held])
                self._held = data[len(data) - held :]
                return
            self._paste.append(data[:end])
            pasted, self._paste = "".join(self._paste), None
            yield events.Paste(pasted.replace("\x00", ""))
            data = data[end + len(PASTE_END) :]

    @staticmethod
    def _keys(data: str) -> str:
        """Keys as the parser should read them (alt+LETTER rewritten unless kitty is off)."""
        return data if constants.DISABLE_KITTY_KEY else rewrite_alt_letters(data)


def install() -> None:
    """Make Textual's terminal drivers read keys with BurstSafeParser (before `App.run`)."""
    from textual.drivers import linux_driver

    linux_driver.XTermParser = BurstSafeParser  # type: ignore[attr-defined]
