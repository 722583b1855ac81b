"""Provides InOrderPalette: Textual's command palette, its Enter taken in the order keys came.

Textual's palette searches in a worker each time its text changes, and Enter picks from
the list as it stands. Text typed at full speed and then Enter (a burst that one read
delivers, a fast typist, a loaded machine) picked from an earlier search: the first
command of the empty search (a stray "Attach a file"), or none at all (the Enter was
lost, and the keys after it were typed into the still open palette). And the picked
command ran by `call_later`, behind every key already read: a ctrl+p typed next opened a
second palette before the first one's command ran, whose dialog then came up over the new
palette, which on its next answer dismissed that dialog instead of itself (Textual's
`Screen.dismiss` pops the top screen) and later itself again (InvalidStateError: its
answer was set twice; DuplicateIds: a third palette beside it).

Here Enter first lets the search of the text typed before it finish, then picks from that
list exactly as Textual does, and runs the command before the next key is read; a palette
that is no longer the screen on top ignores a late dismissal (`ui/on_top.py`). Everything
else (typing, the arrows, escape, the mouse) is Textual's.
"""

from __future__ import annotations

import asyncio
import inspect
from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.command import Command, CommandList, CommandPalette, DiscoveryHit, Hit
from textual.worker import WorkerState

from connect_tui.ui.keys import settle
from connect_tui.ui.on_top import DismissedOnTopOnly

#: How long Enter waits for a search (the providers are local and answer in milliseconds;
#: a bound only so that a provider that hangs cannot stop the keys for good).
SEARCH_WAIT = 30.0


class InOrderPalette(DismissedOnTopOnly, CommandPalette):
    """The command palette, whose Enter runs the command of the text typed before it."""

    # A priority binding: Textual runs it (and awaits it) before the next key is handled,
    # where the Input's own enter would only post a message to be handled later.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "run_typed", "Run the command", show=False, priority=True),
    ]

    def searching(self) -> bool:
        """True while a search of the palette's text is still gathering commands."""
        return any(
            worker.node is self
            and worker.group == self._GATHER_COMMANDS_GROUP
            and worker.state in (WorkerState.PENDING, WorkerState.RUNNING)
            for worker in self.workers
        )

    async def search_done(self, timeout: float = SEARCH_WAIT) -> None:
        """Wait until the keys typed into the palette are handled and their search is over."""
        # The Input's keys and its Changed messages first: the last one starts the search.
        await settle(self, timeout=timeout)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self.searching() and loop.time() < deadline:
            await asyncio.sleep(0.005)
        await settle(self, timeout=timeout)  # what the search's last refresh posted

    def typed_command(self) -> DiscoveryHit | Hit | None:
        """The command Enter picks now, as Textual's palette picks it (None: nothing).

        With the list shown: its highlighted command, else its first when it is the only
        one (else the first is highlighted and nothing runs). With no list: the command
        already chosen into the input (`run_on_select` False).
        """
        if not self._list_visible:
            return self._selected_command
        commands = self.query_one(CommandList)
        if commands.highlighted is None:
            self._action_cursor_down()
            if commands.option_count != 1:
                return None
        index = commands.highlighted
        if index is None:
            return None
        option = commands.get_option_at_index(index)
        if option.disabled or not isinstance(option, Command):  # "No matches found"
            return None
        return option.hit

    async def action_run_typed(self) -> None:
        """Enter: run the command of the text typed so far, before the next key is read."""
        await self.search_done()
        if not self.is_active:
            return  # closed (or covered) while its search finished
        hit = self.typed_command()
        if hit is None:
            return
        self._cancel_gather_commands()
        self.app.post_message(CommandPalette.Closed(option_selected=True))
        self.dismiss()
        # At once, where Textual would `call_later` it behind the keys already read.
        result: Any = hit.command()
        if inspect.isawaitable(result):
            await result
