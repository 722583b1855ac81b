"""Provides BigTextArea: Textual's TextArea, made to draw fast when it holds megabytes.

Textual (8.2.8) works out the height of the wrapped text by adding up every line's wrapped
rows, and does so for every line it draws: for a 1 MB body of 20,000 lines that is 0.6 ms a
line, about 14 ms for each frame, on every key typed in the body. The wrapped document keeps
one entry per wrapped row (`_offset_to_line_info`, kept up to date on every edit), so its
length is that height at once. (Textual's internals, pinned with textual==8.2.8: the test
in tests/ui/test_big_text.py checks the two agree.)
"""

from __future__ import annotations

from textual.document._wrapped_document import WrappedDocument
from textual.widgets import TextArea


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
        # The same object, counting its height (it holds no state of its own to set up).
        self.wrapped_document.__class__ = CountedWrappedDocument
