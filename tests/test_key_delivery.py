"""Every key the app binds is one a terminal delivers as itself (issue 15, defect 5).

alt+f never opened References (a terminal sends ESC f, which Textual reads as
ctrl+right) and ctrl+h never opened History (a terminal sends it as backspace). This
goes through every binding of every screen, dialog and widget of connect_tui, encodes
each key as an xterm-compatible terminal sends it (tests/xterm_keys.py) and parses those
bytes with Textual's own key parser, and with the composer's (which reads alt+LETTER in a
burst), expecting the very key that was bound. It also checks that every key the README's
keys tables and the help screen name is one of those bindings.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterable
from pathlib import Path

import pytest
from textual._xterm_parser import XTermParser
from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.events import Key, Paste
from textual.message import Message

import connect_tui.ui
from connect_tui.ui.terminal_input import BurstSafeParser, KeyBurst
from tests.xterm_keys import xterm_bytes

README = Path(__file__).resolve().parent.parent / "README.md"


def _all_bindings() -> dict[str, set[str]]:
    """key -> the classes binding it, for every class of connect_tui.ui (all imported)."""
    for module in pkgutil.walk_packages(connect_tui.ui.__path__, "connect_tui.ui."):
        importlib.import_module(module.name)
    found: dict[str, set[str]] = {}
    pending: list[type[DOMNode]] = [DOMNode]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if not cls.__module__.startswith("connect_tui."):
            continue
        for binding in cls.__dict__.get("BINDINGS", ()):
            keys = binding.key if isinstance(binding, Binding) else binding[0]
            for key in keys.split(","):
                found.setdefault(key.strip(), set()).add(cls.__name__)
    # Textual's own keys the app documents: the command palette.
    found.setdefault(App.COMMAND_PALETTE_BINDING, set()).add("App")
    return found


BINDINGS = _all_bindings()


def _flat(messages: Iterable[Message]) -> list[Message]:
    """`messages` with each KeyBurst (the keys of one read) opened into its keys."""
    return [
        key
        for message in messages
        for key in (message.keys if isinstance(message, KeyBurst) else (message,))
    ]


def _parsed(parser: XTermParser, data: str) -> list[str]:
    messages = _flat([*parser.feed(data), *parser.feed("")])
    return [event.key for event in messages if isinstance(event, Key)]


@pytest.mark.parametrize("key", sorted(BINDINGS))
def test_a_terminal_delivers_the_bound_key_as_itself(key: str) -> None:
    where = ", ".join(sorted(BINDINGS[key]))
    data = xterm_bytes(key)
    assert data is not None, f"{key} ({where}): no terminal key sends it"
    assert _parsed(XTermParser(), data) == [key], f"{key} ({where}): sent as {data!r}"
    assert _parsed(BurstSafeParser(), data) == [key], f"{key} ({where}): sent as {data!r}"


def test_the_checker_catches_the_keys_that_never_arrived() -> None:
    assert _parsed(XTermParser(), xterm_bytes("alt+f") or "") == ["ctrl+right"]
    assert _parsed(XTermParser(), xterm_bytes("ctrl+h") or "") == ["backspace"]
    assert _parsed(XTermParser(), xterm_bytes("alt+3") or "") != ["alt+3"]
    assert xterm_bytes("ctrl+shift+z") is None


def _documented_keys(text: str) -> set[str]:
    """The keys in the first column of every Markdown table row of `text`."""
    keys: set[str] = set()
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.split("|")]
        if len(cells) < 3 or set(cells[1]) <= {"-", " "}:
            continue
        for token in re.split(r"\s*(?:/|,|\bor\b|\(|\))\s*", cells[1].replace("`", "")):
            token = token.strip()
            if re.fullmatch(r"(?:(?:ctrl|alt|shift)\+)+[a-z0-9]+|f\d+", token):
                keys.add(token)
    return keys


def test_every_key_the_readme_and_help_name_is_bound() -> None:
    from connect_tui.ui.dialogs.help import KEYS_HELP

    readme = README.read_text(encoding="utf-8")
    keys_section = readme[readme.index("## The composer") : readme.index("### Keys of your own")]
    documented = _documented_keys(keys_section) | _documented_keys(KEYS_HELP)
    # alt+LETTER of the panes table is written "alt+ | `a`": rebuild those keys.
    for line in keys_section.splitlines():
        match = re.fullmatch(r"\|[^|]+\|\s*`([a-z])`\s*\|.*", line)
        if match:
            documented.add(f"alt+{match.group(1)}")
    assert documented >= {"f5", "f9", "ctrl+s", "alt+e", "alt+a"}
    unbound = sorted(key for key in documented if key not in BINDINGS)
    assert not unbound, f"documented but not bound: {unbound}"


def _events(chunks: list[str]) -> list[tuple[str, str]]:
    """What the composer's parser makes of `chunks` read one after another."""
    parser = BurstSafeParser()
    messages = [message for chunk in chunks for message in parser.feed(chunk)]
    return [
        ("paste", message.text) if isinstance(message, Paste) else ("key", message.key)
        for message in _flat([*messages, *parser.feed("")])
        if isinstance(message, Paste | Key)
    ]


def test_a_paste_holding_escapes_arrives_whole_and_in_order() -> None:
    pasted = "one\r\x1b[31mred\x1b[0m\x1b]0;title\x07\x00 end"
    data = f"a\x1b[200~{pasted}\x1b[201~b\x1br"
    expected = [("key", "a"), ("paste", pasted.replace("\x00", "")), ("key", "b"), ("key", "alt+r")]
    assert _events([data]) == expected
    # Read in pieces, the end of the paste split across two reads included.
    cut = data.index("\x1b[201~") + 3
    assert _events([data[:9], data[9:cut], data[cut:]]) == expected


def test_the_keys_of_one_read_come_together_and_a_lone_key_as_itself() -> None:
    parser = BurstSafeParser()
    burst = list(parser.feed("ab\x7f\x1b[B\x1bm"))
    assert len(burst) == 1 and isinstance(burst[0], KeyBurst)
    assert [key.key for key in burst[0].keys] == ["a", "b", "backspace", "down", "alt+m"]
    alone = list(parser.feed("x"))
    assert len(alone) == 1 and isinstance(alone[0], Key) and alone[0].key == "x"
    # A paste between keys splits them: the keys before it, the paste, the keys after it.
    kinds = [type(m).__name__ for m in parser.feed("ab\x1b[200~p\x1b[201~cd")]
    assert kinds == ["KeyBurst", "Paste", "KeyBurst"]
