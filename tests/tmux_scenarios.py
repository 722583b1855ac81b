"""Provides full-speed scenarios for the composer in a real terminal, and the runner that plays them.

A scenario is what a fast user does: whole bursts of keys and bracketed pastes sent in
one tmux command, with no pause between keys (tmux writes them into the terminal as one
stream, the way a person typing ahead or a paste does). Waits happen only where a user
would wait too: for the first frame, and for the "Saved" notice at the end. Each
scenario then compares the saved profile file with the file the scenario expects, byte
for byte; the expected file is made by core's own `profiles.dumps` from a Draft edited
in Python the way the keys edit it on screen.

`python -m tests.tmux_scenarios NAME [WxH]` plays one scenario and prints the screen and
the difference, to write or debug a scenario by hand; with SCENARIO_PAUSE=0.3 in the
environment every key goes alone with that pause after it (a scenario that passes slowly
and fails at full speed has found a defect).
"""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from connect_tui.core import profiles
from connect_tui.core.defaults import new_draft
from connect_tui.core.model import Draft
from tests.tmux_session import TmuxError, TmuxSession

#: The first frame has come and the model is loaded: every pane is mounted and checked.
READY = "Problems:"
SAVED = "Saved "


@dataclass(frozen=True)
class Keys:
    """tmux key names and literal text, sent in one `send-keys` (text is any non-key-name arg)."""

    keys: tuple[str, ...]

    def __init__(self, *keys: str) -> None:
        object.__setattr__(self, "keys", keys)


@dataclass(frozen=True)
class Text:
    """Literal text, typed (send-keys -l): nothing in it is read as a key name."""

    text: str


@dataclass(frozen=True)
class Paste:
    """A bracketed paste, as a terminal sends one when text is pasted into it."""

    text: str


@dataclass(frozen=True)
class WaitFor:
    """Wait (with a deadline) until `text` is on the screen: only where a person would wait."""

    text: str


Step = Keys | Text | Paste | WaitFor


@dataclass(frozen=True)
class Scenario:
    """Keys to play on a draft, and the draft that saving must then write."""

    name: str
    steps: tuple[Step, ...]
    #: Edits a copy of the starting draft into the draft the screen must hold at the end.
    expect: Callable[[Draft], Draft | None]
    #: The saved draft the composer opens (None: a new draft of this name, not yet on disk).
    start: Draft | None = None
    #: The profile name the file is saved under (the draft's name unless a prompt renames it).
    saved_as: str | None = None
    #: False: start `connect-tui` with no profile (an untitled draft; saving asks a name).
    argument: bool = True
    #: True: the keys go the moment the first frame shows the draft's name, before the
    #: other panes are mounted and the model is loaded (keys typed ahead at start-up).
    at_first_frame: bool = False

    @property
    def profile(self) -> str:
        """The profile name the composer is started with."""
        return self.start.name if self.start is not None else self.name


def starting_draft(scenario: Scenario) -> Draft:
    """The draft the composer shows at the start of `scenario`."""
    if scenario.start is not None:
        return scenario.start.copy()
    return new_draft(scenario.name if scenario.argument else "untitled")


def expected_text(scenario: Scenario) -> str:
    """The bytes (as text) the saved profile must hold."""
    draft = scenario.expect(starting_draft(scenario))
    assert draft is not None
    draft.name = scenario.saved_as or scenario.profile
    return profiles.dumps(draft)


def _tmux_arguments(steps: Sequence[Step]) -> list[list[str]]:
    """The steps as tmux command batches; a WaitFor splits batches (the runner waits there)."""
    batches: list[list[str]] = [[]]
    for step in steps:
        current = batches[-1]
        if isinstance(step, WaitFor):
            batches.append([])
            continue
        if current:
            current.append(";")
        if isinstance(step, Keys):
            current += ["send-keys", "-t", "main", *step.keys]
        elif isinstance(step, Text):
            current += ["send-keys", "-t", "main", "-l", step.text]
        else:
            # -p: bracketed, since the app asked the terminal for bracketed paste.
            current += ["set-buffer", "-b", "scenario", "--", step.text, ";"]
            current += ["paste-buffer", "-p", "-d", "-b", "scenario", "-t", "main"]
    return batches


