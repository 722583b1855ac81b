"""Provides DraftBar: the line above the panes naming the draft, its state and where it goes;
and DraftBarSketch, which draws it in the composer's first frame."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.style import Style as VisualStyle
from textual.widget import Widget
from textual.widgets import Static

from connect_tui.core import local_sandbox
from connect_tui.core.model import Target
from connect_tui.ui.lazy_styles import LazyComponentStyles

DIRTY = "-dirty"
SENDING = "-sending"
AWS = "-aws"


class DraftBar(Horizontal):
    """The draft's name, a `●` while it has unsaved changes, its target and a status.

    Extra widgets given to the constructor (the operation switch) sit at the right end.
    Every text it shows is the user's own and is shown literally, never as markup.
    """

    DEFAULT_CSS = """
    DraftBar {
        height: 1;
        background: $panel;
        padding: 0 1;
    }
    DraftBar > Static {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    DraftBar > .draft-bar--name {
        width: auto;
        text-style: bold;
        color: $text;
    }
    DraftBar > .draft-bar--dirty {
        width: 2;
        padding-left: 1;
        color: $text-warning;
        display: none;
    }
    DraftBar > .draft-bar--target {
        width: auto;
        padding-left: 2;
        color: $text-muted;
    }
    DraftBar.-aws > .draft-bar--target {
        color: $text-accent;
        text-style: bold;
    }
    DraftBar > .draft-bar--status {
        width: 1fr;
        padding-left: 2;
        color: $text-accent;
    }
    DraftBar.-sending > .draft-bar--status {
        text-style: bold reverse;
    }
    """

    def __init__(self, *children: Widget, id: str | None = None) -> None:
        super().__init__(id=id)
        self._extra_widgets = children
        self._name_label = Static("", classes="draft-bar--name", markup=False)
        self._dirty_mark = Static("●", classes="draft-bar--dirty", markup=False)
        self._target_label = Static("", classes="draft-bar--target", markup=False)
        self._status_label = Static("", classes="draft-bar--status", markup=False)
        self._target: Target | None = None

    def on_mount(self) -> None:
        """Follow a standalone sandbox that starts or stops while the composer is open."""
        self.set_interval(2.0, self._refresh_target)

    def _refresh_target(self) -> None:
        if self._target is not None and self._target.is_sandbox:
            self.show_target(self._target)

    def compose(self) -> ComposeResult:
        yield self._name_label
        yield self._dirty_mark
        yield self._target_label
        yield self._status_label
        yield from self._extra_widgets

    @property
    def name_text(self) -> str:
        """The draft name as shown."""
        return str(self._name_label.content)

    @property
    def status_text(self) -> str:
        """The status as shown (it may be cut short on a narrow screen)."""
        return str(self._status_label.content)

    @property
    def target_text(self) -> str:
        """The target description as shown."""
        return str(self._target_label.content)

    def show_name(self, name: str) -> None:
        """Show the draft's name (literally)."""
        self._name_label.update(Content(name))
        self._dirty_mark.tooltip = "unsaved changes (ctrl+s saves)"

    def show_dirty(self, dirty: bool) -> None:
        """Show or hide the unsaved-changes marker.

        The marker is shown and hidden itself, and the bar's `-dirty` class only says so
        (no style depends on it): a class on the bar restyled everything in it, the
        operation switch too, 1.2 ms of the key that changed a saved draft."""
        self.set_class(dirty, DIRTY, update=False)
        self._dirty_mark.display = dirty

    def show_target(self, target: Target) -> None:
        """Show where the draft is sent; a real AWS target stands out."""
        # No URL: the sandbox found when sending, a running standalone one (its URL is
        # shown), else the embedded one.
        self._target = target
        running = None
        if target.is_sandbox and not target.endpoint_url:
            running = local_sandbox.running_url()
        embedded = target.is_sandbox and not (target.endpoint_url or running)
        text = f"→ {target.describe(running, embedded=embedded)}"
        if text != str(self._target_label.content):  # an update lays out the whole screen
            self._target_label.update(Content(text))
        self.set_class(not target.is_sandbox, AWS)

    def show_status(self, text: str, *, sending: bool = False) -> None:
        """Show a short status (such as `sending…`), or clear it with ""."""
        self._status_label.update(Content(text))
        self.set_class(sending, SENDING)


class DraftBarSketch(LazyComponentStyles, Widget):
    """The draft bar as the composer's first frame shows it, drawn by one widget.

    A DraftBar is six widgets (a row of four Statics and the operation switch); the first
    frame shows this in its place, drawn from that bar's own state (filled, not mounted)
    and the switch's own rendering, until the real bar replaces it right after the frame
    (connect_tui.ui.screens.first_frame). `fits` says where it draws the bar exactly: the
    name, the target and the switch on one line with the status's room to spare.
    """

    # DraftBar's looks above, as component classes of this one widget.
    DEFAULT_CSS = """
    DraftBarSketch {
        height: 1;
        background: $panel;
        padding: 0 1;
        & > .draft-bar-sketch--name {
            text-style: bold;
            color: $text;
        }
        & > .draft-bar-sketch--dirty {
            color: $text-warning;
        }
        & > .draft-bar-sketch--target {
            color: $text-muted;
        }
        & > .draft-bar-sketch--aws {
            color: $text-accent;
            text-style: bold;
        }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "draft-bar-sketch--name",
        "draft-bar-sketch--dirty",
        "draft-bar-sketch--target",
        "draft-bar-sketch--aws",
    }

    def __init__(self, bar: DraftBar, switch: Widget, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._bar = bar
        self._switch = switch

    @staticmethod
    def fits(bar: DraftBar, switch: Widget, width: int) -> bool:
        """True when `bar` (filled) and `switch` fit on a screen `width` columns wide with
        nothing cut and no status: then the sketch draws the bar exactly."""
        used = 2 + cell_len(bar.name_text) + 2 * bar.has_class(DIRTY)  # the bar's padding
        used += 2 + cell_len(bar.target_text) + 2  # the status's padding
        used += 2 + _switch_content(switch).cell_length
        return not bar.status_text and used <= width

    def render(self) -> Content:
        """The name, the unsaved mark, the target, the status's room, then the switch."""
        bar = self._bar
        style = self.get_visual_style
        parts: list[Content | tuple[str, VisualStyle] | str] = [
            (bar.name_text, style("draft-bar-sketch--name"))
        ]
        if bar.has_class(DIRTY):
            parts += [" ", ("●", style("draft-bar-sketch--dirty"))]
        target = "draft-bar-sketch--aws" if bar.has_class(AWS) else "draft-bar-sketch--target"
        parts += ["  ", (bar.target_text, style(target))]
        switch = _switch_content(self._switch)
        line = Content.assemble(*parts)
        room = self.content_size.width - line.cell_length - switch.cell_length - 2
        return Content.assemble(line, " " * max(0, room), " ", switch, " ")


def _switch_content(switch: Widget) -> Content:
    """What the operation switch draws (its own render, unfocused)."""
    content = switch.render()
    assert isinstance(content, Content)
    return content
