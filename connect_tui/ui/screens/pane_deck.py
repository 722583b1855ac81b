"""Provides PaneDeck: the composer's panes, made and mounted when needed, one shown at a time.

The first frame shows the first pane only (issue 13), and, where it draws it exactly, only
a sketch of it (connect_tui.ui.widgets.addresses_sketch): right after that frame the real
first pane takes the sketch's place (connect_tui.ui.screens.first_frame), then the others
are imported, made and mounted (`mount_the_rest`), or at once when one is asked for before
that (an alt+letter typed at the very first frame). `show` waits until its pane is mounted, then
puts the focus in it, so the keys typed after the alt+letter land in that pane: they wait
meanwhile, as the app runs this binding before handing on the next key
(connect_tui.ui.keys). The deck also routes a problem to the pane that shows it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, Final

from textual.containers import Container
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget

from connect_tui.core.model import Draft
from connect_tui.core.problems import CREATE_CONTACT, TARGET, VARIABLES, Problem
from connect_tui.ui.widgets.addresses_sketch import AddressesSketch, sketch_fits
from connect_tui.ui.widgets.pane import Pane
from connect_tui.ui.widgets.pane_index import FIRST_PANE, PANE_INDEX, PANES_BY_NAME
from connect_tui.ui.widgets.pane_tabs import PaneTabs

#: Problems outside the request go to the pane that edits that part of the draft.
SECTION_PANES: Final = {TARGET: "target", VARIABLES: "target", CREATE_CONTACT: "contact"}


class PaneStack(Container):
    """Where the panes are mounted; the deck shows one of them at a time."""


class PaneDeck:
    """The composer's panes by name: each made on first use, mounted once, one shown."""

    def __init__(
        self,
        screen: Screen[Any],
        *,
        mounted: Callable[[Pane], None],
        shown: Callable[[Pane], None],
    ) -> None:
        """The panes of `screen`; `mounted` is called with each pane mounted after the first
        frame (to fill it), `shown` with each pane shown."""
        self.screen = screen
        self._on_mounted = mounted
        self._on_shown = shown
        self._panes: dict[str, Pane] = {}
        self._mounts: dict[str, asyncio.Future[None]] = {}
        self._active = FIRST_PANE
        self._sketch: AddressesSketch | None = None
        #: Puts the real first pane (and the screen's other widgets) in the first frame's
        #: stand-ins' places (connect_tui.ui.screens.first_frame); set by the screen.
        self.replace_sketches: Callable[[], Awaitable[None]] | None = None

    # -- making and mounting ---------------------------------------------------------------

    def pane(self, name: str) -> Pane:
        """The pane `name` (such as "message"), made now if it was not yet (not mounted)."""
        pane = self._panes.get(name)
        if pane is None:
            pane = PANES_BY_NAME[name].load()(id=f"pane-{name}")
            self._panes[name] = pane
        return pane

    @property
    def every(self) -> list[Pane]:
        """Every pane in tab order (made now if need be, mounted or not)."""
        return [self.pane(entry.name) for entry in PANE_INDEX]

    @property
    def mounted(self) -> list[Pane]:
        """The panes mounted so far, in tab order."""
        panes = (self._panes.get(entry.name) for entry in PANE_INDEX)
        return [pane for pane in panes if pane is not None and pane.is_mounted]

    def tabs(self) -> PaneTabs:
        """The tab strip."""
        return PaneTabs([(entry.name, entry.title) for entry in PANE_INDEX], FIRST_PANE)

    def first_shown(self, draft: Draft, size: Size) -> Widget:
        """What the first frame shows of the first pane on a screen of `size`: a sketch of
        it when the sketch draws it exactly, else the pane itself."""
        if FIRST_PANE == "addresses" and sketch_fits(draft, size):
            self._sketch = AddressesSketch(draft, id="pane-sketch")
            return self._sketch
        return self.pane(FIRST_PANE)

    def sketch_draft(self, draft: Draft) -> None:
        """Show `draft` in the sketch, while it is shown (the screen loaded another draft)."""
        if self._sketch is not None:
            self._sketch.show(draft)

    async def prepare_first(self) -> None:
        """Mount the first pane, hidden, beside its sketch (if it has one) and fill it."""
        sketch = self._sketch
        if sketch is None:
            return
        pane = self.pane(FIRST_PANE)
        pane.display = False
        await self.screen.query_one(PaneStack).mount(pane, before=sketch)
        self._on_mounted(pane)  # filled from the draft, as the sketch shows it

    def reveal_first(self) -> Pane | None:
        """Show the first pane (once `prepare_first` is done) in its sketch's place, hiding
        the sketch; the pane, or None when it had no sketch."""
        sketch = self._sketch
        if sketch is None:
            return None
        pane = self.pane(FIRST_PANE)
        sketch.display = False
        pane.display = self._active == FIRST_PANE
        return pane

    def take_sketch(self) -> Widget | None:
        """The sketch, once the pane is in its place (to remove it); None if there was none."""
        sketch, self._sketch = self._sketch, None
        return sketch

    def mount(self, name: str) -> Awaitable[None]:
        """Mount pane `name` (hidden unless it is the active one) once; await its loading."""
        future = self._mounts.get(name)
        if future is None:
            pane = self.pane(name)
            if self._sketch is not None and name == FIRST_PANE:
                # In its sketch's place, with the screen's other stand-ins (FirstFrame).
                assert self.replace_sketches is not None
                future = asyncio.ensure_future(self.replace_sketches())
            elif pane.is_attached:  # the first pane, composed with the screen
                future = asyncio.get_running_loop().create_future()
                future.set_result(None)
            else:
                pane.display = name == self._active
                future = asyncio.ensure_future(self._mount(pane))
            self._mounts[name] = future
        return future

    async def _mount(self, pane: Pane) -> None:
        await self.screen.query_one(PaneStack).mount(pane)
        self._on_mounted(pane)

    async def mount_the_rest(self) -> None:
        """Make and mount every pane not mounted yet (after the first frame)."""
        await asyncio.gather(*(self.mount(entry.name) for entry in PANE_INDEX))

    # -- which pane is shown ---------------------------------------------------------------

    @property
    def active(self) -> str:
        """The name of the pane on show."""
        return self._active

    def show(self, name: str, *, focus: bool = True) -> asyncio.Future[Pane]:
        """Show pane `name` and focus its first field: at once when it is mounted (the
        next key typed goes there), else once it is (await the result to wait for that)."""
        pane = self.pane(name)
        if pane.is_mounted:
            self._reveal(pane, focus=focus)
            done: asyncio.Future[Pane] = asyncio.get_running_loop().create_future()
            done.set_result(pane)
            return done
        return asyncio.ensure_future(self._show_when_mounted(pane, focus=focus))

    async def _show_when_mounted(self, pane: Pane, *, focus: bool) -> Pane:
        await self.mount(pane.NAME)
        self._reveal(pane, focus=focus)
        return pane

    def _reveal(self, pane: Pane, *, focus: bool) -> None:
        self._display(pane.NAME)
        if focus:
            pane.focus_first()  # at once: the next key typed goes here

    def _display(self, name: str) -> None:
        if name == self._active:
            return
        self._active = name
        with self.screen.app.batch_update():
            for pane in self.mounted:
                pane.display = pane.NAME == name
            if self._sketch is not None:
                self._sketch.display = name == FIRST_PANE
            self.screen.query_one(PaneTabs).active = name
        self._on_shown(self.pane(name))

    def neighbour(self, step: int) -> str:
        """The name of the pane `step` tabs away from the active one, wrapping round."""
        names = [entry.name for entry in PANE_INDEX]
        return names[(names.index(self._active) + step) % len(names)]

    def current(self) -> Pane:
        """The pane holding the focus, else the pane on show."""
        focused: Widget | None = self.screen.focused
        while focused is not None:
            if isinstance(focused, Pane):
                return focused
            focused = focused.parent if isinstance(focused.parent, Widget) else None
        return self.pane(self._active)

    # -- problems ----------------------------------------------------------------------------

    def owner_of(self, problem: Problem) -> Pane | None:
        """The pane that shows `problem`: an owner that has its field, else any owner."""
        owners = [pane for pane in self.every if pane.owns(problem)]
        for pane in owners:
            if pane.is_mounted and pane.field_for(problem) is not None:
                return pane
        if owners:
            return owners[0]
        name = SECTION_PANES.get(problem.section)
        return self.pane(name) if name else None

    def go_to_problem(self, problem: Problem) -> None:
        """Show the problem's pane and focus the field it is about."""
        pane = self.owner_of(problem)
        if pane is None:
            self.screen.notify(
                f"{problem.path}: no pane shows this field", severity="warning", markup=False
            )
            return
        if pane.is_mounted:
            self._display(pane.NAME)
            # The field can take the focus only once its pane is displayed.
            self.screen.call_after_refresh(pane.focus_problem, problem)
        else:
            self.screen.call_later(self._show_then_focus, pane, problem)

    async def _show_then_focus(self, pane: Pane, problem: Problem) -> None:
        await self.show(pane.NAME, focus=False)
        self.screen.call_after_refresh(pane.focus_problem, problem)
