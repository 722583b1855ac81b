"""Provides Checking: when the composer checks the draft, so that a key's problems, byte
counts and live request are drawn in the frame that draws the key itself.

Why it is needed (docs/architecture.md, "A key, one frame"): Textual draws a frame as soon
as the screen is idle, and a field's change climbs to the screen one widget per turn of
the event loop, so the frame that shows a typed letter used to be drawn before its change
reached the screen; the check then ran after that frame, and what it changed waited for
the next tick of Textual's 60 Hz update timer (17 to 33 ms later). Now:

- the screen follows the focused field's messages (its `message_signal`): the moment a
  field inside a pane posts its change, the screen holds its next frame;
- the change reaches the screen as `Pane.Changed`; the screen applies it and checks the
  draft at once (`ComposerScreen.apply_pane`), and lets the frame go;
- a hold never lasts long: at most HOLD_TURNS turns of the loop or HOLD_SECONDS, so a
  change a pane keeps to itself costs a frame a few turns, never more;
- a check asked for by anything else (a draft loaded, the model ready, a template
  rendered) runs when the screen is next idle, before the frame Textual draws then.
"""

from __future__ import annotations

import asyncio
import time
from functools import cached_property
from typing import Any, Final, Protocol, cast

from textual import events
from textual.dom import DOMNode
from textual.message import Message
from textual.widget import Widget

from connect_tui.core.model import Draft
from connect_tui.core.problems import Problem
from connect_tui.ui.widgets.pane import Pane, field_changes
from connect_tui.ui.widgets.side_panel import SidePanel

#: The longest a frame waits for a field's change to reach the screen: turns of the event
#: loop (a change climbs one widget a turn; a field sits 2 to 6 widgets below the screen)
#: and seconds (a turn is longer when another task has work to do).
HOLD_TURNS: Final = 30
HOLD_SECONDS: Final = 0.012


class Host(Protocol):
    """What Checking needs of the composer screen (connect_tui.ui.screens.composer)."""

    problems: list[Problem]
    template_problems: list[Problem]

    @property
    def is_running(self) -> bool:
        """True while the screen's message loop runs."""
        ...

    @property
    def model_ready(self) -> bool:
        """True once botocore's model is loaded and every pane mounted."""
        ...

    @property
    def draft(self) -> Draft:
        """The draft being edited."""
        ...

    @property
    def picking(self) -> Any:
        """The pickers, with the ids their lists know (`known`)."""
        ...

    @property
    def panes(self) -> list[Pane]:
        """Every pane mounted so far."""
        ...

    @property
    def active_pane(self) -> str:
        """The name of the pane on show."""
        ...

    def pane(self, key: str) -> Pane:
        """The pane `key`."""
        ...

    def pane_shown(self, pane: Pane) -> None:
        """Refresh a pane that is shown (the Preview renders the draft)."""
        ...

    def local_problems(self) -> list[Problem]:
        """What the panes show that the draft cannot hold."""
        ...

    def check_idle(self) -> None:
        """Prompt the screen to go idle once its queue is empty."""
        ...

    def query_one(self, selector: type[SidePanel]) -> SidePanel:
        """The screen's one widget of that type."""
        ...


class Checking:
    """Runs the composer's check after an edit, before the frame that shows the edit."""

    def __init__(self, screen: Host) -> None:
        self._screen = screen
        #: The screen as the node that listens to the focused field (it is one: a Screen).
        self._node = cast(DOMNode, screen)
        #: A check is owed (asked for and not yet run).
        self.pending = False
        #: When a field's change was posted whose Pane.Changed has not been applied yet.
        self._held_since: float | None = None
        self._turns = 0
        self._followed: Widget | None = None
        #: How many frames were held for a change, and how many holds ran out (for tests
        #: and benchmarks: a hold that runs out means a change did not reach the screen).
        self.holds = 0
        self.expired = 0
        #: The request members edited since the last check (None: any may have changed).
        self._changed: frozenset[str] | None = None

    # -- the focused field ----------------------------------------------------------------

    def follow(self, focused: Widget | None) -> None:
        """Listen to the messages of `focused` (the screen's focused widget) when it is a
        field inside a pane: its change is announced before its frame can be drawn."""
        if self._followed is not None:
            self._followed.message_signal.unsubscribe(self._node)
            self._followed = None
        if focused is None or not self._screen.is_running:
            return
        if not any(isinstance(node, Pane) for node in focused.ancestors):
            return
        focused.message_signal.subscribe(self._node, self._field_message, immediate=True)
        self._followed = focused

    def _field_message(self, message: Message) -> None:
        """The followed field dispatched `message` (in its own task, before it tells the
        screen to repaint it): a change is on its way up, so hold the next frame."""
        if self._held_since is None and isinstance(message, field_changes()):
            self._held_since = time.perf_counter()
            self._turns = 0
            self.holds += 1

    # -- checks ---------------------------------------------------------------------------

    def applied(self, members: frozenset[str] | None = None) -> None:
        """A pane's change is in the draft: check now (the frame waits for nothing else).
        `members`: the only request members the change wrote (None: any)."""
        self._held_since = None
        self._edited(members)
        self.pending = True
        self.run()

    def _edited(self, members: frozenset[str] | None) -> None:
        if members is None or self._changed is None:
            self._changed = None
        else:
            self._changed |= members

    def schedule(self) -> None:
        """Check when the screen is next idle, before its next frame (a burst of edits is
        checked once). Whatever asked may have changed any member."""
        self._edited(None)
        self.pending = True
        self._screen.check_idle()

    def run(self) -> None:
        """Run the owed check now."""
        if self.pending:
            self.check()

    def check_all(self) -> None:
        """Check now, as after a change to anything in the draft."""
        self._edited(None)
        self.check()

    def check(self) -> None:
        """Validate the draft and show the problems in every pane, the Problems list and
        the side panel, and in the Preview when it is on show (once the model is loaded)."""
        self.pending = False
        screen = self._screen
        if not screen.model_ready:
            return
        from connect_tui.core.pickers import unknown_ids
        from connect_tui.core.validation import validate

        screen.problems = [
            *validate(screen.draft),
            *unknown_ids(screen.draft, screen.picking.known),
            *screen.template_problems,
            *screen.local_problems(),
        ]
        for pane in screen.panes:
            pane.show_problems(screen.problems)
        self.side_panel.show(screen.problems, screen.draft, self._changed)
        self._changed = frozenset()
        if screen.active_pane == "preview":
            screen.pane_shown(screen.pane("preview"))

    @cached_property
    def side_panel(self) -> SidePanel:
        """The Problems list and live request (found once: a query walks the whole screen)."""
        return self._screen.query_one(SidePanel)

    async def before_frame(self, event: events.Idle) -> None:
        """The screen is idle and would draw its frame: hold it while a field's change is
        on its way up, else run the owed check first (the frame then shows it)."""
        if self._held_since is not None:
            self._turns += 1
            waited = time.perf_counter() - self._held_since
            if self._turns <= HOLD_TURNS and waited <= HOLD_SECONDS:
                event.prevent_default()  # Screen's own idle handler starts the frame
                await asyncio.sleep(0)  # one turn: the change climbs one widget
                self._screen.check_idle()  # and the screen comes back here
                return
            self._held_since = None
            self.expired += 1
        self.run()
