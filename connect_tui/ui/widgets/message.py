"""Provides MessagePane: the EmailMessage, RAW (subject, content type, body, headers) or,
outbound only, TEMPLATE (knowledge base, template, custom and profile attributes).

Switching RAW <-> TEMPLATE keeps what was typed in the other: the message that is not
sent waits in `draft.parked` and comes back when the source type is switched back (the
rule is core's: connect_tui.core.conversion.set_message_source; this pane only shows and
writes field values). The body may be 5 MB: its text is read from
the TextArea only after the body itself was edited, never on other edits.
"""

from __future__ import annotations

from typing import Any, ClassVar, Final

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, TextArea

from connect_tui.core.conversion import (
    MESSAGE,
    RAW,
    TEMPLATE,
    message_source,
    set_message_source,
    shown_member,
)
from connect_tui.core.limits import BODY_BYTES, utf8_size
from connect_tui.core.model import INBOUND, Draft
from connect_tui.core.problems import Problem
from connect_tui.core.rules import CONTENT_TYPES
from connect_tui.ui.widgets.big_text import BigTextArea
from connect_tui.ui.widgets.choices import Choices
from connect_tui.ui.widgets.fields import (
    FieldRow,
    Hint,
    SectionTitle,
    put,
    put_table,
    table_of,
    text_input,
    text_of,
)
from connect_tui.ui.widgets.pane import Field, Pane
from connect_tui.ui.widgets.rows import Column, RowList

_TEXT_AREAS: Final = ("body", "profile-attributes")
#: Lines longer than this turn soft wrap off: wrapping one 5 MB line makes each key take seconds.
WRAP_LIMIT: Final = 10_000
_PAIR_COLUMNS: Final = ("key", "value")


def header_keys() -> tuple[str, ...]:
    """The header names RawMessage.Headers takes (inbound), from botocore's model."""
    from connect_tui.core import schema

    headers = schema.shape_at(
        schema.input_shape(INBOUND), ("EmailMessage", "RawMessage", "Headers")
    )
    return headers.key.enum if headers is not None and headers.key is not None else ()


def rows_of(table: Any) -> list[dict[str, str]]:
    """A string map as key/value rows."""
    return [{"key": str(k), "value": text_of(v)} for k, v in table_of(table).items()]


def table_from(rows: list[dict[str, str]]) -> dict[str, str]:
    """Key/value rows as a map; rows with neither key nor value are left out."""
    return {row["key"]: row["value"] for row in rows if row["key"] or row["value"]}


