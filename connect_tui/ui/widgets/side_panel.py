"""Provides SidePanel: what sits beside the form, the Problems list and the live request.

On a wide screen (110 columns or more) the panel is a column on the right, under the tab
bar (so every tab keeps its place in the bar). While the draft has problems they are
listed at its top, as many lines as they take (up to the whole column); when it has none,
the list shrinks to its title ("Problems: none") and the request as it will be sent fills
the rest, live, the way Posting shows a response beside its request (long values cut; each
key writes again only the members it changed, so the request follows every key of the
largest legal draft; one far larger follows once typing pauses, and says so). On a narrow
screen the panel is a strip under the form with the problems only.
The request is read-only text in a TextArea: nothing from the draft is read as markup.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, Any, Final, cast

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.timer import Timer
from textual.widget import Widget

from connect_tui.core.model import Draft
from connect_tui.core.problems import Problem

if TYPE_CHECKING:
    from connect_tui.core.request_json import RequestJson
    from connect_tui.ui.widgets.live_request import LiveRequest
    from connect_tui.ui.widgets.problems import ProblemsList

#: The panel's class while the draft has no problem.
CLEAN = "-clean"
#: The class Textual's breakpoints give the composer screen from 110 columns on.
WIDE = "-wide"
#: The longest string value the live request shows whole (a 1 MB body would cost every key
#: a megabyte of JSON, and a TextArea line it draws whole in every frame).
LONGEST_SHOWN = 1_000
#: The request follows every key: each member is written again only when it changed
#: (connect_tui.core.request_json), a key in the largest legal draft writes at most its
#: 38,000-character Attributes again (3 ms). A render that wrote more than this many
#: characters (a draft far past Connect's limits) makes the next ones wait until typing
#: pauses for PAUSE seconds, saying so under the request, so that no key waits for it.
#: (By size, not by time taken: the same draft is always treated the same way.)
LARGE: Final = 100_000
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
        #: How many characters the last render wrote again (see LARGE).
        self._written = 0
        self._pending: Timer | None = None
        #: A render of the hidden request is set to run after the next frame.
        self._after_frame = False
        #: Write the request and the CreateContact step (made when first needed).
        self._writers: tuple[RequestJson, RequestJson] | None = None
        #: The request members edited since the request was last rendered (None: any).
        self._changed: set[str] | None = None
        #: Each member as last shown: variables resolved, long values cut.
        self._shown: dict[str, Any] = {}

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
        view.display = self.shows_request
        self.mount(view)
        return view

    @property
    def shows_request(self) -> bool:
        """True when the live request is on show (wide, and no problems)."""
        return self.screen.has_class(WIDE) and self.has_class(CLEAN)

    def show(
        self, problems: list[Problem], draft: Draft, changed: AbstractSet[str] | None = None
    ) -> None:
        """Show the problems, and the request when there are none (on a wide screen).
        `changed`: the only request members edited since the last call (None: any)."""
        self.problems_list.show(problems)
        self._set_clean(not problems)
        if changed is None or self._changed is None or draft is not self._draft:
            self._changed = None
        else:
            self._changed.update(changed)
        self._draft, self._stale = draft, True
        if self._pending is not None:
            self._pending.stop()
            self._pending = None
        if self._written > LARGE:
            self._pending = self.set_timer(PAUSE, self.refresh_request)
            if self.shows_request and self.query("#live-request"):
                self.live_request.border_subtitle = "follows when typing pauses"
        elif self.shows_request:
            self.refresh_request()
        elif not self._after_frame:
            # Hidden by problems: kept current just after the frame, not in it (1-2 ms of
            # every key while problems are listed, and of the key that brought them).
            self._after_frame = True
            self.call_after_refresh(self._refresh_after_frame)

    def _refresh_after_frame(self) -> None:
        self._after_frame = False
        self.refresh_request()

    def _set_clean(self, clean: bool) -> None:
        """Mark the panel clean (no problems) or not, restyling only what the mark changes.

        A class set on the panel restyles everything in it (Textual's `update_styles`), and
        restyling the live request makes it forget every line it drew: the key that fixed
        the last problem drew all of them again (4 ms) after 2.3 ms of restyling. The mark
        changes only the list's height (app.tcss); the request is shown or hidden here."""
        if self.has_class(CLEAN) == clean:
            return
        self.set_class(clean, CLEAN, update=False)
        if self.is_mounted:
            self.app.stylesheet.update_nodes([self, self.problems_list], animate=True)
        self._place_request()

    def _place_request(self) -> None:
        """Show the live request if it is mounted and belongs on screen, else hide it."""
        for view in self.query("#live-request"):
            view.display = self.shows_request

    def refresh_request(self) -> None:
        """Render the request if the draft changed since it was rendered and the screen is
        wide (where it shows once there are no problems)."""
        # Kept current while problems hide it (long values are cut, so a key costs the same
        # 1-2 ms), after each frame: the key that fixes the last problem then only shows it
        # (rendering all it missed took 2.5 ms of that key's frame). A narrow screen never
        # shows it.
        if not (self.screen.has_class(WIDE) and self._stale and self._draft is not None):
            return
        self._stale = False
        draft = self._draft
        try:
            request_json, chain_json = self._texts(draft)
        except Exception as exc:  # the panel must never take the screen down
            self._changed = None
            self.live_request.show_text("Request (live)", f"cannot show the request: {exc}")
            return
        self._changed = set()
        text = request_json if chain_json is None else f"{chain_json}\n{request_json}"
        title = f"{draft.operation} (live)"
        if chain_json is not None:
            title = f"CreateContact, then {title}"
        self.live_request.show_text(title, text)
        if self.live_request.border_subtitle:  # (set, even to "", it repaints every line)
            self.live_request.border_subtitle = ""
        self._written = sum(writer.written for writer in self._writers or ())

    def _texts(self, draft: Draft) -> tuple[str, str | None]:
        """The request's JSON and the CreateContact step's (None without one), as the
        Preview writes them but with long values cut (the column is narrow, and the Preview
        copies them whole), each member written again only when it changed."""
        from connect_tui.core import variables
        from connect_tui.core.model import CREATE_CONTACT
        from connect_tui.ui.widgets.preview import cut_long_strings

        if self._writers is None:
            from connect_tui.core.request_json import RequestJson

            self._writers = (RequestJson(), RequestJson())
        # Only the members edited are resolved and cut again: walking the whole largest
        # draft for both took 2.1 ms of every key.
        changed = self._changed
        edited = {
            name: value
            for name, value in draft.request.items()
            if changed is None or name in changed or name not in self._shown
        }
        resolved, _ = variables.resolve_for_reading(edited, draft.variables)
        fresh = cut_long_strings(resolved, LONGEST_SHOWN)
        self._shown = request = {
            name: fresh[name] if name in fresh else self._shown[name] for name in draft.request
        }
        request_json = self._writers[0].text(draft.operation, request, changed)
        chain = draft.create_contact_request() if draft.is_outbound else None
        if chain is None:
            return request_json, None
        chain, _ = variables.resolve_for_reading(chain, draft.variables)
        chain_json = self._writers[1].text(CREATE_CONTACT, cut_long_strings(chain, LONGEST_SHOWN))
        return request_json, chain_json

    def on_resize(self) -> None:
        """The screen may have become wide or narrow: show or hide the request, and render
        what changed while it was hidden."""
        self._place_request()
        self.call_after_refresh(self.refresh_request)
