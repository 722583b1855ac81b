"""Provides BigTextArea: Textual's TextArea, made to draw fast when it holds megabytes.

Textual (8.2.8) works out the height of the wrapped text by adding up every line's wrapped
rows, and does so for every line it draws: for a 1 MB body of 20,000 lines that is 0.6 ms a
line, about 14 ms for each frame, on every key typed in the body. The wrapped document keeps
one entry per wrapped row (`_offset_to_line_info`, kept up to date on every edit), so its
length is that height at once. (Textual's internals, pinned with textual==8.2.8: the test
in tests/ui/test_big_text.py checks the two agree.)

TextArea also asks for its whole text (`Document.text`, the lines joined afresh) for every
line it draws, to know whether to draw the placeholder instead: 23 joins of a megabyte a
frame. The document keeps its joined text until it changes (`replace_range`, through which
every edit, undo and redo goes), so a frame joins it at most once.
"""

from __future__ import annotations

from textual.document._document import Document, EditResult, Location
from textual.document._wrapped_document import WrappedDocument
from textual.widgets import TextArea


class JoinedOnceDocument(Document):
    """A Document that joins its lines into its text once per change, not on every call."""

    _joined: str | None = None

    @property
    def text(self) -> str:
        """The document's text (joined again only after a change)."""
        if self._joined is None:
            self._joined = super().text
        return self._joined

    def replace_range(self, start: Location, end: Location, text: str) -> EditResult:
        """Replace the text between `start` and `end` with `text` (see Document)."""
        self._joined = None
        return super().replace_range(start, end, text)


class CountedWrappedDocument(WrappedDocument):
    """A WrappedDocument whose height is counted once, not added up on every call."""

    @property
    def height(self) -> int:
        """The height of the wrapped document (one row per entry of its offset table)."""
        return len(self._offset_to_line_info)


class BigTextArea(TextArea):
    """A TextArea whose wrapped height costs nothing to ask for."""

    def _set_document(self, text: str, language: str | None) -> None:
        super()._set_document(text, language)
        # The same objects, counting the height and keeping the text joined (they hold no
        # state of their own to set up).
        self.wrapped_document.__class__ = CountedWrappedDocument
        if type(self.document) is Document:  # a language's document is left as it is
            self.document.__class__ = JoinedOnceDocument
