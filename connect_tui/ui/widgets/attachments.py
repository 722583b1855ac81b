"""Provides AttachmentsPane: the inbound email's attachments (file name and presigned S3 URL).

Only StartEmailContact takes Attachments; outbound, the pane says so and leaves the
draft alone (a draft switched to outbound keeps its attachments parked for the way back).
The most attachments a request takes is read from botocore's model in a worker, so the
first frame never waits for botocore.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult

from connect_tui.core import schema
from connect_tui.core.attachments import Uploaded
from connect_tui.core.model import INBOUND, Draft
from connect_tui.core.problems import Problem
from connect_tui.core.rules import DEFAULT_ATTACHMENT_EXTENSIONS
from connect_tui.ui.dialogs.attach_file import AttachFileDialog
from connect_tui.ui.widgets.fields import Hint, text_of
from connect_tui.ui.widgets.pane import Field, Pane
from connect_tui.ui.widgets.row_extras import EXTRA, Extras
from connect_tui.ui.widgets.rows import Column, RowList

MEMBER = "Attachments"
FILE_NAME, URL = "FileName", "S3Url"
_SHOWN = (FILE_NAME, URL)
COLUMNS = (
    Column(FILE_NAME, "File name", placeholder="e.g. invoice.pdf"),
    Column(
        URL, "Presigned S3 URL", placeholder="e.g. https://bucket.s3.amazonaws.com/…", width="3fr"
    ),
)


def _written(rows: list[dict[str, str]]) -> list[int]:
    """The indexes of the rows that are written (rows with anything typed)."""
    return [i for i, row in enumerate(rows) if row.get(FILE_NAME) or row.get(URL)]


class AttachmentsPane(Pane):
    """Attachment rows (inbound only): a file name and the presigned S3 URL to fetch it from."""

    TITLE: ClassVar[str] = "Attachments"
    NAME: ClassVar[str] = "attachments"
    KEY: ClassVar[str] = "alt+h"
    HELP: ClassVar[str] = f"""\
# Attachments

Files attached to an *inbound* email (StartEmailContact), one per row: the
**file name** the agent sees and a **presigned S3 URL** Amazon Connect fetches it from
(`https://...` with `X-Amz-Signature=`). Outbound emails take no attachments.

- At most 50 attachments in the request; more than 10 is warned about (Amazon Connect's
  feature specifications allow 10 per email, and SES bounces received mail with more).
- Each file at most 20 MB by default; body and attachments together at most 25 MB.
  A presigned URL does not tell the file's size and connect-tui does not fetch it, so
  these sizes are left to Amazon Connect (docs/service-rules.md).
- A file name has no control characters. Amazon Connect accepts these extensions
  unless the instance allows more: {", ".join(sorted(DEFAULT_ATTACHMENT_EXTENSIONS))}.
- A row with nothing typed is left out.

**Attach a file** (`f3`, or "Attach a file" in the palette): give a local file's path
and how long its URL lasts (60 minutes unless you change it). connect-tui checks it
(a regular, readable file of at most 20 MB, with the body at most 25 MB, a name with no
control characters), uploads it (a progress bar shows), and adds its row with a presigned
URL: to the sandbox itself for a sandbox target, to the target's **attachment bucket**
for AWS (set it in the Target pane).

