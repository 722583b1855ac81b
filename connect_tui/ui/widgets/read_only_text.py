"""Provides ReadOnlyText: a read-only TextArea for generated text (JSON, a command) that may
be megabytes long.

Textual's TextArea looks for the bracket matching the one under the cursor whenever the
cursor moves, even with `match_cursor_bracket` off; from the opening brace of a JSON
document that scan reads the whole text (a second for a 1 MB body, on every load). Text
that is only read needs no bracket matching.
"""

from __future__ import annotations

from typing import Any, Final, Self

from textual.cache import LRUCache
from textual.geometry import Offset, Region
from textual.strip import Strip
from textual.widgets import TextArea
from textual.widgets.text_area import Location

from connect_tui.ui.widgets.big_text import BigTextArea

#: Texts are compared this many characters at a time (equal slices compare at C speed).
_CHUNK: Final = 4096


def common_prefix(a: str, b: str) -> int:
    """How many characters `a` and `b` share at their start."""
    limit = min(len(a), len(b))
    start = 0
    while start < limit and a[start : start + _CHUNK] == b[start : start + _CHUNK]:
        start += _CHUNK
    # The chunk at `start` differs (or is cut short by the shorter text): find where.
    end = min(start + _CHUNK, limit)
    while start < end and a[start] == b[start]:
        start += 1
    return start


def common_suffix(a: str, b: str, limit: int) -> int:
    """How many characters (at most `limit`) `a` and `b` share at their end."""
    size = 0
    while size < limit:
        step = min(_CHUNK, limit - size)
        if a[len(a) - size - step : len(a) - size] != b[len(b) - size - step : len(b) - size]:
            break
        size += step
    while size < limit and a[len(a) - size - 1] == b[len(b) - size - 1]:
        size += 1
    return size


def location(text: str, offset: int) -> tuple[int, int]:
    """The (row, column) of character `offset` of `text`."""
    return text.count("\n", 0, offset), offset - (text.rfind("\n", 0, offset) + 1)


class TextKeyedLines(LRUCache[tuple[Any, ...], Strip]):
    """TextArea's cache of drawn lines, each kept by TextArea's own key (the line's place,
    the selection and cursor on it, the size, the theme: textual 8.2.8's `render_line`) and
    by what else a drawn line shows: its text, the widest line and the gutter (without
    soft wrap, the key's row is the document's line). A changed line is never a hit, so
    the cache needs no clearing when the text changes."""

    def __init__(self, area: TextArea, maxsize: int = 1024) -> None:
        super().__init__(maxsize)
        self._area = area

    def _with_text(self, key: tuple[Any, ...]) -> tuple[Any, ...]:
        area = self._area
        row = key[2]
        text = area.document[row] if row < area.document.line_count else None
        return (key, text, area.virtual_size.width, area.gutter_width)

    def get(self, key: tuple[Any, ...], default: Any = None) -> Any:
        """The line drawn for `key` with the text it has now (else `default`)."""
        return super().get(self._with_text(key), default)

    def set(self, key: tuple[Any, ...], value: Strip) -> None:
        """Keep the line drawn for `key` and its text."""
        super().set(self._with_text(key), value)

    __setitem__ = set


class ReadOnlyText(BigTextArea):
    """A read-only TextArea that never matches brackets and draws again only changed lines."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)
        self.match_cursor_bracket = False
        self._line_cache = TextKeyedLines(self)

    def _build_highlight_map(self) -> None:
        """Textual's, which every edit calls and which forgets every drawn line; without
        highlighting or soft wrap the lines are kept by their text (TextKeyedLines)."""
        if self._highlight_query or self.soft_wrap:
            super()._build_highlight_map()
        else:
            self._highlights.clear()

    def show(self, text: str) -> None:
        """Show `text`, replacing only what differs (the scroll and the cursor stay, and
        only the lines that changed are drawn again)."""
        old = self.text
        if old == text:
            return
        if not old:
            self.load_text(text)
            return
        start = common_prefix(old, text)
        end = common_suffix(old, text, min(len(old), len(text)) - start)
        first, _ = location(old, start)
        selection = self.selection
        self._repaint_later = True
        try:
            self.replace(
                text[start : len(text) - end], location(old, start), location(old, len(old) - end)
            )
        finally:
            self._repaint_later = False
        self.history.clear()  # nothing here is undone: keep no copies
        old_rows = old.count("\n", start, len(old) - end)
        new_rows = text.count("\n", start, len(text) - end)
        if self.selection != selection or self.soft_wrap:
            self.refresh()
        else:  # the changed lines, and those below them if lines came or went
            top = first - self.scroll_offset.y
            rows = new_rows + 1 if old_rows == new_rows else self.size.height - top
            if top + rows > 0 and top < self.size.height:
                self.refresh(Region(0, max(top, 0), self.size.width, rows))

    def scroll_cursor_visible(self, center: bool = False, animate: bool = False) -> Offset:
        """Textual's, except while `show` edits the text: an edit brings the cursor into
        view, so each key scrolled a live request the reader had scrolled back to its top
        (the cursor stays at the start of a text that is only read)."""
        if getattr(self, "_repaint_later", False):
            return Offset(0, 0)
        return super().scroll_cursor_visible(center, animate)

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        """Textual's refresh; while `show` edits the text, the whole-widget repaints the
        edit asks for are left out (`show` repaints the lines it changed): drawing all 33
        lines of the live request took 1.7 ms of every key, most of them unchanged."""
        if getattr(self, "_repaint_later", False) and not (regions or layout or recompose):
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def find_matching_bracket(self, bracket: str, search_from: Location) -> Location | None:
        """None: no bracket is matched (see the module notes)."""
        return None
