"""Provides text that is safe to show: control characters become visible escapes, never obeyed.

Text from a profile, a request or a reply may hold terminal escapes (`ESC ] 0;title BEL`
retitles a terminal, `ESC [2J` clears it), 8-bit C1 controls (U+009B is a one-character
CSI), bidi overrides that reorder what a reader sees (U+202E), or lone surrogates that
no terminal encoding can carry. Whatever shows such text (the verbs, the sandbox's
messages, the composer) passes it through here first:

- `shown(text)`: one line for people, each such character as `\\x1b` or `\\u202e`
  (newlines too; `multiline=True` keeps newlines and tabs);
- `dumps(value)`: JSON with those characters as `\\u009b` escapes, which a JSON reader
  decodes back to the very same text (lossless, unlike `shown`);
- `SafeStream`: a text stream wrapper that applies `shown(multiline=True)` to whatever
  is written, the last guard of a verb's stdout and stderr.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from typing import IO, Any, Final

#: Bidi embeddings, overrides and isolates (Unicode UAX #9), and the line and
#: paragraph separators that would break a line a reader takes for one.
_FORMAT_CONTROLS: Final = (
    list(range(0x202A, 0x202F)) + list(range(0x2066, 0x206A)) + [0x200E, 0x200F, 0x061C]
)
_SEPARATORS: Final = [0x2028, 0x2029]

#: Every code point that must never reach a terminal as itself (newline and tab included:
#: the one-line form escapes them, the multi-line form keeps them).
_NARROW_POINTS: Final = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]
_WIDE_POINTS: Final = [
    *_FORMAT_CONTROLS,
    *_SEPARATORS,
    *range(0xD800, 0xE000),  # lone surrogates: no UTF-8 for them
]


#: Python's own short spellings, as repr() writes them.
_SHORT: Final = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}


def escape(code_point: int) -> str:
    """The visible escape of one code point, as repr() spells it: `\\n`, `\\x1b`, `\\u202e`."""
    if code_point in _SHORT:
        return _SHORT[code_point]
    return f"\\x{code_point:02x}" if code_point <= 0xFF else f"\\u{code_point:04x}"


# Above U+00FF (2,048 surrogates, most of them) an escape is `\\uXXXX` in both forms:
# made once, by map and str.format, not by a call of escape() per code point (these
# tables are built at every start, before the composer's first frame: issue 13).
_WIDE: Final[dict[int, str]] = dict(
    zip(_WIDE_POINTS, map("\\u{:04x}".format, _WIDE_POINTS), strict=True)
)

#: str.translate table, multi-line: newline and tab kept (the composer's widgets use it).
MULTILINE: Final[dict[int, str]] = {
    cp: escape(cp) for cp in _NARROW_POINTS if cp not in (0x09, 0x0A)
}
MULTILINE.update(_WIDE)


@cache
def _one_line() -> dict[int, str]:
    """The one-line str.translate table: MULTILINE with newline and tab escaped too (made
    when first used: the composer's first frame needs only MULTILINE, issue 13)."""
    return {**MULTILINE, 0x09: escape(0x09), 0x0A: escape(0x0A)}


@cache
def _json_in_strings() -> dict[int, str]:
    """`dumps`'s table: the unsafe characters JSON itself leaves raw (it escapes C0), as
    JSON's own `\\uXXXX` escapes."""
    table = {cp: f"\\u{cp:04x}" for cp in _NARROW_POINTS if cp >= 0x20}
    table.update(_WIDE)
    return table


def _any_of(points: Iterable[int]) -> re.Pattern[str]:
    """A pattern matching any one of `points` (a character class of ranges)."""
    ranges: list[list[int]] = []
    for point in sorted(points):
        if ranges and ranges[-1][1] == point - 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    spans = (
        re.escape(chr(low)) if low == high else f"{re.escape(chr(low))}-{re.escape(chr(high))}"
        for low, high in ranges
    )
    return re.compile(f"[{''.join(spans)}]")


#: Each translate table's pattern, by the table's identity (the tables are this module's
#: own, made once and kept: an id is never reused for another).
_PATTERNS: dict[int, re.Pattern[str]] = {}


def _translated(text: str, table: dict[int, str]) -> str:
    """`text.translate(table)`, skipped when no character of the table is in `text`.

    Translating looks each character up in the table, 1.2 ms for the 38,000 characters of
    the largest draft's attributes on every key; a pattern finds that none is there in a
    twelfth of that (and text to be shown almost never holds one)."""
    pattern = _PATTERNS.get(id(table))
    if pattern is None:
        pattern = _PATTERNS[id(table)] = _any_of(table)
    if pattern.search(text) is None:
        return text
    return text.translate(table)


def __getattr__(name: str) -> Any:
    """ONE_LINE (the one-line table) and UNSAFE (every unsafe code point), made when asked."""
    if name == "ONE_LINE":
        return _one_line()
    if name == "UNSAFE":
        return frozenset(_NARROW_POINTS + _WIDE_POINTS)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def shown(text: object, *, multiline: bool = False) -> str:
    """`text` (made a str) with every unsafe character as a visible escape."""
    return _translated(str(text), MULTILINE if multiline else _one_line())


def is_safe(text: str, *, multiline: bool = False) -> bool:
    """True when `text` holds nothing `shown` would escape."""
    return shown(text, multiline=multiline) == text


def dumps(value: Any, **options: Any) -> str:
    """`json.dumps(value, ensure_ascii=False, **options)` with unsafe characters escaped.

    JSON already escapes C0 controls; this escapes DEL, C1, bidi controls and lone
    surrogates as `\\uXXXX` too, inside strings, where JSON allows them: a reader gets
    back exactly the same value, and a terminal never sees them raw.
    """
    options.setdefault("ensure_ascii", False)
    text = json.dumps(value, **options)
    # Outside strings JSON has only ASCII punctuation, digits and whitespace (newlines of
    # `indent`), none of which is escaped here, so a plain translate is exact.
    return _translated(text, _json_in_strings())


class SafeStream:
    """A text stream that writes `shown(text, multiline=True)` to the stream it wraps."""

    def __init__(self, wrapped: IO[str]) -> None:
        self.wrapped = wrapped

    def write(self, text: str) -> int:
        """Write `text` with unsafe characters escaped; returns len(text), as streams do."""
        self.wrapped.write(text.translate(MULTILINE))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        # flush, isatty, fileno, encoding, buffer...: the wrapped stream's own.
        return getattr(self.wrapped, name)
