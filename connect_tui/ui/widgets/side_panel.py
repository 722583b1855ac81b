"""Provides SidePanel: what sits beside the form, the Problems list and the live request.

On a wide screen (110 columns or more) the panel is a column on the right, under the tab
bar (so every tab keeps its place in the bar). While the draft has problems they take the
whole column; when it has none, the list shrinks to its title ("Problems: none") and the
request as it will be sent fills the rest, live, the way Posting shows a response beside
its request (long values cut; a request slow to render, such as the largest one, follows
once typing pauses, so no key waits for it). On a narrow screen the panel is a strip under
the form with the problems only.
The request is read-only text in a TextArea: nothing from the draft is read as markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, cast

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.timer import Timer
from textual.widget import Widget

from connect_tui.core.model import Draft
from connect_tui.core.problems import Problem

if TYPE_CHECKING:
    from connect_tui.ui.widgets.live_request import LiveRequest
    from connect_tui.ui.widgets.problems import ProblemsList

#: The panel's class while the draft has no problem.
CLEAN = "-clean"
#: The class Textual's breakpoints give the composer screen from 110 columns on.
WIDE = "-wide"
#: The longest string value the live request shows whole (a 1 MB body would cost every key
#: a megabyte of JSON, and a TextArea line it draws whole in every frame).
LONGEST_SHOWN = 1_000
#: A live request longer than this (characters, as last rendered) is rendered again only
#: once typing pauses for PAUSE seconds: the largest draft's (100,000 characters) takes 25 ms,
#: which would be added to every key's check, and a key typed meanwhile would wait for it.
#: (By size, not by time taken: the same draft is always treated the same way.)
LARGE: Final = 20_000
PAUSE: Final = 0.3


class SidePanel(Vertical):
    """The Problems list and, when there are none and the screen is wide, the live request."""

    # Where it sits, and its wide/narrow looks, are the screen's (app.tcss).

    def __init__(self, problems: Widget | None = None, *, id: str | None = None) -> None:
        """`problems`: what stands in for the Problems list until it is mounted (the
        composer's first frame, connect_tui.ui.screens.first_frame); else the list."""
        super().__init__(id=id)
        self._problems = problems
        self._draft: Draft | None = None
        self._stale = True
        self._rendered_size = 0
        self._pending: Timer | None = None

    def compose(self) -> ComposeResult:
        """The Problems list (the live request is mounted when first shown: a TextArea
        costs the first frame time it does not need)."""
        if self._problems is not None:
            yield self._problems
        else:
            from connect_tui.ui.widgets.problems import ProblemsList

            yield ProblemsList(id="problems")

    @property
    def problems_list(self) -> ProblemsList:
        """The Problems list."""
        return cast("ProblemsList", self.query_one("#problems"))

    @property
    def live_request(self) -> LiveRequest:
        """The live request view (mounted on first use)."""
        found = self.query("#live-request")
        if found:
            return cast("LiveRequest", found.first())
        from connect_tui.ui.widgets.live_request import LiveRequest

        view = LiveRequest(id="live-request")
        self.mount(view)
        return view

    @property
    def shows_request(self) -> bool:
        """True when the live request is on show (wide, and no problems)."""
        return self.screen.has_class(WIDE) and self.has_class(CLEAN)

    def show(self, problems: list[Problem], draft: Draft) -> None:
        """Show the problems, and the request when there are none (on a wide screen)."""
        self.problems_list.show(problems)
        self.set_class(not problems, CLEAN)
        self._draft, self._stale = draft, True
        if self._pending is not None:
            self._pending.stop()
            self._pending = None
        if self._rendered_size > LARGE:
            self._pending = self.set_timer(PAUSE, self.refresh_request)
        else:
            self.refresh_request()

    def refresh_request(self) -> None:
        """Render the request if it is on show and the draft changed since it was rendered."""
        # Rendered only while on show: a 5 MB body costs nothing while problems are listed.
        if not (self.shows_request and self._stale and self._draft is not None):
            return
        self._stale = False
        from connect_tui.ui.widgets.preview import preview_texts

        draft = self._draft
        try:
            # Long values cut: the column is narrow, and the Preview pane copies them whole.
            request_json, chain_json, _ = preview_texts(draft, longest=LONGEST_SHOWN, command=False)
        except Exception as exc:  # the panel must never take the screen down
            self.live_request.show_text("Request (live)", f"cannot show the request: {exc}")
            return
        text = request_json if chain_json is None else f"{chain_json}\n{request_json}"
        title = f"{draft.operation} (live)"
        if chain_json is not None:
            title = f"CreateContact, then {title}"
        self.live_request.show_text(title, text)
        self._rendered_size = len(text)

    def on_resize(self) -> None:
        """The screen may have become wide: render what changed while the request was hidden."""
        self.call_after_refresh(self.refresh_request)
