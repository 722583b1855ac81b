"""Provides the sections of the follow view: the timeline, attributes, references and thread.

Each section is a titled DataTable that shows one part of a Timeline, or, when the API
could not tell (a call failed, no flow-log group), one line saying so. Every value from a
reply is made safe to show (control characters as visible escapes) and given to the table
as Text, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Final

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Static

from connect_tui.core.safe_text import shown

if TYPE_CHECKING:
    from connect_tui.core.contact_timeline import Timeline


def local_time(moment: datetime | None) -> str:
    """A moment as local HH:MM:SS ("?" when the API does not say)."""
    return moment.astimezone().strftime("%H:%M:%S") if moment else "?"


#: A reason shown in a section is cut to this many characters (the rest is not news).
BRIEF: Final = 240


def brief(text: str) -> str:
    """A long reason cut to BRIEF characters, with an ellipsis."""
    return text if len(text) <= BRIEF else text[: BRIEF - 1] + "…"


def cell(value: Any, style: str = "") -> Text:
    """A table cell: the value made safe, literal (never markup)."""
    return Text(shown(value), style=style)


class Section(Vertical):
    """A titled table, or a line saying why it cannot be shown."""

    DEFAULT_CSS = """
    Section {
        height: auto;
        margin-bottom: 1;
    }
    Section > .section--title {
        text-style: bold;
        color: $text-accent;
    }
    Section > .section--why {
        color: $text-warning;
        height: auto;
    }
    Section > .section--empty {
        color: $text-muted;
        height: auto;
    }
    Section > DataTable {
        height: auto;
        max-height: 16;
    }
    """

    def __init__(self, title: str, columns: Sequence[str] | None, *, empty: str, id: str) -> None:
        """`columns` None: the rows (when, what, detail) are shown as wrapped lines."""
        super().__init__(id=id)
        self.title = title
        self.columns = tuple(columns) if columns is not None else None
        self.empty = empty
        self._rows: list[tuple[Text, ...]] | None = None
        self._why: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content(self.title), classes="section--title")
        yield Static("", classes="section--why", markup=False)
        yield Static(Content(self.empty), classes="section--empty")
        if self.columns is None:
            yield TimelineView(classes="section--body")
        else:
            yield DataTable(
                cursor_type="row", zebra_stripes=True, show_cursor=False, classes="section--body"
            )

    def on_mount(self) -> None:
        if self.columns is not None:
            self.query_one(DataTable).add_columns(*self.columns)
        self._show_state()

    def show(self, rows: list[tuple[Text, ...]], why: str | None = None) -> None:
        """Show these rows, or `why` they are unknown; nothing is redrawn when nothing changed."""
        if rows == self._rows and why == self._why:
            return
        self._rows, self._why = rows, why
        if self.columns is None:
            self.query_one(TimelineView).show(rows)
        else:
            table = self.query_one(DataTable)
            row = table.cursor_row
            table.clear()
            for values in rows:
                table.add_row(*values)
            if rows:
                table.move_cursor(row=min(row, len(rows) - 1))
        self._show_state()

    def _show_state(self) -> None:
        why, rows = self._why, self._rows or []
        label = self.query_one(".section--why", Static)
        label.update(Content(f"unknown: {shown(brief(why))}") if why else "")
        label.display = bool(why)
        self.query_one(".section--empty").display = not why and not rows and self._rows is not None
        self.query_one(".section--body").display = bool(rows)

    @property
    def texts(self) -> list[list[str]]:
        """The rows shown, as plain text (for tests and the tmux check)."""
        return [[value.plain for value in row] for row in self._rows or []]


def timeline_rows(timeline: Timeline) -> list[tuple[Text, ...]]:
    """Time, what happened, and the detail; unknowns in italics."""
    rows: list[tuple[Text, ...]] = []
    for event in timeline.events:
        style = "italic" if event.unknown else ""
        title_style = "bold" if event.kind in ("created", "queued", "disconnected") else style
        rows.append(
            (
                cell(local_time(event.at)),
                cell(event.title, title_style),
                cell(brief(event.detail), style),
            )
        )
    return rows


class TimelineView(Vertical):
    """The timeline as lines: the time and what happened, then the detail, indented."""

    DEFAULT_CSS = """
    TimelineView {
        height: auto;
    }
    TimelineView > .timeline--event {
        height: auto;
    }
    TimelineView > .timeline--detail {
        height: auto;
        padding-left: 10;
        color: $text-muted;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._rows: list[tuple[Text, ...]] | None = None
        self._lines: list[TimelineLine] = []

    def show(self, rows: list[tuple[Text, ...]]) -> None:
        """Show the timeline's rows (time, what, detail); nothing is redrawn when unchanged.

        The lines already shown are updated in place and new ones appended (a timeline
        grows at its end), instead of every line being removed and mounted again on each
        poll that changed anything: the view's height never drops while it grows."""
        if rows == self._rows:
            return
        self._rows = rows
        wanted: list[tuple[Content, str]] = []
        for when, what, detail in rows:
            line = Content.assemble((f"{when.plain:>8}  ", "dim"), _content(what))
            wanted.append((line, "timeline--event"))
            if detail.plain:
                wanted.append((_content(detail), "timeline--detail"))
        # Its own list, not `children`: a line mounted by the poll before may not be a
        # child yet.
        lines = self._lines
        with self.app.batch_update():
            for line_widget, (content, kind) in zip(lines, wanted, strict=False):
                line_widget.show(content, kind)
            for surplus in lines[len(wanted) :]:
                surplus.remove()
            added = [TimelineLine(content, kind) for content, kind in wanted[len(lines) :]]
            self._lines = lines[: len(wanted)] + added
            if added:
                self.mount_all(added)

    @property
    def texts(self) -> list[list[str]]:
        """The rows shown, as plain text (for tests and the tmux check)."""
        return [[value.plain for value in row] for row in self._rows or []]


class TimelineLine(Static):
    """One line of the timeline: an event, or the detail under it (its class says which)."""

    def __init__(self, content: Content, kind: str) -> None:
        super().__init__(content, classes=kind)
        self.content_shown = content

    def show(self, content: Content, kind: str) -> None:
        """Show `content` as a line of `kind`, redrawn only if either changed."""
        if not self.has_class(kind):
            self.set_classes(kind)
        if content != self.content_shown:
            self.content_shown = content
            self.update(content)


def _content(text: Text) -> Content:
    """A Text cell as Content (literal text, with the cell's style)."""
    return Content.styled(text.plain, str(text.style)) if text.style else Content(text.plain)


def attribute_rows(timeline: Timeline) -> list[tuple[Text, ...]]:
    """A mark (● changed), key, value and what changed it."""
    rows: list[tuple[Text, ...]] = []
    for row in timeline.attributes:
        change = row.change + (f" (was {row.was})" if row.was is not None else "")
        mark = cell("●", "bold") if row.changed else cell("")
        rows.append((mark, cell(row.key), cell(row.value), cell(change)))
    return rows


def reference_rows(timeline: Timeline) -> list[tuple[Text, ...]]:
    """Type, name, value, status."""
    return [
        (cell(ref.type), cell(ref.name), cell(ref.value), cell(ref.status))
        for ref in timeline.references
    ]


def thread_rows(timeline: Timeline) -> list[tuple[Text, ...]]:
    """Started, the ContactId and method (the followed contact in bold), the relation and end."""
    rows: list[tuple[Text, ...]] = []
    for row in timeline.thread:
        style = "bold" if row.is_followed else ""
        ended = f"ended {local_time(row.disconnected)}" if row.disconnected else "active"
        rows.append(
            (
                cell(local_time(row.initiated)),
                cell(f"{row.contact_id} {row.initiation_method}", style),
                cell(f"{row.relation}; {ended}"),
            )
        )
    return rows