class MessagePane(Pane):
    """The email itself: RAW fields, or (outbound) a template and its attributes."""

    TITLE: ClassVar[str] = "Message"
    NAME: ClassVar[str] = "message"
    KEY: ClassVar[str] = "alt+m"
    HELP: ClassVar[str] = """\
# Message

**Source** (outbound only): RAW (you write the email) or TEMPLATE (a message
template of Amazon Connect). Inbound email is RAW only. Switching keeps what you
typed in the other.

**RAW**
- **Subject**: inbound 0 to 998 characters, outbound 1 to 998.
- **Content type**: text/plain or text/html.
- **Body**: at most 5,242,880 characters and 5 MB (5,242,880 bytes) of UTF-8: the
  line under it counts bytes (`é` takes 2, `€` 3). Body and attachments together are
  at most 25 MB; the attachments' sizes cannot be known from their URLs.
- **Headers** (inbound only): REFERENCES, MESSAGE_ID, IN_REPLY_TO,
  X_SES_SPAM_VERDICT, X_SES_VIRUS_VERDICT; values 1 to 20,000 characters; the SES
  verdicts are PASS, FAIL, GRAY or PROCESSING_FAILED.

**TEMPLATE**
- **Knowledge base id** and **Template id** (1 to 500 characters each; the template
  id may end in a qualifier such as `:$LATEST`).
- **Custom attributes**: key/value pairs the template fills in.
- **Customer profile attributes**: a JSON string.

`${name}` uses a variable (Target pane).

Keys: `left` / `right` pick the source and content type; in the body `tab` moves on
(it does not indent); in a table `ctrl+n` adds a row, `ctrl+d` removes it,
`alt+up` / `alt+down` move it.
"""
    MEMBERS: ClassVar[frozenset[str]] = frozenset({MESSAGE})
    WRITES = MEMBERS  # apply() writes these members only

    DEFAULT_CSS = """
    MessagePane .-hidden {
        display: none;
    }
    MessagePane Vertical {
        height: auto;
    }
    MessagePane #body {
        height: 8;
    }
    MessagePane #body-bytes {
        height: 1;
        width: 1fr;
        margin-bottom: 1;
        &.-over {
            color: $text-error;
        }
    }
    MessagePane #profile-attributes {
        height: 4;
        margin-bottom: 1;
    }
    MessagePane.-roomy #body {
        height: 16;
    }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._outbound = False
        self._headers: RowList | None = None
        self._header_rows: list[dict[str, str]] = []

    def compose(self) -> ComposeResult:
        """Source, the RAW fields, the TEMPLATE fields."""
        yield FieldRow("Source", Choices((RAW, TEMPLATE), id="source"), id="source-row")
        with Vertical(id="raw"):
            yield FieldRow("Subject", text_input("subject", "e.g. Order 1234 delayed"))
            yield FieldRow("Content type", Choices(CONTENT_TYPES, id="content-type"))
            yield SectionTitle("Body")
            yield BigTextArea(id="body", soft_wrap=False, tab_behavior="focus", compact=True)
            yield Hint("", id="body-bytes")
            with Vertical(id="headers-group"):
                yield SectionTitle("Headers")
                # The header table is mounted once the names are read from botocore's model.
                yield Vertical(id="headers-host")
        with Vertical(id="template"):
            yield FieldRow("Knowledge base id", text_input("knowledge-base-id", "required"))
            yield FieldRow("Template id", text_input("template-id", "id, or id:$LATEST"))
            yield SectionTitle("Custom attributes")
            yield RowList(
                [Column("key", "Name", width="1fr"), Column("value", "Value", width="2fr")],
                noun="attribute",
                id="custom-attributes",
            )
            yield SectionTitle("Customer profile attributes (JSON)")
            yield TextArea(
                id="profile-attributes", soft_wrap=True, tab_behavior="focus", compact=True
            )
            yield Hint('For example {"FirstName": "Alice"}; empty to leave it out.')

    def on_mount(self) -> None:
        """Read the header names off the main thread, after the first frame (botocore's
        model loads lazily, and the app must draw before it does)."""
        self.call_after_refresh(self._read_header_keys)

    def on_resize(self) -> None:
        """A taller body when there is room (120x40)."""
        self.set_class(self.size.height >= 30, "-roomy")

    @work(thread=True, exclusive=True, group="message-header-keys", exit_on_error=False)
    def _read_header_keys(self) -> None:
        keys = header_keys()
        self.app.call_from_thread(self._mount_headers, keys)

    def _mount_headers(self, keys: tuple[str, ...]) -> None:
        headers = RowList(
            [
                Column("key", "Header", placeholder="header", choices=keys, width="26"),
                Column("value", "Value", width="1fr"),
            ],
            noun="header",
            id="headers",
        )
        headers.set_rows(self._header_rows)
        self._headers = headers
        self.query_one("#headers-host").mount(headers)

    # -- helpers ----------------------------------------------------------------------------

    def _input(self, id: str) -> Input:
        return self.query_one(f"#{id}", Input)

    def _choices(self, id: str) -> Choices:
        return self.query_one(f"#{id}", Choices)

    def _area(self, id: str) -> TextArea:
        return self.query_one(f"#{id}", TextArea)

    @property
    def _custom(self) -> RowList:
        return self.query_one("#custom-attributes", RowList)

    @property
    def source(self) -> str:
        """The source type shown: RAW or TEMPLATE."""
        return self._choices("source").value

    def _show(self) -> None:
        templated = self._outbound and self.source == TEMPLATE
        self.query_one("#source-row").set_class(not self._outbound, "-hidden")
        self.query_one("#raw").set_class(templated, "-hidden")
        self.query_one("#template").set_class(not templated, "-hidden")
        self.query_one("#headers-group").set_class(self._outbound, "-hidden")

    def _show_body_bytes(self, body: str) -> None:
        """The body's budget line, like the other panes' ("120 of 5,242,880 bytes (UTF-8)")."""
        used = utf8_size(body)
        line = self.query_one("#body-bytes", Hint)
        # One line of fixed size (CSS): no layout of the whole screen on each key in the body.
        line.update(f"{used:,} of {BODY_BYTES:,} bytes (UTF-8)", layout=False)
        line.set_class(used > BODY_BYTES, "-over")

    # -- the Pane contract ------------------------------------------------------------------

    def load(self, draft: Draft) -> None:
        """Show the message; the other source type's fields come from what waits in parked."""
        self._outbound = draft.is_outbound
        message = table_of(draft.request.get(MESSAGE))
        source = text_of(message.get("MessageSourceType")) or RAW
        raw = shown_member(draft, RAW)
        template = shown_member(draft, TEMPLATE)
        attributes = table_of(template.get("TemplateAttributes"))
        with self.quietly():
            self._choices("source").set_choices((RAW, TEMPLATE), source)
            self._input("subject").value = text_of(raw.get("Subject"))
            self._choices("content-type").set_choices(
                CONTENT_TYPES, text_of(raw.get("ContentType"))
            )
            body = text_of(raw.get("Body"))
            area = self._area("body")
            area.soft_wrap = max(map(len, body.splitlines()), default=0) <= WRAP_LIMIT
            area.load_text(body)
            self._show_body_bytes(body)
            self._header_rows = rows_of(raw.get("Headers"))
            if self._headers is not None:
                self._headers.set_rows(self._header_rows)
            self._input("knowledge-base-id").value = text_of(template.get("KnowledgeBaseId"))
            self._input("template-id").value = text_of(template.get("MessageTemplateId"))
            self._custom.set_rows(rows_of(attributes.get("CustomAttributes")))
            self._area("profile-attributes").load_text(
                text_of(attributes.get("CustomerProfileAttributes"))
            )
        self._show()

    def apply(self, draft: Draft) -> None:
        """Write the fields shown into the chosen source type's member (core parks the other)."""
        source = self.source if draft.is_outbound else message_source(draft)
        member = set_message_source(draft, source)
        if source == RAW:
            self._write_raw(member, inbound=not draft.is_outbound)
        else:
            self._write_template(member)

    def _write_raw(self, raw: dict[str, Any], *, inbound: bool) -> None:
        raw["Subject"] = self._input("subject").value
        if "body" in self.edited or "Body" not in raw:
            raw["Body"] = self._area("body").text
            self.edited.discard("body")  # read once; the draft holds it from now on
            self._show_body_bytes(raw["Body"])
        raw["ContentType"] = self._choices("content-type").value
        if inbound:
            rows = self._headers.rows if self._headers is not None else self._header_rows
            self._header_rows = rows
            put_table(raw, "Headers", table_from(rows))

    def _write_template(self, template: dict[str, Any]) -> None:
        put(template, "KnowledgeBaseId", self._input("knowledge-base-id").value)
        put(template, "MessageTemplateId", self._input("template-id").value)
        attributes = table_of(template.get("TemplateAttributes"))
        put_table(attributes, "CustomAttributes", table_from(self._custom.rows))
        if "profile-attributes" in self.edited or "CustomerProfileAttributes" not in attributes:
            put(attributes, "CustomerProfileAttributes", self._area("profile-attributes").text)
            self.edited.discard("profile-attributes")
        template["TemplateAttributes"] = attributes  # required, even when empty

    def field_for(self, problem: Problem) -> Field | None:
        """The field of the message member the problem is about."""
        location = [str(step) for step in problem.location]
        if location[:1] != [MESSAGE]:
            return None
        rest = location[1:]
        if not rest or rest[0] == "MessageSourceType":
            return self._choices("source") if self._outbound else self._input("subject")
        if rest[0] == "RawMessage":
            return self._raw_field(rest[1:], problem)
        if rest[0] == "TemplatedMessageConfig":
            return self._template_field(rest[1:], problem)
        return None

    def _raw_field(self, rest: list[str], problem: Problem) -> Field | None:
        simple = {"Subject": "#subject", "ContentType": "#content-type", "Body": "#body"}
        if not rest:
            return self._input("subject")
        if rest[0] in simple:
            return self.query_one(simple[rest[0]])
        if rest[0] == "Headers" and self._headers is not None:
            return _row_field(self._headers, rest[1:], problem)
        return None

    def _template_field(self, rest: list[str], problem: Problem) -> Field | None:
        if not rest or rest[0] == "KnowledgeBaseId":
            return self._input("knowledge-base-id")
        if rest[0] == "MessageTemplateId":
            return self._input("template-id")
        if rest[0] == "TemplateAttributes":
            if rest[1:2] == ["CustomerProfileAttributes"]:
                return self._area("profile-attributes")
            if rest[1:2] == ["CustomAttributes"]:
                return _row_field(self._custom, rest[2:], problem)
        return None

    # -- user edits -------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        """Subject, knowledge base or template id typed."""
        event.stop()
        self.changed()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """Body or profile attributes edited: remember to read that one back."""
        event.stop()
        area = event.text_area.id
        self.changed(area if area in _TEXT_AREAS else None)

    def on_row_list_changed(self, event: RowList.Changed) -> None:
        """A header or custom attribute row edited."""
        event.stop()
        self.changed()

    @on(Choices.Changed)
    def _choice_changed(self, event: Choices.Changed) -> None:
        event.stop()
        if event.choices.id == "source":
            self._show()
        self.changed()


def _row_field(rows: RowList, rest: list[str], problem: Problem) -> Field | None:
    """The cell of a key/value RowList that a problem under the map points at."""
    if not rest:
        return rows.field(0, "key") or rows
    key = rest[0]
    for index, row in enumerate(rows.rows):
        if row["key"] == key:
            column = "key" if problem.message.startswith("key ") else "value"
            return rows.field(index, column)
    return None
