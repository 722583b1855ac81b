"""Provides LiveRequest: the request as it will be sent, read-only, beside the form.

Its own module, imported when the side panel first shows it: a TextArea costs the
first frame time it does not need (connect_tui.ui.widgets.side_panel).
"""

from __future__ import annotations

from textual import events

from connect_tui.ui.widgets.read_only_text import ReadOnlyText


class LiveRequest(ReadOnlyText):
    """The request JSON as it will be sent, read-only, under a title."""

    DEFAULT_CSS = """
    LiveRequest {
        border: round $border-blurred;
        border-title-color: $text-muted;
        background: $surface;
        padding: 0 1;
        height: 1fr;
        scrollbar-size: 1 1;
    }
    LiveRequest:focus {
        border: round $border;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, soft_wrap=False, show_line_numbers=False)
        self.border_title = "Request (live)"

    def _on_resize(self, event: events.Resize) -> None:  # type: ignore[override]
        """Textual's TextArea wraps its whole text again on every resize and measures its
        widest line (textual 8.2.8); without soft wrap neither depends on the size. The
        request is resized each time the problems go (it is shown again): 1,500 lines of
        the largest request, in the frame of the key that fixed the last problem."""
        if not self.soft_wrap:
            event.prevent_default()  # TextArea's own handler: the whole text wrapped again

    def show_text(self, title: str, text: str) -> None:
        """Show `text` (only when it changed: the scroll and selection stay)."""
        if self.border_title != title:  # setting it repaints every line, even to the same
            self.border_title = title
        self.show(text)
