"""Provides `xterm_bytes(key)`: what an xterm-compatible terminal sends for a Textual key name.

This is the terminal's side of a key, written from xterm's documented encoding (ctlseqs,
"PC-Style Function Keys" and "Alt and Meta keys", the same in tmux, GNOME Terminal,
iTerm2, Windows Terminal): a letter is itself, ctrl+letter is its C0 control byte, alt+X
is ESC X, and the function and cursor keys are CSI/SS3 sequences whose parameter
`1 + shift + 2*alt + 4*ctrl` carries the modifiers. Tests feed these bytes to Textual's
own key parser to learn which key the app really receives (tests/test_key_delivery.py),
and type bursts of keys through it (tests/ui/keys_burst.py).
"""

from __future__ import annotations

#: Keys sent the same with or without modifiers apart from the CSI parameter.
_CSI_LETTER = {"up": "A", "down": "B", "right": "C", "left": "D", "home": "H", "end": "F"}
_CSI_TILDE = {
    "insert": 2,
    "delete": 3,
    "pageup": 5,
    "pagedown": 6,
    "f5": 15,
    "f6": 17,
    "f7": 18,
    "f8": 19,
    "f9": 20,
    "f10": 21,
    "f11": 23,
    "f12": 24,
}
_SS3 = {"f1": "P", "f2": "Q", "f3": "R", "f4": "S"}
_PLAIN = {
    "enter": "\r",
    "tab": "\t",
    "escape": "\x1b",
    "backspace": "\x7f",
    "space": " ",
}
#: Textual's names for printable characters that are not letters or digits.
_NAMED_CHARACTERS = {
    "exclamation_mark": "!",
    "question_mark": "?",
    "slash": "/",
    "full_stop": ".",
    "comma": ",",
    "minus": "-",
    "plus": "+",
    "underscore": "_",
    "colon": ":",
    "semicolon": ";",
    "equals_sign": "=",
    "number_sign": "#",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
}


def xterm_bytes(key: str) -> str | None:
    """The characters an xterm sends for the Textual key `key`; None if it sends nothing.

    None means a plain terminal has no way to send that key at all (ctrl+shift+letter,
    ctrl+digit, super+...): such a key can only be a second key of a binding.
    """
    *modifiers, name = key.split("+") if key != "+" else ["+"]
    mods = set(modifiers)
    if mods - {"shift", "alt", "ctrl"}:
        return None
    parameter = 1 + ("shift" in mods) + 2 * ("alt" in mods) + 4 * ("ctrl" in mods)
    if name in _CSI_LETTER:
        letter = _CSI_LETTER[name]
        return f"\x1b[{letter}" if parameter == 1 else f"\x1b[1;{parameter}{letter}"
    if name in _CSI_TILDE:
        number = _CSI_TILDE[name]
        return f"\x1b[{number}~" if parameter == 1 else f"\x1b[{number};{parameter}~"
    if name in _SS3:
        letter = _SS3[name]
        return f"\x1bO{letter}" if parameter == 1 else f"\x1b[1;{parameter}{letter}"
    if name == "tab" and mods == {"shift"}:
        return "\x1b[Z"
    if name in _PLAIN:
        if mods - {"alt"}:
            return None
        return ("\x1b" if "alt" in mods else "") + _PLAIN[name]
    character = _NAMED_CHARACTERS.get(name, name)
    if len(character) != 1:
        return None
    if "ctrl" in mods:
        if "shift" in mods or not character.isalpha() or not character.isascii():
            return None  # ctrl+shift+x and ctrl+digit have no byte of their own
        character = chr(ord(character.upper()) & 0x1F)
    elif "shift" in mods:
        if not character.isalpha():
            return None
        character = character.upper()
    return ("\x1b" if "alt" in mods else "") + character


def xterm_keys(*keys: str) -> str:
    """The bytes of several keys in a row (a key name, or several characters typed as text).

    A name with a `+`, or a name the encoder knows (`tab`, `f5`, `up`), is one key;
    anything else is typed character by character.
    """
    out = []
    for key in keys:
        known = "+" in key and key != "+" or key in _PLAIN or key in _CSI_LETTER
        known = known or key in _CSI_TILDE or key in _SS3
        encoded = xterm_bytes(key) if known else None
        if known and encoded is None:
            raise ValueError(f"a terminal cannot send {key!r}")
        out.append(encoded if encoded is not None else key)
    return "".join(out)
