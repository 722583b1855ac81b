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
they are (Textual reads them as ctrl+right / ctrl+left, as iTerm sends them), and so is
anything inside a bracketed paste.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from textual import constants
from textual._xterm_parser import XTermParser
from textual.message import Message

ESC: Final = "\x1b"
PASTE_START: Final = "\x1b[200~"
PASTE_END: Final = "\x1b[201~"
#: The letters whose ESC LETTER Textual reads as something else (word motions).
_KEPT: Final = frozenset("fb")


def rewrite_alt_letters(data: str, in_paste: bool = False) -> tuple[str, bool]:
    """`data` with each ESC + lowercase letter as a kitty alt key; and whether a paste is open."""
    out: list[str] = []
    index, size = 0, len(data)
    while index < size:
        if in_paste:
            end = data.find(PASTE_END, index)
            if end < 0:
                out.append(data[index:])
                break
            out.append(data[index : end + len(PASTE_END)])
            index, in_paste = end + len(PASTE_END), False
            continue
        if data.startswith(PASTE_START, index):
            out.append(PASTE_START)
            index, in_paste = index + len(PASTE_START), True
            continue
        character = data[index]
        if character == ESC and index + 1 < size:
            letter = data[index + 1]
            if "a" <= letter <= "z" and letter not in _KEPT:
                out.append(f"\x1b[{ord(letter)};3u")
                index += 2
                continue
        out.append(character)
        index += 1
    return "".join(out), in_paste


class BurstSafeParser(XTermParser):
    """XTermParser that reads alt+LETTER right even when another key follows at once."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._in_paste = False

    def feed(self, data: str) -> Iterable[Message]:
        """Parse `data` (see the module notes for what is rewritten first)."""
        if data and not constants.DISABLE_KITTY_KEY:
            data, self._in_paste = rewrite_alt_letters(data, self._in_paste)
        return super().feed(data)


def install() -> None:
    """Make Textual's terminal drivers read keys with BurstSafeParser (before `App.run`)."""
    from textual.drivers import linux_driver

    linux_driver.XTermParser = BurstSafeParser  # type: ignore[attr-defined]
