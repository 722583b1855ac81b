"""Provides PaneTabs: the composer's tab strip, one widget drawing every pane's title.

Textual's TabbedContent builds a Tab widget per title, an animated Underline, scroll
containers and a TabPane around each pane: about a fifth of the composer's first frame
(issue 13). This strip draws the same two lines itself (the titles, then the bar with the
active title underlined), looks as Textual's Tabs do, and takes the same input: a click on
a title or under it, and left / right while it has the focus. It only reports the pane
asked for (`PaneTabs.Picked`); the screen shows that pane and then sets `active`.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from connect_tui.ui.lazy_styles import LazyComponentStyles

TAB = "pane-tabs--tab"
ACTIVE = "pane-tabs--active"
HOVER = "pane-tabs--hover"
BAR = "pane-tabs--bar"
HIGHLIGHT = "pane-tabs--highlight"

# Textual's Bar (textual.renderables.bar) draws its ends with half bars.
_BAR, _HALF_LEFT, _HALF_RIGHT = "━", "╺", "╸"


class PaneTabs(LazyComponentStyles, Widget, can_focus=True):
    """A row of pane titles over a bar that underlines the active one."""

    # The looks of Textual's Tabs, Tab and Underline (textual 8.2.8), as component classes.
    DEFAULT_CSS = """
    PaneTabs {
        width: 1fr;
        height: 2;
        & > .pane-tabs--tab {
            color: $foreground 50%;
        }
        & > .pane-tabs--hover, & > .pane-tabs--active {
            color: $foreground;
        }
        & > .pane-tabs--bar {
            color: $foreground 10%;
        }
        & > .pane-tabs--highlight {
            color: $block-cursor-background;
        }
        &:focus {
            & > .pane-tabs--bar {
                color: $foreground 30%;
            }
            & > .pane-tabs--active {
                text-style: $block-cursor-text-style;
                color: $block-cursor-foreground;
                background: $block-cursor-background;
            }
        }
        &:ansi {
            & > .pane-tabs--tab {
                text-style: dim;
            }
            & > .pane-tabs--active {
                text-style: not dim bold;
            }
            & > .pane-tabs--bar {
                color: $border-blurred;
            }
        }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {TAB, ACTIVE, HOVER, BAR, HIGHLIGHT}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "step(-1)", "Previous tab", show=False),
        Binding("right", "step(1)", "Next tab", show=False),
    ]
    ALLOW_SELECT = False

    class Picked(Message):
        """The user asked for the pane `name` (a click, or left / right on the strip)."""

        def __init__(self, tabs: PaneTabs, name: str) -> None:
            super().__init__()
            self.tabs = tabs
            self.name = name

        @property
        def control(self) -> PaneTabs:
            """The strip that was used."""
            return self.tabs

    def __init__(
        self, titles: list[tuple[str, str]], active: str, *, id: str | None = None
    ) -> None:
        """`titles` are (pane name, title) pairs in order; `active` names the one shown."""
        super().__init__(id=id)
        self._names = [name for name, _ in titles]
        self._titles = [title for _, title in titles]
        # Where each title starts: a title is drawn with a space either side.
        self._starts: list[int] = []
        x = 0
        for title in self._titles:
            self._starts.append(x)
            x += len(title) + 2
        self._width = x
        self._active = self._names.index(active)
        self._hover: int | None = None
        self._scroll = 0

    @property
    def active(self) -> str:
        """The name of the pane whose title is underlined."""
        return self._names[self._active]

    @active.setter
    def active(self, name: str) -> None:
        index = self._names.index(name)
        if index != self._active:
            self._active = index
            self._scroll_to_active()
            self.refresh()

    def _scroll_to_active(self) -> None:
        # Centre the active title when the titles do not fit (as Tabs scrolls them).
        room = self.size.width
        if room <= 0 or self._width <= room:
            self._scroll = 0
            return
        start = self._starts[self._active]
        middle = start + (len(self._titles[self._active]) + 2) / 2
        self._scroll = max(0, min(self._width - room, round(middle - room / 2)))

    def on_resize(self) -> None:
        """Keep the active title in view."""
        self._scroll_to_active()

    def render(self) -> Content:
        """The titles, then the bar (cropped to the scroll offset)."""
        room = max(self.size.width, 1)
        parts: list[tuple[str, str]] = []
        for index, title in enumerate(self._titles):
            style = f".{TAB}"
            if index == self._active:
                style += f" .{ACTIVE}"
            elif index == self._hover:
                style += f" .{HOVER}"
            parts.append((f" {title} ", style))
        titles = Content.assemble(*parts)
        total = max(self._width, room)
        start = self._starts[self._active] + 1
        end = start + len(self._titles[self._active])
        bar = Content.assemble(
            (_BAR * (start - 1) + _HALF_RIGHT, f".{BAR}"),
            (_BAR * (end - start), f".{HIGHLIGHT}"),
            (_HALF_LEFT + _BAR * (total - end - 1) if end < total else "", f".{BAR}"),
        )
        left, right = self._scroll, self._scroll + room
        return Content("\n").join(
            [titles[left:right].pad_right(room - len(titles[left:right])), bar[left:right]]
        )

    def _index_at(self, x: int) -> int | None:
        x += self._scroll
        for index, start in enumerate(self._starts):
            if start <= x < start + len(self._titles[index]) + 2:
                return index
        return None

    def on_click(self, event: events.Click) -> None:
        """A click on a title, or on the bar under it, asks for that pane."""
        event.stop()
        index = self._index_at(event.x)
        self.focus()
        if index is not None:
            self.post_message(self.Picked(self, self._names[index]))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Brighten the title under the pointer."""
        index = self._index_at(event.x) if event.y == 0 else None
        if index != self._hover:
            self._hover = index
            self.refresh()

    def on_leave(self) -> None:
        """No title is under the pointer any more."""
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def action_step(self, step: int) -> None:
        """Ask for the pane before (-1) or after (1) the active one, wrapping round."""
        self.post_message(self.Picked(self, self._names[(self._active + step) % len(self._names)]))
