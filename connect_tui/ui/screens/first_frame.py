"""Provides FirstFrame: the stand-ins the composer's first frame shows, and their replacement.

A Textual widget costs 4 to 8 million instructions to build, style, lay out and draw, and
what the first frame shows of the Addresses pane, the Problems list and the footer needs
few of them (issue 13). The first frame therefore shows, where they draw exactly what the
real widgets would:

- the Addresses pane drawn by one widget (connect_tui.ui.widgets.addresses_sketch);
- the Problems list as it is while botocore's model loads: an empty box titled
  "Problems: checking…";
- the footer as Textual's Footer is before the screen's keys are known: an empty line in
  the footer's colours;
- the draft bar and its operation switch drawn by one widget
  (connect_tui.ui.widgets.draft_bar's DraftBarSketch).

The Problems list's and the footer's are Statics with the real widgets' looks in app.tcss.

Right after that frame `replace` mounts the real widgets hidden beside their stand-ins, then,
in one step (no frame can come between), shows them in their place and focuses the first
field as the screen's AUTO_FOCUS would have. Until then the app holds every key, paste and
click (ComposerApp.on_event awaits `replace`), so none reaches a stand-in and none is lost.
tests/ui/test_first_frame.py compares the first frame with the real widgets' cell for cell.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from connect_tui.core.model import Draft
from connect_tui.ui.widgets.draft_bar import DraftBar, DraftBarSketch
from connect_tui.ui.widgets.problems_title import CHECKING

if TYPE_CHECKING:
    from connect_tui.ui.screens.pane_deck import PaneDeck


async def _mount_hidden(real: Widget, sketch: Widget) -> None:
    """Mount `real` beside `sketch`, hidden, so a frame drawn meanwhile still shows the sketch."""
    parent = sketch.parent
    assert isinstance(parent, Widget)
    real.display = False
    await parent.mount(real, before=sketch)


class FirstFrame:
    """The composer's first-frame stand-ins (made by `footer`, `problems` and the deck's
    `first_shown`) and their replacement by the real widgets (`replace`)."""

    def __init__(self, screen: Screen[Any], deck: PaneDeck) -> None:
        self.screen = screen
        self.deck = deck
        #: Each stand-in shown, with the real widget that replaces it (None: made then).
        self._stand_ins: dict[str, tuple[Widget, Widget | None]] = {}
        self._replaced: asyncio.Future[None] | None = None
        deck.replace_sketches = self.replace  # a pane asked for at once waits for this too

    def draft_bar(self, bar: DraftBar, switch: Widget) -> Widget:
        """The draft bar's stand-in, where it draws `bar` (filled) exactly; else `bar`."""
        if not DraftBarSketch.fits(bar, switch, self.screen.app.size.width):
            return bar
        sketch = DraftBarSketch(bar, switch, id="draft-bar-sketch")
        self._stand_ins["bar"] = (sketch, bar)
        return sketch

    def footer(self) -> Widget:
        """The footer's stand-in: an empty line (its looks are app.tcss's #footer-sketch)."""
        # A Static, not a class of its own: each new widget class costs the first frame too.
        sketch = Static("", id="footer-sketch")
        self._stand_ins["footer"] = (sketch, None)
        return sketch

    def problems(self) -> Widget:
        """The Problems list's stand-in: its box, titled, empty (app.tcss's #problems-sketch)."""
        sketch = Static("", id="problems-sketch")
        sketch.border_title = CHECKING
        self._stand_ins["problems"] = (sketch, None)
        return sketch

    def redraw(self, draft: Draft) -> None:
        """Show `draft` in the stand-ins still shown (the screen loaded the draft again)."""
        self.deck.sketch_draft(draft)
        if "bar" in self._stand_ins and self.sketched:
            self._stand_ins["bar"][0].refresh()

    @property
    def sketched(self) -> bool:
        """True while a stand-in is on the screen in a real widget's place."""
        return self._replaced is None or not self._replaced.done()

    def replace(self) -> Awaitable[None]:
        """Put the real widgets in the stand-ins' places (once); await it being done."""
        if self._replaced is None:
            self._replaced = asyncio.ensure_future(self._replace())
        return self._replaced

    async def _replace(self) -> None:
        from connect_tui.ui.widgets.footer import FittingFooter
        from connect_tui.ui.widgets.problems import ProblemsList

        made: dict[str, Callable[[], Widget]] = {
            "footer": FittingFooter,
            "problems": lambda: ProblemsList(id="problems"),
        }
        pairs = [
            (sketch, real if real is not None else made[name]())
            for name, (sketch, real) in self._stand_ins.items()
        ]
        await asyncio.gather(
            self.deck.prepare_first(), *(_mount_hidden(real, sketch) for sketch, real in pairs)
        )
        # One step: no frame is drawn between the stand-ins going and the real widgets coming.
        pane = self.deck.reveal_first()
        for sketch, real in pairs:
            sketch.display = False
            real.display = True
        screen = self.screen
        if pane is not None and screen.focused is None and screen.app.app_focus:
            field = pane.first_field() if screen.is_current else None
            if field is not None:
                # As the screen's AUTO_FOCUS did at the start, before the values were loaded:
                # the cursor at the end of the value, nothing selected (an Input selects its
                # whole value when focused, except on the app's own focus).
                screen.set_focus(field, from_app_focus=True)
        pane_sketch = self.deck.take_sketch()
        for sketch in [sketch for sketch, _ in pairs] + ([pane_sketch] if pane_sketch else []):
            await sketch.remove()
