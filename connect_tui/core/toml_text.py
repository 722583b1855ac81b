"""Provides dumps(): tomli-w's TOML text, byte for byte, written fast for long strings.

tomli-w escapes a string one character at a time in Python: a 1 MB body took 60 ms to
write here, on the main thread when the draft is saved and, every few seconds while typing,
in the recovery copy's thread, where it holds the interpreter lock that the key handling
needs (`python -m benchmarks.profile_write` prints both ways side by side). Here each long
string is swapped for a placeholder before tomli-w runs, then the placeholder is replaced
by the same string escaped by a few `str.replace` calls, following tomli-w's own rules (its
`format_string`): the text is what tomli-w alone writes (tests/core/test_toml_text.py
compares the two on random documents).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any, Final

#: Strings at least this long are escaped here; shorter ones are left to tomli-w (its loop
#: costs nothing at their size). Above tomli-w's 100-column line limit, so a table holding
#: the string is laid out the same with the placeholder (never as an inline table).
LONG: int = 4_096  # not Final: the tests and benchmark lower or raise it

#: tomli-w's escapes with a short form (`COMPACT_ESCAPES` in tomli_w/_writer.py).
_COMPACT: Final = {"\b": "\\b", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
#: What tomli-w escapes in a basic string: backslash (first, so the escapes added after it
#: are not escaped again), quote and every ASCII control character except tab
#: (`ILLEGAL_BASIC_STR_CHARS`); those without a short form as \uXXXX.
_ESCAPES: Final = tuple(
    (char, _COMPACT.get(char, f"\\u{ord(char):04x}"))
    for char in ["\\", '"', *map(chr, range(32)), "\x7f"]
    if char != "\t"
)


def dumps(document: Mapping[str, Any], *, multiline_strings: bool) -> str:
    """`tomli_w.dumps(document, multiline_strings=...)`, the same text, faster when
    `document` holds long strings. Raises what tomli-w raises."""
    import tomli_w

    long_strings: dict[str, str] = {}
    stand_in = _swap_long_strings(document, long_strings, f"connect-tui-{os.urandom(16).hex()}-")
    text = tomli_w.dumps(stand_in, multiline_strings=multiline_strings)
    if not long_strings:
        return text
    pieces = re.split('"(connect-tui-[0-9a-f]{32}-[0-9]+-x+)"', text)
    # Odd pieces are placeholders; each must be one of ours, found once (a string that
    # merely looked like one would have been escaped inside a longer string, not split).
    found = pieces[1::2]
    if sorted(found) != sorted(long_strings):
        return tomli_w.dumps(document, multiline_strings=multiline_strings)
    for index in range(1, len(pieces), 2):
        pieces[index] = format_string(long_strings[pieces[index]], multiline=multiline_strings)
    return "".join(pieces)


def format_string(value: str, *, multiline: bool) -> str:
    """`value` as tomli-w writes a string: a multi-line basic string when multi-line
    strings are allowed and it holds a line feed, else a basic string."""
    multiline = multiline and "\n" in value
    if multiline:
        value = value.replace("\r\n", "\n")
    # One str.replace per character present (each a C-speed scan): a body holds few kinds.
    for char, escape in _ESCAPES:
        if char in value and not (multiline and char == "\n"):
            value = value.replace(char, escape)
    return f'"""\n{value}"""' if multiline else f'"{value}"'


def _swap_long_strings(value: Any, found: dict[str, str], prefix: str) -> Any:
    """`value` with each long string value (never a key) replaced by a placeholder longer
    than a line, recorded in `found`; containers are copied, everything else kept."""
    if isinstance(value, str):
        if len(value) < LONG:
            return value
        placeholder = f"{prefix}{len(found)}-" + "x" * 100
        found[placeholder] = value
        return placeholder
    if isinstance(value, Mapping):
        return {key: _swap_long_strings(item, found, prefix) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_swap_long_strings(item, found, prefix) for item in value]
    return value
