"""Provides AttachFileDialog: asks for a local file and how long its URL lasts, uploads it
in a thread worker with a progress bar, and returns the attachment row it makes.

The checks, the upload and the presigning are core's (connect_tui/core/attachments.py);
this dialog only asks, shows progress, and shows a refusal as one line naming the file.
"""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, ProgressBar, Static

from connect_tui.core import attachments
from connect_tui.core.model import Draft
from connect_tui.core.safe_text import shown
from connect_tui.ui.dialogs.choice import dialog_css
from connect_tui.ui.on_top import DismissedOnTopOnly

#: The expiry offered first: the presigned URL's default hour, in minutes.
DEFAULT_MINUTES = attachments.DEFAULT_EXPIRY_SECONDS // 60
_MAX_MINUTES = attachments.MAX_EXPIRY_SECONDS // 60


class AttachFileDialog(DismissedOnTopOnly, ModalScreen[attachments.Uploaded | None]):
    """Asks for a file's path and the URL's lifetime; returns the upload, or None.

    `other_bytes` is the size of the files the draft already has attached from here, counted
    against the 25 MB of body and attachments.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
    ]
    DEFAULT_CSS = (
        dialog_css("AttachFileDialog")
        + """
    AttachFileDialog #attach-error {
        color: $text-error;
        height: auto;
    }
    AttachFileDialog ProgressBar {
        display: none;
    }
    AttachFileDialog.-uploading ProgressBar {
        display: block;
    }
    """
    )

    def __init__(self, draft: Draft, *, other_bytes: int = 0) -> None:
        super().__init__()
        self.draft = draft
        self.other_bytes = other_bytes
        self._uploading = False

    def compose(self) -> ComposeResult:
        """The path, the URL's lifetime, the error line, the progress bar."""
        where = (
            "the sandbox"
            if self.draft.target.is_sandbox
            else f"bucket {self.draft.target.attachment_bucket or '(none set)'}"
        )
        with Vertical(classes="dialog"):
            yield Static(
                Content(f"Attach a file: it is uploaded to {where}"), classes="dialog--title"
            )
            yield Input(placeholder="path of the file, e.g. ~/invoice.pdf", id="attach-path")
            yield Input(
                str(DEFAULT_MINUTES),
                placeholder=f"URL valid for minutes (1 to {_MAX_MINUTES})",
                id="attach-minutes",
                type="integer",
            )
            yield Static("", id="attach-error", markup=False)
            yield ProgressBar(id="attach-progress", show_eta=False)
            yield Static(
                Content("enter to upload (the URL lasts the minutes given), escape to cancel"),
                classes="dialog--hint",
                markup=False,
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Check what was typed, then upload in a worker."""
        event.stop()
        if self._uploading:
            return
        path = self.query_one("#attach-path", Input).value
        minutes_text = self.query_one("#attach-minutes", Input).value.strip()
        try:
            minutes = int(minutes_text)
        except ValueError:
            minutes = 0
        if not 1 <= minutes <= _MAX_MINUTES:
            self._error(f"the URL's lifetime must be 1 to {_MAX_MINUTES:,} minutes (7 days)")
            return
        try:
            # A stat: fast enough for the UI thread. The worker checks again, with the body.
            local = attachments.check_file(path, other_bytes=self.other_bytes)
        except attachments.AttachmentError as exc:
            self._error(str(exc))
            return
        self._error("")
        self._uploading = True
        self.add_class("-uploading")
        self.query_one(ProgressBar).update(total=max(local.size, 1), progress=0)
        self._upload(path, minutes * 60)

    @work(thread=True, exclusive=True, group="attach-file")
    def _upload(self, path: str, expires_in: int) -> None:
        # Here, not at the top: the runtime brings the sandbox and botocore, which the first
        # frame does not need (as the Preview pane does).
        from connect_tui.runtime import shared_sender

        bar = self.query_one(ProgressBar)
        try:
            done = attachments.attach_file(
                shared_sender(),
                self.draft,
                path,
                expires_in=expires_in,
                progress=lambda sent: self.app.call_from_thread(bar.advance, sent),
                other_bytes=self.other_bytes,
            )
        except attachments.AttachmentError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self.dismiss, done)

    def _failed(self, message: str) -> None:
        self._uploading = False
        self.remove_class("-uploading")
        self._error(message)

    def _error(self, message: str) -> None:
        # One line, whatever the file's name or S3's message held.
        self.query_one("#attach-error", Static).update(Content(shown(message)))

    def action_cancel(self) -> None:
        """Close with nothing attached (an upload under way finishes unseen)."""
        self.dismiss(None)
