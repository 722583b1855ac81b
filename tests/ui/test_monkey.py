"""A monkey at the keyboard: seeded random keys through Pilot, thousands a run.

Letters, pastes, tab, arrows, enter, escape, every key the composer binds (so dialogs open
and random keys answer them), f5 to the embedded sandbox. Whatever happens, the app must
not raise, and the draft it holds must still save and load back equal. A failure names
its seed; `MONKEY_SEED=N pytest tests/ui/test_monkey.py` plays that seed alone (and
`MONKEY_KEYS=N` changes how many keys a seed plays).
"""

from __future__ import annotations

import asyncio
import os
import random
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

from connect_tui.core import profiles
from connect_tui.ui.app import ComposerApp
from connect_tui.ui.screens.composer import PANE_KEYS
from tests.ui.composer_pilot import ready

pytestmark = pytest.mark.slow

#: Seeds a CI run plays (MONKEY_SEED replaces them with one).
SEEDS = (1, 2, 3)
#: Keys a seed plays (MONKEY_KEYS overrides).
KEYS_PER_SEED = int(os.environ.get("MONKEY_KEYS", "600"))

TEXT_KEYS = list("abcdefxyz019") + ["at", "full_stop", "space", "minus", "dollar_sign"]
MOVES = ["tab", "shift+tab", "up", "down", "left", "right", "home", "end", "backspace"]
ANSWERS = ["enter", "escape", "y", "n", "c", "d", "s", "o", "r", "a", "A", "e", "x", "j"]
#: Every key the composer and its panes bind (ctrl+q's quit is caught, see below).
BOUND = [
    "ctrl+n", "ctrl+d", "alt+up", "alt+down", "ctrl+s", "ctrl+o", "f9", "f1", "f6",
    "ctrl+pageup", "ctrl+pagedown", "ctrl+q", "ctrl+p", "delete", "space",
    *PANE_KEYS.values(),
]  # fmt: skip
PASTES = [
    "ann@example.com, ben@example.com; cat@example.com\ndan@example.com",
    "${order}",
    "[bold]not markup[/bold]",
    "line one\nline two\n",
    "ünïcødé ✓ 😀",
    "x" * 300,
]


def monkey_keys(seed: int, count: int) -> list[str | tuple[str, str]]:
    """`count` keys (a tuple ("paste", text) is a paste), the same for the same seed."""
    chance = random.Random(seed)
    keys: list[str | tuple[str, str]] = []
    while len(keys) < count:
        roll = chance.random()
        if roll < 0.45:
            keys.append(chance.choice(TEXT_KEYS))
        elif roll < 0.65:
            keys.append(chance.choice(MOVES))
        elif roll < 0.80:
            keys.append(chance.choice(ANSWERS))
        elif roll < 0.97:
            keys.append(chance.choice(BOUND))
        elif roll < 0.99:
            keys.append(("paste", chance.choice(PASTES)))
        else:
            keys.append("f5")  # a send to the embedded sandbox (refused while errors remain)
    return keys


def _seeds() -> list[int]:
    chosen = os.environ.get("MONKEY_SEED")
    return [int(chosen)] if chosen else list(SEEDS)


def key_event(key: str) -> events.Key:
    """The Key event a terminal's key press becomes (as Pilot makes it)."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char: str | None = unicodedata.lookup(
            _get_unicode_name_from_key(REPLACED_KEYS.get(key, key))
        )
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


async def _play(
    app: ComposerApp, pilot: Any, keys: list[str | tuple[str, str]], seed: int
) -> list[str]:
    """Send the keys in bursts of 1 to 8 with no wait inside a burst (as a fast typist's
    terminal delivers them), a few milliseconds between bursts, and now and then a pause
    until the app is idle (so it never falls far behind)."""
    chance = random.Random(-seed)
    played: list[str] = []
    index = bursts = 0
    while index < len(keys):
        burst = keys[index : index + chance.randint(1, 8)]
        index += len(burst)
        for key in burst:
            if isinstance(key, tuple):
                event: events.Event = events.Paste(key[1])
                played.append(f"paste {key[1]!r}")
            else:
                event = key_event(key)
                played.append(key)
            event.set_sender(app)
            app.post_message(event)
        bursts += 1
        if app.return_code is not None:
            break  # the app died (or quit): the keys just played are the ones to look at
        if bursts % 8:
            await asyncio.sleep(0.003)
        else:
            await pilot.pause()
    await pilot.pause()
    return played


@pytest.mark.parametrize("seed", _seeds())
async def test_random_keys_never_break_the_app_or_the_draft(
    seed: int, profiles_dir: Path, tmp_path: Path
) -> None:
    keys = monkey_keys(seed, KEYS_PER_SEED)
    app = ComposerApp()
    quits: list[Any] = []
    played: list[str] = []
    replay = f"replay with MONKEY_SEED={seed} pytest {__file__}"
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await ready(pilot)
            # Quitting would end the run: note it and stay (the quit flow itself still runs).
            app.exit = lambda *args, **kwargs: quits.append(args)  # type: ignore[method-assign]
            played = await _play(app, pilot, keys, seed)
            await pilot.pause()
            draft = app.composer.draft.copy()
    except Exception as exc:
        raise AssertionError(f"seed {seed}: {exc!r} after keys {played[-20:]}; {replay}") from exc
    saved = tmp_path / "monkey.toml"
    draft.name = "monkey"
    try:
        profiles.save(draft, saved)
        loaded = profiles.load(saved)
    except Exception as exc:
        message = f"seed {seed}: the draft does not save and load: {exc}; {replay}"
        raise AssertionError(message) from exc
    assert loaded == draft, f"seed {seed}: the draft came back different; {replay}"
