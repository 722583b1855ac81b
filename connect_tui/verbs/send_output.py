"""Provides the text report of `connect-tui send`: a line a draft, a progress bar on a terminal.

The progress bar (rich) appears only when stdout is a terminal and several drafts are
sent; piped output stays plain lines. User text (profile names, messages) is printed
literally, never as markup.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from connect_tui.core.safe_text import shown

if TYPE_CHECKING:
    from connect_tui.core.outcome import SendOutcome

#: From this many drafts on, a terminal gets a progress bar.
PROGRESS_FROM = 3


def outcome_line(outcome: SendOutcome) -> str:
    """One line for people: the ContactId(s) made, or what went wrong."""
    request = f"request {outcome.request_id}, " if outcome.request_id else ""
    timing = f"[{request}{outcome.elapsed:.2f} s]"
    profile = shown(outcome.profile)
    if outcome.ok:
        line = f"{profile}: ContactId {outcome.contact_id}"
        if outcome.related_contact_id:
            line += f" (reply to {outcome.related_contact_id})"
        elif outcome.created_contact_id:
            line += " (made by CreateContact, then sent)"
        return f"{line}  {outcome.operation} to {shown(outcome.target)} {timing}"
    if outcome.may_exist:
        return (
            f"{profile}: may exist: {shown(outcome.error)}; check with ClientToken "
            f"{shown(outcome.client_token)} (`connect-tui send --from-history N` sends it again "
            f"with that token: it returns the contact if there is one, and never makes a "
            f"second) {timing}"
        )
    return f"{profile}: not sent: {shown(outcome.error)} {timing}"


class TextReport:
    """Prints outcomes as they come, above a progress bar when there is a terminal."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.sent = 0
        self.failed = 0
        self.embedded_note = False
        self._progress: Any = None
        self._task: Any = None

    @contextlib.contextmanager
    def progress(self) -> Iterator[None]:
        """Show a progress bar while drafts are sent (only on a terminal, for several drafts)."""
        if not (sys.stdout.isatty() and self.total >= PROGRESS_FROM):
            yield
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        # The bar's own escapes go to the real stream, past the guard of connect_tui.cli;
        # the lines printed above it are escaped by outcome_line.
        console = Console(file=getattr(sys.stdout, "wrapped", sys.stdout))
        with Progress(
            TextColumn("sending"),
            BarColumn(),
            MofNCompleteColumn(),
            transient=True,
            console=console,
        ) as progress:
            self._progress = progress
            self._task = progress.add_task("send", total=self.total)
            try:
                yield
            finally:
                self._progress = None

    def outcome(self, outcome: SendOutcome) -> None:
        """Report one draft's outcome."""
        self.sent += outcome.ok
        self.failed += not outcome.ok
        self._print(outcome_line(outcome))
        if "(embedded" in outcome.target:
            self.embedded_note = True
        if self._progress is not None:
            self._progress.advance(self._task)

    def finish(self, unreadable: int) -> None:
        """The closing summary (on stderr, so stdout stays one line a draft)."""
        if self.embedded_note:
            print(
                "note: the embedded sandbox stops with this command, and its contacts with it; "
                "run `connect-tui sandbox` in another terminal to keep them between commands",
                file=sys.stderr,
            )
        if self.total + unreadable > 1:
            print(
                f"sent {self.sent} of {self.total + unreadable}: {self.failed} not sent, "
                f"{unreadable} unreadable",
                file=sys.stderr,
            )

    def _print(self, line: str) -> None:
        if self._progress is not None:
            self._progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, flush=True)