def play_slowly(session: TmuxSession, steps: Sequence[Step], pause: float) -> None:
    """Send every key on its own with a pause after it (to tell a defect from a wrong scenario)."""
    import time

    for step in steps:
        if isinstance(step, WaitFor):
            session.wait_for(step.text)
        elif isinstance(step, Keys):
            for key in step.keys:
                session.command("send-keys", "-t", "main", key)
                time.sleep(pause)
        else:
            for batch in _tmux_arguments([step]):
                session.command(*batch)
            time.sleep(pause)


def play(session: TmuxSession, steps: Sequence[Step], *, timeout: float = 30.0) -> None:
    """Send every burst as one tmux command, waiting only at WaitFor steps."""
    slow = float(os.environ.get("SCENARIO_PAUSE", "0"))
    if slow:
        play_slowly(session, steps, slow)
        return
    waits = [step.text for step in steps if isinstance(step, WaitFor)]
    for index, batch in enumerate(_tmux_arguments(steps)):
        if batch:
            session.command(*batch)
        if index < len(waits):
            session.wait_for(waits[index], timeout=timeout)


def run(
    scenario: Scenario,
    *,
    size: tuple[int, int],
    env: Mapping[str, str],
    profiles_dir: Path,
    command: Sequence[str],
    timeout: float = 30.0,
    save_timeout: float = 30.0,
) -> tuple[str, str, str]:
    """Play `scenario`; return (expected file, saved file or "", the last screen)."""
    if scenario.start is not None:
        profiles.save(scenario.start, profiles_dir / f"{scenario.start.name}.toml")
    saved = profiles_dir / f"{scenario.saved_as or scenario.profile}.toml"
    before = saved.read_text(encoding="utf-8") if saved.exists() else None
    arguments = [scenario.profile] if scenario.argument else []
    session = TmuxSession([*command, *arguments], env=env, size=size)
    screen = ""
    try:
        if scenario.at_first_frame:
            session.wait_for(scenario.profile, timeout=timeout)
        else:
            session.wait_for(READY, timeout=timeout)
            session.wait_until(
                lambda text: "checking" not in text, timeout=timeout, what="the check"
            )
        play(session, scenario.steps, timeout=timeout)
        try:
            screen = session.wait_until(
                lambda text: (
                    SAVED in text
                    or (saved.exists() and saved.read_text(encoding="utf-8") != before)
                ),
                # A deadline against a lost key only: a burst is handled in well under a
                # second here, but a loaded CI machine (4 workers on 2 cores) has taken 13 s
                # to its first frame.
                timeout=save_timeout,
                what="the draft to be saved",
            )
        except TmuxError as exc:
            screen = str(exc)
    finally:
        session.close()
    text = saved.read_text(encoding="utf-8") if saved.exists() else ""
    return expected_text(scenario), text, screen


def diff(expected: str, actual: str) -> str:
    """A unified diff of the expected and the saved file."""
    return "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            "expected",
            "saved",
        )
    )


def main(argv: list[str]) -> int:
    """Play one scenario by hand and print what happened."""
    import tempfile

    # The test module's classes are tests.tmux_scenarios', not this __main__'s.
    from tests import tmux_scenarios as module
    from tests.test_tmux_scenarios import SCENARIOS

    name = argv[0]
    size = tuple(int(n) for n in (argv[1] if len(argv) > 1 else "120x40").split("x"))
    home = Path(tempfile.mkdtemp(prefix="scenario-home-"))
    env = dict(os.environ, HOME=str(home), TEXTUAL_ANIMATIONS="none")
    for variable, part in (("XDG_CONFIG_HOME", ".config"), ("XDG_DATA_HOME", ".local/share")):
        env[variable] = str(home / part)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    os.environ.update(env)
    folder = home / ".config" / "connect-tui" / "profiles"
    folder.mkdir(parents=True)
    scenario = next(s for s in SCENARIOS if s.name == name)
    expected, saved, screen = module.run(
        scenario,
        size=(size[0], size[1]),
        env=env,
        profiles_dir=folder,
        command=[sys.executable, "-m", "connect_tui"],
    )
    print(screen)
    print(diff(expected, saved) or "saved file == expected")
    return 0 if expected == saved else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