Keys: `ctrl+n` add a row after this one, `ctrl+d` remove this row,
`alt+up` / `alt+down` move it; `up` / `down` go to the row above or below.
"""
    MEMBERS: ClassVar[frozenset[str]] = frozenset({MEMBER})
    WRITES = MEMBERS  # apply() writes these members only

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        #: False outbound, or when the draft's Attachments is not a list (kept as it is).
        self._editable = True
        self._extras = Extras()
        #: The size of each file attached from here, by its URL: the 25 MB of body and
        #: attachments counts those still in the rows (a URL typed by hand has no size).
        self._sizes: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        """A line about the rows, a note (outbound), then the rows."""
        yield Hint(
            "Files attached to the email: a name, and the presigned S3 URL Connect fetches.",
            classes="attachments-intro",
        )
        yield Hint("", classes="attachments-note")
        yield RowList(COLUMNS, noun="attachment", id="attachments")

    @property
    def row_list(self) -> RowList:
        """The attachment rows."""
        return self.query_one("#attachments", RowList)

    def on_mount(self) -> None:
        """Read the most attachments a request takes, away from the first frame."""
        self.run_worker(self._read_limit, thread=True, name="attachments-limit")

    def _read_limit(self) -> None:
        # input_shape loads botocore's model on first use (about 0.2 s): not on the UI thread.
        shape = schema.input_shape(INBOUND).members.get(MEMBER)
        if shape is not None and shape.max is not None:
            self.app.call_from_thread(setattr, self.row_list, "limit", shape.max)

    def load(self, draft: Draft) -> None:
        """Show the attachments inbound; outbound, a note instead."""
        value = draft.request.get(MEMBER)
        note = ""
        if draft.is_outbound:
            note = (
                "Outbound emails take no attachments. Any kept from the inbound draft "
                "come back when it is switched to inbound."
            )
        elif value is not None and not isinstance(value, list):
            note = f"{MEMBER} in this draft is not a list; it is kept as it is."
        self._editable = not note
        hint = self.query_one(".attachments-note", Hint)
        hint.update(note)
        hint.display = bool(note)
        self.row_list.display = self._editable
        self.query_one(".attachments-intro", Hint).display = self._editable
        self._extras.clear()
        rows = []
        for entry in value if isinstance(value, list) and self._editable else []:
            table = entry if isinstance(entry, dict) else {}
            rows.append(
                {
                    FILE_NAME: text_of(table.get(FILE_NAME)),
                    URL: text_of(table.get(URL)),
                    EXTRA: self._extras.keep(entry, _SHOWN),
                }
            )
        with self.quietly():
            self.row_list.set_rows(rows)

    def apply(self, draft: Draft) -> None:
        """Write the rows with anything typed; none drops Attachments."""
        if not self._editable or draft.is_outbound:
            return
        rows = self.row_list.rows
        entries = []
        for index in _written(rows):
            entry = self._extras.of(rows[index])
            # Both are required: written as typed, so the validator names the missing one.
            entry[FILE_NAME] = rows[index][FILE_NAME]
            entry[URL] = rows[index][URL]
            entries.append(entry)
        if entries:
            draft.request[MEMBER] = entries
        else:
            draft.request.pop(MEMBER, None)

    def field_for(self, problem: Problem) -> Field | None:
        """The cell of the attachment the problem is about, or the rows for the whole list."""
        location = problem.location
        if not location or location[0] != MEMBER or not self._editable:
            return None
        if len(location) == 1 or not isinstance(location[1], int):
            return self.row_list
        written = _written(self.row_list.rows)
        if not 0 <= location[1] < len(written):
            return self.row_list
        part = str(location[2]) if len(location) > 2 else FILE_NAME
        return self.row_list.field(written[location[1]], part if part in _SHOWN else FILE_NAME)

    def focus_problem(self, problem: Problem) -> bool:
        """Focus the problem's cell; for a problem with a whole list, its first row."""
        return self.row_list.focus_target(self.field_for(problem)) or super().focus_problem(problem)

    def attach_file(self, draft: Draft) -> None:
        """Ask for a local file, upload it, and add its row (AttachFileDialog does the asking)."""
        urls = {row[URL] for row in self.row_list.rows}
        others = sum(size for url, size in self._sizes.items() if url in urls)
        self.app.push_screen(AttachFileDialog(draft, other_bytes=others), self.add_attachment)

    def add_attachment(self, uploaded: Uploaded | None) -> None:
        """Add the upload's {FileName, S3Url} row (into the first empty row), as a user edit
        would."""
        if uploaded is None:
            return
        self._sizes[uploaded.url] = uploaded.size
        rows = self.row_list.rows
        new = {FILE_NAME: uploaded.file_name, URL: uploaded.url}
        empty = next((i for i, row in enumerate(rows) if i not in _written(rows)), None)
        if empty is None:
            rows.append(new)
        else:
            rows[empty] = {**rows[empty], **new}
        self.row_list.set_rows(rows)
        self.changed()

    def on_row_list_changed(self, event: RowList.Changed) -> None:
        """A user edit: tell the screen."""
        event.stop()
        self.changed()
