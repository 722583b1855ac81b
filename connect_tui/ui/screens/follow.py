"""Provides FollowScreen: a live view of one contact after it was sent.

A thread worker polls the contact with the core Follower (DescribeContact, attributes,
references, the thread and, where a flow-log group is known, the flow's path) and the
screen redraws what changed; keys are never blocked by a call. In the sandbox, keys move
the contact on for a demo: `a` an agent accepts it (the sandbox's AcceptContact), `x` it is
disconnected (StopContact), `r` the agent replies (the draft as an agent reply, sent by
the same chain as `connect-tui send --reply-to`).
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from connect_tui.core.model import Draft
from connect_tui.core.safe_text import shown
from connect_tui.ui.on_top import DismissedOnTopOnly
from connect_tui.ui.widgets.follow_sections import (
    Section,
    TimelineView,
    attribute_rows,
    reference_rows,
    thread_rows,
    timeline_rows,
)

if TYPE_CHECKING:
    from connect_tui.core.contact_timeline import Timeline

#: The actions only a sandbox target offers (they move a demo contact on).
SANDBOX_ACTIONS = frozenset({"accept", "disconnect", "reply"})


class FollowScreen(DismissedOnTopOnly, Screen[None]):
    """The timeline, attributes, references and thread of one contact, kept up to date."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="follow.close"),
        Binding("a", "accept", "Agent accepts", id="follow.accept"),
        Binding("x", "disconnect", "Disconnect", id="follow.disconnect"),
        Binding("r", "reply", "Agent replies", id="follow.reply"),
        Binding("c", "copy", "Copy ContactId", id="follow.copy"),
        Binding("f5", "refresh", "Refresh", id="follow.refresh"),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    DEFAULT_CSS = """
    FollowScreen {
        layout: vertical;
    }
    FollowScreen #follow-title {
        height: auto;
        padding: 0 1;
        background: $panel;
        text-style: bold;
    }
    FollowScreen #follow-status {
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    FollowScreen #follow-body {
        height: 1fr;
        padding: 0 1;
        layout: vertical;
    }
    FollowScreen .follow--title {
        text-style: bold;
        color: $text-accent;
    }
    /* Narrow: the timeline above, the rest below, each half the height and scrolling. */
    FollowScreen #follow-left, FollowScreen #follow-right {
        height: 1fr;
        overflow-y: auto;
    }
    FollowScreen.-wide #follow-body {
        layout: horizontal;
    }
    FollowScreen.-wide #follow-left {
        width: 1fr;
    }
    FollowScreen.-wide #follow-right {
        width: 1fr;
        padding-left: 1;
    }
    """

    def __init__(
        self,
        draft: Draft,
        contact_id: str,
        *,
        sent_request: dict[str, Any] | None = None,
        created_request: dict[str, Any] | None = None,
        instance_id: str | None = None,
    ) -> None:
        super().__init__()
        self.draft = draft.copy()
        self.contact_id = contact_id
        # Imported here: the composer imports this screen at start (its keys are in the
        # keymap), and botocore's side of sending need not load before the first frame.
        from connect_tui.core.follower import Follower
        from connect_tui.runtime import shared_sender

        self.follower = Follower(
            self.draft,
            contact_id,
            sender=shared_sender(),
            sent_request=sent_request,
            created_request=created_request,
            instance_id=instance_id,
        )
        self.timeline: Timeline | None = None
        #: Polls made so far (tests wait on it; a new timeline is shown after each).
        self.polls = 0
        self._wake = threading.Event()
        self._busy = False

    @property
    def in_sandbox(self) -> bool:
        """True when the contact lives in the sandbox (the demo keys work there only)."""
        return self.draft.target.is_sandbox

    def compose(self) -> ComposeResult:
        yield Static(Content(self._title("connecting…")), id="follow-title")
        with Container(id="follow-body"):
            with VerticalScroll(id="follow-left"):
                yield Static(Content("Timeline"), classes="follow--title")
                yield TimelineView(id="follow-timeline")
            with VerticalScroll(id="follow-right"):
                yield Section(
                    "Attributes",
                    ("", "key", "value", "changed by"),
                    empty="no attributes",
                    id="follow-attributes",
                )
                yield Section(
                    "References",
                    ("type", "name", "value", "status"),
                    empty="no references",
                    id="follow-references",
                )
                yield Section("Thread", None, empty="no related contacts", id="follow-thread")
        yield Static("", id="follow-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        # Like `tail -f`: the timeline's newest lines stay in sight as it grows, unless the
        # user scrolls up to read (Textual's anchor, kept until then and taken up again at
        # the end). Scrolling to the end after each poll raced with the lines' layout: a
        # poll laid out after its scroll left the view short of its end, and every poll
        # after it then took the view for one the user had scrolled.
        self.query_one("#follow-left", VerticalScroll).anchor()
        self._poll()

    def on_unmount(self) -> None:
        self._wake.set()  # the poll loop ends at once instead of after its wait

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The demo keys only for a sandbox contact (hidden from the footer otherwise)."""
        if action in SANDBOX_ACTIONS and not self.in_sandbox:
            return False
        return True

    # -- polling ------------------------------------------------------------------------------

    def _title(self, state: str) -> str:
        where = self.draft.target.describe()
        return shown(f"Following contact {self.contact_id}  ·  {where}  ·  {state}")

    @work(thread=True, exclusive=True, group="follow-poll", exit_on_error=False)
    def _poll(self) -> None:
        worker = get_current_worker()
        while not worker.is_cancelled:
            message = ""
            try:
                timeline: Timeline | None = self.follower.poll()
            except Exception as exc:  # a bug, not a reply: say so and keep polling
                timeline = None
                message = f"polling failed: {type(exc).__name__}: {exc}"
            if worker.is_cancelled:
                return
            try:
                if timeline is None:
                    self.app.call_from_thread(self._status, message)
                else:
                    self.app.call_from_thread(self._show, timeline)
            except RuntimeError:
                return  # the app has gone
            self._wake.wait(self.follower.interval)
            self._wake.clear()

    def _status(self, text: str) -> None:
        if self.is_attached:
            self.query_one("#follow-status", Static).update(Content(shown(text)))

    def _show(self, timeline: Timeline) -> None:
        if not self.is_attached:
            return  # closed while this poll was on its way
        self.polls += 1
        self.timeline = timeline
        if timeline.lost:
            state = "unknown"
        else:
            state = "disconnected" if timeline.finished else "active"
        self.query_one("#follow-title", Static).update(Content(self._title(state)))
        self.query_one(TimelineView).show(timeline_rows(timeline))
        sections = (
            ("#follow-attributes", attribute_rows(timeline), timeline.attributes_unknown),
            ("#follow-references", reference_rows(timeline), timeline.references_unknown),
            ("#follow-thread", thread_rows(timeline), timeline.thread_unknown),
        )
        for selector, rows, why in sections:
            self.query_one(selector, Section).show(rows, why)
        every = f"every {self.follower.interval:g} s"
        self.query_one("#follow-status", Static).update(
            Content(f"refreshed {time.strftime('%H:%M:%S')}, then {every}")
        )

    def stop_polling(self) -> None:
        """Stop polling: the view keeps showing the last state it read."""
        self.workers.cancel_group(self, "follow-poll")
        self._wake.set()

    def refresh_now(self) -> None:
        """Poll again at once (after an action changed the contact)."""
        self._wake.set()

    # -- keys ---------------------------------------------------------------------------------

    def action_close(self) -> None:
        """Back to where the view was opened from."""
        self.dismiss(None)

    def action_refresh(self) -> None:
        """Poll now."""
        self.refresh_now()

    def action_copy(self) -> None:
        """Copy the ContactId."""
        self.app.copy_to_clipboard(self.contact_id)
        self.notify(f"Copied {self.contact_id}", markup=False)

    def _start(self, what: str) -> bool:
        if self._busy:
            self.notify(f"Wait: {what} is under way.", severity="warning")
            return False
        self._busy = True
        return True

    def action_accept(self) -> None:
        """The sandbox's agent accepts the contact."""
        if self._start("an action"):
            self._run_accept()

    def action_disconnect(self) -> None:
        """End the contact (StopContact)."""
        if self._start("an action"):
            self._run_disconnect()

    def action_reply(self) -> None:
        """The agent replies: the draft sent as an agent reply to this contact."""
        if self._start("an action"):
            self._run_reply()

    def _done(self, message: str, *, error: bool = False) -> None:
        self._busy = False
        self.notify(shown(message), severity="error" if error else "information", markup=False)
        self.refresh_now()

    @work(thread=True, group="follow-action", exit_on_error=False)
    def _run_accept(self) -> None:
        from connect_tui.sandbox.admin import AdminError, accept_contact

        try:
            self.follower.connect()
            accept_contact(self.follower.endpoint or "", self.follower.instance_id, self.contact_id)
        except (AdminError, Exception) as exc:  # refused, unreachable: one line, no traceback
            self.app.call_from_thread(self._done, f"Not accepted: {exc}", error=True)
        else:
            self.app.call_from_thread(self._done, "The agent accepted the contact.")

    @work(thread=True, group="follow-action", exit_on_error=False)
    def _run_disconnect(self) -> None:
        why = self.follower.stop_contact()
        if why:
            self.app.call_from_thread(self._done, f"Not disconnected: {why}", error=True)
        else:
            self.app.call_from_thread(self._done, "The contact was disconnected (StopContact).")

    @work(thread=True, group="follow-action", exit_on_error=False)
    def _run_reply(self) -> None:
        from connect_tui.core.conversion import as_reply
        from connect_tui.runtime import send_draft

        outcome = send_draft(as_reply(self.draft, self.contact_id))
        if outcome.ok:
            self.app.call_from_thread(
                self._done, f"The agent replied: ContactId {outcome.contact_id}"
            )
        else:
            self.app.call_from_thread(
                self._done, f"The reply was not sent: {outcome.error}", error=True
            )
